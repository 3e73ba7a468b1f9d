#!/usr/bin/env bats
# vnetctl vcan and vxcan: SocketCAN's virtual bus and its pairs across
# namespaces.  Made, shown and deleted by vnetctl, checked with ip -j -d;
# -j -d and -d under ip's name against ip's own, byte for byte.  Where the
# kernel lacks vcan or vxcan (this host; the VM's cloud kernel) the tests
# that need it skip and run in the VM suite on a kernel that has CAN.
load helpers

setup() {
	setup_fresh
	shim_setup
}

# ---- vcan ---------------------------------------------------------------------------

@test "vcan add makes a vcan, shown with the keys of ip -j -d, deleted by vcan del" {
	require_kind vcan
	run vn vcan add c0 mtu 72 up
	assert_success
	assert_output ""
	assert_equal "$(kind_of c0)" vcan
	assert_equal "$(ipfield c0 mtu)" 72
	run vn -j -d link show dev c0
	assert_success
	assert_equal "$(jq -c '.[0].linkinfo' <<<"$output")" '{"info_kind":"vcan"}'
	same_as_ip -j -d link show dev c0
	same_as_ip -d link show dev c0
	run vn -j vcan show
	assert_equal "$(jq -r '.[0].ifname' <<<"$output")" c0
	run vn vcan del c0
	assert_success
	run dev_exists c0
	assert_failure
}

@test "link add type vcan without a name lets the kernel name it vcan0" {
	require_kind vcan
	run vn link add type vcan
	assert_success
	assert_equal "$(made)" vcan0
	assert_equal "$(kind_of vcan0)" vcan
}

@test "vcan add with a word of another kind fails with exit 2, one line, nothing made" {
	refuses 'unknown keyword "peer"' vcan add c0 peer c1
}

@test "vcan del of a device of another kind fails with exit 1 and keeps it" {
	lower
	run vn vcan del l0
	assert_error 1 'not a vcan device'
	dev_exists l0
}

@test "vcan add without the module names it; dry run sends nothing" {
	run vn -N vcan add c0 mtu 16
	assert_success
	assert_line '    IFLA_INFO_KIND "vcan"'
	assert_equal "$(made)" ""
	kernel_knows_kind vcan && skip "the kernel has vcan"
	run vn vcan add c0
	assert_error 1 'the kernel has no vcan support \(load the module: modprobe vcan\)$'
}

# ---- vxcan --------------------------------------------------------------------------

@test "vxcan add makes both ends, the peer in another namespace, and del takes both" {
	require_kind vxcan
	ip netns add ecu
	run vn vxcan add vx0 up peer name can0 netns ecu mtu 72
	assert_success
	assert_output ""
	assert_equal "$(kind_of vx0)" vxcan
	assert_equal "$(ip -n ecu -j -d link show dev can0 | jq -r '.[0].linkinfo.info_kind')" vxcan
	assert_equal "$(ip -n ecu -j link show dev can0 | jq -r '.[0].mtu')" 72
	run vn -j -d link show dev vx0
	assert_equal "$(jq -c '.[0].linkinfo' <<<"$output")" '{"info_kind":"vxcan"}'
	same_as_ip -j -d link show dev vx0
	run vn vxcan del vx0
	assert_success
	run ip -n ecu link show dev can0
	assert_failure
}

@test "link add type vxcan peer name P makes the pair, each end the other's link" {
	require_kind vxcan
	run vn link add vx0 type vxcan peer name vx1
	assert_success
	assert_equal "$(made)" vx0,vx1
	assert_equal "$(ipfield vx0 link)" vx1
	assert_equal "$(ipfield vx1 link)" vx0
	same_as_ip -d link show dev vx1
}

@test "vxcan add without peer lets the kernel name the peer" {
	require_kind vxcan
	run vn vxcan add vx0
	assert_success
	assert_equal "$(made | tr , '\n' | grep -c .)" 2
}

@test "dry-run vxcan add nests the peer as a link, with its namespace, and makes nothing" {
	ip netns add ecu
	run vn -N vxcan add vx0 peer name can0 netns ecu mtu 72
	assert_success
	assert_line '      VXCAN_INFO_PEER {'
	assert_line '        IFLA_IFNAME "can0"'
	assert_line '        IFLA_MTU 72'
	assert_line --regexp '^        IFLA_NET_NS_FD [0-9]+$'
	assert_equal "$(made)" ""
}

@test "vxcan add with a bad peer word or a missing namespace: exit 2 or 1, one line, nothing made" {
	refuses 'peer: unknown keyword "bogus"' vxcan add vx0 peer name vx1 bogus 1
	refuses 'invalid interface name' vxcan add vx0 peer name a/b
	run vn vxcan add vx0 peer name vx1 netns nosuch
	assert_equal "$status" 1
	assert_equal "$(made)" ""
}
