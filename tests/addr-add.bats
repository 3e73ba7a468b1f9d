#!/usr/bin/env bats
# vnetctl addr add, change and replace with every word of ip's: label,
# lifetimes, flags and metric.  The kernel's view is read through
# `ip -j addr show`, the second witness.
load helpers

setup() {
	clean_netns
	pair_up
}

# One field of the kernel's address $2 on device $1 (empty when unset).
kfield() {
	ip -j addr show dev "$1" | jq -r --arg a "$2" ".[0].addr_info[] | select(.local == \$a) | .$3 // empty"
}
# The device's addresses but link-local ones, "local/prefixlen" sorted.
kaddrs() {
	ip -j addr show dev "$1" | jq -r '.[0].addr_info[] | select(.scope != "link") | "\(.local)/\(.prefixlen)"' |
		sort | paste -sd' '
}
# A command line vnetctl refuses: exit 2, the one line, va's addresses unchanged.
refused() { # REGEX ARGS...
	local re=$1 before
	shift
	before=$(kaddrs va)
	run vn "$@"
	assert_error 2 "$re"
	assert_equal "$(kaddrs va)" "$before"
}

# ---- add ----------------------------------------------------------------------

@test "add with label names the IPv4 address" {
	run vn addr add 10.0.0.1/24 dev va label va:web
	assert_success
	assert_equal "$(kfield va 10.0.0.1 label)" va:web
}

@test "add with valid_lft and preferred_lft gives the address those lifetimes" {
	run vn addr add 10.0.0.1/24 dev va valid_lft 300 preferred_lft 200
	assert_success
	# the kernel counts down from there: at most what was given, never forever
	v=$(kfield va 10.0.0.1 valid_life_time)
	p=$(kfield va 10.0.0.1 preferred_life_time)
	[ "$v" -le 300 ] && [ "$v" -gt 200 ] || fail "valid_life_time $v"
	[ "$p" -le 200 ] && [ "$p" -gt 100 ] || fail "preferred_life_time $p"
	assert_equal "$(kfield va 10.0.0.1 dynamic)" true
}

@test "add with preferred_lft 0 makes a deprecated address" {
	run vn addr add 2001:db8::1/64 dev va preferred_lft 0 nodad
	assert_success
	assert_equal "$(kfield va 2001:db8::1 deprecated)" true
	assert_equal "$(kfield va 2001:db8::1 valid_life_time)" 4294967295
}

@test "add with valid_lft forever keeps the address permanent" {
	run vn addr add 10.0.0.1/24 dev va valid_lft forever preferred_lft forever
	assert_success
	assert_equal "$(kfield va 10.0.0.1 valid_life_time)" 4294967295
	assert_equal "$(kfield va 10.0.0.1 dynamic)" ""
}

@test "add with noprefixroute adds no route to the network" {
	run vn addr add 10.0.0.1/24 dev va noprefixroute
	assert_success
	assert_equal "$(kfield va 10.0.0.1 noprefixroute)" true
	assert_equal "$(ip -j route show 10.0.0.0/24 | jq length)" 0
}

@test "add with nodad makes an IPv6 address usable at once" {
	run vn addr add 2001:db8::1/64 dev va nodad
	assert_success
	assert_equal "$(kfield va 2001:db8::1 nodad)" true
	assert_equal "$(kfield va 2001:db8::1 tentative)" ""
}

@test "add with home marks an IPv6 home address" {
	run vn addr add 2001:db8::1/64 dev va home nodad
	assert_success
	assert_equal "$(kfield va 2001:db8::1 home)" true
}

@test "add with metric gives the prefix route that metric" {
	run vn addr add 10.0.0.1/24 dev va metric 77
	assert_success
	assert_equal "$(kfield va 10.0.0.1 metric)" 77
	assert_equal "$(ip -j route show 10.0.0.0/24 | jq -r '.[0].metric')" 77
}

@test "add with every word at once sends them all" {
	run vn addr add 10.0.0.1/24 dev va brd 10.0.0.255 label va:all valid_lft 500 \
		preferred_lft 400 noprefixroute metric 3
	assert_success
	assert_equal "$(kfield va 10.0.0.1 label)" va:all
	assert_equal "$(kfield va 10.0.0.1 metric)" 3
	assert_equal "$(kfield va 10.0.0.1 broadcast)" 10.0.0.255
	assert_equal "$(kfield va 10.0.0.1 noprefixroute)" true
}

@test "dry-run add names IFA_LABEL, IFA_CACHEINFO, IFA_FLAGS and IFA_RT_PRIORITY and adds nothing" {
	run vn -N addr add 10.0.0.1/24 dev va label va:x valid_lft 100 preferred_lft 50 \
		noprefixroute metric 9
	assert_success
	assert_output --partial 'IFA_LABEL "va:x"'
	assert_output --partial 'IFA_CACHEINFO (16 bytes) 32 00 00 00 64 00 00 00'
	assert_output --partial 'IFA_FLAGS 512'
	assert_output --partial 'IFA_RT_PRIORITY 9'
	assert_equal "$(kaddrs va)" ""
}

# ---- change and replace ------------------------------------------------------------

@test "change sets the lifetimes and metric of an address there" {
	vn addr add 10.0.0.1/24 dev va metric 5
	run vn addr change 10.0.0.1/24 dev va preferred_lft 0 metric 8
	assert_success
	assert_equal "$(kfield va 10.0.0.1 metric)" 8
	assert_equal "$(kfield va 10.0.0.1 deprecated)" true
	assert_equal "$(kaddrs va)" "10.0.0.1/24"
}

@test "change of an absent address adds it, as ip's does, IPv4 and IPv6" {
	run vn addr change 10.0.0.1/24 dev va
	assert_success
	run vn addr change 2001:db8::5/64 dev va nodad
	assert_success
	assert_equal "$(kaddrs va)" "10.0.0.1/24 2001:db8::5/64"
}

@test "replace adds a new address and changes one there" {
	run vn addr replace 10.0.0.1/24 dev va
	assert_success
	assert_equal "$(kaddrs va)" "10.0.0.1/24"
	run vn addr replace 10.0.0.1/24 dev va valid_lft 600 preferred_lft 600
	assert_success
	assert_equal "$(kfield va 10.0.0.1 dynamic)" true
	assert_equal "$(kaddrs va)" "10.0.0.1/24"
}

@test "replace of an IPv6 address changes its lifetimes" {
	vn addr add 2001:db8::1/64 dev va nodad
	run vn addr replace 2001:db8::1/64 dev va nodad preferred_lft 0
	assert_success
	assert_equal "$(kfield va 2001:db8::1 deprecated)" true
}

@test "dry-run change and replace send RTM_NEWADDR with REPLACE" {
	run vn -N addr change 10.0.0.1/24 dev va
	assert_success
	assert_output --regexp 'RTM_NEWADDR flags .*REPLACE'
	refute_output --partial 'CREATE'
	run vn -N addr replace 10.0.0.1/24 dev va
	assert_output --regexp 'RTM_NEWADDR flags .*REPLACE'
	assert_output --partial 'CREATE'
	assert_equal "$(kaddrs va)" ""
}

@test "change on a missing device fails with exit 1" {
	run vn addr change 10.0.0.1/24 dev nosuch
	assert_error 1 'addr change 10.0.0.1/24: no device named "nosuch"'
}

# ---- del with label -------------------------------------------------------------------

@test "del with a label deletes only the address of that label" {
	vn addr add 10.0.0.1/24 dev va label va:one
	run vn addr del 10.0.0.1/24 dev va label va:two
	assert_error 1 'addr del 10.0.0.1/24: '
	assert_equal "$(kaddrs va)" "10.0.0.1/24"
	run vn addr del 10.0.0.1/24 dev va label va:one
	assert_success
	assert_equal "$(kaddrs va)" ""
}

# ---- bad input: exit 2, one line, nothing changed ------------------------------------

@test "a label on an IPv6 address is a usage error" {
	refused 'label is for IPv4 addresses only' addr add 2001:db8::1/64 dev va label va:x
}

@test "a label of 16 bytes is a usage error" {
	refused 'invalid label "va:abcdefghijklm": 1 to 15 bytes' \
		addr add 10.0.0.1/24 dev va label va:abcdefghijklm
}

@test "an empty label is a usage error" {
	refused 'invalid label "": 1 to 15 bytes' addr add 10.0.0.1/24 dev va label ''
}

@test "nodad on an IPv4 address is a usage error" {
	refused 'nodad is for IPv6 addresses only' addr add 10.0.0.1/24 dev va nodad
}

@test "home on an IPv4 address is a usage error" {
	refused 'home is for IPv6 addresses only' addr replace 10.0.0.1/24 dev va home
}

@test "valid_lft 0 is a usage error" {
	refused 'valid_lft' addr add 10.0.0.1/24 dev va valid_lft 0
}

@test "a lifetime that is not a number or forever is a usage error" {
	refused 'valid_lft "soon"' addr add 10.0.0.1/24 dev va valid_lft soon
	refused 'preferred_lft "-1"' addr add 10.0.0.1/24 dev va preferred_lft -1
}

@test "valid_lft without preferred_lft is a usage error: preferred would be forever" {
	refused 'preferred_lft forever is longer than valid_lft 100 \(give preferred_lft N, at most 100\)' \
		addr add 10.0.0.1/24 dev va valid_lft 100
}

@test "preferred_lft longer than valid_lft is a usage error" {
	refused 'preferred_lft 200 is longer than valid_lft 100' \
		addr change 10.0.0.1/24 dev va valid_lft 100 preferred_lft 200
}

@test "a metric that is not a number is a usage error" {
	refused 'metric "x"' addr add 10.0.0.1/24 dev va metric x
	refused 'metric "4294967296"' addr add 10.0.0.1/24 dev va metric 4294967296
}

@test "a flag given twice is a usage error" {
	refused 'noprefixroute given twice' addr add 10.0.0.1/24 dev va noprefixroute noprefixroute
}

@test "change without dev is a usage error" {
	refused 'addr change 10.0.0.1/24: missing dev' addr change 10.0.0.1/24
}
