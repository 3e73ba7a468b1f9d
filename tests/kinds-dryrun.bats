#!/usr/bin/env bats
# bareudp, hsr (and prp), amt and netkit: no kernel vnetctl's tests boot
# (Debian 12's 6.1) has them, so their requests are tested by dry run (-N),
# decoded with the kernel uapi's attribute names (<linux/if_link.h>,
# <linux/amt.h>; netkit's, which Debian 12's headers lack, as vnetctl
# defines them from the kernel's uapi), and their bad input by exit
# status.  Where a kernel has the kind, the first test of each makes one.
load helpers

setup() { setup_fresh; }

# The decoded IFLA_INFO_DATA of a dry run, one attribute a line, trimmed.
info_data() { sed -n '/IFLA_INFO_DATA {/,/^    }/p' <<<"$output" | sed '1d;$d;s/^ *//;s/ *$//'; }

# ---- bareudp ------------------------------------------------------------------------

@test "dry-run bareudp add: port and ethertype in network order, srcportmin, multiproto" {
	run vn -N bareudp add bu0 dstport 6635 ethertype mpls_uc srcportmin 49153 multiproto
	assert_success
	assert_line '    IFLA_INFO_KIND "bareudp"'
	assert_equal "$(info_data)" "IFLA_BAREUDP_PORT 6635
IFLA_BAREUDP_ETHERTYPE 34887
IFLA_BAREUDP_SRCPORT_MIN 49153
IFLA_BAREUDP_MULTIPROTO_MODE"
	run vn -N link add bu0 type bareudp dstport 6635 ethertype 0x86dd
	assert_equal "$(info_data)" "IFLA_BAREUDP_PORT 6635
IFLA_BAREUDP_ETHERTYPE 34525"
	assert_equal "$(made)" ""
}

@test "bareudp add with bad words fails with exit 2, one line, nothing made" {
	refuses 'missing ethertype$' bareudp add bu0 dstport 6635
	refuses 'missing dstport$' bareudp add bu0 ethertype ip
	refuses 'dstport 65536 is out of range' bareudp add bu0 dstport 65536 ethertype ip
	refuses 'multiproto and nomultiproto cannot be used together$' \
		bareudp add bu0 dstport 1 ethertype ip multiproto nomultiproto
	refuses 'ethertype' bareudp add bu0 dstport 1 ethertype ipx
}

@test "bareudp add where the kernel has it makes the device, as ip -j -d shows it" {
	require_kind bareudp
	run vn bareudp add bu0 dstport 6635 ethertype mpls_uc
	assert_success
	assert_equal "$(kdata bu0 dstport)" 6635
	run vn -j -d link show dev bu0
	assert_equal "$(jq -c '.[0].linkinfo' <<<"$output")" \
		"$(ip -j -d link show dev bu0 | jq -c '.[0].linkinfo')"
}

# ---- hsr and prp --------------------------------------------------------------------

@test "dry-run hsr add: the ports' indexes, supervision, version; proto prp is protocol 1" {
	lower
	run vn -N hsr add hsr0 slave1 l0 slave2 l1 supervision 45 version 1
	assert_success
	assert_equal "$(info_data)" "IFLA_HSR_SLAVE1 $(ifindex l0)
IFLA_HSR_SLAVE2 $(ifindex l1)
IFLA_HSR_MULTICAST_SPEC 45
IFLA_HSR_VERSION 1"
	run vn -N link add prp0 type hsr slave1 l0 slave2 l1 proto prp
	assert_equal "$(info_data)" "IFLA_HSR_SLAVE1 $(ifindex l0)
IFLA_HSR_SLAVE2 $(ifindex l1)
IFLA_HSR_PROTOCOL 1"
	run vn -N hsr add hsr0 slave1 l0 slave2 l1 proto 0
	assert_line '      IFLA_HSR_PROTOCOL 0'
	assert_equal "$(made)" ""
}

@test "hsr add with bad words fails with exit 2 (a missing port 1), one line, nothing made" {
	lower
	refuses 'missing slave2$' hsr add hsr0 slave1 l0
	refuses 'missing slave1$' hsr add hsr0 slave2 l0
	refuses 'version is HSR.s: prp has none$' hsr add hsr0 slave1 l0 slave2 l1 proto prp version 1
	refuses 'version 2 is out of range' hsr add hsr0 slave1 l0 slave2 l1 version 2
	refuses 'invalid proto "2"' hsr add hsr0 slave1 l0 slave2 l1 proto 2
	refuses 'supervision 256 is out of range' hsr add hsr0 slave1 l0 slave2 l1 supervision 256
	run vn hsr add hsr0 slave1 l0 slave2 nosuch
	assert_error 1 'no device named "nosuch"'
	assert_equal "$(made)" ""
}

@test "hsr add where the kernel has it makes the device on its two ports" {
	require_kind hsr
	lower
	run vn hsr add hsr0 slave1 l0 slave2 l1
	assert_success
	assert_equal "$(kdata hsr0 slave1)" l0
	run vn -j -d link show dev hsr0
	assert_equal "$(jq -c '.[0].linkinfo.info_data' <<<"$output")" \
		"$(ip -j -d link show dev hsr0 | jq -c '.[0].linkinfo.info_data')"
}

# ---- amt ----------------------------------------------------------------------------

@test "dry-run amt add: a gateway with its ports, a relay with max_tunnels" {
	lower
	run vn -N amt add amt0 mode gateway local 192.0.2.1 discovery 198.51.100.1 dev l0 \
		relay_port 2268 gateway_port 2269
	assert_success
	assert_equal "$(info_data)" "IFLA_AMT_MODE 0
IFLA_AMT_RELAY_PORT 2268
IFLA_AMT_GATEWAY_PORT 2269
IFLA_AMT_LINK $(ifindex l0)
IFLA_AMT_LOCAL_IP 192.0.2.1
IFLA_AMT_DISCOVERY_IP 198.51.100.1"
	run vn -N link add amt1 type amt mode relay local 198.51.100.1 dev l0 max_tunnels 16
	assert_equal "$(info_data)" "IFLA_AMT_MODE 1
IFLA_AMT_LINK $(ifindex l0)
IFLA_AMT_LOCAL_IP 198.51.100.1
IFLA_AMT_MAX_TUNNELS 16"
	assert_equal "$(made)" ""
}

@test "amt add with bad words fails with exit 2, one line, nothing made" {
	lower
	refuses 'missing mode$' amt add amt0 local 192.0.2.1 dev l0
	refuses 'missing local$' amt add amt0 mode relay dev l0
	refuses 'missing dev$' amt add amt0 mode relay local 192.0.2.1
	refuses 'missing discovery: a gateway needs it$' amt add amt0 mode gateway local 192.0.2.1 dev l0
	refuses 'invalid address "fd00::1"' amt add amt0 mode relay local fd00::1 dev l0
	refuses 'invalid mode "server"' amt add amt0 mode server local 192.0.2.1 dev l0
	refuses 'unknown keyword "remote"' amt add amt0 mode relay local 192.0.2.1 dev l0 remote 192.0.2.2
}

@test "amt add where the kernel has it makes a relay" {
	require_kind amt
	lower
	run vn amt add amt0 mode relay local 192.0.2.1 dev l0
	assert_success
	assert_equal "$(kdata amt0 mode)" relay
	run vn -j -d link show dev amt0
	assert_equal "$(jq -c '.[0].linkinfo.info_data' <<<"$output")" \
		"$(ip -j -d link show dev amt0 | jq -c '.[0].linkinfo.info_data')"
}

# ---- netkit -------------------------------------------------------------------------

@test "dry-run netkit add: mode, policies, scrub, and the peer nested as a link" {
	ip netns add ctr
	run vn -N netkit add nk0 mode l2 policy blackhole peer_policy forward scrub none \
		peer_scrub default peer name eth0 netns ctr mtu 9000
	assert_success
	assert_equal "$(info_data | grep -v NET_NS_FD)" "IFLA_NETKIT_MODE 0
IFLA_NETKIT_POLICY 2
IFLA_NETKIT_PEER_POLICY 0
IFLA_NETKIT_SCRUB 0
IFLA_NETKIT_PEER_SCRUB 1
IFLA_NETKIT_PEER_INFO {
ifinfomsg family unspec index 0 flags 0x0 change 0x0
IFLA_IFNAME \"eth0\"
IFLA_MTU 9000
}"
	assert_line --regexp '^        IFLA_NET_NS_FD [0-9]+$'
	run vn -N link add nk0 type netkit mode l3
	assert_line '      IFLA_NETKIT_MODE 1'
	assert_line '      IFLA_NETKIT_PEER_INFO {'
	assert_equal "$(made)" ""
}

@test "netkit add with bad words fails with exit 2, one line, nothing made" {
	refuses 'invalid mode "l4"' netkit add nk0 mode l4
	refuses 'invalid policy "drop"' netkit add nk0 policy drop
	refuses 'invalid scrub "all"' netkit add nk0 scrub all
	refuses 'peer: unknown keyword "policy"' netkit add nk0 peer nk1 policy forward
}

@test "netkit add where the kernel has it makes the pair" {
	require_kind netkit
	run vn netkit add nk0 peer name nk1
	assert_success
	assert_equal "$(made)" nk0,nk1
	assert_equal "$(kdata nk0 type)" primary
	run vn -j -d link show dev nk0
	assert_equal "$(jq -c '.[0].linkinfo.info_data' <<<"$output")" \
		"$(ip -j -d link show dev nk0 | jq -c '.[0].linkinfo.info_data')"
}

@test "bareudp add without the module names the module to load" {
	kernel_knows_kind bareudp && skip "the kernel has bareudp"
	run vn bareudp add bu0 dstport 6635 ethertype ip
	assert_error 1 'modprobe bareudp\)$'
	assert_equal "$(made)" ""
}
