#!/usr/bin/env bats
# vnetctl route show and flush with selectors (table, a prefix, root, match,
# exact, dev, via, proto, scope, type, vrf), and route get: each compared
# with ip's view of the same kernel state (ip route show, ip -j route get,
# ip -j route show after a flush); every bad selector is refused with exit
# 2, one line, and nothing flushed.
load helpers

setup() { route_setup; }
teardown() { route_teardown; }

# ip's text with the blanks it leaves at line ends taken off.
iptext() { ip "$@" | sed 's/ *$//'; }
# Every route of both families in every table as ip -j sees them, but the
# kernel's own link-local ones, which come when they come.
kall() {
	(ip -j -4 route show table all; ip -j -6 route show table all) |
		jq -c -s 'add | map(select(.dst != "fe80::/64" and (.dst | startswith("fe80:") | not))) | sort_by(.dst)'
}
kdsts() { ip -j "$1" route show table "${2:-main}" | jq -r '.[].dst' | sort | paste -sd' '; }

# Routes to select among: nested prefixes, a default, a multipath route,
# other protocols, types and tables.
some_routes() {
	ip route add default via 10.0.0.1
	ip route add 10.30.0.0/16 nexthop via 10.0.0.254 nexthop via 10.0.0.253 weight 2
	ip route add 10.30.1.0/24 via 10.0.0.1 proto static
	ip route add 10.30.1.128/25 via 10.0.0.3
	ip route add 10.40.0.0/16 dev va proto 42
	ip route add blackhole 10.50.0.0/16
	ip route add 10.30.0.0/16 via 10.0.0.1 table 100
	ip route add 10.60.0.0/16 via 10.0.0.1 table 100
	ip -6 route add default via 2001:db8::1
	ip -6 route add 2001:db8:5::/48 via 2001:db8::1 proto static
}

# ---- show's selectors ----------------------------------------------------------

@test "show PREFIX lists the routes to exactly that prefix, as ip route show PREFIX" {
	some_routes
	run vn route show 10.30.1.0/24
	assert_success
	assert_output "$(iptext route show 10.30.1.0/24)"
	assert_output '10.30.1.0/24 via 10.0.0.1 dev va proto static'
	assert_equal "$(vn route show exact 10.30.0.0/16)" "$(iptext route show exact 10.30.0.0/16)"
}

@test "show default lists the default route of the family asked" {
	some_routes
	assert_equal "$(vn -4 route show default)" 'default via 10.0.0.1 dev va'
	assert_equal "$(vn -6 route show default)" "$(iptext -6 route show default)"
}

@test "show root lists a prefix and the prefixes inside it" {
	some_routes
	assert_equal "$(vn route show root 10.30.0.0/16)" "$(iptext route show root 10.30.0.0/16)"
	assert_equal "$(vn -j route show root 10.30.0.0/16 | jq -r '.[].dst' | paste -sd' ')" \
		'10.30.0.0/16 10.30.1.0/24 10.30.1.128/25'
}

@test "show match lists the prefixes that hold an address" {
	some_routes
	assert_equal "$(vn route show match 10.30.1.5)" "$(iptext route show match 10.30.1.5)"
	assert_equal "$(vn -j route show match 10.30.1.5 | jq -r '.[].dst' | paste -sd' ')" \
		'default 10.30.0.0/16 10.30.1.0/24'
}

@test "show with a prefix of one family lists only that family" {
	some_routes
	assert_equal "$(vn route show root 2001:db8::/32)" "$(iptext -6 route show root 2001:db8::/32)"
	run vn route show root 2001:db8::/32
	refute_output --partial '10.'
}

@test "show via, proto and scope select, and leave their word out as ip does" {
	some_routes
	assert_equal "$(vn -4 route show via 10.0.0.1)" "$(iptext -4 route show via 10.0.0.1)"
	assert_equal "$(vn -4 route show proto static)" "$(iptext -4 route show proto static)"
	assert_equal "$(vn -4 route show proto 42)" '10.40.0.0/16 dev va scope link'
	assert_equal "$(vn -4 route show scope link)" "$(iptext -4 route show scope link)"
	assert_equal "$(vn -j -4 route show via 10.0.0.1 | jq -c .)" "$(ip -j -4 route show via 10.0.0.1 | jq -c .)"
}

@test "show prints a route's tos as ip does, a name of the table or hexadecimal" {
	ip route add 10.70.0.0/16 via 10.0.0.1 tos 0x10
	ip route add 10.70.0.0/16 via 10.0.0.3 tos AF11
	run vn route show root 10.70.0.0/16
	assert_success
	assert_output "$(iptext route show root 10.70.0.0/16)"
	assert_line '10.70.0.0/16 tos AF11 via 10.0.0.3 dev va'
	assert_line '10.70.0.0/16 tos 0x10 via 10.0.0.1 dev va'
	assert_equal "$(vn -j route show root 10.70.0.0/16 | jq -c .)" \
		"$(ip -j route show root 10.70.0.0/16 | jq -c .)"
}

@test "show tos lists the routes for that TOS and leaves the word out, as ip does" {
	ip route add 10.70.0.0/16 via 10.0.0.1
	ip route add 10.70.0.0/16 via 10.0.0.3 tos 0x10
	run vn route show tos 10
	assert_success
	assert_output "$(iptext route show tos 0x10)"
	assert_output '10.70.0.0/16 via 10.0.0.3 dev va'
	assert_equal "$(vn -j route show dsfield 0x10 | jq -c .)" "$(ip -j route show tos 0x10 | jq -c .)"
}

@test "flush tos removes the routes for that TOS only" {
	ip route add 10.70.0.0/16 via 10.0.0.1
	ip route add 10.70.0.0/16 via 10.0.0.3 tos 0x10
	run vn route flush tos 0x10
	assert_success
	assert_equal "$(ip -j route show 10.70.0.0/16 | jq -c '[.[] | {tos, gateway}]')" \
		'[{"tos":null,"gateway":"10.0.0.1"}]'
}

@test "show prints realms FROM/TO and realm TO as ip does" {
	ip route add 10.70.0.0/16 via 10.0.0.1 realms 3/4
	ip route add 10.71.0.0/16 via 10.0.0.1 realms 0/5
	assert_equal "$(vn route show 10.70.0.0/16)" "$(iptext route show 10.70.0.0/16)"
	assert_equal "$(vn route show 10.71.0.0/16)" '10.71.0.0/16 via 10.0.0.1 dev va realm 5'
	assert_equal "$(vn -j route show 10.70.0.0/16 | jq -c '.[0].flow')" \
		"$(ip -j route show 10.70.0.0/16 | jq -c '.[0].flow')"
}

@test "show type lists the routes of that type" {
	some_routes
	assert_equal "$(vn -4 route show type blackhole)" 'blackhole 10.50.0.0/16'
	assert_equal "$(vn -4 route show table all type local)" "$(iptext -4 route show table all type local)"
}

@test "show dev and a table together" {
	some_routes
	assert_equal "$(vn -4 route show table 100 dev va)" "$(iptext -4 route show table 100 dev va)"
	assert_equal "$(vn -4 route show table 100 root 10.30.0.0/16)" '10.30.0.0/16 via 10.0.0.1 dev va'
}

@test "show vrf lists the routes of the vrf's table" {
	require_kind vrf
	ip link add dev blue type vrf table 10
	ip link set dev blue up
	ip route add 10.70.0.0/16 dev va table 10
	assert_equal "$(vn -4 route show vrf blue)" "$(iptext -4 route show vrf blue)"
}

@test "show vrf of a device that is no vrf fails with exit 1" {
	run vn route show vrf va
	assert_failure 1
	assert_output --partial 'not a vrf'
	assert_equal "${#lines[@]}" 1
}

@test "show with selectors that name nothing lists nothing" {
	some_routes
	run vn route show 10.99.0.0/16
	assert_success
	assert_output ''
	run vn route show proto bgp
	assert_output ''
}

@test "show refuses bad selectors with exit 2" {
	run vn route show root 10.0.0.0/33
	assert_error 2 'invalid prefix "10.0.0.0/33"'
	run vn route show proto nosuch
	assert_error 2 'invalid proto "nosuch"'
	run vn route show type nosuch
	assert_error 2 'invalid type "nosuch"'
	run vn route show scope 256
	assert_error 2 'scope 256 is out of range'
	run vn route show via 10.0.0.1/24
	assert_error 2 'invalid address "10.0.0.1/24"'
	run vn route show root 10.0.0.0/8 match 10.1.1.1
	assert_error 2 'root and match cannot be used together'
	run vn route show 10.0.0.0/8 root 10.0.0.0/8
	assert_error 2 'exact and root cannot be used together'
	run vn route show table 10 vrf blue
	assert_error 2 'vrf and table cannot be used together'
	run vn route show root 10.0.0.0/8 via 2001:db8::1
	assert_error 2 'via 2001:db8::1 is IPv6 but root 10.0.0.0/8 is IPv4'
	run vn route show tos 0x100
	assert_error 2 'tos 0x100 is out of range'
	run vn route show tos bogus
	assert_error 2 'invalid tos "bogus"'
}

# ---- flush ------------------------------------------------------------------

@test "flush with a prefix removes the routes to exactly it" {
	some_routes
	run vn route flush 10.30.1.0/24
	assert_success
	assert_output ''
	assert_equal "$(kdsts -4)" '10.0.0.0/24 10.30.0.0/16 10.30.1.128/25 10.40.0.0/16 10.50.0.0/16 default'
}

@test "flush root removes a prefix and those inside it, in the table given" {
	some_routes
	run vn route flush table 100 root 10.30.0.0/16
	assert_success
	assert_equal "$(kdsts -4 100)" '10.60.0.0/16'
	assert_equal "$(kdsts -4)" '10.0.0.0/24 10.30.0.0/16 10.30.1.0/24 10.30.1.128/25 10.40.0.0/16 10.50.0.0/16 default'
}

@test "flush proto removes the IPv4 routes of that protocol, as ip route flush does" {
	some_routes
	run vn route flush proto static
	assert_success
	assert_equal "$(ip -j route show proto static)" '[]'
	assert_equal "$(ip -j -6 route show proto static | jq -r '.[].dst')" '2001:db8:5::/48'
	assert_equal "$(kdsts -4)" '10.0.0.0/24 10.30.0.0/16 10.30.1.128/25 10.40.0.0/16 10.50.0.0/16 default'
}

@test "flush -6 proto removes the IPv6 routes of that protocol only" {
	some_routes
	run vn -6 route flush proto static
	assert_success
	assert_equal "$(ip -j -6 route show proto static)" '[]'
	assert_equal "$(ip -j route show proto static | jq 'length')" 1
}

@test "flush table all removes the routes of both families, as ip does" {
	some_routes
	run vn route flush table all proto static
	assert_success
	assert_equal "$(ip -j route show table all proto static)" '[]'
	assert_equal "$(ip -j -6 route show proto static)" '[]'
	assert_equal "$(ip -j -6 route show | jq -r '.[] | select(.dst == "default") | .gateway')" \
		'2001:db8::1'
}

@test "flush via removes the routes through that gateway" {
	some_routes
	run vn -4 route flush via 10.0.0.1
	assert_success
	assert_equal "$(kdsts -4)" '10.0.0.0/24 10.30.0.0/16 10.30.1.128/25 10.40.0.0/16 10.50.0.0/16'
	assert_equal "$(kdsts -4 100)" '10.30.0.0/16 10.60.0.0/16'
}

@test "flush dev removes every route through the device, the kernel's too" {
	some_routes
	run vn -4 route flush dev va
	assert_success
	assert_equal "$(ip -j -4 route show dev va)" '[]'
	assert_equal "$(kdsts -4)" '10.30.0.0/16 10.50.0.0/16'
}

@test "flush type and a multipath route" {
	some_routes
	run vn route flush type blackhole
	assert_success
	assert_equal "$(ip -j route show type blackhole)" '[]'
	run vn route flush 10.30.0.0/16
	assert_success
	assert_equal "$(ip -j route show 10.30.0.0/16)" '[]'
}

@test "flush of routes that are not there succeeds and removes nothing" {
	some_routes
	local before
	before=$(kall)
	run vn route flush proto bgp
	assert_success
	assert_equal "$(kall)" "$before"
}

@test "dry-run flush prints the deletions and removes nothing" {
	some_routes
	local before
	before=$(kall)
	run vn -N route flush proto static
	assert_success
	assert_output --partial 'RTM_DELROUTE'
	assert_output --partial 'RTA_DST 10.30.1.0'
	assert_equal "$(kall)" "$before"
}

@test "flush with no selector is refused and removes nothing" {
	some_routes
	local before
	before=$(kall)
	run vn route flush
	assert_error 2 'flush needs a selector'
	assert_equal "$(kall)" "$before"
}

@test "flush refuses bad selectors with exit 2 and removes nothing" {
	some_routes
	local before
	before=$(kall)
	run vn route flush proto nosuch
	assert_error 2 'invalid proto "nosuch"'
	run vn route flush root 10.0.0/8
	assert_error 2 'invalid prefix "10.0.0/8"'
	run vn route flush type nosuch
	assert_error 2 'invalid type "nosuch"'
	run vn route flush root 10.0.0.0/8 match 10.1.1.1
	assert_error 2 'root and match cannot be used together'
	run vn route flush dev va nosuchword
	assert_error 2 'invalid prefix "nosuchword"'
	assert_equal "$(kall)" "$before"
}

@test "flush through a missing device fails with exit 1 and removes nothing" {
	some_routes
	local before
	before=$(kall)
	run vn route flush dev nosuch
	assert_error 1 'no device named "nosuch"'
	assert_equal "$(kall)" "$before"
}

# ---- get --------------------------------------------------------------------

@test "get prints the kernel's route to an address as ip route get does" {
	some_routes
	run vn route get 10.30.1.5
	assert_success
	assert_output "$(iptext route get 10.30.1.5)"
	assert_line --index 0 '10.30.1.5 via 10.0.0.1 dev va src 10.0.0.2 uid 0'
	assert_line --index 1 '    cache'
}

@test "get -j gives ip -j route get's keys" {
	some_routes
	assert_equal "$(vn -j route get 10.30.1.5 | jq -c .)" "$(ip -j route get 10.30.1.5 | jq -c .)"
	assert_equal "$(vn -j route get 10.0.0.2 | jq -c '.[0].cache')" '["local"]'
}

@test "get of a local and a broadcast address names them as ip does" {
	assert_equal "$(vn route get 10.0.0.2)" "$(iptext route get 10.0.0.2)"
	assert_equal "$(vn route get 10.0.0.255)" "$(iptext route get 10.0.0.255)"
}

@test "get names the table the lookup found, as ip does, once a rule has split local from main" {
	# a policy rule, even one gone again, keeps the kernel's local and main
	# tables apart for good: the lookup then reports table local
	ip rule add from 192.0.2.1 table 100
	ip rule del from 192.0.2.1 table 100
	run vn route get 10.0.0.2
	assert_success
	assert_line --index 0 --regexp '^local 10\.0\.0\.2 dev lo table local src 10\.0\.0\.2 '
	assert_equal "$output" "$(iptext route get 10.0.0.2)"
}

@test "get with from, oif and mark" {
	some_routes
	assert_equal "$(vn route get 10.30.1.5 from 10.0.0.2 oif va mark 16)" \
		"$(iptext route get 10.30.1.5 from 10.0.0.2 oif va mark 16)"
	assert_equal "$(vn -j route get 10.30.1.5 mark 5 | jq '.[0].mark')" 5
}

@test "get with iif looks up a forwarded packet" {
	ip link add dev vc type veth peer name vd
	ip link set dev vc up
	ip link set dev vd up
	ip addr add 10.1.0.1/24 dev vd
	sysctl -qw net.ipv4.ip_forward=1
	assert_equal "$(vn route get 10.0.0.9 from 10.1.0.2 iif vd)" \
		"$(iptext route get 10.0.0.9 from 10.1.0.2 iif vd)"
}

@test "get of an IPv6 address" {
	some_routes
	assert_equal "$(vn route get 2001:db8:5::1)" "$(iptext route get 2001:db8:5::1)"
	assert_equal "$(vn -j route get 2001:db8:5::1 | jq -c .)" "$(ip -j route get 2001:db8:5::1 | jq -c .)"
}

@test "get -d prints the table and type as ip -d does" {
	assert_equal "$(vn -d route get 10.0.0.9)" "$(iptext -d route get 10.0.0.9)"
}

@test "get of an address with no route fails with exit 1" {
	run vn route get 192.0.2.1
	assert_error 1 'route get 192.0.2.1: '
}

@test "get with vrf of a device that is no vrf fails with exit 1" {
	run vn route get 10.0.0.9 vrf va
	assert_failure 1
	assert_output --partial 'not a vrf'
}

@test "get with vrf looks up in the vrf's table" {
	require_kind vrf
	ip link add dev blue type vrf table 10
	ip link set dev blue up
	ip link set dev vb master blue
	ip addr add 10.1.0.1/24 dev vb
	assert_equal "$(vn route get 10.1.0.9 vrf blue)" "$(iptext route get 10.1.0.9 vrf blue)"
}

@test "get with tos looks up the route for that TOS and prints it as ip does" {
	ip route add 10.70.0.0/16 via 10.0.0.1
	ip route add 10.70.0.0/16 via 10.0.0.3 tos 0x10
	run vn route get 10.70.1.1 tos 0x10
	assert_success
	assert_output "$(iptext route get 10.70.1.1 tos 0x10)"
	assert_line --index 0 '10.70.1.1 tos 0x10 via 10.0.0.3 dev va src 10.0.0.2 uid 0'
	assert_equal "$(vn -j route get 10.70.1.1 tos 0x10 | jq -c .)" \
		"$(ip -j route get 10.70.1.1 tos 0x10 | jq -c .)"
	assert_equal "$(vn -j route get 10.70.1.1 | jq -r '.[0].gateway')" 10.0.0.1
}

@test "get fibmatch prints the table's route that matched, as ip route get fibmatch" {
	some_routes
	run vn route get 10.30.1.5 fibmatch
	assert_success
	assert_output "$(iptext route get fibmatch 10.30.1.5)"
	assert_output '10.30.1.0/24 via 10.0.0.1 dev va proto static'
	assert_equal "$(vn -j route get fibmatch 10.30.1.5 | jq -c .)" \
		"$(ip -j route get fibmatch 10.30.1.5 | jq -c .)"
}

@test "get fibmatch of a multipath route prints its next hops as ip does" {
	some_routes
	run vn route get fibmatch 10.30.7.7
	assert_success
	assert_output "$(iptext route get fibmatch 10.30.7.7)"
	assert_equal "$(vn -j route get fibmatch 10.30.7.7 | jq -c .)" \
		"$(ip -j route get fibmatch 10.30.7.7 | jq -c .)"
}

@test "get fibmatch of an IPv6 address and with tos, as ip does" {
	some_routes
	ip route add 10.70.0.0/16 via 10.0.0.3 tos 0x10
	assert_equal "$(vn route get fibmatch 2001:db8:5::1)" "$(iptext route get fibmatch 2001:db8:5::1)"
	assert_equal "$(vn route get fibmatch 10.70.1.1 tos 0x10)" \
		'10.70.0.0/16 tos 0x10 via 10.0.0.3 dev va'
	assert_equal "$(vn route get fibmatch 10.70.1.1 tos 0x10)" \
		"$(iptext route get fibmatch 10.70.1.1 tos 0x10)"
}

@test "get fibmatch of an address with no route fails with exit 1" {
	run vn route get 10.99.1.1 fibmatch
	assert_error 1 'route get 10.99.1.1: .*no route to it'
}

@test "get refuses bad input with exit 2" {
	run vn route get
	assert_error 2 'missing to'
	run vn route get 10.0.0.0/24
	assert_error 2 'invalid address "10.0.0.0/24"'
	run vn route get 10.0.0.9 from 2001:db8::2
	assert_error 2 'from 2001:db8::2 is IPv6 but 10.0.0.9 is IPv4'
	run vn route get 10.0.0.9 mark x
	assert_error 2 'invalid mark "x"'
	run vn route get 10.0.0.9 oif va vrf blue
	assert_error 2 'vrf and oif cannot be used together'
	run vn route get 10.0.0.9 tos x
	assert_error 2 'invalid tos "x"'
	run vn route get 2001:db8::9 tos 0x10
	assert_error 2 'tos is for IPv4 only'
	run vn route get 10.0.0.9 fibmatch fibmatch
	assert_error 2 'fibmatch given twice'
	run vn route get 10.0.0.9 oif nosuch
	assert_error 1 'no device named "nosuch"'
}

@test "show's keywords may be shortened while no prefix is given yet" {
	ip route add 10.60.0.0/16 via 10.0.0.1 table 100
	run vn -4 route sh tab 100
	assert_success
	assert_output '10.60.0.0/16 via 10.0.0.1 dev va'
	run vn -4 route show ro 10.60.0.0/16 tab 100
	assert_output '10.60.0.0/16 via 10.0.0.1 dev va'
}

@test "flush in a --force batch removes the routes the lines before it added" {
	printf '%s\n' "route add 10.5.0.0/16 via 10.0.0.1 proto static" \
		"route add 10.6.0.0/16 via 10.0.0.1 proto static" "route flush proto static" \
		"route add 10.7.0.0/16 via 10.0.0.1 proto static" >"$BATS_TEST_TMPDIR/batch"
	run vn --force -b "$BATS_TEST_TMPDIR/batch"
	assert_success
	assert_equal "$(ip -j -4 route show proto static | jq -r '.[].dst' | paste -sd' ')" '10.7.0.0/16'
}

@test "show all lists every route; flush all empties table main, ip's witness" {
	ip route add 10.40.0.0/16 via 10.0.0.1
	ip route add default via 10.0.0.1
	ip route add 10.41.0.0/16 via 10.0.0.1 table 9
	run vn route show all
	assert_success
	assert_output --partial '10.40.0.0/16 via 10.0.0.1 dev va'
	assert_output --partial 'default via 10.0.0.1 dev va'
	run vn route flush all
	assert_success
	assert_equal "$(ip -j -4 route show table main)" '[]'
	assert_equal "$(ip -j -4 route show table 9 | jq -r '.[].dst')" 10.41.0.0/16
}

@test "show src, realm and cached select as ip selects" {
	ip route add 10.42.0.0/16 via 10.0.0.1 src 10.0.0.2 realm 5
	ip route add 10.43.0.0/16 via 10.0.0.1 realms 3/6
	run vn route show src 10.0.0.2
	assert_success
	assert_output --partial '10.42.0.0/16 via 10.0.0.1 dev va realm 5'
	refute_output --partial '10.43.0.0/16'
	run vn route show realm 3/6
	assert_output '10.43.0.0/16 via 10.0.0.1 dev va'
	run vn -6 route show cached
	assert_success
	assert_output ''
	run vn route flush cached
	assert_success
	assert_equal "$(ip -j -4 route show 10.42.0.0/16 | jq length)" 1
}
