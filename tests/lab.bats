#!/usr/bin/env bats
# The classic lab (examples/lab): namespaces net0 and net1, each with one
# end of a veth pair, the other ends on a bridge in namespace "bridge".

load helpers

@test "the lab is wired as the tutorial draws it" {
	seeds_lab up
	assert_equal "$(ip netns list | awk '{print $1}' | sort | tr '\n' ' ')" "bridge net0 net1 "
	assert_equal "$(ip -n bridge -j link show master br | jq -r '[.[].ifname] | sort | join(",")')" \
		"bridge-net0,bridge-net1"
	assert_equal "$(ip -n net0 -j addr show dev net0-bridge | jq -r '.[0].addr_info[] | select(.family=="inet") | .local')" 10.0.1.1
	assert_equal "$(ip -n net1 -j addr show dev net1-bridge | jq -r '.[0].addr_info[] | select(.family=="inet") | .local')" 10.0.1.2
	# nothing of the lab is left in the namespace it was built from
	# the devices, not sysfs entries (bonding adds bonding_masters there)
	assert_equal "$(ip -j link show | jq -r '[.[].ifname] | join(",")')" lo
}

@test "net0 pings net1 across the bridge" {
	seeds_lab up
	run vn netns exec net0 ping -c 2 -W 5 10.0.1.2
	assert_success
	assert_output --partial "2 received"
	# and iproute2 sees the same path
	run ip netns exec net1 ping -c 1 -W 5 10.0.1.1
	assert_success
}

@test "the bridge learned both hosts' MAC addresses" {
	seeds_lab up
	vn netns exec net0 ping -c 1 -W 5 10.0.1.2
	mac0=$(ip -n net0 -j link show dev net0-bridge | jq -r '.[0].address')
	mac1=$(ip -n net1 -j link show dev net1-bridge | jq -r '.[0].address')
	run vn -n bridge -j bridge fdb show br
	assert_success
	echo "$output" | jq -e --arg m "$mac0" 'any(.[]; .mac == $m)'
	echo "$output" | jq -e --arg m "$mac1" 'any(.[]; .mac == $m)'
}

@test "tearing the lab down leaves nothing" {
	seeds_lab up
	vn netns del net0
	vn netns del net1
	vn netns del bridge
	assert_equal "$(ip netns list)" ""
	assert_equal "$(ls /run/netns)" ""
	# the devices, not sysfs entries (bonding adds bonding_masters there)
	assert_equal "$(ip -j link show | jq -r '[.[].ifname] | join(",")')" lo
}

@test "examples/lab runs from start to end and prints each command" {
	run "$BATS_TEST_DIRNAME/../examples/lab" "$VNETCTL"
	assert_success
	assert_output --partial '$ vnetctl veth add net0-bridge netns net0 peer bridge-net0 netns bridge'
	assert_output --partial "3 received"
	assert_output --partial "Lab done"
}
