#!/usr/bin/env bats
# vxlan and geneve through iproute2's grammar: lines in the form of
# ip-link(8)'s vxlan and geneve synopses (and the kernel's vxlan.rst
# example), each run once as written with ip and once with `ip` replaced by
# `vnetctl`; the two devices must be the same, as `ip -j -d link show`
# sees them.  geneve runs in the VM suite.

load helpers

# What ip -j -d says of a device, its name, index and address aside.
seen() {
	ip -j -d link show dev "$1" | jq -c '.[0] | {mtu, group, txqlen, flags, linkinfo}'
}

# same_as_ip 'ip link add DEV ...': the device ip makes from the line, then
# the one vnetctl makes from it (one at a time: the kernel refuses two
# devices with one VNI on one port), compared.
same_as_ip() {
	local line=$1 dev
	dev=$(awk '{ print $4 == "name" ? $5 : $4 }' <<<"$line")
	# ip warns on stderr when dstport is left out
	run $line
	assert_success
	local by_ip
	by_ip=$(seen "$dev")
	ip link del dev "$dev"
	run vn ${line#ip }
	assert_success
	assert_output ""
	assert_equal "$(seen "$dev")" "$by_ip"
}

@test "vxlan.rst: a multicast group on an underlay device, IANA's port" {
	lower
	same_as_ip 'ip link add vxlan0 type vxlan id 42 group 239.1.1.1 dev l0 dstport 4789'
}

@test "ip-link(8): vxlan with remote, local, ttl, tos, dstport and srcport" {
	same_as_ip 'ip link add vx0 type vxlan id 42 remote 10.0.0.2 local 10.0.0.1 ttl 64 tos 0x10 dstport 4789 srcport 1000 2000'
}

@test "ip-link(8): vxlan over IPv6, nolearning, noudpcsum, ageing" {
	same_as_ip 'ip link add vx0 type vxlan id 7 remote fd00::2 local fd00::1 dstport 4789 nolearning noudpcsum ageing 60'
}

@test "ip-link(8): vxlan to an IPv6 group with learning and udpcsum" {
	lower
	same_as_ip 'ip link add vx0 type vxlan id 8 dev l0 group ff05::42 dstport 4789 learning udpcsum'
}

@test "ip-link(8): an external vxlan, learning nothing unless told" {
	same_as_ip 'ip link add vx0 type vxlan external dstport 4789'
	ip link del dev vx0
	same_as_ip 'ip link add vx0 type vxlan external learning dstport 4789'
}

@test "ip-link(8): dstport 0 leaves the port to the kernel, as ip does" {
	same_as_ip 'ip link add vx0 type vxlan id 42 dstport 0'
}

@test "ip-link(8): common words before type go in the same request" {
	same_as_ip 'ip link add name vx0 mtu 1400 txqlen 50 group 3 type vxlan id 42 remote 10.0.0.2 dstport 4789'
}

@test "without dstport vnetctl sends IANA's 4789 where ip leaves the kernel's 8472" {
	run vn link add vx0 type vxlan id 42
	assert_success
	assert_equal "$(ip -j -d link show dev vx0 | jq -r '.[0].linkinfo.info_data.port')" 4789
}

@test "ip-link(8): geneve with its VNI and remote" {
	require_kind geneve
	same_as_ip 'ip link add gn0 type geneve id 42 remote 10.0.0.2'
}

@test "ip-link(8): geneve over IPv6 with ttl, tos and dstport" {
	require_kind geneve
	same_as_ip 'ip link add gn0 type geneve id 42 remote fd00::2 ttl 64 tos 0x10 dstport 7000'
}
