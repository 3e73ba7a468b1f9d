#!/usr/bin/env bats
# The VM suite's own check: link kinds this machine's kernel may lack are
# made with iproute2 where the kernel has them.  On a kernel without them
# these skip; in the VM suite (tests/vm/run), whose kernel has every module,
# they must pass.
load helpers

@test "a dummy device can be made where the kernel has dummy" {
	require_kind dummy
	run ip link add name d0 type dummy
	assert_success
	assert_equal "$(ipj link show dev d0 | jq -r '.[0].linkinfo.info_kind')" dummy
	dev_exists d0
}

@test "an ipip tunnel can be made where the kernel has ipip" {
	require_kind ipip
	run ip link add name t0 type ipip local 192.0.2.1 remote 198.51.100.1
	assert_success
	assert_equal "$(ipj link show dev t0 | jq -r '.[0].linkinfo.info_kind')" ipip
	assert_equal "$(ipj link show dev t0 | jq -r '.[0].linkinfo.info_data.remote')" 198.51.100.1
}

@test "kernel_knows_kind tells a kind no kernel has from one every kernel has" {
	run kernel_knows_kind no-such-kind
	assert_failure
	run kernel_knows_kind veth
	assert_success
	assert_equal "$(ip -j link show | jq 'length')" 1
}
