#!/usr/bin/env bats
# vnetctl trace through the firewall: each lab is three namespaces r1 -- r2
# -- r3 (r2 forwards) broken in one way by nftables (or iptables) rules, and
# its healthy twin reached.  The stop names the namespace, table, chain, rule
# handle and the rule's text, which `nft -a list ruleset` is the witness of;
# trace changes no ruleset (`nft -j list ruleset` before and after).

load helpers

export BATS_TEST_TIMEOUT=${BATS_TEST_TIMEOUT:-180}

setup() {
	require_tool nft
	clean_netns
	lab
}

teardown() { clean_netns; }

# r1 10.1.0.1 -- 10.1.0.2 r2 10.2.0.1 -- 10.2.0.2 r3, default routes through r2
lab() {
	local n x
	for n in r1 r2 r3; do
		ip netns add "$n"
		ip -n "$n" link set lo up
	done
	ip link add r1-r2 netns r1 type veth peer name r2-r1 netns r2
	ip link add r2-r3 netns r2 type veth peer name r3-r2 netns r3
	ip -n r1 addr add 10.1.0.1/24 dev r1-r2
	ip -n r2 addr add 10.1.0.2/24 dev r2-r1
	ip -n r2 addr add 10.2.0.1/24 dev r2-r3
	ip -n r3 addr add 10.2.0.2/24 dev r3-r2
	for x in r1:r1-r2 r2:r2-r1 r2:r2-r3 r3:r3-r2; do
		ip -n "${x%%:*}" link set "${x#*:}" up
	done
	ip -n r1 route add default via 10.1.0.2
	ip -n r3 route add default via 10.2.0.1
	ip netns exec r2 sysctl -qw net.ipv4.ip_forward=1
}

nftin() { # NS ARGS...: nft in namespace NS
	local n=$1
	shift
	ip netns exec "$n" nft "$@"
}

rulesets() {
	local n
	for n in r1 r2 r3; do nftin "$n" -j list ruleset; done
}

# A rule's handle, from `nft -a -s list` of the chain: the line with TEXT.
handle_of() { # NS FAMILY TABLE CHAIN TEXT
	nftin "$1" -a -s list chain "$2" "$3" "$4" | grep -F -- "	$5 # handle" |
		sed 's/.*# handle //'
}

# trace [-j] from r1 to ADDR [WORDS...]; every namespace's ruleset is as it was
trace() { # [-j] ADDR [WORDS...]
	local e="$BATS_TEST_TMPDIR/err" before
	before=$(rulesets)
	local j=()
	if [ "$1" = -j ]; then
		j=(-j)
		shift
	fi
	run bash -c "\"\$@\" 2>'$e'" _ "$VNETCTL" "${j[@]}" -n r1 trace "$@"
	err=$(cat "$e")
	[ "$(rulesets)" = "$before" ] || fail "trace changed a ruleset"
}

# The trace stops in namespace NS: status 1, one error line with REGEX, and
# the last hop printed is the STOP, in NS, with the same reason.
stops() { # NS REGEX
	local line="^vnetctl: trace .*: $1: $2" last="^$1 +[^ ]+ +STOP: $2"
	assert_equal "$status" 1
	assert_equal "$(grep -c . <<<"$err")" 1
	[[ "$err" =~ $line ]] || fail "error line: $err"
	[[ "$(tail -n1 <<<"$output")" =~ $last ]] || fail "last hop: $output"
}

reached() { # ADDR: delivered in r3
	assert_success
	assert_equal "$err" ""
	assert_line --regexp "^r3 +r3-r2 +local: $1 is this namespace.s \(delivered\)$"
}

re() { # TEXT -> the regex matching it literally
	sed 's/[][\.*^$(){}+?|/]/\\&/g' <<<"$1"
}

forward_chain() { # POLICY
	nftin r2 add table inet f
	nftin r2 add chain inet f forward "{ type filter hook forward priority 0; policy $1; }"
}

@test "the issue's story: forward policy drop in r2 stops there; policy accept reaches r3" {
	forward_chain drop
	run ip netns exec r1 ping -c1 -W1 10.2.0.2
	assert_failure
	trace 10.2.0.2
	stops r2 'nftables inet f forward: policy drop$'
	# in JSON: not reached, the reason, and the stop as the last hop
	trace -j 10.2.0.2
	assert_equal "$(jq -r '.reached' <<<"$output")" false
	assert_equal "$(jq -r '.reason' <<<"$output")" "r2: nftables inet f forward: policy drop"
	assert_equal "$(jq -r '.hops[-1].decision' <<<"$output")" "STOP: nftables inet f forward: policy drop"
	nftin r2 add chain inet f forward '{ policy accept; }'
	trace 10.2.0.2
	reached 10.2.0.2
	run ip netns exec r1 ping -c1 -W2 10.2.0.2
	assert_success
}

@test "a drop rule on iifname names its handle and text; on another device it passes" {
	forward_chain accept
	nftin r2 add rule inet f forward iifname r2-r1 counter drop
	h=$(handle_of r2 inet f forward 'iifname "r2-r1" counter drop')
	[ -n "$h" ]
	trace 10.2.0.2
	stops r2 "nftables inet f forward, handle $h: iifname \"r2-r1\" counter drop$"
	nftin r2 flush chain inet f forward
	# a wildcard that names neither device, and oifname on the way there
	nftin r2 add rule inet f forward iifname 'eth*' drop
	nftin r2 add rule inet f forward oifname r2-r1 ip saddr 10.1.0.0/24 drop
	trace 10.2.0.2
	reached 10.2.0.2
}

@test "iif and oif (devices by index) are named in each namespace's own" {
	# r1's indexes differ from r2's: a name read in the wrong namespace
	# (a cache of libnftables kept across namespaces) would not match
	ip -n r1 link add x1 type veth peer name x2
	ip -n r1 link add x3 type veth peer name x4
	nftin r1 add table ip o
	nftin r1 add chain ip o out '{ type filter hook output priority 0; }'
	nftin r1 add rule ip o out oif r1-r2 counter
	forward_chain accept
	nftin r2 add rule inet f forward iif r2-r1 oif r2-r3 drop
	h=$(handle_of r2 inet f forward 'iif "r2-r1" oif "r2-r3" drop')
	[ -n "$h" ]
	i=$(ip -n r2 -j link show r2-r3 | jq '.[0].ifindex')
	[ "$(ip -n r1 -j link show | jq -r --argjson i "$i" '.[] | select(.ifindex == $i) | .ifname')" != r2-r3 ]
	trace 10.2.0.2
	stops r2 "nftables inet f forward, handle $h: iif \"r2-r1\" oif \"r2-r3\" drop$"
}

@test "tcp dport: a set of ports and a range stop port 80; port 8080 passes" {
	forward_chain accept
	nftin r2 add rule inet f forward tcp dport '{ 22, 80-90 }' drop
	h=$(handle_of r2 inet f forward 'tcp dport { 22, 80-90 } drop')
	[ -n "$h" ]
	trace 10.2.0.2 proto tcp dport 80
	stops r2 "nftables inet f forward, handle $h: tcp dport \{ 22, 80-90 \} drop$"
	trace 10.2.0.2 proto udp dport 80
	reached 10.2.0.2
	trace 10.2.0.2 proto tcp dport 8080
	reached 10.2.0.2
}

@test "a drop rule on an ip daddr prefix stops; another prefix passes" {
	forward_chain accept
	nftin r2 add rule inet f forward ip daddr 10.2.0.0/24 drop
	h=$(handle_of r2 inet f forward 'ip daddr 10.2.0.0/24 drop')
	trace 10.2.0.2
	stops r2 "nftables inet f forward, handle $h: ip daddr 10.2.0.0/24 drop$"
	nftin r2 flush chain inet f forward
	nftin r2 add rule inet f forward ip daddr 10.3.0.0/24 drop
	nftin r2 add rule inet f forward ip daddr 10.2.0.3-10.2.0.9 drop
	trace 10.2.0.2
	reached 10.2.0.2
}

@test "a named set of addresses: the destination in it stops, out of it passes" {
	forward_chain accept
	nftin r2 add set inet f bad '{ type ipv4_addr; flags interval; }'
	nftin r2 add element inet f bad '{ 10.2.0.2, 10.7.0.0/16 }'
	nftin r2 add rule inet f forward ip daddr @bad drop
	h=$(handle_of r2 inet f forward 'ip daddr @bad drop')
	trace 10.2.0.2
	stops r2 "nftables inet f forward, handle $h: ip daddr @bad drop$"
	nftin r2 delete element inet f bad '{ 10.2.0.2 }'
	trace 10.2.0.2
	reached 10.2.0.2
}

@test "protocols: an ICMP packet passes tcp dport 80 drop, and stops at meta l4proto icmp" {
	forward_chain accept
	nftin r2 add rule inet f forward tcp dport '{ 22, 80-90 }' drop
	nftin r2 add rule inet f forward udp sport 53 drop
	trace 10.2.0.2
	reached 10.2.0.2
	nftin r2 add rule inet f forward meta l4proto icmp icmp type echo-request drop
	h=$(handle_of r2 inet f forward 'icmp type echo-request drop')
	trace 10.2.0.2
	stops r2 "nftables inet f forward, handle $h: .*icmp type echo-request drop$"
}

@test "reject stops as drop does, naming the rule" {
	forward_chain accept
	nftin r2 add rule inet f forward ip saddr 10.1.0.1 reject
	h=$(handle_of r2 inet f forward 'ip saddr 10.1.0.1 reject with icmp port-unreachable')
	[ -n "$h" ]
	trace 10.2.0.2
	stops r2 "nftables inet f forward, handle $h: ip saddr 10.1.0.1 reject with icmp port-unreachable$"
	nftin r2 flush chain inet f forward
	nftin r2 add rule inet f forward ip saddr 10.1.0.9 reject
	trace 10.2.0.2
	reached 10.2.0.2
}

@test "a jump to a chain that drops names the chain jumped to" {
	forward_chain accept
	nftin r2 add chain inet f deny
	nftin r2 add rule inet f deny ip saddr 10.1.0.1 drop
	nftin r2 add rule inet f forward jump deny
	h=$(handle_of r2 inet f deny 'ip saddr 10.1.0.1 drop')
	trace 10.2.0.2
	stops r2 "nftables inet f deny, handle $h: ip saddr 10.1.0.1 drop$"
	nftin r2 flush chain inet f deny
	nftin r2 add rule inet f deny ip saddr 10.1.0.9 drop
	trace 10.2.0.2
	reached 10.2.0.2
}

@test "return goes back to the rule after the jump; without it the chain goes on to drop" {
	forward_chain drop
	nftin r2 add chain inet f sub
	nftin r2 add rule inet f sub ip saddr '{ 10.1.0.1, 10.2.0.2 }' return
	nftin r2 add rule inet f sub drop
	nftin r2 add rule inet f forward jump sub
	nftin r2 add rule inet f forward accept
	trace 10.2.0.2
	reached 10.2.0.2
	nftin r2 flush chain inet f sub
	nftin r2 add rule inet f sub ip saddr 10.1.0.9 return
	nftin r2 add rule inet f sub drop
	h=$(handle_of r2 inet f sub 'drop')
	trace 10.2.0.2
	stops r2 "nftables inet f sub, handle $h: drop$"
}

@test "ct state established,related accept and policy drop: a new packet is dropped" {
	forward_chain drop
	nftin r2 add rule inet f forward ct state established,related accept
	trace 10.2.0.2
	stops r2 'nftables inet f forward: policy drop$'
	nftin r2 add rule inet f forward ct state new ip daddr 10.2.0.2 accept
	trace 10.2.0.2
	reached 10.2.0.2
}

@test "dnat in r2's prerouting changes the destination and the trace follows it" {
	ip -n r1 route add 10.9.9.9/32 via 10.1.0.2
	nftin r2 add table ip nat
	nftin r2 add chain ip nat pre '{ type nat hook prerouting priority dstnat; }'
	nftin r2 add rule ip nat pre ip daddr 10.9.9.9 dnat to 10.2.0.2
	trace 10.9.9.9
	reached 10.2.0.2
	assert_line --regexp '^r2 +r2-r1 +nftables prerouting: destination 10.9.9.9 now 10.2.0.2$'
	# the probe goes as it left r1, is heard as it arrives in r3, and its
	# reply comes back un-NATed: the kernel agrees
	run "$VNETCTL" -n r1 trace 10.9.9.9 --verify
	assert_success
	assert_line --regexp '^verify: the probe arrived in r3, its reply came back: as predicted$'
	# without the rule, r2 has no route for it (its own way to say so)
	nftin r2 flush chain ip nat pre
	trace 10.9.9.9
	assert_failure
	refute_line --regexp 'nftables prerouting'
}

@test "masquerade and snat change the source: r3's input rule on the old source passes" {
	nftin r3 add table inet g
	nftin r3 add chain inet g in '{ type filter hook input priority 0; }'
	nftin r3 add rule inet g in ip saddr 10.1.0.0/24 drop
	h=$(handle_of r3 inet g in 'ip saddr 10.1.0.0/24 drop')
	trace 10.2.0.2
	stops r3 "nftables inet g in, handle $h: ip saddr 10.1.0.0/24 drop$"
	nftin r2 add table ip nat
	nftin r2 add chain ip nat post '{ type nat hook postrouting priority srcnat; }'
	nftin r2 add rule ip nat post oifname r2-r3 masquerade
	trace 10.2.0.2
	reached 10.2.0.2
	assert_line --regexp '^r2 +r2-r3 +nftables postrouting: source 10.1.0.1 now 10.2.0.1$'
	run "$VNETCTL" -n r1 trace 10.2.0.2 --verify
	assert_success
	assert_line --regexp '^verify: the probe arrived in r3, its reply came back: as predicted$'
	# the reply to 10.2.0.1 is for 10.1.0.1 again once in r2
	assert_line --regexp '^r2 +r2-r3 +conntrack \(the request.s NAT undone\): destination 10.2.0.1 now 10.1.0.1$'
	assert_line --regexp '^r1 +r1-r2 +local: 10.1.0.1 is this namespace.s \(delivered\)$'
	nftin r2 flush chain ip nat post
	nftin r2 add rule ip nat post ip saddr 10.1.0.1 snat to 10.2.0.7
	trace 10.2.0.2
	reached 10.2.0.2
	assert_line --regexp '^r2 +r2-r3 +nftables postrouting: source 10.1.0.1 now 10.2.0.7$'
}

@test "output in the source namespace and input at the destination are asked too" {
	nftin r1 add table ip o
	nftin r1 add chain ip o out '{ type filter hook output priority 0; }'
	nftin r1 add rule ip o out oifname r1-r2 ip daddr 10.2.0.2 drop
	h=$(handle_of r1 ip o out 'oifname "r1-r2" ip daddr 10.2.0.2 drop')
	trace 10.2.0.2
	stops r1 "nftables ip o out, handle $h: oifname \"r1-r2\" ip daddr 10.2.0.2 drop$"
	nftin r1 flush ruleset
	nftin r3 add table ip6 v6
	nftin r3 add chain ip6 v6 in '{ type filter hook input priority 0; policy drop; }'
	trace 10.2.0.2
	reached 10.2.0.2
	nftin r3 add table ip i
	nftin r3 add chain ip i in '{ type filter hook input priority 10; policy drop; }'
	trace 10.2.0.2
	stops r3 'nftables ip i in: policy drop$'
}

@test "an iptables-nft rule is nftables' too: FORWARD -j DROP stops in r2" {
	require_tool iptables-nft
	ip netns exec r2 iptables-nft -A FORWARD -j DROP
	h=$(handle_of r2 ip filter FORWARD 'counter drop')
	[ -n "$h" ]
	trace 10.2.0.2
	stops r2 "nftables ip filter FORWARD, handle $h: counter drop$"
	ip netns exec r2 iptables-nft -F FORWARD
	ip netns exec r2 iptables-nft -A FORWARD -s 10.5.0.0/16 -j DROP
	trace 10.2.0.2
	reached 10.2.0.2
	# xtables' comment match is no condition; its conntrack match is one
	# nftables shows only by name: may stop
	ip netns exec r2 iptables-nft -A FORWARD -d 10.2.0.2 -m comment --comment "no way" -j DROP
	h=$(nftin r2 -a list chain ip filter FORWARD | sed -n 's/.*ip daddr 10.2.0.2 .*# handle //p')
	[ -n "$h" ]
	trace 10.2.0.2
	stops r2 "nftables ip filter FORWARD, handle $h: ip daddr 10.2.0.2 .*drop$"
	ip netns exec r2 iptables-nft -F FORWARD
	ip netns exec r2 iptables-nft -A FORWARD -m conntrack --ctstate NEW -j DROP
	trace 10.2.0.2
	assert_equal "$status" 1
	assert_line --regexp '^r2 +r2-r3 +MAY STOP: nftables ip filter FORWARD, handle [0-9]+: .*drop \(trace cannot read the iptables match conntrack\)$'
}

@test "iptables-legacy rules are said not to be read, and nothing is made of them" {
	require_tool iptables-legacy
	ip netns exec r2 iptables-legacy -A FORWARD -j DROP ||
		skip "this kernel has no iptables-legacy (ip_tables)"
	[ -n "$(ip netns exec r2 cat /proc/net/ip_tables_names)" ]
	trace 10.2.0.2
	assert_success
	assert_line --regexp '^r2 +- +iptables-legacy tables here are not read'
	refute_line --regexp '^r[13] .*iptables-legacy'
	ip netns exec r2 iptables-legacy -F
}

@test "an expression trace cannot evaluate: may stop, naming the rule; a counter on it does not" {
	forward_chain accept
	nftin r2 add rule inet f forward ip ttl 64 counter
	trace 10.2.0.2
	reached 10.2.0.2
	nftin r2 add rule inet f forward ip ttl 64 drop
	h=$(handle_of r2 inet f forward 'ip ttl 64 drop')
	trace 10.2.0.2
	assert_equal "$status" 1
	assert_equal "$err" "vnetctl: trace 10.2.0.2: r2: may stop at nftables inet f forward, handle $h: ip ttl 64 drop"
	assert_equal "$(tail -n1 <<<"$output")" \
		"$(printf '%-12s %-16s %s' r2 r2-r3 "MAY STOP: nftables inet f forward, handle $h: ip ttl 64 drop (trace cannot read ip ttl)")"
}

@test "meta mark set in prerouting is seen by a later mark match (goto)" {
	forward_chain accept
	nftin r2 add chain inet f pre '{ type filter hook prerouting priority -150; }'
	nftin r2 add chain inet f deny
	nftin r2 add rule inet f pre iifname r2-r1 meta mark set 0x5
	nftin r2 add rule inet f deny drop
	nftin r2 add rule inet f forward meta mark 0x5 goto deny
	h=$(handle_of r2 inet f deny 'drop')
	[ -n "$h" ]
	trace 10.2.0.2
	stops r2 "nftables inet f deny, handle $h: drop$"
	nftin r2 flush chain inet f pre
	trace 10.2.0.2
	reached 10.2.0.2
}

@test "a verdict map (anonymous, and named) gives the verdict of the packet's element" {
	forward_chain accept
	nftin r2 add chain inet f deny
	nftin r2 add rule inet f deny drop
	nftin r2 add rule inet f forward ip daddr vmap '{ 10.2.0.3 : accept, 10.2.0.2 : jump deny }'
	h=$(handle_of r2 inet f deny 'drop')
	trace 10.2.0.2
	stops r2 "nftables inet f deny, handle $h: drop$"
	nftin r2 flush chain inet f forward
	nftin r2 add map inet f m '{ type ipv4_addr : verdict; }'
	nftin r2 add element inet f m '{ 10.2.0.9 : drop }'
	nftin r2 add rule inet f forward ip daddr vmap @m
	trace 10.2.0.2
	reached 10.2.0.2
	nftin r2 add element inet f m '{ 10.2.0.2 : drop }'
	h=$(handle_of r2 inet f forward 'ip daddr vmap @m')
	trace 10.2.0.2
	stops r2 "nftables inet f forward, handle $h: ip daddr vmap @m$"
}

@test "IPv6: ip6 daddr in an inet table stops the v6 packet, an ip rule does not" {
	ip -n r1 addr add 2001:db8:1::1/64 dev r1-r2 nodad
	ip -n r2 addr add 2001:db8:1::2/64 dev r2-r1 nodad
	ip -n r2 addr add 2001:db8:2::1/64 dev r2-r3 nodad
	ip -n r3 addr add 2001:db8:2::2/64 dev r3-r2 nodad
	ip -n r1 -6 route add default via 2001:db8:1::2
	ip -n r3 -6 route add default via 2001:db8:2::1
	ip netns exec r2 sysctl -qw net.ipv6.conf.all.forwarding=1
	forward_chain accept
	nftin r2 add rule inet f forward ip daddr 0.0.0.0/0 drop
	nftin r2 add rule inet f forward meta nfproto ipv4 drop
	trace 2001:db8:2::2
	assert_success
	assert_line --regexp '^r3 +r3-r2 +local: 2001:db8:2::2 is this namespace.s \(delivered\)$'
	nftin r2 add rule inet f forward ip6 daddr 2001:db8:2::/64 icmpv6 type echo-request drop
	h=$(handle_of r2 inet f forward 'ip6 daddr 2001:db8:2::/64 icmpv6 type echo-request drop')
	[ -n "$h" ]
	trace 2001:db8:2::2
	stops r2 "nftables inet f forward, handle $h: ip6 daddr 2001:db8:2::/64 icmpv6 type echo-request drop$"
}

@test "dnat at output: the packet made in r1 is routed again to its new destination" {
	nftin r1 add table ip nat
	nftin r1 add chain ip nat out '{ type nat hook output priority -100; }'
	nftin r1 add rule ip nat out ip daddr 10.9.9.9 dnat to 10.2.0.2
	trace 10.9.9.9
	reached 10.2.0.2
	assert_line --regexp '^r1 +r1-r2 +nftables output: destination 10.9.9.9 now 10.2.0.2$'
	# the reply comes from 10.9.9.9 again once in r1
	assert_line --regexp '^r1 +r1-r2 +conntrack \(the request.s NAT undone\): source 10.2.0.2 now 10.9.9.9$'
	# a packet r1 makes for itself goes out by lo and in again: input drops it
	nftin r1 add table ip i
	nftin r1 add chain ip i in '{ type filter hook input priority 0; }'
	nftin r1 add rule ip i in iifname lo ip daddr 10.1.0.1 drop
	h=$(handle_of r1 ip i in 'iifname "lo" ip daddr 10.1.0.1 drop')
	trace 10.1.0.1
	stops r1 "nftables ip i in, handle $h: iifname \"lo\" ip daddr 10.1.0.1 drop$"
}

@test "netdev ingress of the device the packet comes in by; a bridge chain is said unread" {
	nftin r2 add table netdev n
	nftin r2 add chain netdev n in '{ type filter hook ingress device r2-r3 priority 0; policy drop; }'
	trace 10.2.0.2 oneway
	reached 10.2.0.2
	nftin r2 delete chain netdev n in
	nftin r2 add chain netdev n in '{ type filter hook ingress device r2-r1 priority 0; }'
	nftin r2 add rule netdev n in ip saddr 10.1.0.1 drop
	h=$(handle_of r2 netdev n in 'ip saddr 10.1.0.1 drop')
	[ -n "$h" ]
	trace 10.2.0.2
	stops r2 "nftables netdev n in, handle $h: ip saddr 10.1.0.1 drop$"
	nftin r2 flush table netdev n
	nftin r2 add table bridge b
	nftin r2 add chain bridge b fw '{ type filter hook forward priority 0; }'
	trace 10.2.0.2
	assert_success
	assert_line --regexp '^r2 +- +nftables bridge b fw \(hook forward\) is not evaluated'
}

@test "iifname at output is the empty name, as the kernel loads it: != matches" {
	nftin r1 add table ip o
	nftin r1 add chain ip o out '{ type filter hook output priority 0; }'
	nftin r1 add rule ip o out iifname r1-r2 drop
	trace 10.2.0.2 oneway
	reached 10.2.0.2
	nftin r1 add rule ip o out iifname != lo drop
	h=$(handle_of r1 ip o out 'iifname != "lo" drop')
	[ -n "$h" ]
	trace 10.2.0.2
	stops r1 "nftables ip o out, handle $h: iifname != \"lo\" drop$"
	# the kernel agrees: r1's ping leaves no more
	run ip netns exec r1 ping -c1 -W1 10.2.0.2
	assert_failure
}
