#!/usr/bin/env bats
# Link kinds as one core concept: iproute2's `link add ... type KIND`, the
# `KIND add|del|show` objects the core makes from a kind's description
# (dummy, ifb, nlmon, vrf), and link show's filters and link del group.
# ifb is on this machine's kernel; dummy, nlmon and vrf run in the VM suite.

load helpers


@test "link add NAME type ifb makes an ifb device" {
	require_kind ifb
	run vn link add i0 type ifb
	assert_success
	assert_output ""
	assert_equal "$(kind_of i0)" ifb
}

@test "link add puts every common word in the one request" {
	require_kind ifb
	ip link add br0 type bridge
	run vn link add i0 mtu 1400 address 02:00:00:00:00:01 group 7 master br0 txqlen 50 \
		numtxqueues 2 up type ifb
	assert_success
	run ip -j -d link show dev i0
	assert_equal "$(jq -r '.[0] | [.mtu, .address, .group, .master, .txqlen, .num_tx_queues] | join(" ")' <<<"$output")" \
		"1400 02:00:00:00:00:01 7 br0 50 2"
	assert_equal "$(jq -r '.[0].flags | index("UP") != null' <<<"$output")" true
}

@test "link add takes iproute2's order: link DEV and name NAME before type" {
	require_kind ifb
	run vn link add name i1 txqueuelen 9 type ifb
	assert_success
	assert_equal "$(ip -j link show dev i1 | jq -r '.[0].txqlen')" 9
}

@test "link add type ifb without a name lets the kernel name it" {
	require_kind ifb
	run vn link add type ifb
	assert_success
	assert_equal "$(kind_of ifb0)" ifb
}

@test "link add a taken name says so, exit 1" {
	require_kind ifb
	ip link add i0 type ifb
	run vn link add i0 type ifb
	assert_error 1 'link add i0: .*a device named i0 exists already'
}

@test "link add an unknown kind is a usage error with a suggestion; nothing is made" {
	run vn link add x0 type dumy
	assert_error 2 'link add x0: unknown kind "dumy" \(did you mean "dummy"\?\)$'
	refute dev_exists x0
}

@test "link add type help lists the kinds, type KIND help a kind's words; nothing is made" {
	before=$(ip -j link show | jq -c '[.[].ifname]')
	run vn link add type help
	assert_success
	assert_line --regexp '^  vxlan +Ethernet segments over UDP'
	assert_line --regexp '^  bridge +Ethernet bridges'
	assert_line --regexp '^  ipip +IPv4 in IPv4'
	run vn link add x0 type vxlan help
	assert_success
	assert_line --index 0 --regexp '^vnetctl link add \[COMMON\.\.\.\] type vxlan \[id VNI\] .*\[external\] .*\[vnifilter\]$'
	assert_line --regexp '^  id\|vni +the network identifier'
	run vn link add type veth help
	assert_success
	assert_line --index 0 --partial 'type veth [peer [link DEV] [[name] NAME]'
	assert_equal "$(ip -j link show | jq -c '[.[].ifname]')" "$before"
	# help is a word only right after the kind
	run vn link add x0 type vxlan id 5 help
	assert_error 2 'link add x0: unknown keyword "help"'
}

@test "link add NAME type veth peer name PEER makes the pair, as ip does" {
	run vn link add veth0 type veth peer name veth1
	assert_success
	assert_equal "$(kind_of veth0)" veth
	assert_equal "$(ip -j link show dev veth0 | jq -r '.[0].link')" veth1
}

@test "link add type veth without names lets the kernel name both ends" {
	run vn link add type veth
	assert_success
	assert_equal "$(kind_of veth0)" veth
	assert_equal "$(kind_of veth1)" veth
}

@test "link add type veth: the common words before type, the peer's after peer" {
	run vn link add a0 mtu 1400 type veth peer b0 mtu 1300 address 02:00:00:00:00:05
	assert_success
	assert_equal "$(ip -j link show dev a0 | jq -r '.[0].mtu')" 1400
	assert_equal "$(ip -j link show dev b0 | jq -r '.[0] | "\(.mtu) \(.address)"')" \
		"1300 02:00:00:00:00:05"
}

@test "link add type veth puts the peer in a namespace in the same request" {
	ip netns add far
	run vn link add x0 type veth peer name y0 netns far
	assert_success
	assert_equal "$(ip -n far -j link show dev y0 | jq -r '.[0].ifname')" y0
	assert dev_exists x0
}

@test "link add type veth: a bad peer word is a usage error naming the peer; nothing made" {
	run vn link add x0 type veth peer name y0 mtu big
	assert_error 2 'link add x0: peer: invalid mtu "big": not a number$'
	run vn link add x0 type veth peer name y0 address 01:00:5e:00:00:01
	assert_error 2 'link add x0: peer: address 01:00:5e:00:00:01 is not a usable device address'
	refute dev_exists x0
	refute dev_exists y0
}

@test "link add type veth with a taken peer name fails, exit 1, and leaves neither end" {
	ip link add y0 type veth peer name z0
	run vn link add x0 type veth peer name y0
	assert_equal "$status" 1
	refute dev_exists x0
}

@test "link add without type, or type without a kind, is a usage error" {
	run vn link add x0
	assert_error 2 'link add x0: missing type'
	run vn link add x0 type
	assert_error 2 'link add x0: type needs a value \(KIND\)$'
	refute dev_exists x0
}

@test "a word the kind does not take is refused; nothing is made" {
	run vn link add x0 type ifb table 3
	assert_error 2 'link add x0: unknown keyword "table"'
	refute dev_exists x0
}

@test "dry run of link add prints the request with the kind and sends nothing" {
	run vn -N link add i0 mtu 1400 type ifb
	assert_success
	assert_line --partial 'RTM_NEWLINK'
	assert_line --partial 'IFLA_MTU 1400'
	assert_line --partial 'IFLA_INFO_KIND "ifb"'
	refute_line --partial 'IFLA_INFO_DATA'
	refute dev_exists i0
}

@test "ifb add, show and del: the object the core makes from the kind" {
	require_kind ifb
	run vn ifb add i0 mtu 1300
	assert_success
	assert_equal "$(ip -j link show dev i0 | jq -r '.[0].mtu')" 1300
	ip link add br0 type bridge
	run vn -j ifb show
	assert_success
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" i0
	run vn -br ifb show i0
	assert_output --regexp '^i0 +DOWN'
	run vn ifb del i0
	assert_success
	refute dev_exists i0
}

@test "KIND del and KIND show refuse a device of another kind, exit 1, and keep it" {
	require_kind ifb
	ip link add br0 type bridge
	run vn ifb del br0
	assert_error 1 'ifb del br0: not an ifb device \(it is a bridge; use link del\)$'
	run vn ifb show br0
	assert_error 1 'ifb show br0: not an ifb device \(it is a bridge\)$'
	run vn ifb del lo
	assert_error 1 'ifb del lo: not an ifb device \(use link del\)$'
	assert dev_exists br0
}

@test "KIND del of a device that does not exist says so, exit 1" {
	run vn ifb del nosuch
	assert_error 1 'ifb del nosuch: no device named "nosuch"'
}

@test "dummy: link add and dummy add, checked by ip -d" {
	require_kind dummy
	run vn link add d0 type dummy
	assert_success
	assert_equal "$(kind_of d0)" dummy
	run vn dummy add d1 up
	assert_success
	assert_equal "$(kind_of d1)" dummy
	run vn -j dummy show
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" d0,d1
	run vn dummy del d0
	assert_success
	refute dev_exists d0
}

@test "a kernel without dummy support names the module to load" {
	if kernel_knows_kind dummy; then
		skip "this kernel has dummy (the message is tested where it lacks it)"
	fi
	run vn link add d0 type dummy
	assert_error 1 'link add d0: the kernel has no dummy support \(load the module: modprobe dummy\)$'
}

@test "nlmon: link add type nlmon makes a netlink monitor" {
	require_kind nlmon
	run vn link add nl0 type nlmon
	assert_success
	assert_equal "$(kind_of nl0)" nlmon
}

@test "vrf: link add type vrf table N, shown with -d as ip does" {
	require_kind vrf
	run vn link add blue type vrf table 10
	assert_success
	assert_equal "$(ip -j -d link show dev blue | jq -r '.[0].linkinfo.info_data.table')" 10
	run vn -j -d link show blue
	assert_equal "$(jq -r '.[0].linkinfo.info_data.table' <<<"$output")" 10
	# vrf show: one line per device, worded as add takes it
	run vn vrf show blue
	assert_output --regexp '^blue state [A-Z]+ table 10 address '
	run vn -d link show blue
	assert_line --regexp '^    vrf table 10 (addrgenmode|numtxqueues) '
}

@test "vrf: table is required, exit 2, nothing made" {
	run vn link add blue type vrf
	assert_error 2 'link add blue: missing table$'
	run vn vrf add blue
	assert_error 2 'vrf add blue: missing table$'
	refute dev_exists blue
}

@test "vrf: dry run names IFLA_VRF_TABLE" {
	run vn -N vrf add blue table 10
	assert_success
	assert_line --partial 'IFLA_VRF_TABLE 10'
	refute dev_exists blue
}

@test "link show vrf NAME lists the devices enslaved to it" {
	require_kind vrf dummy
	vn link add blue type vrf table 10
	vn link add d0 master blue type dummy
	vn link add d1 type dummy
	run vn -j link show vrf blue
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" d0
}

@test "route show vrf NAME lists the routes of the vrf's table" {
	require_kind vrf dummy
	vn link add blue type vrf table 10
	vn link add d0 master blue up type dummy
	ip link set blue up
	ip addr add 10.9.0.1/24 dev d0
	ip route add 10.10.0.0/16 via 10.9.0.2 table 10
	run vn -j route show vrf blue
	assert_success
	assert_equal "$(jq -r '[.[].dst] | index("10.10.0.0/16") != null' <<<"$output")" true
	# the main table's routes are not the vrf's
	ip route add 10.20.0.0/16 dev lo
	run vn -j route show vrf blue
	assert_equal "$(jq -r '[.[].dst] | index("10.20.0.0/16")' <<<"$output")" null
}

@test "route show vrf of a device that is no vrf is refused, exit 1" {
	run vn route show vrf lo
	assert_error 1 'route show lo: not a vrf device$'
	run vn route show vrf blue table 10
	assert_error 2 'cannot be used together'
}

@test "link show type, up, master and group filter, and combine" {
	require_kind ifb
	ip link add br0 type bridge
	vn link add i1 group 7 master br0 type ifb
	vn link add i2 group 7 up type ifb
	vn link add i3 type ifb
	names() { jq -r '[.[].ifname] | join(",")' <<<"$output"; }
	run vn -j link show type ifb
	assert_equal "$(names)" i1,i2,i3
	run vn -j link show type bridge
	assert_equal "$(names)" br0
	run vn -j link show master br0
	assert_equal "$(names)" i1
	run vn -j link show type bridge_slave
	assert_equal "$(names)" i1
	run vn -j link show group 7
	assert_equal "$(names)" i1,i2
	run vn -j link show group 7 up
	assert_equal "$(names)" i2
	run vn -j link show type ifb master br0
	assert_equal "$(names)" i1
	# the same sets as iproute2's filters
	assert_equal "$(ip -j link show group 7 | jq -r '[.[] | select(.ifname) | .ifname] | join(",")')" i1,i2
}

@test "link show master and vrf exclude each other, exit 2" {
	run vn link show master lo vrf lo
	assert_error 2 'link show: vrf and master cannot be used together$'
}

@test "link show master of a device that does not exist is an error, exit 1" {
	run vn link show master nosuch
	assert_error 1 'no device named "nosuch"'
}

@test "link set DEV group G moves it to the group" {
	require_kind ifb
	ip link add i0 type ifb
	run vn link set i0 group 9
	assert_success
	assert_equal "$(ip -j link show dev i0 | jq -r '.[0].group')" 9
}

@test "link del group G deletes the whole group in one request and nothing else" {
	require_kind ifb
	for i in 1 2 3; do ip link add i$i group 7 type ifb; done
	ip link add k0 type ifb
	run vn link del group 7
	assert_success
	refute dev_exists i1
	refute dev_exists i2
	refute dev_exists i3
	assert dev_exists k0
}

@test "link del group is one RTM_DELLINK carrying IFLA_GROUP (dry run)" {
	run vn -N link del group 7
	assert_success
	assert_equal "$(grep -c RTM_DELLINK <<<"$output")" 1
	assert_line --partial 'IFLA_GROUP 7'
}

@test "link del needs a name or a group, not both, and never group 0" {
	run vn link del
	assert_error 2 'link del: missing NAME or group GROUP$'
	run vn link del x0 group 3
	assert_error 2 'dev and group cannot be used together'
	run vn link del group 0
	assert_equal "$status" 2
}

@test "completion offers the kinds after type, then the kind's own words" {
	run vn __complete link add x0 type ""
	assert_line dummy
	assert_line ifb
	assert_line vrf
	run vn __complete link add x0 type vrf ""
	assert_line table
	refute_line help
	run vn __complete link add x0 ""
	assert_line type
	assert_line mtu
}

@test "completion of KIND del offers only devices of that kind" {
	require_kind ifb
	ip link add i0 type ifb
	ip link add br0 type bridge
	run vn __complete ifb del ""
	assert_line i0
	refute_line br0
}
