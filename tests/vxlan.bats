#!/usr/bin/env bats
# vnetctl vxlan: add, del, show (made by the core from the kind's
# description), link add ... type vxlan, and the link kind printer.  What
# the kernel made is checked attribute by attribute through
# `ip -j -d link show`.
#
# iproute2 6.1 reads a bare "a"/"b" as address/broadcast: devices made with
# ip are made with "name" and deleted with "dev" spelled out.

load helpers

setup() { setup_fresh; }

# ---- add ----------------------------------------------------------------------------

@test "vxlan add makes a vxlan with the VNI, to IANA's port 4789 by default" {
	run vn vxlan add vx0 id 42
	assert_success
	assert_output ""
	assert_equal "$(ip -j -d link show dev vx0 | jq -r '.[0].linkinfo.info_kind')" vxlan
	assert_equal "$(kdata vx0 id)" 42
	assert_equal "$(kdata vx0 port)" 4789
	assert_equal "$(kdata vx0 learning)" true
}

@test "vxlan add remote and local set an IPv4 unicast tunnel" {
	run vn vxlan add vx0 id 42 remote 10.0.0.2 local 10.0.0.1
	assert_success
	assert_equal "$(kdata vx0 remote)" 10.0.0.2
	assert_equal "$(kdata vx0 local)" 10.0.0.1
	assert_equal "$(kdata vx0 group)" null
}

@test "vxlan add remote and local take IPv6 addresses" {
	run vn vxlan add vx0 id 42 remote fd00::2 local fd00::1
	assert_success
	assert_equal "$(kdata vx0 remote6)" fd00::2
	assert_equal "$(kdata vx0 local6)" fd00::1
}

@test "vxlan add group and dev join a multicast group on that device" {
	lower
	run vn vxlan add vx0 id 42 group 239.1.1.1 dev l0
	assert_success
	assert_equal "$(kdata vx0 group)" 239.1.1.1
	assert_equal "$(kdata vx0 link)" l0
	assert_equal "$(kdata vx0 remote)" null
}

@test "vxlan add group takes an IPv6 multicast group" {
	lower
	run vn vxlan add vx0 id 42 group ff05::42 dev l0
	assert_success
	assert_equal "$(kdata vx0 group6)" ff05::42
	assert_equal "$(kdata vx0 link)" l0
}

@test "vxlan add dev sets the underlay device of a unicast tunnel" {
	lower
	run vn vxlan add vx0 id 42 remote 10.0.0.2 dev l0
	assert_success
	assert_equal "$(kdata vx0 link)" l0
}

@test "vxlan add dstport sets the UDP destination port" {
	run vn vxlan add vx0 id 42 dstport 8999
	assert_success
	assert_equal "$(kdata vx0 port)" 8999
}

@test "vxlan add dstport 0 leaves the port to the kernel, 8472" {
	run vn vxlan add vx0 id 42 dstport 0
	assert_success
	assert_equal "$(kdata vx0 port)" 8472
}

@test "vxlan add ttl sets the outer packets' time to live" {
	run vn vxlan add vx0 id 42 remote 10.0.0.2 ttl 64
	assert_success
	assert_equal "$(kdata vx0 ttl)" 64
}

@test "vxlan add nolearning turns learning off and learning keeps it on" {
	run vn vxlan add vx0 id 42 nolearning
	assert_success
	assert_equal "$(kdata vx0 learning)" false
	run vn vxlan add vx1 id 43 learning
	assert_success
	assert_equal "$(kdata vx1 learning)" true
}

@test "vxlan add takes the lowest and the highest VNI" {
	run vn vxlan add vx0 id 0
	assert_success
	assert_equal "$(kdata vx0 id)" 0
	run vn vxlan add vx1 id 16777215 dstport 4790
	assert_success
	assert_equal "$(kdata vx1 id)" 16777215
}

@test "vxlan add sets every keyword in one request" {
	lower
	run vn vxlan add vx0 id 7 remote 10.0.0.2 local 10.0.0.1 dev l0 dstport 4790 ttl 9 nolearning
	assert_success
	assert_equal "$(ip -j -d link show dev vx0 | jq -c '.[0].linkinfo.info_data | [.id, .remote, .local, .link, .port, .ttl, .learning]')" \
		'[7,"10.0.0.2","10.0.0.1","l0",4790,9,false]'
}

@test "vxlan add srcport sets the range of UDP source ports" {
	run vn vxlan add vx0 id 42 srcport 5000 6000
	assert_success
	assert_equal "$(kdata vx0 port_range.low)" 5000
	assert_equal "$(kdata vx0 port_range.high)" 6000
	run vn vxlan add vx1 id 43 srcport 7000 7000 dstport 4790
	assert_success
	assert_equal "$(ip -j -d link show dev vx1 | jq -c '.[0].linkinfo.info_data.port_range')" \
		'{"low":7000,"high":7000}'
}

@test "vni is id's other spelling, in vxlan add and link add ... type vxlan" {
	run vn vxlan add vx0 vni 42
	assert_success
	assert_equal "$(kdata vx0 id)" 42
	run vn link add vx1 type vxlan vni 43 dstport 4790 srcport 1000 2000
	assert_success
	assert_equal "$(ip -j -d link show dev vx1 | jq -c '.[0].linkinfo.info_data | [.id, .port, .port_range]')" \
		'[43,4790,{"low":1000,"high":2000}]'
}

@test "vxlan add tos sets the outer TOS byte, in decimal or hex" {
	run vn vxlan add vx0 id 42 tos 0x10
	assert_success
	assert_equal "$(kdata vx0 tos)" 0x10
	run vn vxlan add vx1 id 43 tos 32 dstport 4790
	assert_success
	assert_equal "$(kdata vx1 tos)" 0x20
}

@test "vxlan add ageing sets how long learned entries live" {
	run vn vxlan add vx0 id 42 ageing 120
	assert_success
	assert_equal "$(kdata vx0 ageing)" 120
}

@test "vxlan add noudpcsum turns the IPv4 UDP checksum off and udpcsum keeps it on" {
	run vn vxlan add vx0 id 42 noudpcsum
	assert_success
	assert_equal "$(kdata vx0 udp_csum)" false
	run vn vxlan add vx1 id 43 udpcsum dstport 4790
	assert_success
	assert_equal "$(kdata vx1 udp_csum)" true
}

@test "vxlan add external makes a metadata device that learns nothing, without an id" {
	run vn vxlan add vx0 external
	assert_success
	assert_equal "$(kdata vx0 external)" true
	assert_equal "$(kdata vx0 learning)" false
	assert_equal "$(kdata vx0 port)" 4789
}

@test "vxlan add external learning keeps learning on, and an id is kept" {
	run vn vxlan add vx0 id 42 external learning
	assert_success
	assert_equal "$(kdata vx0 external)" true
	assert_equal "$(kdata vx0 learning)" true
	assert_equal "$(kdata vx0 id)" 42
}

@test "vxlan add group is the multicast group, not the interface group" {
	lower
	run vn vxlan add vx0 id 42 group 239.1.1.1 dev l0 mtu 1400
	assert_success
	assert_equal "$(kdata vx0 group)" 239.1.1.1
	assert_equal "$(ip -j -d link show dev vx0 | jq -r '.[0].group')" default
	run vn vxlan add vx1 id 43 group 7 dev l0
	assert_error 2 'vxlan add vx1: invalid address "7"$'
	refute dev_exists vx1
}

@test "vxlan add link is dev's other spelling" {
	lower
	run vn vxlan add vx0 link l0 id 42
	assert_success
	assert_equal "$(kdata vx0 link)" l0
	run vn vxlan add vx1 id 43 link l0 dev l0 dstport 4790
	assert_error 2 'vxlan add vx1: dev given twice$'
	refute dev_exists vx1
}

@test "vxlan add takes link add's common words in the same request" {
	run vn vxlan add vx0 id 42 mtu 1400 address 02:00:00:00:0c:07 txqlen 77 up
	assert_success
	run ip -j -d link show dev vx0
	assert_equal "$(jq -r '.[0] | [.mtu, .address, .txqlen, .linkinfo.info_data.id] | join(" ")' <<<"$output")" \
		"1400 02:00:00:00:0c:07 77 42"
	assert_equal "$(jq -r '.[0].flags | index("UP") != null' <<<"$output")" true
}

@test "vxlan add with no name lets the kernel name the device" {
	run vn vxlan add id 42
	assert_success
	assert_equal "$(made)" vxlan0
	assert_equal "$(kdata vxlan0 id)" 42
}

@test "link add NAME type vxlan takes iproute2's words after type" {
	lower
	run vn link add vx0 group 5 mtu 1300 type vxlan id 42 group 239.1.1.1 dev l0 dstport 4789 \
		srcport 1000 2000 tos 0x8 ttl 9 nolearning ageing 60 noudpcsum
	assert_success
	run ip -j -d link show dev vx0
	assert_equal "$(jq -r '.[0] | [.group, .mtu] | join(" ")' <<<"$output")" "5 1300"
	assert_equal "$(jq -c '.[0].linkinfo.info_data | [.id, .group, .link, .port, .port_range.low,
		.port_range.high, .tos, .ttl, .learning, .ageing, .udp_csum]' <<<"$output")" \
		'[42,"239.1.1.1","l0",4789,1000,2000,"0x8",9,false,60,false]'
}

@test "a line of vxlan show, given back to vxlan add, makes the same vxlan" {
	lower
	vn vxlan add vx0 id 42 remote 10.0.0.2 local 10.0.0.1 dev l0 srcport 4000 5000 \
		dstport 4790 tos 0x4 ttl 7 nolearning ageing 30 noudpcsum
	run vn vxlan show vx0
	assert_success
	# "vx0 state DOWN WORDS... address MAC" -> "vx1 WORDS..."
	local words
	words=$(sed -e 's/^vx0 state [A-Z]* //' -e 's/ address .*//' <<<"$output")
	ip link del dev vx0
	run vn vxlan add vx1 $words
	assert_success
	run vn vxlan show vx1
	assert_output --regexp "^vx1 state DOWN $words address "
}

@test "dry-run vxlan add prints one request, the port in network order, and makes nothing" {
	run vn -N vxlan add vx0 id 42 remote 10.0.0.2
	assert_success
	assert_line --index 0 'RTM_NEWLINK flags REQUEST|ACK|CREATE|EXCL'
	assert_line '  IFLA_IFNAME "vx0"'
	assert_line '    IFLA_INFO_KIND "vxlan"'
	assert_line '      IFLA_VXLAN_ID 42'
	assert_line '      IFLA_VXLAN_GROUP 10.0.0.2'
	# decoded from network byte order: IANA's port
	assert_line '      IFLA_VXLAN_PORT 4789'
	assert_equal "$(grep -c '^RTM_' <<<"$output")" 1
	assert_equal "$(made)" ""
}

@test "vxlan add of a name in use fails with exit 1 and one line" {
	lower
	run vn vxlan add l0 id 42
	assert_error 1 'vxlan add l0: File exists \(a device named l0 exists already\)$'
}

@test "vxlan add with a missing dev fails with exit 1" {
	run vn vxlan add vx0 id 42 remote 10.0.0.2 dev nosuch
	assert_error 1 'vxlan add vx0: no device named "nosuch"$'
	assert_equal "$(made)" ""
}

@test "dry-run vxlan add names the new attributes" {
	run vn -N vxlan add vx0 external srcport 1 2 tos 4 ageing 10 noudpcsum
	assert_success
	assert_line '      IFLA_VXLAN_COLLECT_METADATA 1'
	assert_line '      IFLA_VXLAN_LEARNING 0'
	assert_line '      IFLA_VXLAN_TOS 4'
	assert_line '      IFLA_VXLAN_AGEING 10'
	assert_line '      IFLA_VXLAN_UDP_CSUM 0'
	# the two ports in network byte order
	assert_line '      IFLA_VXLAN_PORT_RANGE (4 bytes) 00 01 00 02'
	refute_line --partial 'IFLA_VXLAN_ID'
	assert_equal "$(made)" ""
}

# ---- add: a wrong command line is refused before anything is sent ---------------------

@test "vxlan add with a VNI of 2^24 fails with exit 2" {
	refuses 'vxlan add vx0: id 16777216 is out of range \(0..16777215\)$' vxlan add vx0 id 16777216
}

@test "vxlan add with vni 2^24, or id and vni both, fails with exit 2" {
	refuses 'vxlan add vx0: .*16777216 is out of range \(0..16777215\)$' vxlan add vx0 vni 16777216
	run vn vxlan add vx0 id 42 vni 43
	assert_equal "$status" 2
	assert_equal "$(made)" ""
}

@test "vxlan add with dstport 70000 fails with exit 2" {
	refuses 'vxlan add vx0: dstport 70000 is out of range \(0..65535\)$' vxlan add vx0 id 42 dstport 70000
}

@test "vxlan add with ttl 256 fails with exit 2" {
	refuses 'vxlan add vx0: ttl 256 is out of range \(0..255, or auto\)$' vxlan add vx0 id 42 ttl 256
}

@test "vxlan add without id or external fails with exit 2" {
	refuses 'vxlan add vx0: missing id \(or external\)$' vxlan add vx0 remote 10.0.0.2
	refuses 'link add vx0: missing id \(or external\)$' link add vx0 type vxlan remote 10.0.0.2
}

@test "vxlan add with a multicast remote fails with exit 2 and points to group" {
	refuses 'vxlan add vx0: remote 239.1.1.1 is a multicast address \(use group\)$' vxlan add vx0 id 42 remote 239.1.1.1
	refuses 'remote ff02::1 is a multicast address' vxlan add vx0 id 42 remote ff02::1
}

@test "vxlan add with a unicast group fails with exit 2 and points to remote" {
	lower
	refuses 'vxlan add vx0: group 10.0.0.2 is not a multicast address \(use remote\)$' vxlan add vx0 id 42 group 10.0.0.2 dev l0
}

@test "vxlan add with a group but no dev fails with exit 2" {
	refuses 'vxlan add vx0: group needs dev: the device to join the group on$' vxlan add vx0 id 42 group 239.1.1.1
}

@test "vxlan add with both remote and group fails with exit 2" {
	lower
	refuses 'vxlan add vx0: remote and group cannot be used together$' vxlan add vx0 id 42 remote 10.0.0.2 group 239.1.1.1 dev l0
	refuses 'vxlan add vx0: remote and group cannot be used together$' vxlan add vx0 id 42 group 239.1.1.1 remote 10.0.0.2 dev l0
}

@test "vxlan add with local and remote of different families fails with exit 2" {
	refuses 'vxlan add vx0: local fd00::1 is IPv6 but remote 10.0.0.2 is IPv4: they must be of one family$' vxlan add vx0 id 42 remote 10.0.0.2 local fd00::1
}

@test "vxlan add with a multicast local fails with exit 2" {
	refuses 'vxlan add vx0: local 224.0.0.5 is a multicast address$' vxlan add vx0 id 42 local 224.0.0.5
}

@test "vxlan add with both learning and nolearning fails with exit 2" {
	refuses 'vxlan add vx0: learning and nolearning cannot be used together$' vxlan add vx0 id 42 learning nolearning
}

@test "vxlan add srcport with its low port above its high fails with exit 2" {
	refuses 'vxlan add vx0: invalid srcport "6000 5000": the first is above the second$' vxlan add vx0 id 42 srcport 6000 5000
}

@test "vxlan add srcport with one port fails with exit 2" {
	refuses 'vxlan add vx0: srcport needs two values \(MIN MAX\)$' vxlan add vx0 id 42 srcport 5000
	refuses 'vxlan add vx0: invalid srcport "id": not a number$' vxlan add vx0 srcport 5000 id 42
}

@test "vxlan add srcport out of range fails with exit 2" {
	refuses 'vxlan add vx0: srcport 70000 is out of range \(0..65535\)$' vxlan add vx0 id 42 srcport 1000 70000
	refuses 'vxlan add vx0: srcport given twice$' vxlan add vx0 id 42 srcport 1000 2000 srcport 3000 4000
}

@test "vxlan add with tos 256 fails with exit 2" {
	refuses 'vxlan add vx0: tos 256 is out of range \(0..255, or inherit\)$' vxlan add vx0 id 42 tos 256
	refuses 'vxlan add vx0: tos 0x100 is out of range \(0..255, or inherit\)$' vxlan add vx0 id 42 tos 0x100
}

@test "vxlan add with an ageing that is not a number fails with exit 2" {
	refuses 'vxlan add vx0: invalid ageing "forever": not a number$' vxlan add vx0 id 42 ageing forever
}

@test "vxlan add with both udpcsum and noudpcsum fails with exit 2" {
	refuses 'vxlan add vx0: udpcsum and noudpcsum cannot be used together$' vxlan add vx0 id 42 noudpcsum udpcsum
}

@test "link add type vxlan refuses a wrong word with exit 2 and makes nothing" {
	refuses 'link add vx0: remote 239.1.1.1 is a multicast address \(use group\)$' link add vx0 type vxlan id 42 remote 239.1.1.1
	refuses 'link add vx0: invalid srcport "9 8": the first is above the second$' link add vx0 type vxlan id 42 srcport 9 8
	refuses 'link add vx0: unknown keyword "mtu"' link add vx0 type vxlan id 42 mtu 1400
}

@test "vxlan add with a malformed address fails with exit 2" {
	refuses 'vxlan add vx0: invalid address "10.0.0"$' vxlan add vx0 id 42 remote 10.0.0
}

@test "vxlan add with a VNI that is not a number fails with exit 2" {
	refuses 'vxlan add vx0: invalid id "ten": not a number$' vxlan add vx0 id ten
}

@test "vxlan add with an unknown keyword fails with exit 2 and suggests the close one" {
	refuses 'vxlan add vx0: unknown keyword "remtoe" \(did you mean "remote"\?\)$' vxlan add vx0 id 42 remtoe 10.0.0.2
	refuses 'did you mean "dstport"\?' vxlan add vx0 id 42 dstprot 4789
}

# ---- del ----------------------------------------------------------------------------

@test "vxlan del removes the vxlan" {
	ip link add name vx0 type vxlan id 42 dstport 4789
	run vn vxlan del vx0
	assert_success
	assert_output ""
	! dev_exists vx0
}

@test "vxlan del refuses a device of another kind" {
	lower
	run vn vxlan del l0
	assert_error 1 'vxlan del l0: not a vxlan device \(it is a veth; use link del\)$'
	dev_exists l0
}

@test "vxlan del of a missing device fails with exit 1" {
	run vn vxlan del nosuch
	assert_error 1 'vxlan del nosuch: no device named "nosuch"$'
}

# ---- show ---------------------------------------------------------------------------

@test "vxlan show lists only vxlans, worded as vxlan add takes them" {
	lower
	ip link add name vx0 address 02:00:00:00:0c:01 type vxlan id 42 remote 10.0.0.2 \
		local 10.0.0.1 dev l0 dstport 4789 ttl 5 nolearning
	run vn vxlan show
	assert_success
	assert_output "vx0 state DOWN id 42 remote 10.0.0.2 local 10.0.0.1 dev l0 srcport 0 0 dstport 4789 ttl 5 nolearning ageing 300 udpcsum address 02:00:00:00:0c:01"
}

@test "vxlan show names a multicast peer group" {
	lower
	ip link add name vx0 type vxlan id 43 group 239.1.1.1 dev l0 dstport 4789
	run vn vxlan show vx0
	assert_success
	assert_output --regexp '^vx0 state DOWN id 43 group 239.1.1.1 dev l0 srcport 0 0 dstport 4789 ttl 0 learning ageing 300 udpcsum address '
}

@test "vxlan show of a device of another kind fails with exit 1" {
	lower
	run vn vxlan show l0
	assert_error 1 'vxlan show l0: not a vxlan device \(it is a veth\)$'
}

@test "vxlan show -br prints name, state, VNI and the remote or group" {
	lower
	ip link add name vx0 type vxlan id 42 remote 10.0.0.2 dstport 4789
	ip link add name vx1 type vxlan id 43 group ff05::42 dev l0 dstport 4789
	run vn -br vxlan show
	assert_success
	assert_line "$(printf '%-16s %-14s %s %s' vx0 DOWN 42 10.0.0.2)"
	assert_line "$(printf '%-16s %-14s %s %s' vx1 DOWN 43 ff05::42)"
	assert_equal "${#lines[@]}" 2
}

@test "vxlan show -j gives the kernel's values under ip -j's keys" {
	lower
	ip link add name vx0 type vxlan id 42 remote 10.0.0.2 local 10.0.0.1 dev l0 dstport 4790 \
		srcport 5000 6000 tos 0x10 ttl 5 nolearning ageing 99 noudpcsum
	run vn -j vxlan show
	assert_success
	local j=$output
	assert_equal "$(jq -c '.[0] | keys' <<<"$j")" \
		'["address","ageing","df","id","ifindex","ifname","learning","link","local","operstate","port","port_range","remote","tos","ttl","udp_csum","udp_zero_csum6_rx","udp_zero_csum6_tx"]'
	for k in id remote local link port port_range tos ttl learning ageing udp_csum df udp_zero_csum6_tx udp_zero_csum6_rx; do
		assert_equal "$(jq -c ".[0].$k" <<<"$j")" \
			"$(ip -j -d link show dev vx0 | jq -c ".[0].linkinfo.info_data.$k")"
	done
	assert_equal "$(jq '.[0].ifindex' <<<"$j")" "$(ifindex vx0)"
}

@test "vxlan show -j puts IPv6 endpoints under ip's keys remote6, local6 and group6" {
	lower
	ip link add name vx0 type vxlan id 42 remote fd00::2 local fd00::1 dstport 4789
	ip link add name vx1 type vxlan id 43 group ff05::42 dev l0 dstport 4789
	run vn -j vxlan show
	assert_success
	local j=$output
	assert_equal "$(jq -c '[.[] | [.remote, .remote6, .local, .local6, .group, .group6]]' <<<"$j")" \
		'[[null,"fd00::2",null,"fd00::1",null,null],[null,null,null,null,null,"ff05::42"]]'
	for k in remote6 local6; do
		assert_equal "$(jq -r ".[0].$k" <<<"$j")" "$(kdata vx0 $k)"
	done
	assert_equal "$(jq -r '.[1].group6' <<<"$j")" "$(kdata vx1 group6)"
	# the text is worded as add takes it, whatever the family
	run vn vxlan show vx0
	assert_output --regexp '^vx0 state DOWN id 42 remote fd00::2 local fd00::1 '
}

@test "vxlan show -j -br gives name, state, VNI and the group" {
	lower
	ip link add name vx0 type vxlan id 42 group 239.1.1.1 dev l0 dstport 4789
	run vn -j -br vxlan show
	assert_success
	assert_equal "$(jq -c '.' <<<"$output")" '[{"ifname":"vx0","operstate":"DOWN","id":42,"group":"239.1.1.1"}]'
}

@test "vxlan show -j with no vxlans prints an empty list" {
	lower
	run vn -j vxlan show
	assert_success
	assert_output "[]"
}

@test "link show -d shows a vxlan's settings on its kind line" {
	vn vxlan add vx0 id 42 remote 10.0.0.2 ttl 3
	run vn -d link show vx0
	assert_success
	assert_line --index 2 --regexp "^    vxlan id 42 remote 10\.0\.0\.2 srcport 0 0 dstport 4789 ttl 3 learning ageing 300 udpcsum (addrgenmode|numtxqueues) "
	run vn -j -d link show vx0
	assert_equal "$(jq -c '.[0].linkinfo' <<<"$output")" \
		'{"info_kind":"vxlan","info_data":{"id":42,"remote":"10.0.0.2","port_range":{"low":0,"high":0},"port":4789,"ttl":3,"learning":true,"ageing":300,"udp_csum":true,"df":"unset","udp_zero_csum6_tx":false,"udp_zero_csum6_rx":false}}'
	assert_equal "$(jq -c '.[0].linkinfo.info_data | [.df, .udp_zero_csum6_tx, .udp_zero_csum6_rx]' <<<"$output")" \
		"$(ip -j -d link show dev vx0 | jq -c '.[0].linkinfo.info_data | [.df, .udp_zero_csum6_tx, .udp_zero_csum6_rx]')"
}

@test "vxlan accepts unique prefixes of the object, verb and keywords" {
	run vn vxl a vx0 id 42 remo 10.0.0.2 dstp 4790 nol
	assert_success
	assert_equal "$(kdata vx0 port)" 4790
	assert_equal "$(kdata vx0 learning)" false
	run vn vxl d vx0
	assert_success
	! dev_exists vx0
}

@test "completion offers vxlans to del and every device to dev" {
	lower
	ip link add name vx0 type vxlan id 42 dstport 4789
	run vn __complete vxlan del ""
	assert_line vx0
	refute_line l0
	run vn __complete vxlan add vx1 id 43 dev ""
	assert_line l0
	assert_line vx0
	run vn __complete link add vx1 type vxlan id 43 dev ""
	assert_line l0
}

@test "completion takes srcport's two values and offers the words left" {
	run vn __complete vxlan add vx1 srcport 1 2 ""
	assert_success
	assert_line id
	assert_line ttl
	refute_line srcport
	# nothing to offer for the second port
	run vn __complete vxlan add vx1 srcport 1 ""
	assert_output ""
}
