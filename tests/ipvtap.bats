#!/usr/bin/env bats
# vnetctl ipvtap: an ipvlan with a /dev/tapN.  Made, shown and deleted by
# vnetctl, checked with ip -j -d and, under ip's name, against ip's own.
# Where the kernel lacks ipvtap (this host) the tests that need it skip and
# run in the VM suite.  ipvlan's own words are tested in ipvlan.bats.
load helpers

setup() {
	setup_fresh
	shim_setup
}

@test "ipvtap add makes an ipvtap with mode and flag, as ip -j -d shows it, and its tap" {
	require_kind ipvtap
	lower
	run vn ipvtap add iv0 link l0 mode l2 private
	assert_success
	assert_output ""
	assert_equal "$(kind_of iv0)" ipvtap
	assert_equal "$(kdata iv0 mode)" l2
	assert_equal "$(ipflag iv0)" private
	# ip's keys, each with ip's value (vnetctl's name adds mode_flag and
	# the flags not set, as ipvlan's printer does); under ip's name, ip's
	run vn -j -d link show dev iv0
	jq -e --argjson ip "$(ip -j -d link show dev iv0 | jq -c '.[0].linkinfo')" \
		'.[0].linkinfo | contains($ip)' <<<"$output"
	same_as_ip -j -d link show dev iv0
	same_as_ip -d link show dev iv0
	run vn ipvtap show iv0
	assert_output --partial " mode l2 private "
	assert_output --partial " tap /dev/tap$(ifindex iv0)"
}

@test "link add type ipvtap, link set type ipvtap mode changes it, ipvtap del deletes it" {
	require_kind ipvtap
	lower
	run vn link add link l0 iv0 type ipvtap mode l3 vepa
	assert_success
	assert_equal "$(ipflag iv0)" vepa
	run vn link set iv0 type ipvtap mode l3s
	assert_success
	assert_equal "$(kdata iv0 mode)" l3s
	run vn ipvtap del iv0
	assert_success
	run dev_exists iv0
	assert_failure
}

@test "ipvtap add with bad words fails with exit 2, one line, nothing made" {
	lower
	refuses 'private and vepa cannot be used together' ipvtap add iv0 link l0 private vepa
	refuses 'invalid mode "l4"' ipvtap add iv0 link l0 mode l4
	refuses 'address' ipvtap add iv0 link l0 address 02:00:00:00:00:01
}

@test "dry-run ipvtap add prints mode and flags under its own kind" {
	lower
	run vn -N ipvtap add iv0 link l0 mode l3s vepa
	assert_success
	assert_line '    IFLA_INFO_KIND "ipvtap"'
	assert_line '      IFLA_IPVLAN_MODE 2'
	assert_line '      IFLA_IPVLAN_FLAGS 2'
	assert_equal "$(made)" ""
}
