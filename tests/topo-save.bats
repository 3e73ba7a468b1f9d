#!/usr/bin/env bats
# vnetctl topo save: the running state of named namespaces as a topology
# file that topo up rebuilds.  The witness is ip -j -d, normalised
# (tests/topo-snap.bash): what ip sees before a save and after the saved
# file is brought up again on an empty machine must be the same.

load helpers
load topo-snap
bats_require_minimum_version 1.5.0

setup() { clean_netns; }

teardown() { empty_machine; }

# Three namespaces made with ip: a bridge with two ports from two others, a
# bridge down with none, a veth pair inside one namespace with one end up,
# IPv4 and IPv6 addresses (one on a device down), loopback up in one, and
# routes the user added (boot and static, IPv4 and IPv6).
build_lab() {
	ip netns add a
	ip netns add b
	ip netns add r
	ip -n r link add br0 type bridge
	ip -n r link add br1 type bridge
	ip -n a link add eth0 type veth peer name pa netns r
	ip -n b link add eth0 type veth peer name pb netns r
	ip -n r link add x1 type veth peer name x2
	ip -n r link set pa master br0
	ip -n r link set pb master br0
	for d in br0 pa pb x1; do ip -n r link set "$d" up; done
	ip -n a link set eth0 up
	ip -n b link set eth0 up
	ip -n a link set lo up
	ip -n a addr add 10.1.0.1/24 dev eth0
	ip -n a addr add 2001:db8:1::1/64 dev eth0
	ip -n b addr add 10.1.0.2/24 dev eth0
	ip -n r addr add 10.1.0.254/24 dev br0
	ip -n r addr add 10.8.0.1/24 dev x2
	ip -n a route add default via 10.1.0.254
	ip -n b route add 10.9.0.0/16 via 10.1.0.254 proto static
	ip -n a -6 route add 2001:db8:5::/48 via 2001:db8:1::fe
}

@test "save, then up on an empty machine: ip sees the same namespaces, devices, addresses and routes" {
	build_lab
	before=$(lab_snap)
	F=$BATS_TEST_TMPDIR/saved.yaml
	run vn topo save
	assert_success
	printf '%s\n' "$output" >"$F"
	empty_machine
	assert_equal "$(ls /run/netns)" ""
	run vn topo up "$F"
	assert_success
	assert_equal "$(lab_snap)" "$before"
	# the file describes it all: diff agrees, and a second save is the same
	run vn topo diff "$F"
	assert_success
	run vn topo save
	assert_output "$(cat "$F")"
	# and it comes down to nothing
	run vn topo down "$F"
	assert_success
	assert_equal "$(ls /run/netns)" ""
}

@test "save writes what the user made, not what the kernel made" {
	build_lab
	run vn topo save
	assert_success
	# no IPv6 link-local address, nor lo's, nor a kernel route
	refute_output --partial "fe80:"
	refute_output --partial "127.0.0.1"
	refute_output --partial "::1/128"
	refute_output --partial "10.1.0.0/24"
	# a default route as ip and the files write it
	assert_output --partial "$(printf '    - to: default\n      via: 10.1.0.254')"
	refute_output --partial "0.0.0.0/0"
	assert_equal "$(grep -c '^  - to: ' <<<"$output")" 0
	assert_equal "$(grep -c '    - to: ' <<<"$output")" 3
	assert_line "  a/eth0:"
	assert_line '    - "2001:db8:1::1/64"'
	assert_line "  r/br0:"
	assert_line "  r/br1: {}"
}

@test "save names in comments what a topology file cannot describe" {
	build_lab
	ip -n r link add out0 type veth peer name out1 netns 1
	ip -n a route add 10.7.0.0/16 dev eth0
	run vn topo save
	assert_success
	assert_line --index 0 "# not saved: r/out0, a veth whose peer is in a namespace not saved"
	assert_line --index 1 "# not saved: a route to 10.7.0.0/16 in a, not through one gateway"
	# named in the comment alone
	assert_equal "$(grep -c out0 <<<"$output")" 1
	assert_equal "$(grep -c 10.7.0.0 <<<"$output")" 1
}

@test "save NS...: only those namespaces; a veth to one not saved is noted" {
	build_lab
	run vn topo save b r
	assert_success
	assert_line "# not saved: r/pa, a veth whose peer is in a namespace not saved"
	assert_equal "$(sed -n '/^namespaces:/,/^[a-z]/p' <<<"$output" | grep '^  - ')" "  - b
  - r"
	refute_output --partial "a/eth0"
	# what it wrote comes up alone
	F=$BATS_TEST_TMPDIR/br.yaml
	printf '%s\n' "$output" >"$F"
	empty_machine
	run vn topo up "$F"
	assert_success
	assert_equal "$(ls /run/netns | tr '\n' ' ')" "b r "
	assert_equal "$(ip -n r -j link show master br0 | jq -r '[.[].ifname] | join(",")')" pb
}

@test "save with no named namespace writes a topology of nothing, which up reads; a namespace that is not there is refused" {
	run vn topo save
	assert_success
	assert_output "{}"
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/none.yaml"
	run vn topo up "$BATS_TEST_TMPDIR/none.yaml"
	assert_success
	assert_output ""
	ip netns add a
	run vn topo save a nope
	assert_error 1 "topo save nope: no namespace of that name$"
}

@test "save leaves out the fallback devices a tunnel module makes in every namespace" {
	require_kind gre
	ip netns add a
	ip -n a link add x0 type gre local 10.0.0.1 remote 10.0.0.2
	# the kernel's own gre0 beside the user's, unless it makes fallback
	# devices in the first namespace only (net.core.fb_tunnels_only_for_init_net)
	[ -e /sys/class/net/gre0 ] || ip -n a link show gre0 >/dev/null 2>&1 ||
		skip "this kernel makes no fallback tunnel devices in new namespaces"
	assert_equal "$(ip -n a -j -d link show type gre | jq -r '[.[].ifname] | sort | join(",")')" gre0,x0
	run vn topo save
	assert_success
	refute_output --partial "gre0"
	refute_output --partial "not saved: a/tunl0"
	assert_line "  a/x0:"
}
