#!/usr/bin/env bats
# vnetctl as ip (vnetctl(8), UNDER IP'S NAME) for ip route and ip nexthop:
# each command line is given to iproute2's ip and to vnetctl called ip, each
# in a network namespace of its own set up the same way; the status, what
# each printed and the kernel's state after it (read by iproute2: every
# route of every table, every nexthop object) must be the same.
load helpers
bats_require_minimum_version 1.5.0

setup() {
	clean_netns
	shim_setup
	# the namespace each side starts from: a veth pair with addresses, and
	# the routes and nexthops of $EXTRA (iproute2's lines) added by ip
	cat >"$BATS_TEST_TMPDIR/start" <<-'END'
		ip() { /usr/sbin/ip "$@"; }
		ip link set lo up
		ip link add va type veth peer name vb
		# no link-local addresses: their routes come when the carrier
		# does, in no fixed order
		ip link set va addrgenmode none
		# and IPv6 on va alone: the multicast routes of two devices come
		# in no fixed order either
		sysctl -qw net.ipv6.conf.vb.disable_ipv6=1
		ip link set va up
		ip link set vb up
		ip addr add 10.0.0.2/24 dev va
		ip addr add 2001:db8::2/64 dev va nodad
		ip addr add 10.1.0.2/24 dev vb
	END
	printf '%s\n' "${EXTRA[@]}" >>"$BATS_TEST_TMPDIR/start"
}

# PROGRAM ARGS...: in a namespace of its own from $start, the status and
# output (stdout and stderr, blanks shown) of the command, and the kernel's
# routes and nexthops after it (but those it makes itself), by iproute2.
side() {
	unshare --net bash -c '
		. "$1"
		shift
		out=$("$@" 2>&1)
		echo "status $?"
		printf "%s\n" "$out" | cat -A
		echo "--- state"
		ip -d -4 route show table all | grep -v "proto kernel"
		ip -d -6 route show table all | grep -v "proto kernel\|^local\|^multicast ff00"
		ip -d nexthop show 2>&1' x "$BATS_TEST_TMPDIR/start" "$@"
}

# ARGS...: the same command line to ip and to vnetctl as ip, from the same
# start: the same status, output and state after.  A command line ip
# refuses (exit 255) must be refused and change nothing; its one line is
# vnetctl's own (ip's invarg wordings are not copied).
same_as_ip() {
	local want
	want=$(side "$REALIP" "$@" | usage_line)
	run side "$SHIM/ip" "$@"
	assert_equal "$(usage_line <<<"$output")" "$want"
}
# The lines of side, the one after "status 255" read as "(usage)".
usage_line() { awk 'NR == 2 && prev == "status 255" { $0 = "(usage)" } { print; prev = $0 }'; }

# LINE...: each a command line (words split on blanks), compared as above.
all_as_ip() {
	local line
	for line in "$@"; do
		# shellcheck disable=SC2086
		same_as_ip $line
	done
}

# ---- route show: text, -o, -d, -j --------------------------------------------

ROUTES=(
	'ip route add 10.30.0.0/16 nexthop via 10.0.0.254 weight 1 nexthop via 10.0.0.253 weight 2'
	'ip route add blackhole 10.5.0.0/16'
	'ip route add 10.6.0.0/16 via 10.0.0.1 mtu lock 1300 advmss 1200 rtt 12 rttvar 3 window 1000 features ecn congctl lock cubic quickack 1 realms 2/3'
	'ip -6 route add 2001:db8:5::/48 via 2001:db8::1 pref high'
	'ip -6 route add 2001:db8:30::/48 nexthop via 2001:db8::10 nexthop via 2001:db8::11 weight 3'
	'ip route add unreachable 10.7.0.0/16 metric 5'
	'ip route add prohibit 10.8.0.0/16 proto static'
	'ip route add throw 10.9.0.0/16 table 100'
	'ip route add 10.12.0.0/16 via 10.0.0.1 tos 0x10 realm 7'
	'ip -6 route add 2001:db8:9::/48 dev va hoplimit 5 initcwnd 10 initrwnd 20 rto_min 300ms ssthresh 4 cwnd 3 reordering 4 fastopen_no_cookie 1'
)

@test "route show, -6, -o, -d, -j of every kind of route print as ip prints them" {
	EXTRA=("${ROUTES[@]}")
	setup
	all_as_ip 'route show' '-6 route show' '-o route show' '-o -6 route show' \
		'-d route show table all' '-d -6 route show table all' '-j route show table all' \
		'-j -d -6 route show table all' 'route'
}

@test "route get prints as ip, cache line and all" {
	EXTRA=("${ROUTES[@]}")
	setup
	all_as_ip 'route get 10.0.0.1' 'route get 10.0.0.2' 'route get 10.30.1.1' \
		'-o route get 10.0.0.2' '-j route get 10.0.0.1' '-6 route get 2001:db8:5::1'
}

# ---- route add, del: the types, every metric, ip's other words ----------------

@test "a bare type before the prefix, every type, add and del, as ip" {
	all_as_ip 'route add blackhole 10.9.0.0/24' 'route add unreachable 10.9.0.0/24' \
		'route add prohibit 10.9.0.0/24 metric 4' 'route add throw 10.9.0.0/24 table 7' \
		'route add unicast 10.9.0.0/24 via 10.0.0.1' 'route add local 10.9.0.1 dev va' \
		'route add broadcast 10.9.0.255 dev va' 'route add multicast 224.1.0.0/16 dev va' \
		'route add anycast 10.9.0.0/24 dev va' 'route add nat 10.9.0.0/24 via 10.0.0.1' \
		'route add 10.9.0.0/24 via 10.0.0.1 blackhole' 'route del blackhole 10.77.0.0/16'
	EXTRA=('ip route add blackhole 10.77.0.0/16' 'ip route add unreachable 10.78.0.0/16')
	setup
	all_as_ip 'route del blackhole 10.77.0.0/16' 'route del unreachable 10.77.0.0/16' \
		'route del unreachable 10.78.0.0/16'
}

@test "every metric, with and without lock, as ip sends it" {
	local m
	for m in 'mtu 1400' 'mtu lock 1400' 'advmss 1200' 'window 1000' 'rtt 12' 'rtt 12ms' \
		'rtt 1.5s' 'rttvar 3' 'rttvar 3ms' 'reordering 4' 'hoplimit 5' 'initcwnd 10' \
		'initrwnd 10' 'features ecn' 'quickack 1' 'congctl cubic' 'congctl lock reno' \
		'fastopen_no_cookie 1' 'ssthresh 5' 'cwnd 5' 'rto_min 200ms' 'rto_min 2' \
		'window lock 100 rtt lock 5 hoplimit lock 3 ssthresh lock 3 cwnd lock 4' \
		'mtu 20' 'hoplimit 256' 'quickack 2' 'features lock ecn' 'rtt 5min' 'quickack lock 1'; do
		# shellcheck disable=SC2086
		same_as_ip route add 10.9.0.0/24 via 10.0.0.1 $m
	done
}

@test "protocol, preference, oif, via inet and inet6, expires, a route without next hop, as ip" {
	all_as_ip 'route add 10.9.0.0/24 via 10.0.0.1 protocol static' \
		'route add 10.9.0.0/24 via 10.0.0.1 proto 42' 'route add 10.9.0.0/24 via 10.0.0.1 proto bird' \
		'route add 10.9.0.0/24 via 10.0.0.1 preference 7' 'route add 10.9.0.0/24 oif va' \
		'route add 10.9.0.0/24 via inet 10.0.0.1' '-6 route add 2001:db8:9::/48 via inet6 2001:db8::1' \
		'route add 10.9.0.0/24 via inet6 fe80::1 dev va' 'route add 10.9.0.0/24 via fe80::1 dev va' \
		'-6 route add 2001:db8:9::/48 via 2001:db8::1 expires 300' \
		'-6 route add 2001:db8:9::/48 via 2001:db8::1 pref low' \
		'route add 10.9.0.0/24' 'route add 10.9.0.0/24 dev va' 'route add 10.9.0.0/24 nhid 10' \
		'route add 10.9.0.0/24 via 10.0.0.1 from 10.0.0.0/8' \
		'-6 route add 2001:db8:9::/48 from 2001:db8:1::/64 via 2001:db8::1'
}

# ---- show and flush selectors ---------------------------------------------------

@test "flush all empties table main as ip does; flush cache; the selectors src, realm, from, cached" {
	EXTRA=('ip route add 10.200.0.0/16 via 10.0.0.1 realm 5 src 10.0.0.2' 'ip route add default via 10.0.0.1'
		'ip route add blackhole 10.201.0.0/16 table 9' 'ip -6 route add 2001:db8:9::/48 via 2001:db8::1')
	setup
	all_as_ip 'route flush all' '-6 route flush all' 'route flush cache' '-6 route flush cache' \
		'route show all' 'route show any' 'route show default' 'route show src 10.0.0.2' \
		'route show src 10.0.0.0/24' '-j route show src 10.0.0.2' 'route show realm 5' \
		'route show realms 0/5' 'route show realm 6' 'route show from 10.0.0.0/8' \
		'-6 route show from ::/0' 'route show cached' '-6 route show cache' 'route flush table main' \
		'route flush table all type blackhole' 'route show table all'
}

# ---- ip nexthop ------------------------------------------------------------------

NEXTHOPS=('ip nexthop add id 1 via 10.0.0.1 dev va' 'ip nexthop add id 2 via 10.0.0.3 dev va onlink'
	'ip -6 nexthop add id 20 via 2001:db8::1 dev va')

@test "ip nexthop add, replace, del, flush as ip: the kernel's nexthops the same after" {
	EXTRA=("${NEXTHOPS[@]}")
	setup
	all_as_ip 'nexthop add id 5 blackhole' 'nexthop add id 7 dev va' '-6 nexthop add id 7 dev va' \
		'nexthop add id 8 via 10.0.0.4 fdb' 'nexthop add id 12 via 10.0.0.5 dev va proto static' \
		'nexthop add via 10.0.0.5 dev va' 'nexthop add id 1 via 10.0.0.1 dev va' \
		'nexthop replace id 1 via 10.0.0.9 dev va' 'nexthop add id 3 group 1/2' \
		'nexthop add id 4 group 1,5/2,11' 'nexthop add id 3 group 1/2 type resilient buckets 32' \
		'nexthop add id 3 group 1/2 type mpath' \
		'nexthop add id 3 group 1/2 type resilient buckets 8 idle_timer 30 unbalanced_timer 60' \
		'nexthop add id 3 group 1/99' 'nexthop add id 3 group 1,0/2' 'nexthop del id 1' \
		'nexthop delete id 1' 'nexthop del id 99' 'nexthop flush' 'nexthop flush dev va' \
		'-6 nexthop flush' 'nexthop flush id 1' 'route add 10.9.0.0/24 nhid 1' 'route add 10.9.0.0/24 nhid 99'
}

@test "ip nexthop show, -d, -j, get, ls as ip, and routes by nhid" {
	EXTRA=("${NEXTHOPS[@]}" 'ip nexthop add id 3 group 1/2' 'ip nexthop add id 4 group 1,5/2,11'
		'ip nexthop add id 5 blackhole' 'ip nexthop add id 8 via 10.0.0.4 fdb' 'ip nexthop add id 9 group 8 fdb'
		'ip nexthop add id 10 group 1/2 type resilient buckets 32' 'ip route add 10.50.0.0/16 nhid 3'
		'ip nexthop add id 12 via 10.0.0.5 dev va proto 4')
	setup
	all_as_ip 'nexthop show' '-d nexthop show' '-j nexthop show' 'nexthop get id 3' 'nexthop show id 3' \
		'nexthop show groups' 'nexthop show dev va' '-6 nexthop show' '-4 nexthop show' 'nexthop ls' \
		'nexthop' 'nexthop get id 99' 'route show' '-j route show' 'nexthop flush'
}

@test "route get with uid, ipproto, sport and dport, as ip" {
	EXTRA=('ip route add 10.200.0.0/16 via 10.0.0.1')
	setup
	all_as_ip 'route get 10.200.1.1 ipproto tcp sport 5 dport 80' 'route get 10.200.1.1 uid 5' \
		'-j route get 10.200.1.1 ipproto udp sport 5 dport 80' 'route get 10.200.1.1 ipproto 6' \
		'-6 route get 2001:db8::1 uid 7 ipproto tcp' 'route get 10.200.1.1 sport 70000'
}

# ---- ip's other words: priority, realm FROM/TO, ttl-propagate, prepend, show metric

@test "priority, realm FROM/TO, ttl-propagate, prepend and show metric, as ip" {
	all_as_ip 'route add 10.9.0.0/24 via 10.0.0.1 priority 100' \
		'route add 10.9.0.0/24 via 10.0.0.1 realm 3/4' 'route add 10.9.0.0/24 via 10.0.0.1 realm 7' \
		'route add 10.9.0.0/24 ttl-propagate enabled via 10.0.0.1' \
		'route add 10.9.0.0/24 ttl-propagate disabled via 10.0.0.1' \
		'route add 10.9.0.0/24 ttl-propagate bogus via 10.0.0.1' \
		'route prepend 10.9.0.0/24 via 10.0.0.1' '-6 route prepend 2001:db8:9::/48 via 2001:db8::1'
	EXTRA=('ip route add 10.9.0.0/24 via 10.0.0.1 metric 10' 'ip route add 10.8.0.0/24 via 10.0.0.1')
	setup
	all_as_ip 'route prepend 10.9.0.0/24 via 10.0.0.3' 'route show metric 10' 'route show priority 0' \
		'route show preference 10' '-j route show metric 10' 'route flush metric 10'
}

# Under vnetctl's name: the same words, the kernel's routes read by ip -j.
@test "vnetctl route: priority is the metric, realm takes FROM/TO, prepend adds before" {
	. "$BATS_TEST_TMPDIR/start"
	run vn route add 10.9.0.0/24 via 10.0.0.1 priority 100
	assert_success
	assert_equal "$(ip -j route show 10.9.0.0/24 | jq -c '.[0].metric')" 100
	run vn route add 10.8.0.0/24 via 10.0.0.1 realm 3/4
	assert_success
	assert_equal "$(ip -j route show 10.8.0.0/24 | jq -c '.[0].flow')" '{"from":"3","to":"4"}'
	run vn route prepend 10.8.0.0/24 via 10.0.0.3
	assert_success
	assert_equal "$(ip -j route show 10.8.0.0/24 | jq -c '[.[].gateway]')" '["10.0.0.3","10.0.0.1"]'
	run vn route show metric 100
	assert_success
	assert_output '10.9.0.0/24 via 10.0.0.1 dev va'
	run vn route show priority 7
	assert_output ''
}

@test "vnetctl route add ttl-propagate sends RTA_TTL_PROPAGATE; IPv4 takes it" {
	. "$BATS_TEST_TMPDIR/start"
	run vn -N route add 10.9.0.0/24 via 10.0.0.1 ttl-propagate enabled
	assert_success
	assert_line '  attr 26 (1 bytes) 01'
	run vn route add 10.9.0.0/24 via 10.0.0.1 ttl-propagate disabled
	assert_success
	assert_equal "$(ip -j route show 10.9.0.0/24 | jq -r '.[0].gateway')" 10.0.0.1
}

@test "bad priority, realm, ttl-propagate and metric selectors: one line, nothing changed" {
	. "$BATS_TEST_TMPDIR/start"
	local before
	before=$(ip -j route show table all)
	run vn route add 10.9.0.0/24 via 10.0.0.1 priority x
	assert_error 2 'invalid metric "x"'
	run vn route add 10.9.0.0/24 via 10.0.0.1 realm 3/x
	assert_error 2 'invalid realm "x"'
	run vn route add 10.9.0.0/24 via 10.0.0.1 realm 3 realms 4
	assert_error 2 'realm given twice'
	run vn route add 10.9.0.0/24 via 10.0.0.1 ttl-propagate bogus
	assert_error 2 'invalid ttl-propagate "bogus" \(expected disabled\|enabled\)'
	run vn route add 10.9.0.0/24 via 10.0.0.1 metric 5 priority 6
	assert_error 2 'metric given twice'
	run vn route prepend 10.9.0.0/24
	assert_error 2 'a route needs via GW'
	run vn route show metric x
	assert_error 2 'invalid metric "x"'
	assert_equal "$(ip -j route show table all)" "$before"
}

# ---- save: ip's binary stream ----------------------------------------------------

@test "ip route save by vnetctl as ip: ip's showdump reads the same routes as from ip's" {
	. "$BATS_TEST_TMPDIR/start"
	ip route add 10.9.0.0/24 via 10.0.0.1 metric 10
	ip route add 10.8.0.0/24 via 10.0.0.1
	local sel want
	for sel in '' 'table all' 'metric 10' 'dev va'; do
		# shellcheck disable=SC2086
		want=$("$REALIP" route save $sel | "$REALIP" route showdump)
		# shellcheck disable=SC2086
		run bash -c 'PATH="$1:$PATH" ip route save "${@:3}" | "$2" route showdump' x "$SHIM" "$REALIP" $sel
		assert_success
		assert_output "$want"
	done
	[ -n "$want" ]
}

@test "vnetctl route save: ip route showdump reads it back as the routes shown" {
	. "$BATS_TEST_TMPDIR/start"
	ip route add 10.9.0.0/24 via 10.0.0.1 metric 10
	vn route save >"$BATS_TEST_TMPDIR/saved"
	assert_equal "$(head -c 4 "$BATS_TEST_TMPDIR/saved" | od -An -tx4 | tr -d ' ')" 45311224
	run ip route showdump <"$BATS_TEST_TMPDIR/saved"
	assert_success
	assert_output "$(ip route show)"
	ip route flush table main
	ip route restore <"$BATS_TEST_TMPDIR/saved"
	assert_equal "$(ip -j route show 10.9.0.0/24 | jq -c '.[0] | [.gateway, .metric]')" '["10.0.0.1",10]'
}

@test "bad route save selectors are refused in one line, nothing written" {
	. "$BATS_TEST_TMPDIR/start"
	run --separate-stderr vn route save bogus
	assert_equal "$status" 2
	assert_equal "$output" ""
	assert_equal "$(grep -c . <<<"$stderr")" 1
	run vn route save metric x
	assert_error 2 'invalid metric "x"'
	# a terminal: refused, the stream is binary
	run script -qec "$VNETCTL route save" /dev/null
	assert_equal "$status" 2
	assert_output --partial 'vnetctl: route save: not writing a binary dump to a terminal'
}

# ---- encap (issue 20) ------------------------------------------------------------

@test "encap mpls and seg6 go as ip sends them: the same answer, the same routes after" {
	same_as_ip route add 10.1.1.0/30 encap mpls 200/300 ttl 5 via 10.0.0.1 dev va
	same_as_ip route add 10.1.1.0/30 encap mpls 200 via 10.0.0.1 dev va metric 5
	same_as_ip -6 route add 2001:db8:1::/64 encap seg6 mode encap segs 2001:db8:42::1,2001:db8:ffff::2 dev va
	same_as_ip -6 route add 2001:db8:1::/64 encap seg6 mode inline segs 2001:db8:42::1 hmac 7 dev va
	# the requests' bytes are ip's (iproute2 6.1's, read with strace):
	# label << 12, bottom of stack on the last; the segments last first
	run vn -N route add 10.1.1.0/30 encap mpls 200/300 ttl 5 via 10.0.0.1 dev lo
	assert_success
	assert_line '  RTA_ENCAP_TYPE 1'
	assert_line '  attr 22 (20 bytes) 0c 00 01 00 00 0c 80 00 00 12 c1 00 05 00 02 00 05 00 00 00'
	run vn -N -6 route add 2001:db8:1::/64 encap seg6 mode encap segs 2001:db8:42::1,2001:db8:ffff::2 dev lo
	assert_success
	assert_line '  RTA_ENCAP_TYPE 5'
	assert_line --partial '  attr 22 (48 bytes) 30 00 01 00 01 00 00 00 00 04 04 01 01 00 00 00 20 01 0d b8 ff ff'
}

@test "bad encap words are refused in one line and add nothing" {
	route_setup
	local before
	before=$(ip -j route show table all)
	for args in "encap" "encap bogus" "encap mpls" "encap mpls 1048576" "encap mpls 1/" \
		"encap mpls 5 mode inline" "encap seg6 mode inline" "encap seg6 segs 2001:db8::1 mode x" \
		"encap seg6 ttl 3" "encap mpls 5 seg6" "encap seg6 mode encap segs 10.0.0.1"; do
		# shellcheck disable=SC2086
		run vn route add 10.1.1.0/30 $args dev va
		assert_error 2 'route add 10.1.1.0/30: encap'
	done
	run vn route add 10.1.1.0/30 encap seg6 mode encap segs 10.0.0.1 dev va
	assert_output 'vnetctl: route add 10.1.1.0/30: encap segs: a segment is an IPv6 address'
	run vn route add 10.1.1.0/30 encap mpls 5 mode inline dev va
	assert_output "vnetctl: route add 10.1.1.0/30: encap mpls: mode is seg6's"
	assert_equal "$(ip -j route show table all)" "$before"
}

@test "show of a table that does not exist: the kernel's line, Dump terminated, -j's [ left open, as ip" {
	same_as_ip route show table 999
	same_as_ip -j route show table 999
	same_as_ip -j -p route show table 999
	same_as_ip -6 -j route show table 999
	same_as_ip route flush table 999
	# the bytes: stdout "[" alone, no newline; stderr two lines; exit 2
	unshare --net bash -c '
		PATH="$1:$PATH" ip -j route show table 999 >"$2/out" 2>"$2/err"
		echo $? >"$2/status"' x "$SHIM" "$BATS_TEST_TMPDIR"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/status")" 2
	assert_equal "$(od -An -c "$BATS_TEST_TMPDIR/out" | tr -d ' ')" '['
	run cat "$BATS_TEST_TMPDIR/err"
	assert_output $'Error: ipv4: FIB table does not exist.\nDump terminated'
	# under vnetctl's name, a table never used is an empty one
	run vn -j route show table 999
	assert_success
	assert_output '[]'
}
