#!/usr/bin/env bats
# vnetctl bond: add, del, show, addif, delif, `link add ... type bond`, and
# the bond's and its ports' details in `link show -d`.  What the kernel made
# is checked through `ip -j -d link show`.
#
# The tests that make bonds need the bonding module: where the kernel lacks
# it they skip, and they run in the VM suite.  The usage errors and dry runs
# run everywhere: nothing is sent.
#
# iproute2 6.1 reads a bare "a"/"b" as address/broadcast: devices made with
# ip are made with "name" and deleted with "dev" spelled out.

load helpers

# A bond setting, a port's bond details, any field: as ip -j -d sees them.
setting() { ip -j -d link show dev "$1" | jq -c ".[0].linkinfo.info_data.$2"; }
port_detail() { ip -j -d link show dev "$1" | jq -r ".[0].linkinfo.info_slave_data.$2"; }
is_up() { ip -j link show dev "$1" | jq -e '.[0].flags | index("UP") != null' >/dev/null; }
dummies() { for d; do ip link add name "$d" type dummy; done; }

# ---- add: every word reaches the kernel ---------------------------------------------

@test "link add NAME type bond makes a bond, balance-rr by default" {
	require_kind bond
	run vn link add b0 type bond
	assert_success
	assert_output ""
	assert_equal "$(ipfield b0 linkinfo.info_kind)" bond
	assert_equal "$(setting b0 mode)" '"balance-rr"'
}

@test "bond add takes every mode by name" {
	require_kind bond
	local m i=0
	for m in balance-rr active-backup balance-xor broadcast 802.3ad balance-tlb balance-alb; do
		run vn bond add b$i mode "$m"
		assert_success
		assert_equal "$(setting b$i mode)" "\"$m\""
		i=$((i + 1))
	done
}

@test "mode also takes its number, 0 to 6, as ip does" {
	require_kind bond
	local modes=(balance-rr active-backup balance-xor broadcast 802.3ad balance-tlb balance-alb)
	for i in 0 1 2 3 4 5 6; do
		run vn link add b$i type bond mode $i
		assert_success
		assert_equal "$(setting b$i mode)" "\"${modes[i]}\""
	done
}

@test "miimon, updelay, downdelay, min_links and xmit_hash_policy reach the kernel" {
	require_kind bond
	run vn link add b0 type bond mode active-backup miimon 100 updelay 200 downdelay 300 \
		min_links 2 xmit_hash_policy layer2+3
	assert_success
	assert_equal "$(setting b0 mode)" '"active-backup"'
	assert_equal "$(setting b0 miimon)" 100
	assert_equal "$(setting b0 updelay)" 200
	assert_equal "$(setting b0 downdelay)" 300
	assert_equal "$(setting b0 min_links)" 2
	assert_equal "$(setting b0 xmit_hash_policy)" '"layer2+3"'
}

@test "802.3ad's lacp_rate and ad_select reach the kernel" {
	require_kind bond
	run vn bond add b0 mode 802.3ad lacp_rate fast ad_select count xmit_hash_policy layer3+4
	assert_success
	assert_equal "$(setting b0 ad_lacp_rate)" '"fast"'
	assert_equal "$(setting b0 ad_select)" '"count"'
	assert_equal "$(setting b0 xmit_hash_policy)" '"layer3+4"'
	run vn bond add b1 mode 4 lacp_rate slow ad_select bandwidth
	assert_success
	assert_equal "$(setting b1 ad_lacp_rate)" '"slow"'
	assert_equal "$(setting b1 ad_select)" '"bandwidth"'
}

@test "every xmit_hash_policy, by name and by ip's number" {
	require_kind bond
	local p i=0
	for p in layer2 layer3+4 layer2+3 encap2+3 encap3+4 vlan+srcmac; do
		run vn bond add b$i mode balance-xor xmit_hash_policy "$p"
		assert_success
		assert_equal "$(setting b$i xmit_hash_policy)" "\"$p\""
		run vn bond add n$i mode balance-xor xmit_hash_policy $i
		assert_success
		assert_equal "$(setting n$i xmit_hash_policy)" "\"$p\""
		i=$((i + 1))
	done
}

@test "lacp_rate and ad_select take ip's numbers too" {
	require_kind bond
	run vn bond add b0 mode 802.3ad lacp_rate 1 ad_select 2
	assert_success
	assert_equal "$(setting b0 ad_lacp_rate)" '"fast"'
	assert_equal "$(setting b0 ad_select)" '"count"'
}

@test "arp_interval and arp_ip_target (a comma-separated list) reach the kernel" {
	require_kind bond
	run vn link add b0 type bond mode active-backup arp_interval 250 \
		arp_ip_target 10.0.0.1,192.0.2.7
	assert_success
	assert_equal "$(setting b0 arp_interval)" 250
	assert_equal "$(setting b0 arp_ip_target)" '["10.0.0.1","192.0.2.7"]'
	run vn bond add b1 arp_interval 100 arp_ip_target 10.0.0.9
	assert_success
	assert_equal "$(setting b1 arp_ip_target)" '["10.0.0.9"]'
}

@test "primary: the port the kernel prefers, once it is a port" {
	require_kind bond dummy
	dummies d0 d1
	run vn bond add b0 mode active-backup miimon 100 primary d1
	assert_success
	vn bond addif b0 d0 d1
	assert_equal "$(setting b0 primary)" '"d1"'
	assert_equal "$(port_detail d1 state)" ACTIVE
	assert_equal "$(port_detail d0 state)" BACKUP
}

@test "bond add puts the common words in the same request" {
	require_kind bond
	run vn bond add b0 mtu 9000 address 02:00:00:00:00:b0 group 3 up mode balance-xor
	assert_success
	assert_equal "$(ipfield b0 mtu)" 9000
	assert_equal "$(ipfield b0 address)" 02:00:00:00:00:b0
	assert_equal "$(ipfield b0 group)" 3
	assert is_up b0
	assert_equal "$(setting b0 mode)" '"balance-xor"'
}

@test "link add type bond without a name lets the kernel name it" {
	require_kind bond
	run vn link add type bond
	assert_success
	assert_equal "$(ipfield bond0 linkinfo.info_kind)" bond
}

@test "bond add of a taken name says so, exit 1" {
	require_kind bond
	ip link add name b0 type bond
	run vn bond add b0 mode 1
	assert_error 1 'bond add b0: .*a device named b0 exists already'
	assert_equal "$(setting b0 mode)" '"balance-rr"'
}

# ---- add: bad values, exit 2, nothing made ------------------------------------------

@test "a mode that is neither a name nor 0..6 is refused with the list, exit 2" {
	run vn bond add b0 mode 7
	assert_error 2 'bond add b0: invalid mode "7" \(expected balance-rr\|active-backup\|balance-xor\|broadcast\|802.3ad\|balance-tlb\|balance-alb\|0..6\)$'
	run vn link add b0 type bond mode round-robin
	assert_error 2 'link add b0: invalid mode "round-robin" \(expected balance-rr\|.*\|0..6\)$'
	run vn bond add b0 mode balance
	assert_error 2 'bond add b0: ambiguous mode "balance": balance-rr, balance-xor, balance-tlb, balance-alb$'
	run vn bond add b0 mode
	assert_error 2 'bond add b0: mode needs a value \(balance-rr\|.*\|balance-alb\|0..6\)$'
	refute dev_exists b0
}

@test "a bad xmit_hash_policy, lacp_rate or ad_select is refused, exit 2" {
	run vn bond add b0 xmit_hash_policy layer4
	assert_error 2 'bond add b0: invalid xmit_hash_policy "layer4" \(expected layer2\|layer3\+4\|layer2\+3\|encap2\+3\|encap3\+4\|vlan\+srcmac\|0..5\)$'
	run vn bond add b0 mode 802.3ad lacp_rate medium
	assert_error 2 'bond add b0: invalid lacp_rate "medium" \(expected slow\|fast\|0..1\)$'
	run vn bond add b0 mode 802.3ad lacp_rate 2
	assert_error 2 'bond add b0: invalid lacp_rate "2" \(expected slow\|fast\|0..1\)$'
	run vn bond add b0 ad_select 3
	assert_error 2 'bond add b0: invalid ad_select "3" \(expected stable\|bandwidth\|count\|0..2\)$'
	refute dev_exists b0
}

@test "the times and min_links are numbers, exit 2 otherwise" {
	local kw
	for kw in miimon updelay downdelay min_links arp_interval; do
		run vn bond add b0 $kw fast
		assert_error 2 "bond add b0: invalid $kw \"fast\": not a number$"
		run vn bond add b0 $kw -1
		assert_error 2 "bond add b0: invalid $kw \"-1\": not a number$"
	done
	run vn bond add b0 miimon 2147483648
	assert_error 2 'bond add b0: miimon 2147483648 is out of range \(0..2147483647\)$'
	refute dev_exists b0
}

@test "arp_ip_target takes distinct IPv4 hosts, up to 16, exit 2 otherwise" {
	run vn bond add b0 arp_ip_target 10.0.0.1,,10.0.0.2
	assert_error 2 'bond add b0: invalid arp_ip_target "10.0.0.1,,10.0.0.2": an empty address$'
	run vn bond add b0 arp_ip_target 10.0.0.1,
	assert_error 2 'invalid arp_ip_target "10.0.0.1,": an empty address$'
	run vn bond add b0 arp_ip_target 10.0.0.1,2001:db8::1
	assert_error 2 'invalid arp_ip_target "10.0.0.1,2001:db8::1": "2001:db8::1" is not an IPv4 address$'
	run vn bond add b0 arp_ip_target 10.0.0.0/8
	assert_error 2 '"10.0.0.0/8" is not an IPv4 address$'
	run vn bond add b0 arp_ip_target 10.0.0.1,10.0.0.2,10.0.0.1
	assert_error 2 'invalid arp_ip_target "10.0.0.1,10.0.0.2,10.0.0.1": 10.0.0.1 is listed twice$'
	run vn bond add b0 arp_ip_target "$(printf '10.0.0.%d,' $(seq 1 16))10.0.0.17"
	assert_error 2 'bond add b0: invalid arp_ip_target "10.0.0.1,.*,10.0.0.17": at most 16 addresses$'
	run vn bond add b0 arp_ip_target 0.0.0.0
	assert_error 2 'bond add b0: arp_ip_target 0.0.0.0 is not a host to ask$'
	run vn bond add b0 arp_ip_target 10.0.0.1,255.255.255.255
	assert_error 2 'bond add b0: arp_ip_target 255.255.255.255 is not a host to ask$'
	run vn bond add b0 arp_ip_target
	assert_error 2 'bond add b0: arp_ip_target needs a value \(ADDR\[,ADDR...\]\)$'
	refute dev_exists b0
}

@test "sixteen ARP targets are the most, and are taken" {
	require_kind bond
	run vn bond add b0 arp_interval 100 arp_ip_target "$(seq -s, -f '10.0.0.%g' 1 16)"
	assert_success
	assert_equal "$(ip -j -d link show dev b0 | jq '.[0].linkinfo.info_data.arp_ip_target | length')" 16
}

@test "settings of other modes are refused before the kernel refuses them unsaid, exit 2" {
	run vn bond add b0 primary lo
	assert_error 2 'bond add b0: primary is for mode active-backup, balance-tlb or balance-alb \(the mode is balance-rr\)$'
	run vn bond add b0 mode balance-xor primary lo
	assert_error 2 'primary is for mode active-backup, balance-tlb or balance-alb \(the mode is balance-xor\)$'
	run vn bond add b0 lacp_rate fast
	assert_error 2 'bond add b0: lacp_rate is for mode 802.3ad \(the mode is balance-rr\)$'
	run vn bond add b0 mode 802.3ad arp_interval 100
	assert_error 2 'arp_interval is for mode balance-rr, active-backup, balance-xor or broadcast \(the mode is 802.3ad\)$'
	run vn bond add b0 mode balance-tlb arp_interval 100
	assert_error 2 'arp_interval is for mode balance-rr, active-backup, balance-xor or broadcast \(the mode is balance-tlb\)$'
	refute dev_exists b0
}

@test "the kernel does refuse those settings in those modes" {
	require_kind bond
	run ip link add name b0 type bond lacp_rate fast
	assert_failure
	run ip link add name b0 type bond mode balance-xor primary lo
	assert_failure
	run ip link add name b0 type bond mode 802.3ad arp_interval 100
	assert_failure
	run ip link add name b0 type bond mode balance-tlb arp_interval 100
	assert_failure
	refute dev_exists b0
	# and takes these in any mode: no check of vnetctl's refuses them
	run vn bond add b1 mode active-backup ad_select count xmit_hash_policy layer2+3 min_links 1
	assert_success
	run vn bond add b2 mode balance-alb arp_ip_target 10.0.0.1
	assert_success
	assert_equal "$(setting b2 arp_ip_target)" '["10.0.0.1"]'
}

@test "miimon and arp_interval are one way or the other, exit 2" {
	run vn bond add b0 miimon 100 arp_interval 200
	assert_error 2 'bond add b0: miimon and arp_interval cannot be used together \(a bond checks its ports one way\)$'
	refute dev_exists b0
}

@test "updelay and downdelay need miimon and a multiple of it, exit 2" {
	run vn bond add b0 updelay 200
	assert_error 2 'bond add b0: updelay needs miimon \(the delays count its checks\)$'
	run vn bond add b0 miimon 0 downdelay 0
	assert_error 2 'bond add b0: downdelay needs miimon \(the delays count its checks\)$'
	run vn bond add b0 miimon 100 updelay 150
	assert_error 2 'bond add b0: updelay 150 is not a multiple of miimon 100$'
	run vn link add b0 type bond miimon 100 downdelay 50
	assert_error 2 'link add b0: downdelay 50 is not a multiple of miimon 100$'
	refute dev_exists b0
}

@test "a primary that does not exist is an error, exit 1, nothing made" {
	run vn bond add b0 mode active-backup primary nosuch
	assert_error 1 'bond add b0: no device named "nosuch"$'
	refute dev_exists b0
}

@test "dry run names the IFLA_BOND attributes, mode by its number, and sends nothing" {
	run vn -N link add b0 type bond mode active-backup miimon 100 updelay 200 \
		arp_ip_target 10.0.0.1 xmit_hash_policy encap3+4 min_links 1
	assert_success
	assert_line --partial 'IFLA_INFO_KIND "bond"'
	assert_line --partial 'IFLA_BOND_MODE 1'
	assert_line --partial 'IFLA_BOND_MIIMON 100'
	assert_line --partial 'IFLA_BOND_UPDELAY 200'
	assert_line --partial 'IFLA_BOND_XMIT_HASH_POLICY 4'
	assert_line --partial 'IFLA_BOND_MIN_LINKS 1'
	assert_line --partial 'IFLA_BOND_ARP_IP_TARGET {'
	assert_line --partial '0a 00 00 01'
	run vn -N bond add b0 mode 802.3ad lacp_rate fast ad_select 1
	assert_line --partial 'IFLA_BOND_MODE 4'
	assert_line --partial 'IFLA_BOND_AD_LACP_RATE 1'
	assert_line --partial 'IFLA_BOND_AD_SELECT 1'
	refute dev_exists b0
}

# ---- show, del ----------------------------------------------------------------------

@test "bond show prints each bond's settings worded as add takes them" {
	require_kind bond
	vn bond add b0 mode active-backup miimon 100 updelay 200 min_links 2 xmit_hash_policy layer2+3
	vn bond add b1 mode balance-rr arp_interval 100 arp_ip_target 10.0.0.1,10.0.0.2
	dummies d0
	run vn bond show
	assert_success
	assert_line --regexp '^b0 state DOWN mode active-backup miimon 100 updelay 200 downdelay 0 arp_interval 0 xmit_hash_policy layer2\+3 min_links 2 lacp_rate slow ad_select stable address ([0-9a-f]{2}:){5}[0-9a-f]{2}$'
	assert_line --regexp '^b1 state DOWN mode balance-rr miimon 0 updelay 0 downdelay 0 arp_interval 100 arp_ip_target 10.0.0.1,10.0.0.2 xmit_hash_policy layer2 .*address '
	# not the dummy (a line of its own; "d0" may be part of a random address)
	refute_line --regexp '^d0 '
	run vn bond show b1
	assert_output --regexp '^b1 state DOWN mode balance-rr '
}

@test "bond show -j and link show -j -d give ip -j -d's keys and values" {
	require_kind bond
	vn bond add b0 mode active-backup arp_interval 300 arp_ip_target 10.0.0.1,10.0.0.2 \
		xmit_hash_policy encap2+3 min_links 1
	local keys='{mode, miimon, updelay, downdelay, arp_interval, arp_ip_target, xmit_hash_policy, min_links, ad_lacp_rate, ad_select}'
	local want
	want=$(ip -j -d link show dev b0 | jq -c ".[0].linkinfo.info_data | $keys")
	run vn -j -d link show b0
	assert_success
	assert_equal "$(jq -c ".[0].linkinfo.info_data | $keys" <<<"$output")" "$want"
	assert_equal "$(jq -r '.[0].linkinfo.info_kind' <<<"$output")" bond
	run vn -j bond show
	assert_success
	assert_equal "$(jq -c ".[0] | $keys" <<<"$output")" "$want"
	assert_equal "$(jq -r '.[0].ifname' <<<"$output")" b0
}

@test "link show -d prints the bond line as ip -d does" {
	require_kind bond
	vn bond add b0 mode 802.3ad miimon 100 lacp_rate fast
	run vn -d link show b0
	assert_success
	assert_line --regexp '^    bond mode 802.3ad miimon 100 updelay 0 downdelay 0 arp_interval 0 xmit_hash_policy layer2 min_links 0 lacp_rate fast ad_select stable (addrgenmode|numtxqueues) '
}

@test "bond show -br: name, state and mode in columns" {
	require_kind bond
	vn bond add b0 mode balance-alb
	run vn -br bond show
	assert_success
	assert_output --regexp '^b0 +DOWN +balance-alb$'
	run vn -br -j bond show
	assert_equal "$(jq -r '.[0].mode' <<<"$output")" balance-alb
}

@test "bond show and del refuse a device of another kind, exit 1, and keep it" {
	require_kind bond dummy
	dummies d0
	run vn bond show d0
	assert_error 1 'bond show d0: not a bond device \(it is a dummy\)$'
	run vn bond del d0
	assert_error 1 'bond del d0: not a bond device \(it is a dummy; use link del\)$'
	assert dev_exists d0
}

@test "bond del deletes the bond and releases its ports" {
	require_kind bond dummy
	ip link add name b0 type bond
	dummies d0
	vn bond addif b0 d0
	run vn bond del b0
	assert_success
	refute dev_exists b0
	assert_equal "$(ipfield d0 master)" null
}

# ---- ports: addif, delif, link set master -------------------------------------------

@test "bond addif makes devices ports, an up one set down first; ip agrees" {
	require_kind bond dummy
	ip link add name b0 type bond
	dummies d0 d1
	ip link set dev d0 up
	run vn bond addif b0 d0 d1
	assert_success
	assert_output ""
	assert_equal "$(ipfield d0 master)" b0
	assert_equal "$(ipfield d1 master)" b0
	# the bond opens its ports itself
	assert is_up d0
	assert is_up d1
	assert_equal "$(ip -j link show master b0 | jq -r '[.[].ifname] | join(",")')" d0,d1
}

@test "addif of a port already in the bond changes nothing, exit 0" {
	require_kind bond dummy
	ip link add name b0 type bond
	dummies d0
	vn bond addif b0 d0
	run vn bond addif b0 d0
	assert_success
	assert_equal "$(ipfield d0 master)" b0
}

@test "addif of a port of another master is refused, exit 1, nothing changed" {
	require_kind bond dummy
	ip link add name b0 type bond
	ip link add name br0 type bridge
	dummies d0 d1
	ip link set dev d1 master br0
	run vn bond addif b0 d0 d1
	assert_error 1 'bond addif b0: d1 is a port of br0 already \(release it there first\)$'
	assert_equal "$(ipfield d0 master)" null
	assert_equal "$(ipfield d1 master)" br0
}

@test "addif of a device that does not exist fails, exit 1, nothing changed" {
	require_kind bond dummy
	ip link add name b0 type bond
	dummies d0
	run vn bond addif b0 d0 nosuch
	assert_error 1 'bond addif b0: no device named "nosuch"$'
	assert_equal "$(ipfield d0 master)" null
}

@test "addif to a device that is not a bond is refused, exit 1" {
	require_kind dummy
	dummies d0 d1
	run vn bond addif d0 d1
	assert_error 1 'bond addif d0: not a bond device \(it is a dummy\)$'
	run vn bond addif nosuch d1
	assert_error 1 'bond addif nosuch: no device named "nosuch"$'
	assert_equal "$(ipfield d1 master)" null
}

@test "when the kernel refuses one port none is changed, and an up port is up again" {
	require_kind bond dummy
	ip link add name b0 type bond
	dummies d0
	ip link set dev d0 up
	vn tuntap add t0 mode tun
	# a bond's ports share one link type: d0 (Ethernet) joins, t0 (none) cannot
	run vn bond addif b0 d0 t0
	assert_error 1 'bond addif b0: t0: Device type is different from other slaves\.? \(no port was changed\)$'
	assert_equal "$(ipfield d0 master)" null
	assert is_up d0
	assert_equal "$(ipfield t0 master)" null
}

@test "addif and delif: usage errors, exit 2, nothing changed" {
	run vn bond addif b0
	assert_error 2 'bond addif b0: missing DEV...$'
	run vn bond addif b0 d0 d0
	assert_error 2 'bond addif b0: d0 given twice$'
	run vn bond addif b0 b0
	assert_error 2 'bond addif b0: a bond cannot be a port of itself$'
	run vn bond delif b0 bad/name
	assert_error 2 'bond delif b0: invalid interface name "bad/name"'
}

@test "bond delif releases ports; the kernel leaves them down" {
	require_kind bond dummy
	ip link add name b0 type bond
	dummies d0 d1 d2
	vn bond addif b0 d0 d1 d2
	run vn bond delif b0 d0 d2
	assert_success
	assert_equal "$(ipfield d0 master)" null
	assert_equal "$(ipfield d2 master)" null
	assert_equal "$(ipfield d1 master)" b0
	refute is_up d0
}

@test "delif of a device that is not a port of the bond is refused, exit 1, nothing changed" {
	require_kind bond dummy
	ip link add name b0 type bond
	dummies d0 d1
	vn bond addif b0 d0
	run vn bond delif b0 d0 d1
	assert_error 1 'bond delif b0: d1 is not a port of b0$'
	assert_equal "$(ipfield d0 master)" b0
}

@test "dry run of addif prints the down and the IFLA_MASTER of each port and sends nothing" {
	require_kind bond dummy
	ip link add name b0 type bond
	dummies d0 d1
	ip link set dev d0 up
	run vn -N bond addif b0 d0 d1
	assert_success
	assert_equal "$(grep -c RTM_NEWLINK <<<"$output")" 3
	assert_equal "$(grep -c "IFLA_MASTER $(ipfield b0 ifindex)" <<<"$output")" 2
	assert_equal "$(ipfield d0 master)" null
	assert is_up d0
}

@test "a port's bond details in link show -d, with ip -j -d's keys" {
	require_kind bond dummy
	ip link add name b0 type bond mode active-backup miimon 100
	dummies d0
	vn bond addif b0 d0
	run vn -d link show d0
	assert_success
	assert_line --regexp '^    bond_slave state ACTIVE mii_status UP link_failure_count 0 perm_hwaddr ([0-9a-f]{2}:){5}[0-9a-f]{2} queue_id 0( prio -?[0-9]+)? (addrgenmode|numtxqueues) '
	local keys='{state, mii_status, link_failure_count, perm_hwaddr, queue_id}'
	run vn -j -d link show d0
	assert_equal "$(jq -c ".[0].linkinfo | .info_slave_kind, (.info_slave_data | $keys)" <<<"$output")" \
		"$(ip -j -d link show dev d0 | jq -c ".[0].linkinfo | .info_slave_kind, (.info_slave_data | $keys)")"
}

@test "an 802.3ad port shows its aggregator, as ip does" {
	require_kind bond dummy
	ip link add name b0 type bond mode 802.3ad
	dummies d0
	vn bond addif b0 d0
	# the LACP state machine picks the port's aggregator while the bond is up
	ip link set dev b0 up
	for _ in $(seq 50); do
		[ "$(port_detail d0 ad_aggregator_id)" != null ] && break
		sleep 0.1
	done
	run vn -j -d link show d0
	assert_equal "$(jq -r '.[0].linkinfo.info_slave_data.ad_aggregator_id' <<<"$output")" \
		"$(port_detail d0 ad_aggregator_id)"
	assert_equal "$(jq -r '.[0].linkinfo.info_slave_data.ad_aggregator_id | type' <<<"$output")" number
	# the LACP states change as the state machine runs: their keys and kind
	assert_equal "$(jq -r '.[0].linkinfo.info_slave_data |
		[.ad_actor_oper_port_state, .ad_partner_oper_port_state] | map(type) | join(",")' <<<"$output")" \
		number,number
	run vn -d link show d0
	assert_line --regexp '^    bond_slave state .* ad_aggregator_id [0-9]+ ad_actor_oper_port_state [0-9]+ ad_partner_oper_port_state [0-9]+ (addrgenmode|numtxqueues) '
}

@test "link set DEV master BOND enslaves a device that is down; nomaster releases it" {
	require_kind bond dummy
	ip link add name b0 type bond
	dummies d0
	run vn link set d0 master b0
	assert_success
	assert_equal "$(ipfield d0 master)" b0
	assert_equal "$(ipfield d0 linkinfo.info_slave_kind)" bond
	run vn link set d0 nomaster
	assert_success
	assert_equal "$(ipfield d0 master)" null
}

@test "link set DEV master BOND of an up device gives the kernel's reason, exit 1" {
	require_kind bond dummy
	ip link add name b0 type bond
	dummies d0
	ip link set dev d0 up
	run vn link set d0 master b0
	assert_error 1 'link set d0: Device can not be enslaved while up\.?$'
	assert_equal "$(ipfield d0 master)" null
	# down and master in one command, as iproute2 users write it
	run vn link set d0 down master b0
	assert_success
	assert_equal "$(ipfield d0 master)" b0
}

# ---- iproute2's way, with vnetctl (ip-link(8), the kernel's bonding.rst) -------------

@test "ip-link(8)'s commands for a bond, with ip replaced by vnetctl" {
	require_kind bond dummy
	dummies eth0 eth1
	run vn link add bond0 type bond mode 802.3ad
	assert_success
	run vn link set dev eth0 down
	assert_success
	run vn link set dev eth0 master bond0
	assert_success
	run vn link set dev eth1 master bond0
	assert_success
	run vn link set dev bond0 up
	assert_success
	run vn -j link show master bond0
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" eth0,eth1
	run vn -j link show type bond
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" bond0
	run vn -j link show type bond_slave
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" eth0,eth1
	run vn link set dev eth1 nomaster
	assert_success
	assert_equal "$(ipfield eth1 master)" null
	run vn link delete dev bond0
	assert_success
	refute dev_exists bond0
}

# ---- completion ---------------------------------------------------------------------

@test "completion offers bond's words and values" {
	run vn __complete link add b0 type bond ""
	assert_line mode
	assert_line arp_ip_target
	assert_line xmit_hash_policy
	run vn __complete bond add b0 mode ""
	assert_line balance-rr
	assert_line 802.3ad
	run vn __complete bond add b0 xmit_hash_policy ""
	assert_line vlan+srcmac
	run vn __complete bond ""
	assert_line addif
	assert_line delif
}

@test "completion of bond addif offers bonds, then any device" {
	require_kind bond dummy
	ip link add name b0 type bond
	dummies d0
	run vn __complete bond addif ""
	assert_line b0
	refute_line d0
	run vn __complete bond addif b0 ""
	assert_line d0
}
