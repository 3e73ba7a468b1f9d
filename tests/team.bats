#!/usr/bin/env bats
# vnetctl team: the team device (its policy is teamd's), its ports joined
# with link set master.  Checked with ip -j -d; -j -d and -d under ip's
# name against ip's own.  Where the kernel lacks team (this host) the
# tests that need it skip and run in the VM suite.
load helpers

setup() {
	setup_fresh
	shim_setup
}

@test "team add makes a team device, a port joins with link set master, del releases it" {
	require_kind team
	lower
	run vn team add t0 up
	assert_success
	assert_output ""
	assert_equal "$(kind_of t0)" team
	run vn link set l0 master t0
	assert_success
	assert_equal "$(master_of l0)" t0
	# the kernel's slave kind is the master's kind; ip -d prints team_slave
	assert_equal "$(ipfield l0 linkinfo.info_slave_kind)" team
	run vn -j -d link show dev t0
	assert_equal "$(jq -c '.[0].linkinfo' <<<"$output")" \
		"$(ip -j -d link show dev t0 | jq -c '.[0].linkinfo')"
	same_as_ip -j -d link show dev t0
	same_as_ip -j -d link show dev l0
	same_as_ip -d link show dev l0
	run vn link set l0 nomaster
	assert_success
	assert_equal "$(master_of l0)" ""
	run vn team del t0
	assert_success
	run dev_exists t0
	assert_failure
}

@test "link add type team without a name, shown by team show" {
	require_kind team
	run vn link add type team
	assert_success
	assert_equal "$(made)" team0
	run vn -br team show
	assert_output --regexp '^team0 '
}

@test "team add with a word of another kind fails with exit 2, one line, nothing made" {
	refuses 'unknown keyword "mode"' team add t0 mode activebackup
}

@test "dry-run team add prints the kind and makes nothing; without the module, its name" {
	run vn -N team add t0 mtu 9000
	assert_success
	assert_line '    IFLA_INFO_KIND "team"'
	assert_equal "$(made)" ""
	kernel_knows_kind team && skip "the kernel has team"
	run vn team add t0
	assert_error 1 'modprobe team\)$'
}
