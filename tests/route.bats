#!/usr/bin/env bats
# vnetctl route: add, del and show of IPv4 and IPv6 routes.  The kernel's
# view is checked through iproute2 (`ip -j route`), never only through
# vnetctl's own output.
load helpers

setup() { route_setup; }
teardown() { route_teardown; }

# The kernel's route to $2 in family $1 (-4/-6) as JSON, from table ${3:-main}.
kroute() { ip -j "$1" route show table "${3:-main}" | jq -c --arg d "$2" '.[] | select(.dst == $d)'; }
# One field of it.
kfield() { kroute "$1" "$2" "${4:-main}" | jq -r ".$3"; }
# The kernel's IPv4 routes in table main, "dst" a line, sorted: proof that
# nothing changed.
kdsts() { ip -j -4 route show table "${1:-main}" | jq -r '.[].dst' | sort | paste -sd' '; }

# ---- add --------------------------------------------------------------------

@test "add default via a gateway gives the namespace its default route" {
	run vn route add default via 10.0.0.1
	assert_success
	assert_output ''
	assert_equal "$(kfield -4 default gateway)" 10.0.0.1
	assert_equal "$(kfield -4 default dev)" va
	assert_equal "$(ip -d -j -4 route show default | jq -r '.[0].protocol')" boot
}

@test "add of a prefix through a device makes a link-scope route" {
	run vn route add 10.5.0.0/16 dev va
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 dev)" va
	assert_equal "$(kfield -4 10.5.0.0/16 scope)" link
	assert_equal "$(kfield -4 10.5.0.0/16 gateway)" null
}

@test "add of a host route without a prefix length" {
	run vn route add 192.0.2.7 dev va
	assert_success
	assert_equal "$(kfield -4 192.0.2.7 dev)" va
}

@test "add with via and dev uses both" {
	run vn route add to 10.6.0.0/16 via 10.0.0.1 dev va
	assert_success
	assert_equal "$(kfield -4 10.6.0.0/16 gateway)" 10.0.0.1
	assert_equal "$(kfield -4 10.6.0.0/16 dev)" va
}

@test "add with metric sets the route's priority" {
	run vn route add 10.5.0.0/16 via 10.0.0.1 metric 77
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 metric)" 77
}

@test "the same prefix may be added twice with different metrics" {
	vn route add 10.5.0.0/16 via 10.0.0.1 metric 10
	run vn route add 10.5.0.0/16 via 10.0.0.1 metric 20
	assert_success
	assert_equal "$(kroute -4 10.5.0.0/16 | wc -l)" 2
}

@test "add with table puts the route in that table, not in main" {
	run vn route add 10.5.0.0/16 via 10.0.0.1 table 100
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 gateway 100)" 10.0.0.1
	assert_equal "$(kroute -4 10.5.0.0/16)" ''
}

@test "add with a table number above 255 uses it whole" {
	run vn route add 10.5.0.0/16 dev va table 1000
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 dev 1000)" va
}

@test "add with a table name uses the named table" {
	run vn route add 10.5.0.0/16 dev va table main
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 dev)" va
}

@test "add of an IPv6 prefix via an IPv6 gateway" {
	run vn route add 2001:db8:5::/48 via 2001:db8::1
	assert_success
	assert_equal "$(kfield -6 2001:db8:5::/48 gateway)" 2001:db8::1
}

@test "add default via an IPv6 gateway makes an IPv6 default route" {
	run vn route add default via 2001:db8::1
	assert_success
	assert_equal "$(kfield -6 default gateway)" 2001:db8::1
	assert_equal "$(kroute -4 default)" ''
}

@test "add default through a device under -6 makes an IPv6 default route" {
	run vn -6 route add default dev va metric 9
	assert_success
	assert_equal "$(kfield -6 default metric)" 9
	assert_equal "$(kroute -4 default)" ''
}

@test "add of a route that exists fails with exit 1" {
	vn route add 10.5.0.0/16 dev va
	run vn route add 10.5.0.0/16 dev va
	assert_error 1 'route add 10.5.0.0/16: .*exists'
}

@test "add through a missing device fails with exit 1" {
	run vn route add 10.5.0.0/16 dev nosuch
	assert_error 1 'route add 10.5.0.0/16: no device named "nosuch"'
	assert_equal "$(kdsts)" "10.0.0.0/24"
}

@test "add via a gateway on no connected network fails with exit 1" {
	run vn route add 10.5.0.0/16 via 10.99.0.1
	assert_error 1 'route add 10.5.0.0/16: '
	assert_equal "$(kdsts)" "10.0.0.0/24"
}

# ---- bad input: exit 2, one line, nothing changed ----------------------------

@test "a gateway of the other family is a usage error" {
	run vn route add 10.5.0.0/16 via 2001:db8::1
	assert_error 2 'via 2001:db8::1 is IPv6 but 10.5.0.0/16 is IPv4'
	assert_equal "$(kdsts)" "10.0.0.0/24"
}

@test "a metric that is not a number is a usage error" {
	run vn route add 10.5.0.0/16 dev va metric fast
	assert_error 2 'invalid metric "fast"'
	assert_equal "$(kdsts)" "10.0.0.0/24"
}

@test "a metric beyond 32 bits is a usage error" {
	run vn route add 10.5.0.0/16 dev va metric 4294967296
	assert_error 2 'invalid metric "4294967296"'
	assert_equal "$(kdsts)" "10.0.0.0/24"
}

@test "a malformed prefix is a usage error" {
	run vn route add 10.5.0/16 dev va
	assert_error 2 'invalid prefix "10.5.0/16"'
}

@test "a prefix length over 32 is a usage error" {
	run vn route add 10.5.0.0/33 dev va
	assert_error 2 'invalid prefix "10.5.0.0/33"'
}

@test "a malformed gateway is a usage error" {
	run vn route add 10.5.0.0/16 via 10.0.0.256
	assert_error 2 'invalid address "10.0.0.256"'
}

@test "an unknown keyword is a usage error" {
	run vn route add 10.5.0.0/16 dev va bogus 4
	assert_error 2 'unknown keyword "bogus"'
	assert_equal "$(kdsts)" "10.0.0.0/24"
}

@test "add without a gateway or a device is a usage error" {
	run vn route add 10.5.0.0/16
	assert_error 2 'a route needs via GW, dev NAME or nexthop'
}

@test "add without a destination is a usage error" {
	run vn route add via 10.0.0.1
	assert_error 2 'missing to'
}

@test "a table that is neither a name nor a number is a usage error" {
	run vn route add 10.5.0.0/16 dev va table blue
	assert_error 2 'invalid table "blue"'
	assert_equal "$(kdsts)" "10.0.0.0/24"
}

@test "table all is for show only" {
	run vn route add 10.5.0.0/16 dev va table all
	assert_error 2 'invalid table "all"'
}

@test "an IPv4 prefix under -6 is a usage error" {
	run vn -6 route add 10.5.0.0/16 dev va
	assert_error 2 'invalid prefix "10.5.0.0/16"'
}

# ---- del --------------------------------------------------------------------

@test "del removes a route by its prefix alone" {
	vn route add 10.5.0.0/16 via 10.0.0.1 metric 5
	run vn route del 10.5.0.0/16
	assert_success
	assert_equal "$(kdsts)" "10.0.0.0/24"
}

@test "del default removes the IPv4 default route" {
	vn route add default via 10.0.0.1
	run vn route del default
	assert_success
	assert_equal "$(kroute -4 default)" ''
}

@test "del default under -6 removes the IPv6 default route only" {
	vn route add default via 10.0.0.1
	vn route add default via 2001:db8::1
	run vn -6 route del default
	assert_success
	assert_equal "$(kroute -6 default)" ''
	assert_equal "$(kfield -4 default gateway)" 10.0.0.1
}

@test "del with a metric removes only the route with that metric" {
	vn route add 10.5.0.0/16 via 10.0.0.1 metric 10
	vn route add 10.5.0.0/16 via 10.0.0.1 metric 20
	run vn route del 10.5.0.0/16 metric 20
	assert_success
	assert_equal "$(kfield -4 10.5.0.0/16 metric)" 10
}

@test "del from a table removes the route from that table" {
	vn route add 10.5.0.0/16 dev va table 100
	run vn route del 10.5.0.0/16 table 100
	assert_success
	assert_equal "$(kroute -4 10.5.0.0/16 100)" ''
}

@test "del of an IPv6 route" {
	vn route add 2001:db8:5::/48 dev va
	run vn route delete 2001:db8:5::/48
	assert_success
	assert_equal "$(kroute -6 2001:db8:5::/48)" ''
}

@test "del of an absent route fails with exit 1" {
	run vn route del 10.5.0.0/16
	assert_error 1 'route del 10.5.0.0/16: '
}

@test "del looks in table main only unless told otherwise" {
	vn route add 10.5.0.0/16 dev va table 100
	run vn route del 10.5.0.0/16
	assert_error 1 'route del 10.5.0.0/16: '
	assert_equal "$(kfield -4 10.5.0.0/16 dev 100)" va
}

# ---- show -------------------------------------------------------------------

@test "show prints a default route as ip route does" {
	vn route add default via 10.0.0.1 metric 5
	run vn route show
	assert_success
	assert_line 'default via 10.0.0.1 dev va metric 5'
}

@test "show prints a connected route with its scope and source" {
	run vn route
	assert_success
	assert_line '10.0.0.0/24 dev va proto kernel scope link src 10.0.0.2'
}

@test "show without -4 or -6 lists IPv4 routes only, as ip route show does" {
	vn route add 10.5.0.0/16 dev va
	vn route add 2001:db8:5::/48 dev va metric 7
	run vn route show
	assert_success
	assert_line --index 0 '10.0.0.0/24 dev va proto kernel scope link src 10.0.0.2'
	assert_line --index 1 '10.5.0.0/16 dev va scope link'
	refute_output --partial ':'
	assert_equal "$(vn -j route show | jq -r '.[].dst' | sort | paste -sd' ')" \
		"$(ip -j route show | jq -r '.[].dst' | sort | paste -sd' ')"
}

@test "show -6 lists the IPv6 routes ip -6 route show lists" {
	vn route add 2001:db8:5::/48 dev va metric 7
	run vn -6 route show
	assert_success
	assert_line '2001:db8:5::/48 dev va metric 7 pref medium'
	refute_output --partial '10.0.0.0/24'
	assert_equal "$(vn -j -6 route show | jq -r '.[].dst' | sort | paste -sd' ')" \
		"$(ip -j -6 route show | jq -r '.[].dst' | sort | paste -sd' ')"
}

@test "show with an IPv6 prefix lists IPv6 routes without -6" {
	vn route add 2001:db8:5::/48 dev va metric 7
	run vn route show 2001:db8:5::/48
	assert_success
	assert_output '2001:db8:5::/48 dev va metric 7 pref medium'
}

@test "show table local without -6 lists IPv4 routes only, as ip does" {
	run vn -j route show table local
	assert_success
	assert_equal "$(echo "$output" | jq -r '.[].dst' | sort | paste -sd' ')" \
		"$(ip -j route show table local | jq -r '.[].dst' | sort | paste -sd' ')"
	refute_output --partial '::1'
}

@test "show table all lists both families, IPv4 first, as ip does" {
	vn route add 2001:db8:5::/48 dev va metric 7
	run vn route show table all
	assert_success
	assert_line '2001:db8:5::/48 dev va metric 7 pref medium'
	assert_line '10.0.0.0/24 dev va proto kernel scope link src 10.0.0.2'
	local last4 first6
	last4=$(printf '%s\n' "${lines[@]}" | grep -n ' 10\.\|^10\.' | tail -1 | cut -d: -f1)
	first6=$(printf '%s\n' "${lines[@]}" | grep -n '::\|2001:' | head -1 | cut -d: -f1)
	[ "$last4" -lt "$first6" ]
	# a device's link-local address (and its local route) comes when it
	# comes, maybe between the two reads: those are left out
	local dsts='.[].dst | select(startswith("fe80:") | not)'
	assert_equal "$(vn -j route show table all | jq -r "$dsts" | sort | paste -sd' ')" \
		"$(ip -j route show table all | jq -r "$dsts" | sort | paste -sd' ')"
}

@test "show -4 lists only IPv4 routes" {
	run vn -4 route show
	assert_success
	refute_output --partial '2001:db8::'
	assert_line '10.0.0.0/24 dev va proto kernel scope link src 10.0.0.2'
}

@test "show -6 lists only IPv6 routes" {
	run vn -6 route show
	assert_success
	refute_output --partial '10.0.0.0/24'
	assert_line --regexp '^2001:db8::/64 dev va proto kernel metric 256'
}

@test "show table lists that table's routes and no others" {
	vn route add 10.5.0.0/16 via 10.0.0.1 table 100
	vn route add 10.6.0.0/16 dev va table 1000
	run vn route show table 100
	assert_success
	assert_output '10.5.0.0/16 via 10.0.0.1 dev va'
	run vn route show table 1000
	assert_output '10.6.0.0/16 dev va scope link'
}

@test "show of a table that was never used lists nothing" {
	run vn route show table 4242
	assert_success
	assert_output ''
}

@test "show table all names each route's table when it is not main" {
	vn route add 10.5.0.0/16 dev va table 100
	run vn -4 route show table all
	assert_success
	assert_line '10.5.0.0/16 dev va table 100 scope link'
	assert_line '10.0.0.0/24 dev va proto kernel scope link src 10.0.0.2'
	assert_line 'local 10.0.0.2 dev va table local proto kernel scope host src 10.0.0.2'
}

@test "show dev lists only the routes through that device" {
	ip addr add 10.1.0.1/24 dev vb
	run vn -4 route show dev vb
	assert_success
	# the device is every line's: left out, as ip route show dev leaves it
	assert_output '10.1.0.0/24 proto kernel scope link src 10.1.0.1'
}

@test "show -j gives iproute2's keys" {
	vn route add default via 10.0.0.1 metric 5
	run vn -j -4 route show
	assert_success
	local d c
	d=$(echo "$output" | jq -c '.[] | select(.dst == "default")')
	c=$(echo "$output" | jq -c '.[] | select(.dst == "10.0.0.0/24")')
	assert_equal "$(echo "$d" | jq -r .gateway)" 10.0.0.1
	assert_equal "$(echo "$d" | jq -r .dev)" va
	assert_equal "$(echo "$d" | jq -r .protocol)" null
	assert_equal "$(echo "$d" | jq -r .metric)" 5
	assert_equal "$(echo "$d" | jq -c .flags)" '[]'
	assert_equal "$(echo "$c" | jq -r .scope)" link
	assert_equal "$(echo "$c" | jq -r .prefsrc)" 10.0.0.2
	assert_equal "$(echo "$c" | jq -r .protocol)" kernel
}

@test "show -j names the table of a route outside main" {
	vn route add 10.5.0.0/16 dev va table 100
	run vn -j -4 route show table all
	assert_success
	assert_equal "$(echo "$output" | jq -r '.[] | select(.dst == "10.5.0.0/16") | .table')" 100
}

@test "show -j agrees with ip -j on the routes of table main" {
	vn route add default via 10.0.0.1 metric 5
	vn route add 10.5.0.0/16 dev va
	vn route add 2001:db8:5::/48 via 2001:db8::1
	local f mine theirs
	f='[.[] | {dst, gateway, dev, scope, prefsrc, metric}] | sort'
	mine=$(vn -j route show | jq -c "$f")
	theirs=$(ip -j route | jq -c "$f")
	assert_equal "$mine" "$theirs"
	mine=$(vn -j -6 route show | jq -c "$f")
	theirs=$(ip -j -6 route | jq -c "$f")
	assert_equal "$mine" "$theirs"
}

@test "show marks a route whose device has no carrier as linkdown" {
	vn route add 10.5.0.0/16 via 10.0.0.1
	ip link set dev vb down
	run vn -4 route show
	assert_line '10.5.0.0/16 via 10.0.0.1 dev va linkdown'
	run vn -j -4 route show
	assert_equal "$(echo "$output" | jq -c '.[] | select(.dst == "10.5.0.0/16") | .flags')" '["linkdown"]'
}

# ---- show: what ip prints -----------------------------------------------------

# ip's text with the blanks it leaves at line ends taken off.
iptext() { ip "$@" | sed 's/ *$//'; }

# Routes of many shapes, made with ip: multipath in both families, metrics
# with a lock, realms, other protocols, types other than unicast.
many_routes() {
	ip route add 10.30.0.0/16 nexthop via 10.0.0.254 weight 1 nexthop via 10.0.0.253 weight 2
	ip route add 10.31.0.0/16 via 10.0.0.1 mtu lock 1300 advmss 1200 initcwnd 10 realm 5
	ip route add 10.32.0.0/16 via 10.0.0.1 proto static realms 3/4 rtt 100 hoplimit 5 \
		quickack 1 congctl lock cubic features ecn
	ip route add 10.35.0.0/16 dev va proto 42 window 1000 initrwnd 20 rto_min 1500
	ip route add 10.36.0.0/16 dev va proto 200 table 200
	ip route add blackhole 10.33.0.0/16
	ip route add prohibit 10.37.0.0/16 metric 7
	ip route add 2001:db8:30::/48 nexthop via 2001:db8::10 weight 1 nexthop via 2001:db8::11 weight 3
	ip route add unreachable 2001:db8:33::/48
	ip route add 2001:db8:34::/48 via 2001:db8::1 pref high mtu 1400 hoplimit 9
}

@test "show prints a multipath route's every next hop as ip route does" {
	many_routes
	run vn -4 route show
	assert_success
	assert_line '10.30.0.0/16'
	assert_line "$(printf '\tnexthop via 10.0.0.254 dev va weight 1')"
	assert_line "$(printf '\tnexthop via 10.0.0.253 dev va weight 2')"
	run vn -6 route show
	assert_line '2001:db8:30::/48 metric 1024 pref medium'
	assert_line "$(printf '\tnexthop via 2001:db8::11 dev va weight 3')"
}

@test "show -j gives a multipath route's nexthops as ip -j does, in both families" {
	many_routes
	local f='.[] | select(.nexthops) | {dst, nexthops}'
	assert_equal "$(vn -j -4 route show | jq -c "$f")" "$(ip -j -4 route show | jq -c "$f")"
	assert_equal "$(vn -j -6 route show | jq -c "$f")" "$(ip -j -6 route show | jq -c "$f")"
	assert_equal "$(vn -j -4 route show | jq -c '.[] | select(.dst == "10.30.0.0/16") | .nexthops[1]')" \
		'{"gateway":"10.0.0.253","dev":"va","weight":2,"flags":[]}'
}

@test "show prints metrics, their locks and realms as ip route does" {
	many_routes
	run vn -4 route show
	assert_line '10.31.0.0/16 via 10.0.0.1 dev va realm 5 mtu lock 1300 advmss 1200 initcwnd 10'
	assert_line '10.32.0.0/16 via 10.0.0.1 dev va proto static realms 3/4 rtt 12ms hoplimit 5 features ecn quickack 1 congctl lock cubic'
	assert_line '10.35.0.0/16 dev va proto babel scope link window 1000 rto_min lock 1.5s initrwnd 20'
}

@test "show -j gives metrics and realms under ip's keys" {
	many_routes
	local f='.[] | select(.dst == "10.31.0.0/16" or .dst == "10.32.0.0/16") | {flow, metrics}'
	assert_equal "$(vn -j -4 route show | jq -c "$f")" "$(ip -j -4 route show | jq -c "$f")"
	assert_equal "$(vn -j -4 route show | jq -c '.[] | select(.dst == "10.31.0.0/16") | .metrics')" \
		'[{"mtu":1300,"advmss":1200,"initcwnd":10}]'
}

@test "show prints an IPv6 route's expiry in seconds as ip does" {
	ip route add 2001:db8:31::/48 via 2001:db8::1 expires 300
	run vn -6 route show
	assert_line --regexp '^2001:db8:31::/48 via 2001:db8::1 dev va metric 1024 expires [0-9]+sec pref medium$'
	local e
	e=$(vn -j -6 route show | jq '.[] | select(.dst == "2001:db8:31::/48") | .expires')
	[ "$e" -gt 0 ] && [ "$e" -le 300 ]
	assert_equal "$(ip -j -6 route show | jq '.[] | select(.dst == "2001:db8::/64") | .expires')" null
}

@test "show leaves proto boot out as ip does; -d prints every default" {
	vn route add 10.5.0.0/16 dev va
	run vn -4 route show
	assert_line '10.5.0.0/16 dev va scope link'
	assert_equal "$(vn -j -4 route show | jq -r '.[] | select(.dst == "10.5.0.0/16") | .protocol')" null
	run vn -d -4 route show
	assert_line 'unicast 10.5.0.0/16 dev va proto boot scope link'
	assert_equal "$(vn -d -j -4 route show | jq -r '.[] | select(.dst == "10.5.0.0/16") | .protocol')" boot
}

@test "show's text is ip route show's, line for line, for routes of every shape" {
	many_routes
	assert_equal "$(vn -4 route show)" "$(iptext -4 route show)"
	assert_equal "$(vn -6 route show)" "$(iptext -6 route show)"
	assert_equal "$(vn -4 route show table all)" "$(iptext -4 route show table all)"
	assert_equal "$(vn -d -4 route show table all)" "$(iptext -d -4 route show table all)"
	assert_equal "$(vn -d -6 route show table all)" "$(iptext -d -6 route show table all)"
}

@test "show -j is ip -j route show, key for key, for routes of every shape" {
	many_routes
	assert_equal "$(vn -j -4 route show | jq -c .)" "$(ip -j -4 route show | jq -c .)"
	assert_equal "$(vn -j -6 route show | jq -c .)" "$(ip -j -6 route show | jq -c .)"
	assert_equal "$(vn -j -4 route show table all | jq -c .)" "$(ip -j -4 route show table all | jq -c .)"
	assert_equal "$(vn -j -d -6 route show table all | jq -c .)" "$(ip -j -d -6 route show table all | jq -c .)"
}

@test "show in a batch with --force lists the routes the lines before it added" {
	printf '%s\n' "route add 10.5.0.0/16 dev va" "route show" >"$BATS_TEST_TMPDIR/batch"
	run vn --force -b "$BATS_TEST_TMPDIR/batch"
	assert_success
	assert_line '10.5.0.0/16 dev va scope link'
}

@test "show of a bad table is a usage error" {
	run vn route show table 0
	assert_error 2 'table 0 is out of range'
}

# ---- dry run ----------------------------------------------------------------

@test "dry-run add prints the decoded request and changes nothing" {
	run vn -N route add default via 10.0.0.1 dev va metric 5 table 300
	assert_success
	assert_output --partial 'RTM_NEWROUTE'
	assert_output --partial 'RTA_GATEWAY 10.0.0.1'
	assert_output --partial 'RTA_PRIORITY 5'
	assert_output --partial 'RTA_TABLE 300'
	assert_equal "$(ip -j -4 route show table all | jq '[.[] | select(.dst == "default")] | length')" 0
}

@test "dry-run del prints the decoded request and removes nothing" {
	vn route add 10.5.0.0/16 dev va
	run vn -N route del 10.5.0.0/16
	assert_success
	assert_output --partial 'RTM_DELROUTE'
	assert_equal "$(kfield -4 10.5.0.0/16 dev)" va
}

# ---- a namespace's way out --------------------------------------------------

@test "a default route added with vnetctl lets a namespace reach beyond its subnet" {
	ip netns add inner
	ip link set dev vb netns inner
	ip -n inner link set dev lo up
	ip -n inner addr add 10.0.0.3/24 dev vb
	ip -n inner link set dev vb up
	# an address of the outer namespace outside the inner one's subnet
	ip addr add 192.0.2.1/32 dev va
	run ip netns exec inner ping -c 1 -W 2 192.0.2.1
	assert_failure
	run vn -n inner route add default via 10.0.0.2
	assert_success
	assert_equal "$(ip -n inner -j route show default | jq -r '.[0].gateway')" 10.0.0.2
	run ip netns exec inner ping -c 1 -W 5 192.0.2.1
	assert_success
}
