#!/usr/bin/env bats
# vnetctl xfrm: IPsec interfaces.  Made, shown, changed and deleted by
# vnetctl, checked with ip -j -d, -j -d and -d under ip's name against
# ip's own.  Where the kernel lacks xfrm interfaces (this host) the tests
# that need one skip and run in the VM suite.
load helpers

setup() {
	setup_fresh
	shim_setup
}

@test "xfrm add makes an xfrm interface with its if_id and device, as ip -j -d shows it" {
	require_kind xfrm
	lower
	run vn xfrm add x0 if_id 42 dev l0
	assert_success
	assert_output ""
	assert_equal "$(kind_of x0)" xfrm
	assert_equal "$(kdata x0 if_id)" 0x2a
	run vn -j -d link show dev x0
	assert_equal "$(jq -cS '.[0].linkinfo' <<<"$output")" \
		"$(ip -j -d link show dev x0 | jq -cS '.[0].linkinfo')"
	same_as_ip -j -d link show dev x0
	same_as_ip -d link show dev x0
	run vn xfrm show x0
	assert_output --partial ' if_id 0x2a dev l0'
}

@test "link add type xfrm if_id in hexadecimal, then link set type xfrm changes it" {
	require_kind xfrm
	run vn link add x0 type xfrm if_id 0x10
	assert_success
	assert_equal "$(kdata x0 if_id)" 0x10
	run vn link set x0 type xfrm if_id 17
	assert_success
	assert_equal "$(kdata x0 if_id)" 0x11
	run vn xfrm del x0
	assert_success
	run dev_exists x0
	assert_failure
}

@test "xfrm add external makes the metadata device, external true in -j -d" {
	require_kind xfrm
	run vn xfrm add x0 external
	assert_success
	assert_equal "$(kdata x0 external)" true
	same_as_ip -j -d link show dev x0
}

@test "xfrm add with bad words fails with exit 2, one line, nothing made" {
	lower
	refuses 'missing if_id \(or external\)$' xfrm add x0
	refuses 'if_id 0 is out of range' xfrm add x0 if_id 0
	refuses 'if_id and external cannot be used together$' xfrm add x0 if_id 1 external
	refuses 'external and dev cannot be used together$' xfrm add x0 dev l0 external
	refuses 'missing if_id' link add x0 type xfrm dev l0
}

@test "xfrm add on a missing device fails with exit 1, nothing made" {
	run vn xfrm add x0 if_id 1 dev nosuch
	assert_error 1 'no device named "nosuch"'
	assert_equal "$(made)" ""
}

@test "dry-run xfrm add prints if_id and the device's index and makes nothing" {
	lower
	run vn -N xfrm add x0 if_id 5 dev l0
	assert_success
	assert_line '      IFLA_XFRM_IF_ID 5'
	assert_line "      IFLA_XFRM_LINK $(ifindex l0)"
	run vn -N xfrm add x0 external
	assert_line --regexp '^      IFLA_XFRM_COLLECT_METADATA ?$'
	assert_equal "$(made)" ""
	kernel_knows_kind xfrm && skip "the kernel has xfrm"
	run vn xfrm add x0 if_id 1
	assert_error 1 'modprobe xfrm_interface\)$'
}
