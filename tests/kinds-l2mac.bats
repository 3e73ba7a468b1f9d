#!/usr/bin/env bats
# `link add ... type macvlan|macvtap|ipvlan`: iproute2's grammar for the kinds
# made on a lower Ethernet device, macvlan and macvtap with an address of
# their own, ipvlan with the lower device's.  The lines ip-link(8) gives for
# them, with ip replaced by vnetctl, each checked through `ip -j -d link
# show`; the common words before `type`, in the same request; and every bad
# command line refused before anything is sent.
#
# macvlan and macvtap are on this machine's kernel; the tests that make
# ipvlans skip where the kernel lacks it and run in the VM suite.  Usage
# errors, dry runs and lookups run everywhere.

load helpers

setup() { setup_fresh; }

MAC_MODES="private vepa bridge passthru source"

# ---- macvlan and macvtap: ip-link(8)'s lines ------------------------------------

@test "vnetctl link add link DEVICE name NAME type macvlan mode MODE, for each of ip-link(8)'s modes" {
	lower
	for m in $MAC_MODES; do
		run vn link add link l0 name mv0 type macvlan mode "$m"
		assert_success
		assert_output ""
		assert_equal "$(ipfield mv0 linkinfo.info_kind)" macvlan
		assert_equal "$(ipfield mv0 link)" l0
		assert_equal "$(ipfield mv0 linkinfo.info_data.mode)" "$m"
		ip link del dev mv0
	done
}

@test "vnetctl link add link DEVICE name NAME type macvtap mode MODE, for each of ip-link(8)'s modes" {
	lower
	for m in $MAC_MODES; do
		run vn link add link l0 name mt0 type macvtap mode "$m"
		assert_success
		assert_output ""
		assert_equal "$(ipfield mt0 linkinfo.info_kind)" macvtap
		assert_equal "$(ipfield mt0 link)" l0
		assert_equal "$(ipfield mt0 linkinfo.info_data.mode)" "$m"
		[ -c "/dev/tap$(ifindex mt0)" ] || fail "no character device /dev/tap$(ifindex mt0)"
		ip link del dev mt0
	done
}

@test "link add type macvlan without mode leaves the kernel's default, vepa, and sends no mode" {
	lower
	run vn -N link add link l0 mv0 type macvlan
	assert_success
	assert_line '    IFLA_INFO_KIND "macvlan"'
	refute_output --partial 'IFLA_MACVLAN_MODE'
	run vn link add link l0 mv0 type macvlan
	assert_success
	assert_equal "$(ipfield mv0 linkinfo.info_data.mode)" vepa
}

@test "link add type macvlan and type macvtap without a name let the kernel name the device" {
	lower
	run vn link add link l0 type macvlan mode bridge
	assert_success
	run vn link add link l0 type macvtap mode bridge
	assert_success
	assert_equal "$(made)" macvlan0,macvtap0
	assert_equal "$(ipfield macvlan0 linkinfo.info_kind)" macvlan
	assert_equal "$(ipfield macvtap0 linkinfo.info_kind)" macvtap
	assert_equal "$(ipfield macvtap0 link)" l0
}

@test "link add puts the common words before type macvlan in the one request" {
	lower
	ip link add name br0 type bridge
	run vn link add link l0 name mv0 address 02:00:00:00:0c:01 mtu 1400 txqueuelen 40 \
		numtxqueues 2 numrxqueues 2 group 5 master br0 up type macvlan mode bridge
	assert_success
	run ip -j -d link show dev mv0
	assert_equal "$(jq -r '.[0] | [.address, .mtu, .txqlen, .num_tx_queues, .num_rx_queues, .group, .master, .linkinfo.info_data.mode] | join(" ")' <<<"$output")" \
		"02:00:00:00:0c:01 1400 40 2 2 5 br0 bridge"
	assert_equal "$(jq -r '.[0].flags | index("UP") != null' <<<"$output")" true
}

@test "link add netns NS type macvtap makes it in the namespace, on the lower device outside" {
	lower
	ip netns add ctr
	run vn link add link l0 mt0 netns ctr type macvtap mode bridge
	assert_success
	refute dev_exists mt0
	run ip -n ctr -j -d link show dev mt0
	assert_success
	assert_equal "$(jq -r '.[0] | [.linkinfo.info_kind, .linkinfo.info_data.mode, .link_index] | join(" ")' <<<"$output")" \
		"macvtap bridge $(ifindex l0)"
}

@test "link add type macvlan and macvlan add make the same device" {
	lower
	run vn link add link l0 mv0 mtu 1300 type macvlan mode source
	assert_success
	run vn macvlan add mv1 link l0 mtu 1300 mode source
	assert_success
	same() { ip -j -d link show dev "$1" | jq -c '.[0] | [.link, .mtu, .linkinfo]'; }
	assert_equal "$(same mv0)" "$(same mv1)"
}

@test "dry-run link add type macvtap prints one request with the lower's index and makes nothing" {
	lower
	run vn -N link add link l0 name mt0 type macvtap mode passthru
	assert_success
	assert_line --index 0 'RTM_NEWLINK flags REQUEST|ACK|CREATE|EXCL'
	assert_line '  IFLA_IFNAME "mt0"'
	assert_line "  IFLA_LINK $(ifindex l0)"
	assert_line '    IFLA_INFO_KIND "macvtap"'
	# MACVLAN_MODE_PASSTHRU is 8
	assert_line '      IFLA_MACVLAN_MODE 8'
	assert_equal "$(grep -c '^RTM_' <<<"$output")" 1
	assert_equal "$(made)" ""
}

# ---- macvlan and macvtap: a wrong command line is refused, nothing is sent --------

@test "link add type macvlan or macvtap without link fails with exit 2" {
	lower
	refuses 'link add mv0: missing link \(a macvlan device is made on a lower device\)$' link add mv0 type macvlan mode bridge
	refuses 'link add mt0: missing link \(a macvtap device is made on a lower device\)$' link add mt0 type macvtap
}

@test "link add type macvlan with a mode not listed fails with exit 2 and lists the modes" {
	lower
	refuses 'link add mv0: invalid mode "l2" \(expected private\|vepa\|bridge\|passthru\|source\)$' link add link l0 mv0 type macvlan mode l2
	refuses 'link add mv0: mode needs a value' link add link l0 mv0 type macvlan mode
}

@test "link add type macvlan takes ip-link(8)'s nopromisc, nodst and bcqueuelen" {
	lower
	run vn link add link l0 mt0 type macvtap mode passthru nopromisc
	assert_success
	assert_equal "$(kdata mt0 nopromisc)" true
	run vn link add link l1 mv0 type macvlan mode source nodst bcqueuelen 100
	assert_success
	assert_equal "$(kdata mv0 nodst)" true
	assert_equal "$(kdata mv0 bcqueuelen)" 100
	ip link del mt0
	ip link del mv0
	refuses 'link add mv1: nopromisc needs mode passthru$' link add link l1 mv1 type macvlan mode bridge nopromisc
	refuses 'link add mv1: invalid bcqueuelen "4294967296"' link add link l1 mv1 type macvlan bcqueuelen 4294967296
}

@test "link add type macvlan with a multicast address fails with exit 2" {
	lower
	refuses 'link add mv0: address 01:00:5e:00:00:01 is not a usable device address \(multicast or zero\)$' link add link l0 mv0 address 01:00:5e:00:00:01 type macvlan
}

@test "link add type macvlan on a missing lower device fails with exit 1" {
	run vn link add link nosuch mv0 type macvlan
	assert_error 1 'link add mv0: no device named "nosuch"$'
	assert_equal "$(made)" ""
}

# ---- ipvlan ----------------------------------------------------------------------

@test "vnetctl link add link DEVICE name NAME type ipvlan mode MODE FLAG, for every mode and flag" {
	require_kind ipvlan
	lower
	for m in l3 l3s l2; do
		for f in bridge private vepa; do
			run vn link add link l0 name ip0 type ipvlan mode "$m" "$f"
			assert_success
			assert_output ""
			assert_equal "$(ipfield ip0 linkinfo.info_kind)" ipvlan
			assert_equal "$(ipfield ip0 link)" l0
			assert_equal "$(ipfield ip0 linkinfo.info_data.mode)" "$m"
			assert_equal "$(ipflag ip0)" "$f"
			ip link del dev ip0
		done
	done
}

@test "link add type ipvlan alone takes the kernel's defaults, l3 and bridge" {
	require_kind ipvlan
	lower
	run vn link add link l0 name ip0 type ipvlan
	assert_success
	assert_equal "$(ipfield ip0 linkinfo.info_data.mode)" l3
	assert_equal "$(ipflag ip0)" bridge
	assert_equal "$(ipfield ip0 address)" "$(ipfield l0 address)"
}

@test "link add type ipvlan without a name lets the kernel name it" {
	require_kind ipvlan
	lower
	run vn link add link l0 mtu 1280 type ipvlan mode l2
	assert_success
	assert_equal "$(made)" ipvlan0
	assert_equal "$(ipfield ipvlan0 linkinfo.info_data.mode)" l2
	assert_equal "$(ipfield ipvlan0 mtu)" 1280
}

@test "link add netns NS type ipvlan makes it in the namespace, on the lower device outside" {
	require_kind ipvlan
	lower
	ip netns add ctr
	run vn link add link l0 name ip1 netns ctr type ipvlan mode l2 bridge
	assert_success
	refute dev_exists ip1
	run ip -n ctr -j -d link show dev ip1
	assert_success
	assert_equal "$(jq -r '.[0] | [.linkinfo.info_kind, .linkinfo.info_data.mode, .link_index] | join(" ")' <<<"$output")" \
		"ipvlan l2 $(ifindex l0)"
}

@test "dry-run link add type ipvlan prints the mode and flag and makes nothing" {
	lower
	run vn -N link add link l0 ip0 type ipvlan mode l2 private
	assert_success
	assert_line '    IFLA_INFO_KIND "ipvlan"'
	# IPVLAN_MODE_L2 is 0, IPVLAN_F_PRIVATE is 1
	assert_line '      IFLA_IPVLAN_MODE 0'
	assert_line '      IFLA_IPVLAN_FLAGS 1'
	assert_equal "$(made)" ""
}

@test "link add type ipvlan with two of bridge, private and vepa fails with exit 2" {
	lower
	refuses 'link add ip0: private and vepa cannot be used together$' link add link l0 ip0 type ipvlan private vepa
	refuses 'link add ip0: bridge and private cannot be used together$' link add link l0 ip0 type ipvlan mode l2 bridge private
}

@test "link add type ipvlan with a mode not listed or without link fails with exit 2" {
	lower
	refuses 'link add ip0: invalid mode "vepa" \(expected l2\|l3\|l3s\)$' link add link l0 ip0 type ipvlan mode vepa
	refuses 'link add ip0: missing link \(an ipvlan device is made on a lower device\)$' link add ip0 type ipvlan mode l2
}

@test "link add type ipvlan refuses an address, which the kernel would ignore, exit 2" {
	lower
	run vn link add link l0 ip0 address 02:00:00:00:0c:02 type ipvlan mode l2
	assert_error 2 "link add ip0: address cannot be used: an ipvlan device has its lower device's address$"
	assert_equal "$(made)" ""
}

# ---- completion --------------------------------------------------------------------

@test "completion offers each kind's words and values after type" {
	run vn __complete link add link l0 x0 type macvlan ""
	assert_line mode
	run vn __complete link add link l0 x0 type macvtap mode ""
	for m in $MAC_MODES; do assert_line "$m"; done
	run vn __complete link add link l0 x0 type ipvlan ""
	for w in mode bridge private vepa; do assert_line "$w"; done
	run vn __complete link add link l0 x0 type ipvlan mode ""
	for m in l2 l3 l3s; do assert_line "$m"; done
}
