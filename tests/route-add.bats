#!/usr/bin/env bats
# vnetctl route add|del|change|replace|append with every keyword: next-hop
# groups, src, proto, scope, onlink, type, metrics with their locks, realm,
# realms, tos, pref and vrf.  The kernel's view is read through ip -j route, never only
# through vnetctl's own output; every bad input is refused with exit 2, one
# line, and nothing changed.
load helpers

setup() { route_setup; }
teardown() { route_teardown; }

# The kernel's route to $2 in family $1 (-4/-6) as JSON, from table ${3:-main}.
kroute() { ip -j -d "$1" route show table "${3:-main}" | jq -c --arg d "$2" '.[] | select(.dst == $d)'; }
kfield() { kroute "$1" "$2" "${4:-main}" | jq -r ".$3"; }
# Every route of both families in every table, as ip -j sees them, but the
# kernel's own (a link-local address's come when they come): proof that
# nothing changed.
kall() {
	(ip -j -4 route show table all; ip -j -6 route show table all) |
		jq -c -s 'add | map(select(.protocol != "kernel")) | sort_by(.dst)'
}

# ---- next hops --------------------------------------------------------------

@test "add with nexthop groups makes an IPv4 multipath route with their weights" {
	run vn route add 10.30.0.0/16 nexthop via 10.0.0.254 weight 1 nexthop via 10.0.0.253 weight 2
	assert_success
	assert_equal "$(kroute -4 10.30.0.0/16 | jq -c '[.nexthops[] | {gateway, dev, weight}]')" \
		'[{"gateway":"10.0.0.254","dev":"va","weight":1},{"gateway":"10.0.0.253","dev":"va","weight":2}]'
}

@test "add with nexthop groups makes an IPv6 multipath route" {
	run vn route add 2001:db8:30::/48 nexthop via 2001:db8::10 nexthop via 2001:db8::11 weight 3
	assert_success
	assert_equal "$(kroute -6 2001:db8:30::/48 | jq -c '[.nexthops[] | {gateway, weight}]')" \
		'[{"gateway":"2001:db8::10","weight":1},{"gateway":"2001:db8::11","weight":3}]'
}

@test "a next hop may name its device, and a hop through another device" {
	ip addr add 10.1.0.2/24 dev vb
	run vn route add 10.30.0.0/16 nexthop via 10.0.0.1 dev va nexthop dev vb
	assert_success
	assert_equal "$(kroute -4 10.30.0.0/16 | jq -c '[.nexthops[] | {gateway, dev}]')" \
		'[{"gateway":"10.0.0.1","dev":"va"},{"gateway":null,"dev":"vb"}]'
}

@test "a next hop's onlink reaches a gateway outside the device's networks" {
	run vn route add 10.30.0.0/16 nexthop via 10.0.0.1 nexthop via 10.99.0.1 dev va onlink
	assert_success
	assert_equal "$(kroute -4 10.30.0.0/16 | jq -c '.nexthops[1].flags')" '["onlink"]'
}

@test "the family of a route given by next hops alone is their gateways'" {
	run vn route add default nexthop via 2001:db8::10 nexthop via 2001:db8::11
	assert_success
	assert_equal "$(kroute -6 default | jq '.nexthops | length')" 2
	assert_equal "$(kroute -4 default)" ''
}

# ---- the route's own words ----------------------------------------------------

@test "add with src sets the route's preferred source address" {
	ip addr add 10.0.0.9/24 dev va
	run vn route add 10.5.0.0/16 via 10.0.0.1 src 10.0.0.9
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 prefsrc)" 10.0.0.9
}

@test "add with proto by name and by number" {
	run vn route add 10.5.0.0/16 via 10.0.0.1 proto static
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 protocol)" static
	run vn route add 10.6.0.0/16 via 10.0.0.1 proto 200
	assert_success
	assert_equal "$(kfield -4 10.6.0.0/16 protocol)" 200
}

@test "add with scope overrides the scope the gateway implies" {
	run vn route add 10.5.0.0/16 dev va scope host
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 scope)" host
	run vn route add 10.6.0.0/16 dev va scope 200
	assert_success
	assert_equal "$(kfield -4 10.6.0.0/16 scope)" site
}

@test "add with onlink reaches a gateway outside the device's networks" {
	run vn route add 10.5.0.0/16 via 10.99.0.1 dev va onlink
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 gateway)" 10.99.0.1
	assert_equal "$(kroute -4 10.5.0.0/16 | jq -c .flags)" '["onlink"]'
}

@test "add with type blackhole, unreachable and prohibit needs no gateway or device" {
	run vn route add 10.5.0.0/16 type blackhole
	assert_success
	run vn route add 10.6.0.0/16 type unreachable
	assert_success
	run vn route add 2001:db8:7::/48 type prohibit
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 type)" blackhole
	assert_equal "$(kfield -4 10.6.0.0/16 type)" unreachable
	assert_equal "$(kfield -6 2001:db8:7::/48 type)" prohibit
}

@test "add with type local or broadcast goes to table local, as ip puts them" {
	run vn route add 10.0.0.77 type local dev va
	assert_success
	assert_equal "$(kfield -4 10.0.0.77 type local)" local
	assert_equal "$(kfield -4 10.0.0.77 scope local)" host
	run vn route add 10.0.0.254 type broadcast dev va
	assert_success
	assert_equal "$(kfield -4 10.0.0.254 scope local)" link
	assert_equal "$(kroute -4 10.0.0.77)" ''
}

@test "add with type unicast is a plain route" {
	run vn route add 10.5.0.0/16 via 10.0.0.1 type unicast
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 type)" unicast
}

@test "add with mtu lock, advmss and initcwnd sets the route's metrics" {
	run vn route add 10.5.0.0/16 via 10.0.0.1 mtu lock 1300 advmss 1200 initcwnd 10
	assert_success
	assert_equal "$(kroute -4 10.5.0.0/16 | jq -c .metrics)" '[{"mtu":1300,"advmss":1200,"initcwnd":10}]'
	assert_equal "$(ip -4 route show 10.5.0.0/16 | sed 's/ *$//')" \
		'10.5.0.0/16 via 10.0.0.1 dev va mtu lock 1300 advmss 1200 initcwnd 10'
}

@test "a metric without lock is not locked; each takes its own lock" {
	run vn route add 10.5.0.0/16 via 10.0.0.1 mtu 1400 initcwnd lock 4
	assert_success
	assert_equal "$(ip -4 route show 10.5.0.0/16 | sed 's/ *$//')" \
		'10.5.0.0/16 via 10.0.0.1 dev va mtu 1400 initcwnd lock 4'
}

@test "add with realm sets the route's realm, FROM/TO both realms as realms does" {
	run vn route add 10.5.0.0/16 via 10.0.0.1 realm 5
	assert_success
	assert_equal "$(kroute -4 10.5.0.0/16 | jq -c .flow)" '{"to":"5"}'
	run vn route add 10.6.0.0/16 via 10.0.0.1 realm 3/4
	assert_success
	assert_equal "$(kroute -4 10.6.0.0/16 | jq -c .flow)" '{"from":"3","to":"4"}'
}

@test "add with realms FROM/TO sets both realms, TO alone or cosmos the source's 0" {
	run vn route add 10.5.0.0/16 via 10.0.0.1 realms 3/4
	assert_success
	assert_equal "$(kroute -4 10.5.0.0/16 | jq -c .flow)" '{"from":"3","to":"4"}'
	run vn route add 10.6.0.0/16 via 10.0.0.1 realms cosmos/7
	assert_success
	assert_equal "$(kroute -4 10.6.0.0/16 | jq -c .flow)" '{"to":"7"}'
	run vn route add 10.7.0.0/16 via 10.0.0.1 realms 9
	assert_success
	assert_equal "$(kroute -4 10.7.0.0/16 | jq -c .flow)" '{"to":"9"}'
}

@test "add with tos in hexadecimal makes a route for that TOS beside the plain one" {
	vn route add 10.5.0.0/16 via 10.0.0.1
	run vn route add 10.5.0.0/16 via 10.0.0.3 tos 0x10
	assert_success
	assert_equal "$(ip -j route show 10.5.0.0/16 | jq -c '[.[] | {tos, gateway}]')" \
		'[{"tos":"0x10","gateway":"10.0.0.3"},{"tos":null,"gateway":"10.0.0.1"}]'
	run vn route add 10.6.0.0/16 via 10.0.0.1 tos 1c
	assert_success
	assert_equal "$(kfield -4 10.6.0.0/16 tos)" 0x1c
}

@test "add with a dsfield name of ip's table, and dsfield for tos, as ip accepts" {
	run vn route add 10.5.0.0/16 via 10.0.0.1 dsfield AF11
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 tos)" AF11
	run vn route add 10.6.0.0/16 via 10.0.0.1 tos EF
	assert_success
	assert_equal "$(ip route show 10.6.0.0/16 | sed 's/ *$//')" '10.6.0.0/16 tos EF via 10.0.0.1 dev va'
}

@test "the dry run shows the tos in the request's header, and adds nothing" {
	local before
	before=$(kall)
	run vn -N route add 10.33.0.0/16 dev va tos 0x10
	assert_success
	assert_line --regexp '^  rtmsg family inet dst_len 16 src_len 0 tos 0x10 table 254 '
	run vn -j -N route add 10.33.0.0/16 dev va tos 0x10
	assert_success
	assert_equal "$(jq -r '.header.tos' <<<"$output")" 16
	assert_equal "$(kall)" "$before"
}

@test "del with tos removes the route for that TOS only" {
	ip route add 10.5.0.0/16 via 10.0.0.1
	ip route add 10.5.0.0/16 via 10.0.0.3 tos 0x10
	run vn route del 10.5.0.0/16 tos 0x10
	assert_success
	assert_equal "$(ip -j route show 10.5.0.0/16 | jq -c '[.[] | {tos, gateway}]')" \
		'[{"tos":null,"gateway":"10.0.0.1"}]'
}

@test "replace with tos changes the route for that TOS" {
	ip route add 10.5.0.0/16 via 10.0.0.1 tos 0x10
	run vn route replace 10.5.0.0/16 via 10.0.0.3 tos 0x10
	assert_success
	assert_equal "$(ip -j route show 10.5.0.0/16 | jq -c '[.[] | {tos, gateway}]')" \
		'[{"tos":"0x10","gateway":"10.0.0.3"}]'
}

@test "add with pref sets an IPv6 route's router preference" {
	run vn route add 2001:db8:5::/48 via 2001:db8::1 pref high
	assert_success
	assert_equal "$(kfield -6 2001:db8:5::/48 pref)" high
	run vn route add 2001:db8:6::/48 via 2001:db8::1 pref low
	assert_equal "$(kfield -6 2001:db8:6::/48 pref)" low
}

@test "add with vrf puts the route in the vrf's table" {
	require_kind vrf
	ip link add dev blue type vrf table 10
	ip link set dev blue up
	ip link set dev vb master blue
	run vn route add 10.5.0.0/16 dev vb vrf blue
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 dev 10)" vb
	assert_equal "$(kroute -4 10.5.0.0/16)" ''
}

@test "add with vrf of a device that is no vrf fails with exit 1" {
	local before
	before=$(kall)
	run vn route add 10.5.0.0/16 dev va vrf vb
	assert_failure 1
	assert_output --partial 'not a vrf'
	assert_equal "${#lines[@]}" 1
	assert_equal "$(kall)" "$before"
}

# ---- change, replace, append, del -------------------------------------------

@test "change alters a route that exists" {
	vn route add 10.5.0.0/16 via 10.0.0.1
	run vn route change 10.5.0.0/16 via 10.0.0.3 proto static
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 gateway)" 10.0.0.3
	assert_equal "$(kfield -4 10.5.0.0/16 protocol)" static
	assert_equal "$(kroute -4 10.5.0.0/16 | wc -l)" 1
}

@test "change of a route that does not exist fails with exit 1 and adds nothing" {
	run vn route change 10.5.0.0/16 via 10.0.0.1
	assert_error 1 'route change 10.5.0.0/16: .*no such route'
	assert_equal "$(kroute -4 10.5.0.0/16)" ''
}

@test "replace adds a route that is new and alters one that exists" {
	run vn route replace 10.5.0.0/16 via 10.0.0.1
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 gateway)" 10.0.0.1
	run vn route replace 10.5.0.0/16 via 10.0.0.3
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 gateway)" 10.0.0.3
	assert_equal "$(kroute -4 10.5.0.0/16 | wc -l)" 1
}

@test "append adds an IPv4 route beside one to the same destination" {
	vn route add 10.5.0.0/16 via 10.0.0.1
	run vn route append 10.5.0.0/16 via 10.0.0.3
	assert_success
	assert_equal "$(kroute -4 10.5.0.0/16 | jq -r .gateway | sort | paste -sd' ')" '10.0.0.1 10.0.0.3'
}

@test "append makes an IPv6 route multipath" {
	vn route add 2001:db8:5::/48 via 2001:db8::1
	run vn route append 2001:db8:5::/48 via 2001:db8::5
	assert_success
	assert_equal "$(kroute -6 2001:db8:5::/48 | jq -c '[.nexthops[].gateway]')" '["2001:db8::1","2001:db8::5"]'
}

@test "del with type removes only a route of that type" {
	vn route add 10.5.0.0/16 type blackhole
	run vn route del 10.5.0.0/16 type unreachable
	assert_error 1 'route del 10.5.0.0/16: '
	assert_equal "$(kfield -4 10.5.0.0/16 type)" blackhole
	run vn route del 10.5.0.0/16 type blackhole
	assert_success
	assert_equal "$(kroute -4 10.5.0.0/16)" ''
}

@test "del with proto removes only a route of that protocol" {
	vn route add 10.5.0.0/16 via 10.0.0.1 proto static
	run vn route del 10.5.0.0/16 proto bgp
	assert_failure 1
	run vn route del 10.5.0.0/16 proto static
	assert_success
	assert_equal "$(kroute -4 10.5.0.0/16)" ''
}

@test "del of a multipath route" {
	vn route add 10.30.0.0/16 nexthop via 10.0.0.254 nexthop via 10.0.0.253
	run vn route del 10.30.0.0/16
	assert_success
	assert_equal "$(kroute -4 10.30.0.0/16)" ''
}

@test "dry-run add of a multipath route with metrics decodes and sends nothing" {
	local before
	before=$(kall)
	run vn -N route add 10.30.0.0/16 mtu 1400 nexthop via 10.0.0.254 weight 3
	assert_success
	assert_output --partial 'RTM_NEWROUTE'
	# RTA_MULTIPATH's hops are structs, shown as bytes: weight 3 (hops 2), via 10.0.0.254
	assert_output --partial 'RTA_MULTIPATH (16 bytes) 10 00 00 02 00 00 00 00 08 00 05 00 0a 00 00 fe'
	assert_output --partial 'RTA_METRICS {'
	assert_output --partial 'RTAX_MTU 1400'
	assert_equal "$(kall)" "$before"
}

# ---- bad input: exit 2, one line, nothing changed ----------------------------

@test "an unknown type is refused" {
	refused 'invalid type "bogus"' route add 10.5.0.0/16 dev va type bogus
}

@test "a protocol beyond 255 or unnamed is refused" {
	refused 'proto 256 is out of range' route add 10.5.0.0/16 dev va proto 256
	refused 'invalid proto "nosuch"' route add 10.5.0.0/16 dev va proto nosuch
}

@test "a scope beyond 255 or unnamed is refused" {
	refused 'scope 300 is out of range' route add 10.5.0.0/16 dev va scope 300
	refused 'invalid scope "far"' route add 10.5.0.0/16 dev va scope far
}

@test "an mtu below 68, a lock without a value, a bad advmss or initcwnd are refused" {
	refused 'mtu 10 is out of range' route add 10.5.0.0/16 dev va mtu 10
	refused 'invalid mtu "lock"' route add 10.5.0.0/16 dev va mtu lock
	refused 'invalid advmss "big"' route add 10.5.0.0/16 dev va advmss big
	refused 'invalid initcwnd "-1"' route add 10.5.0.0/16 dev va initcwnd -1
	refused 'mtu given twice' route add 10.5.0.0/16 dev va mtu 1400 mtu lock 1300
}

@test "a realm beyond 65535 is refused" {
	refused 'realm 70000 is out of range' route add 10.5.0.0/16 dev va realm 70000
}

@test "bad realms are refused, and realm with realms: one keyword, given twice" {
	refused 'realm 70000 is out of range' route add 10.5.0.0/16 dev va realms 3/70000
	refused 'invalid realm "3/" \(expected \[FROM/\]TO\)' route add 10.5.0.0/16 dev va realms 3/
	refused 'invalid realm "x"' route add 10.5.0.0/16 dev va realms x/3
	refused 'realm given twice' route add 10.5.0.0/16 dev va realm 3 realms 4
}

@test "a tos that is no hexadecimal byte nor a name of the table is refused" {
	refused 'invalid tos "foo" \(expected a hexadecimal number or default\|AF11' \
		route add 10.5.0.0/16 dev va tos foo
	refused 'tos 100 is out of range \(0x0..0xff' route add 10.5.0.0/16 dev va tos 100
	refused 'tos ef1 is out of range' route add 10.5.0.0/16 dev va tos ef1
	refused 'invalid tos "cs1"' route add 10.5.0.0/16 dev va tos cs1
	refused 'tos given twice' route add 10.5.0.0/16 dev va tos 0x10 dsfield 0x10
}

@test "tos is refused for an IPv6 route" {
	refused 'tos is for IPv4 routes only' route add 2001:db8:5::/48 dev va tos 0x10
}

@test "a tos with the ECN bits set fails with the kernel's reason, exit 1, nothing added" {
	local before
	before=$(kall)
	run vn route add 10.5.0.0/16 dev va tos 0x11
	assert_error 1 'ECN bits must be 0'
	assert_equal "$(kall)" "$before"
}

@test "pref is refused for an IPv4 route, and an unknown pref for any" {
	refused 'pref is for IPv6 routes only' route add 10.5.0.0/16 dev va pref high
	refused 'invalid pref "top"' route add 2001:db8:5::/48 dev va pref top
}

@test "src of the other family is refused" {
	refused 'src 2001:db8::2 is IPv6 but 10.5.0.0/16 is IPv4' route add 10.5.0.0/16 dev va src 2001:db8::2
}

@test "a next hop's weight outside 1..256 is refused" {
	refused 'nexthop: weight 0 is out of range' route add 10.30.0.0/16 nexthop via 10.0.0.1 weight 0
	refused 'nexthop: weight 257 is out of range' route add 10.30.0.0/16 nexthop via 10.0.0.1 weight 257
}

@test "an empty next hop, or one with neither gateway nor device, is refused" {
	refused 'nexthop needs a value' route add 10.30.0.0/16 nexthop
	refused 'nexthop needs a value' route add 10.30.0.0/16 nexthop via 10.0.0.1 nexthop
	refused 'nexthop 2 needs via GW or dev NAME' route add 10.30.0.0/16 nexthop via 10.0.0.1 nexthop weight 2
}

@test "a word of the route after nexthop is refused" {
	refused 'nexthop: unknown keyword "metric"' route add 10.30.0.0/16 nexthop via 10.0.0.1 metric 5
}

@test "via, dev or onlink beside nexthop groups is refused" {
	refused 'via and nexthop cannot be used together' route add 10.30.0.0/16 via 10.0.0.1 nexthop via 10.0.0.3
	refused 'dev and nexthop cannot be used together' route add 10.30.0.0/16 dev va nexthop via 10.0.0.3
	refused 'onlink and nexthop cannot be used together' route add 10.30.0.0/16 onlink nexthop via 10.0.0.3
}

@test "a next hop's gateway of the other family is refused" {
	refused 'via 2001:db8::1 is IPv6 but 10.30.0.0/16 is IPv4' route add 10.30.0.0/16 nexthop via 10.0.0.1 nexthop via 2001:db8::1
}

@test "a malformed next-hop gateway is refused" {
	refused 'nexthop: invalid address "10.0.0.300"' route add 10.30.0.0/16 nexthop via 10.0.0.300
}

@test "vrf and table together are refused" {
	refused 'vrf and table cannot be used together' route add 10.5.0.0/16 dev va table 10 vrf blue
}

@test "a next hop through a missing device fails with exit 1 and adds nothing" {
	local before
	before=$(kall)
	run vn route add 10.30.0.0/16 nexthop via 10.0.0.1 nexthop via 10.0.0.3 dev nosuch
	assert_error 1 'route add 10.30.0.0/16: no device named "nosuch"'
	assert_equal "$(kall)" "$before"
}

@test "change, replace and append check their words as add does" {
	refused 'invalid type "bogus"' route change 10.5.0.0/16 dev va type bogus
	refused 'a route needs via GW, dev NAME or nexthop' route replace 10.5.0.0/16
	refused 'invalid mtu "lock"' route append 10.5.0.0/16 dev va mtu lock
}

@test "more next hops than a route holds are refused before any is read past the end" {
	local args=() i
	for ((i = 1; i <= 33; i++)); do args+=(nexthop via 10.0.0.1); done
	refused 'more than 32 next hops' route add 10.30.0.0/16 "${args[@]}"
}

# ---- ip's other words, under vnetctl's name ------------------------------------

@test "every metric reaches the kernel, rtt and rttvar in its units, rto_min locked" {
	run vn route add 10.31.0.0/16 via 10.0.0.1 window 1000 rtt 12ms rttvar 2ms reordering 4 \
		hoplimit lock 5 initrwnd 20 features ecn quickack 1 congctl lock cubic \
		fastopen_no_cookie 1 ssthresh 6 cwnd lock 7 rto_min 300ms
	assert_success
	assert_equal "$(kroute -4 10.31.0.0/16 | jq -c '.metrics[0]')" \
		'{"window":1000,"rtt":12,"rttvar":2,"ssthresh":6,"cwnd":7,"reordering":4,"hoplimit":5,"ecn":null,"rto_min":300,"initrwnd":20,"quickack":1,"congestion":"cubic","fastopen_no_cookie":1}'
	run ip route show 10.31.0.0/16
	assert_output --partial 'cwnd lock 7'
	assert_output --partial 'hoplimit lock 5'
	assert_output --partial 'rto_min lock 300ms'
	assert_output --partial 'congctl lock cubic'
}

@test "a bare type before the prefix makes and deletes a route of that type" {
	run vn route add blackhole 10.32.0.0/16
	assert_success
	assert_equal "$(kfield -4 10.32.0.0/16 type)" blackhole
	run vn route del blackhole 10.32.0.0/16
	assert_success
	assert_equal "$(kroute -4 10.32.0.0/16)" ''
}

@test "protocol, preference and oif are proto, metric and dev; nhid goes to the kernel" {
	run vn route add 10.33.0.0/16 oif va protocol static preference 9
	assert_success
	assert_equal "$(kroute -4 10.33.0.0/16 | jq -c '[.dev, .protocol, .metric]')" '["va","static",9]'
	run vn route add 10.34.0.0/16 nhid 77
	assert_error 1 'Nexthop id does not exist'
	assert_equal "$(kroute -4 10.34.0.0/16)" ''
}

@test "via inet6 makes an IPv4 route through an IPv6 gateway (RTA_VIA)" {
	run vn route add 10.35.0.0/16 via inet6 fe80::1 dev va
	assert_success
	assert_equal "$(kroute -4 10.35.0.0/16 | jq -c '.via')" '{"family":"inet6","host":"fe80::1"}'
}

@test "expires gives an IPv6 route a lifetime" {
	run vn route add 2001:db8:36::/48 via 2001:db8::1 expires 300
	assert_success
	assert [ "$(kfield -6 2001:db8:36::/48 expires)" -gt 200 ]
}

@test "bad metric values, expires on IPv4 and a type after the prefix are refused" {
	refused 'hoplimit 256 is out of range' route add 10.5.0.0/16 dev va hoplimit 256
	refused 'quickack 2 is out of range' route add 10.5.0.0/16 dev va quickack 2
	refused 'invalid features "lock"' route add 10.5.0.0/16 dev va features lock ecn
	refused 'invalid rtt "5min" \(expected a time' route add 10.5.0.0/16 dev va rtt 5min
	refused 'invalid rto_min "ms"' route add 10.5.0.0/16 dev va rto_min ms
	refused 'expires is for IPv6 routes only' route add 10.5.0.0/16 dev va expires 30
	refused 'unknown keyword "blackhole"' route add 10.5.0.0/16 dev va blackhole
	refused 'via fe80::1 is IPv6 but 10.5.0.0/16 is IPv4' route add 10.5.0.0/16 via fe80::1 dev va
}

@test "from gives an IPv6 route its source prefix; one of the other family is refused" {
	run vn route add 2001:db8:37::/48 from 2001:db8:1::/64 via 2001:db8::1
	assert_success
	assert_equal "$(kfield -6 2001:db8:37::/48 from)" 2001:db8:1::/64
	refused 'from 10.0.0.0/8 is IPv4 but 2001:db8:38::/48 is IPv6' \
		route add 2001:db8:38::/48 from 10.0.0.0/8 via 2001:db8::1
}
