#!/usr/bin/env bats
# vnetctl addr show and flush with ip's selectors: up, scope, label, to,
# permanent|dynamic, tentative, deprecated, primary|secondary, type, master.
# What show lists is compared with what `ip addr show` lists for the same
# selectors; what flush removes is read back through `ip -j addr show`.
load helpers

# va/vb a veth pair, va up with addresses; vc/vd another pair, vc a port of
# bridge br0, with one address.
setup() {
	clean_netns
	ip link add dev va type veth peer name vb
	ip link set dev va up
	ip link add dev vc type veth peer name vd
	ip link add dev br0 type bridge
	ip link set dev vc master br0
	ip addr add 10.0.0.1/24 dev va label va:x metric 5
	ip addr add 10.0.0.2/24 dev va
	ip addr add 10.0.1.1/24 dev va valid_lft 600 preferred_lft 600
	ip addr add 2001:db8::1/64 dev va nodad
	ip addr add 10.0.5.1/24 dev vc
}

# Every device's addresses but link-local ones, "dev:local/plen" sorted.
kall() {
	ip -j addr show | jq -r '.[] | .ifname as $d | .addr_info[] | select(.scope != "link") |
		"\($d):\(.local)/\(.prefixlen)"' | sort | paste -sd' '
}
# show -br with these selectors gives what ip -br gives.
same_as_ip() {
	run vn -br addr show "$@"
	assert_success
	assert_equal "$output" "$(ip -br addr show "$@")"
}

# ---- show: the text and JSON of ip ------------------------------------------------

# A dynamic address's lifetimes count down: read a second apart (a slow
# run under valgrind), the two tools' figures may differ by one.  Those
# figures are checked, with that allowance, by the tests after these.
@test "show prints every address line exactly as ip does" {
	run vn addr show
	assert_success
	local counting='s/_lft [0-9]+sec/_lft Nsec/g'
	assert_equal "$(grep '^    ' <<<"$output" | sed -E "$counting")" \
		"$(ip addr show | grep '^    ' | sed -E "$counting")"
}

@test "show -j gives ip's addr_info, key for key" {
	run vn -j addr show
	assert_success
	local f='[.[].addr_info | map(if .dynamic then .valid_life_time = "N" | .preferred_life_time = "N" else . end)]'
	assert_equal "$(jq -c "$f" <<<"$output")" "$(ip -j addr show | jq -c "$f")"
}

@test "show prints metric, label, dynamic and the lifetimes as ip does" {
	run vn addr show dev va
	assert_line '    inet 10.0.0.1/24 metric 5 scope global va:x'
	assert_line '    inet 10.0.1.1/24 scope global dynamic va'
	assert_line '    inet 10.0.0.2/24 scope global secondary va'
	assert_line --regexp '^       valid_lft [0-9]+sec preferred_lft [0-9]+sec$'
	assert_line '    inet6 2001:db8::1/64 scope global nodad '
}

@test "show -j gives metric, label, dynamic and lifetimes in seconds" {
	local life='.[0].addr_info[] | select(.local == "10.0.1.1") | "\(.valid_life_time) \(.preferred_life_time)"'
	local before mine after
	# ip's reading before and after ours bound it, however slow the machine
	read -r -a before <<<"$(ip -j addr show dev va | jq -r "$life")"
	run vn -j addr show dev va
	read -r -a after <<<"$(ip -j addr show dev va | jq -r "$life")"
	assert_success
	assert_equal "$(jq -r '.[0].addr_info[] | select(.local == "10.0.0.1") | "\(.metric) \(.label)"' <<<"$output")" "5 va:x"
	assert_equal "$(jq -r '.[0].addr_info[] | select(.local == "10.0.1.1") | .dynamic' <<<"$output")" true
	assert_equal "$(jq -r '.[0].addr_info[] | select(.local == "2001:db8::1") | .nodad' <<<"$output")" true
	# the dynamic one's lifetimes are ip's: between its two readings
	read -r -a mine <<<"$(jq -r "$life" <<<"$output")"
	(( ${#mine[@]} == 2 && ${#before[@]} == 2 && ${#after[@]} == 2 ))
	(( before[0] >= mine[0] && mine[0] >= after[0] ))
	(( before[1] >= mine[1] && mine[1] >= after[1] ))
	(( mine[0] > 0 && mine[0] <= 600 ))
}

# ---- show: each selector lists what ip lists -------------------------------------------

@test "show up lists the devices that are up, as ip" { same_as_ip up; }
@test "show scope host lists host addresses, as ip" { same_as_ip scope host; }
@test "show scope global lists global addresses, as ip" { same_as_ip scope global; }
@test "show scope takes a number too" {
	run vn -br addr show scope 254
	assert_equal "$output" "$(ip -br addr show scope host)"
}
@test "show to PREFIX lists the addresses inside it, as ip" { same_as_ip to 10.0.0.0/24; }
@test "show to an IPv6 prefix lists IPv6 addresses, as ip" { same_as_ip to 2001:db8::/32; }
@test "show permanent lists the addresses that never expire, as ip" { same_as_ip permanent; }
@test "show dynamic lists the addresses with a lifetime, as ip" { same_as_ip dynamic; }
@test "show tentative lists addresses in duplicate detection, as ip" { same_as_ip tentative; }
@test "show deprecated lists addresses past their preferred lifetime, as ip" {
	ip addr change 10.0.1.1/24 dev va valid_lft 600 preferred_lft 0
	same_as_ip deprecated
	assert_output --partial '10.0.1.1/24'
}
@test "show secondary and primary split the addresses, as ip" {
	same_as_ip secondary
	assert_output --partial '10.0.0.2/24'
	same_as_ip primary
	refute_output --partial '10.0.0.2/24'
}
@test "show type veth lists the veth devices, as ip" { same_as_ip type veth; }
@test "show type bridge_slave lists the bridges' ports, as ip" { same_as_ip type bridge_slave; }
@test "show master br0 lists the bridge's ports, as ip" { same_as_ip master br0; }
@test "show dev with a selector lists that device only, as ip" { same_as_ip dev va scope global; }
@test "selectors combine, as ip's do" { same_as_ip up scope global primary to 10.0.0.0/16; }

@test "show label prints the matching address lines alone, as ip" {
	run vn addr show label 'va:*'
	assert_success
	assert_equal "$output" "$(ip addr show label 'va:*')"
}

@test "show label matches an unlabelled address by its device's name" {
	run vn -j addr show label va
	assert_success
	assert_equal "$(jq -r '[.[].addr_info[].local] | sort | join(" ")' <<<"$output")" "10.0.0.2 10.0.1.1 2001:db8::1"
	assert_equal "$(jq -r '[.[].ifname] | join(" ")' <<<"$output")" va
}

# ---- show: bad selectors ----------------------------------------------------------------

@test "an unknown scope is a usage error" {
	refused 'invalid scope "far"' addr show scope far
}

@test "a malformed prefix after to is a usage error" {
	refused 'invalid prefix "10.0.0.300/24"' addr show to 10.0.0.300/24
}

@test "permanent and dynamic together are a usage error" {
	refused 'permanent and dynamic cannot be used together' addr show permanent dynamic
}

@test "primary and secondary together are a usage error" {
	refused 'primary and secondary cannot be used together' addr show secondary primary
}

@test "master of a missing device fails with exit 1" {
	run vn addr show master nosuch
	assert_error 1 'no device named "nosuch"'
}

@test "an IPv6 prefix under -4 is a usage error" {
	refused 'invalid prefix "2001:db8::/32"' -4 addr show to 2001:db8::/32
}

# ---- flush with the selectors -------------------------------------------------------------

@test "flush scope global removes the global addresses of every device, and only those" {
	run vn addr flush scope global
	assert_success
	assert_equal "$(kall)" "lo:127.0.0.1/8 lo:::1/128"
}

@test "flush secondary removes only the secondary addresses" {
	run vn addr flush dev va secondary
	assert_success
	assert_equal "$(kall)" "lo:127.0.0.1/8 lo:::1/128 va:10.0.0.1/24 va:10.0.1.1/24 va:2001:db8::1/64 vc:10.0.5.1/24"
}

@test "flush dynamic removes the addresses with a lifetime" {
	run vn addr flush dynamic
	assert_success
	assert_equal "$(ip -j addr show dev va | jq -r '[.[0].addr_info[] | select(.dynamic)] | length')" 0
	assert_equal "$(kall)" "lo:127.0.0.1/8 lo:::1/128 va:10.0.0.1/24 va:10.0.0.2/24 va:2001:db8::1/64 vc:10.0.5.1/24"
}

@test "flush label removes the addresses of that label (a primary's secondaries go with it)" {
	run vn addr flush label 'va:*'
	assert_success
	assert_equal "$(kall)" "lo:127.0.0.1/8 lo:::1/128 va:10.0.1.1/24 va:2001:db8::1/64 vc:10.0.5.1/24"
	ip addr add 10.0.0.1/24 dev va label va:x
	ip addr add 10.0.0.2/24 dev va label va:y
	run vn addr flush label va:y
	assert_success
	assert_equal "$(kall)" "lo:127.0.0.1/8 lo:::1/128 va:10.0.0.1/24 va:10.0.1.1/24 va:2001:db8::1/64 vc:10.0.5.1/24"
}

@test "flush to PREFIX removes the addresses inside it" {
	run vn addr flush to 2001:db8::/32
	assert_success
	assert_equal "$(kall)" "lo:127.0.0.1/8 lo:::1/128 va:10.0.0.1/24 va:10.0.0.2/24 va:10.0.1.1/24 vc:10.0.5.1/24"
}

@test "flush master removes the addresses of the bridge's ports" {
	run vn addr flush master br0
	assert_success
	assert_equal "$(kall)" "lo:127.0.0.1/8 lo:::1/128 va:10.0.0.1/24 va:10.0.0.2/24 va:10.0.1.1/24 va:2001:db8::1/64"
}

@test "flush type veth up removes the addresses of the veths that are up" {
	run vn addr flush type veth up
	assert_success
	assert_equal "$(kall)" "lo:127.0.0.1/8 lo:::1/128 vc:10.0.5.1/24"
}

@test "dry-run flush with a selector prints one delete per address and removes nothing" {
	before=$(kall)
	run vn -N addr flush to 10.0.0.0/16
	assert_success
	assert_equal "$(grep -c RTM_DELADDR <<<"$output")" 4
	assert_equal "$(kall)" "$before"
}

@test "flush with a bad selector is a usage error and flushes nothing" {
	refused 'invalid scope "far"' addr flush scope far
	refused 'permanent and dynamic cannot be used together' addr flush permanent dynamic
	refused 'unknown keyword "nosuch"' addr flush dev va nosuch
}

@test "flush master of a missing device fails with exit 1 and flushes nothing" {
	before=$(kall)
	run vn addr flush master nosuch
	assert_error 1 'no device named "nosuch"'
	assert_equal "$(kall)" "$before"
}

@test "flush of a device the other selectors leave out removes nothing" {
	before=$(kall)
	run vn addr flush dev va type bridge
	assert_success
	assert_output ''
	assert_equal "$(kall)" "$before"
}
