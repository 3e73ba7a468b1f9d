#!/usr/bin/env bats
# vnetctl trace, the packet described and the way back: proto, ports, size,
# df, mark and iif; the reply traced home; sizes, neighbours, macvlan modes,
# impairment; --verify's probe against ping and nc.  Each broken lab names
# its stop (namespace, device, cause) and has a healthy twin that is
# reached; the kernel (ip route get, ping, sysctl) is the second witness.

load helpers
load trace-lab

export BATS_TEST_TIMEOUT=${BATS_TEST_TIMEOUT:-180}

setup() { clean_netns; }
teardown() { clean_netns; }

# A square: a reaches c through b1, c answers through b2 (asymmetric).
square() {
	ns a b1 b2 c
	link a a-b1 b1 b1-a 10.1.1.1/24 10.1.1.2/24
	link b1 b1-c c c-b1 10.2.1.1/24 10.2.1.2/24
	link a a-b2 b2 b2-a 10.1.2.1/24 10.1.2.2/24
	link b2 b2-c c c-b2 10.2.2.1/24 10.2.2.2/24
	ip netns exec b1 sysctl -qw net.ipv4.ip_forward=1
	ip netns exec b2 sysctl -qw net.ipv4.ip_forward=1
	ip -n a route add 10.2.0.0/16 via 10.1.1.2
	ip -n b1 route add 10.1.0.0/16 via 10.1.1.1
	ip -n b2 route add 10.1.0.0/16 via 10.1.2.1
	ip -n c route add 10.1.0.0/16 via 10.2.2.1
}

# The trace stops in namespace NS at device DEV: status 1 (or STATUS), one
# error line with the reason REGEX, and a STOP hop in NS at DEV saying it.
stops() { # NS DEV REGEX [STATUS]
	local line="^vnetctl: trace [^ ]*: $1: $3" hop="^$1 +$2 +STOP: $3"
	assert_equal "$status" "${4:-1}"
	assert_equal "$(grep -c . <<<"$err")" 1
	[[ "$err" =~ $line ]] || fail "error line: $err"
	grep -Eq "$hop" <<<"$output" || fail "no STOP at $1 $2: $output"
}

pings() { ip netns exec "$1" ping -c1 -W1 "${@:3}" "$2" >/dev/null 2>&1; }

# ---- the packet described ------------------------------------------------------

@test "the packet: the default is a 64-byte ICMP echo, and JSON describes it" {
	chain
	trace -j -n a trace 10.2.0.2
	assert_success
	assert_equal "$(jq -c '.packet' <<<"$output")" \
		'{"src":"10.1.0.1","proto":"icmp","icmp_type":8,"size":64,"df":false}'
	assert_equal "$(jq -r '.reached, .back.reached, .back.dst, .back.src' <<<"$output")" \
		"$(printf 'true\ntrue\n10.1.0.1\n10.2.0.2')"
	assert_equal "$(jq -r '.back.hops[-1].netns' <<<"$output")" a
}

@test "policy routing by mark, by protocol and port: the lookup honours them" {
	chain
	# a second way out of a: a table that only marked or ssh packets take
	link a a-x b b-x 10.9.0.1/24 10.9.0.2/24
	ip -n a route add default via 10.9.0.2 table 100
	ip -n a rule add fwmark 0x7 lookup 100
	ip -n a rule add ipproto tcp dport 22 lookup 100
	assert_equal "$(ip -n a -j route get 10.2.0.2 mark 7 | jq -r '.[0].dev')" a-x
	assert_equal "$(ip -n a -j route get 10.2.0.2 ipproto tcp dport 22 | jq -r '.[0].dev')" a-x
	trace -n a trace 10.2.0.2 mark 7 oneway
	assert_success
	assert_line --regexp '^a +a-x +route via 10.9.0.2, table 100$'
	trace -n a trace 10.2.0.2 proto tcp dport 22 oneway
	assert_success
	assert_line --regexp '^a +a-x +route via 10.9.0.2, table 100$'
	# the twins: no mark, another port
	trace -n a trace 10.2.0.2 proto tcp dport 80 oneway
	assert_success
	assert_line --regexp '^a +a-b +route via 10.1.0.2, table main$'
	trace -n a trace 10.2.0.2 oneway
	assert_line --regexp '^a +a-b +route via 10.1.0.2, table main$'
	# a protocol the kernel's lookup does not read (RTA_IP_PROTO takes
	# tcp, udp and icmp) is traced by its addresses and mark
	trace -n a trace 10.2.0.2 proto 47 mark 7 oneway
	assert_success
	assert_line --regexp '^trace to 10.2.0.2 from 10.9.0.1: 47, 64 bytes, mark 0x7$'
	assert_line --regexp '^a +a-x +route via 10.9.0.2, table 100$'
}

@test "iif: the packet comes in by a device, forwarded from there" {
	chain
	trace -n b trace 10.2.0.2 from 10.1.0.1 iif b-a oneway
	assert_success
	assert_line --regexp '^b +b-c +route \(forwarded\) \(direct\), table main$'
	assert_equal "$(ip -n b -j route get 10.2.0.2 from 10.1.0.1 iif b-a | jq -r '.[0].dev')" b-c
}

# ---- the way back --------------------------------------------------------------

@test "missing way back: c has no route to a; its twin with the route is reached" {
	chain
	trace -n a trace 10.2.0.2 --verify
	assert_success
	assert_line --regexp '^back to 10.1.0.1 from 10.2.0.2$'
	assert_line --regexp '^a +a-b +local: 10.1.0.1 is this namespace.s \(delivered\)$'
	assert_line 'verify: the probe arrived in c, its reply came back: as predicted'
	pings a 10.2.0.2
	ip -n c route del default
	run ip -n c route get 10.1.0.1
	assert_failure
	trace -n a trace 10.2.0.2 --verify
	stops c - 'the way back: no route to 10.1.0.1'
	assert_line 'verify: the probe arrived in c, its reply did not come back: as predicted'
	run pings a 10.2.0.2
	assert_failure
	# the way there alone is reached
	trace -n a trace 10.2.0.2 oneway
	assert_success
	refute_line --regexp '^back to'
}

@test "asymmetric routes: there through b1, back through b2" {
	square
	trace -n a trace 10.2.1.2 --verify
	assert_success
	there=$(sed -n '2,/^$/p' <<<"$output")
	back=$(sed -n '/^back to/,$p' <<<"$output")
	grep -Eq '^b1 ' <<<"$there" || fail "not through b1: $there"
	grep -Eq '^b2 ' <<<"$back" || fail "not back through b2: $back"
	grep -Eq '^b1 ' <<<"$back" && fail "back through b1: $back"
	assert_equal "$(ip -n c -j route get 10.1.1.1 | jq -r '.[0].gateway')" 10.2.2.1
	pings a 10.2.1.2
}

@test "rp_filter on the way back: a drops the reply that comes in by a-b2" {
	square
	ip netns exec a sysctl -qw net.ipv4.conf.all.rp_filter=1 net.ipv4.conf.a-b2.rp_filter=1
	run ip -n a route get 10.1.1.1 from 10.2.1.2 iif a-b2
	assert_failure
	trace -n a trace 10.2.1.2 --verify
	stops a a-b2 'the way back: rp_filter on a-b2 drops it'
	assert_line --regexp 'its reply did not come back: as predicted'
	run pings a 10.2.1.2
	assert_failure
	# the twin: loose rp_filter lets the reply in
	ip netns exec a sysctl -qw net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.a-b2.rp_filter=2
	trace -n a trace 10.2.1.2 --verify
	assert_success
	pings a 10.2.1.2
}

# ---- size, neighbours, macvlan ------------------------------------------------------

@test "MTU with df stops at b's smaller device; without df it fragments and arrives" {
	chain
	ip -n b link set b-c mtu 1000
	ip -n c link set c-b mtu 1000
	trace -n a trace 10.2.0.2 size 1400 df --verify
	stops b b-c 'the packet \(1400 bytes\) is larger than the MTU of b-c \(1000\), and df forbids'
	assert_line 'verify: the probe did not arrive: as predicted'
	run pings a 10.2.0.2 -s 1372 -M do
	assert_failure
	# the twin: the same size, fragments allowed
	trace -n a trace 10.2.0.2 size 1400 --verify
	assert_success
	assert_line --regexp 'fragmented: 1400 bytes into pieces of at most 1000'
	assert_line --regexp 'its reply came back: as predicted'
	pings a 10.2.0.2 -s 1372 -M dont
}

@test "a FAILED neighbour stops the packet; the reachable twin does not" {
	chain
	ip -n a route replace default via 10.1.0.77
	run pings a 10.2.0.2
	assert_failure
	for _ in $(seq 50); do
		ip -n a neigh show 10.1.0.77 | grep -q FAILED && break
		sleep 0.1
	done
	assert_equal "$(ip -n a -j neigh show 10.1.0.77 | jq -r '.[0].state[0]')" FAILED
	trace -n a trace 10.2.0.2 --verify
	stops a a-b 'the neighbour 10.1.0.77 on a-b is FAILED'
	assert_line 'verify: the probe did not arrive: as predicted'
	# the twin: the right gateway, answered
	ip -n a route replace default via 10.1.0.2
	pings a 10.2.0.2
	trace -n a trace 10.2.0.2 --verify
	assert_success
}

@test "an INCOMPLETE neighbour is a warning, not a stop" {
	chain
	ip -n a neigh add 10.1.0.2 dev a-b nud incomplete 2>/dev/null ||
		skip "this kernel refuses an incomplete entry made by hand"
	trace -j -n a trace 10.2.0.2 oneway
	assert_success
	assert_equal "$(jq -r '[.hops[] | select(.may_stop)][0].decision' <<<"$output")" \
		"may stop: the neighbour 10.1.0.2 on a-b is INCOMPLETE (asked for, no answer yet)"
}

# mvlab MODE: x and y each hold a macvlan of lan's l0, 10.5.0.1 and 10.5.0.2
mvlab() {
	ns lan x y
	ip -n lan link add l0 type veth peer name l1
	ip -n lan link set l0 up
	ip -n lan link set l1 up
	ip -n lan link add m1 link l0 type macvlan mode "$1"
	ip -n lan link add m2 link l0 type macvlan mode "$1"
	ip -n lan link set m1 netns x
	ip -n lan link set m2 netns y
	ip -n x addr add 10.5.0.1/24 dev m1
	ip -n y addr add 10.5.0.2/24 dev m2
	ip -n x link set m1 up
	ip -n y link set m2 up
}

@test "macvlan private keeps two siblings apart; in bridge mode they meet" {
	need() { kernel_knows_kind macvlan || skip "this kernel has no macvlan (the VM has)"; }
	need
	mvlab private
	assert_equal "$(ip -n x -j -d link show m1 | jq -r '.[0].linkinfo.info_data.mode')" private
	trace -n x trace 10.5.0.2 --verify
	stops y m2 'macvlan m1 and m2 share a lower device, and m1 is private'
	assert_line 'verify: the probe did not arrive: as predicted'
	run pings x 10.5.0.2
	assert_failure
	clean_netns
	mvlab bridge
	trace -n x trace 10.5.0.2 --verify
	assert_success
	assert_line --regexp '^y +m2 +macvlan: from sibling m1 on the same lower device, in$'
	pings x 10.5.0.2
}

# iplab FLAG: x and y each hold an ipvlan (l2, FLAG) of lan's l0
iplab() {
	ns lan x y
	ip -n lan link add l0 type veth peer name l1
	ip -n lan link set l0 up
	ip -n lan link set l1 up
	ip -n lan link add i1 link l0 type ipvlan mode l2 "$1"
	ip -n lan link add i2 link l0 type ipvlan mode l2 "$1"
	ip -n lan link set i1 netns x
	ip -n lan link set i2 netns y
	ip -n x addr add 10.5.0.1/24 dev i1
	ip -n y addr add 10.5.0.2/24 dev i2
	ip -n x link set i1 up
	ip -n y link set i2 up
}

@test "ipvlan private keeps two siblings apart; in bridge mode they meet" {
	require_kind ipvlan
	iplab private
	trace -n x trace 10.5.0.2 --verify
	stops y i2 'ipvlan i1 and i2 share a lower device, and i1 is private'
	assert_line 'verify: the probe did not arrive: as predicted'
	run pings x 10.5.0.2
	assert_failure
	clean_netns
	iplab bridge
	trace -n x trace 10.5.0.2 --verify
	assert_success
	pings x 10.5.0.2
}

# vlanlab: bridge br in sw filters VLANs; a (10.7.0.1) behind sw-a, b
# (10.7.0.2) behind sw-b, both ports untagged members of VLAN 1 (PVID).
vlanlab() {
	ns sw a b
	ip -n sw link add name br type bridge vlan_filtering 1
	ip -n sw link set dev br up # "br" alone is ip's broadcast
	local n
	for n in a b; do
		ip link add "$n-sw" netns "$n" type veth peer name "sw-$n" netns sw
		ip -n sw link set "sw-$n" master br
		ip -n sw link set "sw-$n" up
		ip -n "$n" link set "$n-sw" up
	done
	ip -n a addr add 10.7.0.1/24 dev a-sw
	ip -n b addr add 10.7.0.2/24 dev b-sw
	timeout 20 bash -c 'until ip -n sw -d link show sw-b | grep -q "state forwarding" &&
		ip -n sw -d link show sw-a | grep -q "state forwarding"; do sleep 0.1; done' || true
}

@test "VLAN membership: a port lacking the frame's VLAN stops it; its twin is reached" {
	require_vlan_filtering
	vlanlab
	trace -n a trace 10.7.0.2 --verify
	assert_success
	assert_line --regexp '^sw +sw-b +VLAN 1 \(the PVID of sw-a\), out untagged$'
	# sw-b leaves VLAN 1 for VLAN 20: a's frames (PVID 1) never reach it
	bridge -n sw vlan del dev sw-b vid 1
	bridge -n sw vlan add dev sw-b vid 20 pvid untagged
	assert_equal "$(bridge -n sw -j vlan show dev sw-b | jq -c '[.[0].vlans[].vlan]')" '[20]'
	trace -n a trace 10.7.0.2 --verify
	stops sw sw-b 'sw-b is not in VLAN 1: bridge br does not forward the frame from sw-a there'
	assert_line 'verify: the probe did not arrive: as predicted'
	run pings a 10.7.0.2
	assert_failure
	# the twin: sw-a in VLAN 20 too (and a asks for b's MAC afresh)
	ip -n a neigh flush dev a-sw
	bridge -n sw vlan del dev sw-a vid 1
	bridge -n sw vlan add dev sw-a vid 20 pvid untagged
	trace -n a trace 10.7.0.2 --verify
	assert_success
	pings a 10.7.0.2
}

@test "VLAN: a port without a PVID drops untagged frames; a tagged port needs a vlan device" {
	require_vlan_filtering
	require_kind vlan
	vlanlab
	bridge -n sw vlan del dev sw-a vid 1
	trace -n a trace 10.7.0.2
	stops sw sw-a 'sw-a has no PVID on bridge br: an untagged frame is dropped'
	bridge -n sw vlan add dev sw-a vid 1 pvid untagged
	# sw-b sends VLAN 1 tagged: b takes it in by a vlan device, or not at all
	bridge -n sw vlan add dev sw-b vid 1
	trace -n a trace 10.7.0.2 oneway
	stops b b-sw 'the frame comes in tagged with VLAN 1, and no vlan device on b-sw takes it'
	ip -n b addr flush dev b-sw
	ip -n b link add link b-sw name b-sw.1 type vlan id 1
	ip -n b addr add 10.7.0.2/24 dev b-sw.1
	ip -n b link set b-sw.1 up
	trace -n a trace 10.7.0.2 --verify
	assert_success
	assert_line --regexp '^b +b-sw.1 +VLAN 1: in by vlan device b-sw.1$'
	pings a 10.7.0.2
}

@test "impairment: each hop's netem and the path's sum" {
	require_qdisc netem
	chain
	ip netns exec a tc qdisc add dev a-b root netem delay 20ms loss 1%
	ip netns exec b tc qdisc add dev b-c root netem delay 10ms loss 2%
	trace -n a trace 10.2.0.2 oneway
	assert_success
	assert_line --regexp '^a +a-b +impaired: delay 20ms loss 1%$'
	assert_line --regexp '^b +b-c +impaired: delay 10ms loss 2%$'
	assert_line --regexp '^impairment of the path: delay 30ms loss 2.98% \(a/a-b: delay 20ms loss 1%; b/b-c: delay 10ms loss 2%\)$'
	trace -j -n a trace 10.2.0.2 oneway
	assert_equal "$(jq -r '.impair.delay_us, .impair.devices' <<<"$output")" "$(printf '30000\n2')"
	assert_equal "$(jq -r '.hops[] | select(.impair) | .impair.delay_us' <<<"$output")" \
		"$(printf '20000\n10000')"
}

# ---- --verify -----------------------------------------------------------------------

@test "--verify: tcp and udp probes agree with nc" {
	require_tool nc
	chain
	ip netns exec c nc -l -p 2222 >/dev/null 2>&1 &
	ncpid=$!
	sleep 0.3
	trace -n a trace 10.2.0.2 proto tcp dport 2222 --verify
	kill "$ncpid" 2>/dev/null || true
	assert_success
	assert_line 'verify: the probe arrived in c, its reply came back: as predicted'
	trace -n a trace 10.2.0.2 proto udp dport 5353 --verify
	assert_success
	assert_line 'verify: the probe arrived in c, its reply came back: as predicted'
	ip netns exec a nc -z -w1 10.2.0.2 2222 || true
}

@test "--verify: a's own address is heard in a, the starting namespace" {
	chain
	trace -n a trace 10.1.0.1 --verify
	assert_success
	assert_line --regexp '^a +lo +local: 10.1.0.1 is this namespace.s \(delivered\)$'
	assert_line 'verify: the probe arrived in a, its reply came back: as predicted'
}

@test "--verify: a protocol without a reply is judged by its arrival alone" {
	chain
	trace -n a trace 10.2.0.2 proto 47 --verify
	assert_success
	assert_line 'verify: the probe arrived in c: as predicted'
	ip -n b route add blackhole 10.2.0.2/32
	trace -n a trace 10.2.0.2 proto 47 --verify
	stops b b-a 'no route to 10.2.0.2: a blackhole route'
	assert_line 'verify: the probe did not arrive: as predicted'
	run pings a 10.2.0.2
	assert_failure
}

@test "--verify: the kernel disagrees (c ignores echoes): exit 3, one line" {
	chain
	ip netns exec c sysctl -qw net.ipv4.icmp_echo_ignore_all=1
	run pings a 10.2.0.2
	assert_failure
	trace -n a trace 10.2.0.2 --verify
	assert_equal "$status" 3
	assert_equal "$(grep -c . <<<"$err")" 1
	assert_equal "$err" "vnetctl: trace 10.2.0.2: the kernel disagrees with the prediction: the probe arrived in c, its reply did not come back"
	assert_line 'verify: the probe arrived in c, its reply did not come back: NOT as predicted'
	trace -j -n a trace 10.2.0.2 --verify
	assert_equal "$(jq -c '.verify' <<<"$output")" \
		'{"sent":true,"arrived":true,"netns":"c","replied":false,"agrees":false}'
}

@test "IPv6: echo and SYN probes agree; a forwarded packet above the MTU stops" {
	chain
	ip -n a addr add 2001:db8:1::1/64 dev a-b nodad
	ip -n b addr add 2001:db8:1::2/64 dev b-a nodad
	ip -n b addr add 2001:db8:2::1/64 dev b-c nodad
	ip -n c addr add 2001:db8:2::2/64 dev c-b nodad
	ip -n a route add default via 2001:db8:1::2
	ip -n c route add default via 2001:db8:2::1
	ip netns exec b sysctl -qw net.ipv6.conf.all.forwarding=1
	# the first probe of the lab: the neighbours are asked for meanwhile
	trace -n a trace 2001:db8:2::2 --verify
	assert_success
	assert_line --regexp '^trace to 2001:db8:2::2 from 2001:db8:1::1: icmp echo \(type 128\), 64 bytes$'
	assert_line 'verify: the probe arrived in c, its reply came back: as predicted'
	trace -n a trace 2001:db8:2::2 proto tcp dport 443 --verify
	assert_success
	assert_line 'verify: the probe arrived in c, its reply came back: as predicted'
	ip -n b link set b-c mtu 1280
	ip -n c link set c-b mtu 1280
	trace -n a trace 2001:db8:2::2 size 1400 --verify
	stops b b-c 'the packet \(1400 bytes\) is larger than the MTU of b-c \(1280\), and IPv6 routers do not fragment'
	assert_line 'verify: the probe did not arrive: as predicted'
	run pings a 2001:db8:2::2 -s 1352 -M do
	assert_failure
	# the probe taught a the path's MTU (b's packet too big): a fragments
	# now, as the sender may, and the route's MTU says so
	assert_equal "$(ip -n a -j -6 route get 2001:db8:2::2 | jq -r '.[0].metrics[0].mtu')" 1280
	trace -n a trace 2001:db8:2::2 size 1400 oneway
	assert_success
	assert_line --regexp '^a +a-b +fragmented: 1400 bytes into pieces of at most 1280 \(the route.s MTU on a-b\)$'
	pings a 2001:db8:2::2 -s 1352
}

# ---- read-only, bad input --------------------------------------------------------------

# Links, IPv4 routes and neighbours (an entry's address, device and MAC:
# its state ages by itself, and IPv6 adds its link-local routes when its
# DAD is done) of namespaces NS..., once every link has its carrier.
state() { # NS...
	local n
	for n in "$@"; do
		timeout 10 bash -c "while ip -n $n link | grep -q NO-CARRIER; do sleep 0.1; done"
		ip -n "$n" -j -d link show | jq -c 'map(del(.stats64, .stats))'
		ip -n "$n" -4 -j route show table all
		ip -n "$n" -4 -j neigh show | jq -c 'map({dst, dev, lladdr})'
	done
}

@test "trace changes nothing without --verify: links, routes, neighbours as before" {
	chain
	ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	pings a 10.2.0.2
	before=$(state a b c)
	trace -n a trace 10.2.0.2 size 1400 df
	trace -n a trace 10.2.0.2 proto udp dport 53
	trace -n a trace 10.2.0.2 mark 5 oneway
	assert_equal "$(state a b c)" "$before"
}

@test "bad input: exit 2, one line, nothing sent" {
	chain
	# IPv6's own solicitations would count: only trace may send here
	ip netns exec a sysctl -qw net.ipv6.conf.a-b.disable_ipv6=1
	before=$(state a)
	tx=$(ip -n a -j -s link show a-b | jq '.[0].stats64.tx.packets')
	run vn -n a trace 10.2.0.2 dport 80
	assert_error 2 'dport: a packet of protocol icmp has no ports'
	run vn -n a trace 10.2.0.2 proto icmp sport 5 --verify
	assert_error 2 'sport: a packet of protocol icmp has no ports'
	run vn -n a trace 10.2.0.2 size 0
	assert_error 2 'size'
	run vn -n a trace 10.2.0.2 size 65536
	assert_error 2 'size'
	run vn -n a trace 10.2.0.2 proto tcp size 30
	assert_error 2 'size 30: below the 40 bytes of the packet.s headers'
	run vn -n a trace 10.2.0.2 proto 256
	assert_error 2 'proto'
	run vn -n a trace 10.2.0.2 iif a-b
	assert_error 2 'iif a-b: a packet that comes in needs its source'
	run vn -n a trace 10.2.0.2 from 10.9.9.9 iif a-b --verify
	assert_error 2 'verify: a probe cannot be made to come in by a-b'
	run vn -n a trace 10.2.0.2 mark nope
	assert_error 2 'mark'
	run vn -n a trace 10.2.0.2 mark 4294967296
	assert_error 2 'mark'
	assert_equal "$(state a)" "$before"
	assert_equal "$(ip -n a -j -s link show a-b | jq '.[0].stats64.tx.packets')" "$tx"
}
