#!/usr/bin/env bats
# vnetctl vlan: add, del, show and the link kind printer.  What the kernel
# made is checked attribute by attribute through `ip -j -d link show`.
#
# The tests that make VLAN devices need the 8021q module: where the kernel
# lacks it they skip, and they run in the VM suite, whose kernel has every
# module.  The usage errors, dry runs and the missing-module message run
# everywhere.
#
# iproute2 6.1 reads a bare "a"/"b" as address/broadcast: devices made with
# ip are made with "name" and deleted with "dev" spelled out.

load helpers

setup() { setup_fresh; }

# ---- add ----------------------------------------------------------------------------

@test "vlan add makes an 802.1Q VLAN device with the id on the lower device" {
	require_kind vlan
	lower
	run vn vlan add v10 link l0 id 10
	assert_success
	assert_output ""
	assert_equal "$(ipfield v10 linkinfo.info_kind)" vlan
	assert_equal "$(ipfield v10 link)" l0
	assert_equal "$(ipfield v10 linkinfo.info_data.id)" 10
	assert_equal "$(ipfield v10 linkinfo.info_data.protocol)" 802.1Q
}

@test "vlan add protocol 802.1ad makes a service (QinQ outer) VLAN" {
	require_kind vlan
	lower
	run vn vlan add v20 link l0 id 20 protocol 802.1ad
	assert_success
	assert_equal "$(ipfield v20 linkinfo.info_data.protocol)" 802.1ad
	assert_equal "$(ipfield v20 linkinfo.info_data.id)" 20
}

@test "vlan add protocol 802.1q makes a customer VLAN" {
	require_kind vlan
	lower
	run vn vlan add v30 link l0 id 30 protocol 802.1q
	assert_success
	assert_equal "$(ipfield v30 linkinfo.info_data.protocol)" 802.1Q
}

@test "vlan add takes the lowest and the highest VLAN id" {
	require_kind vlan
	lower
	run vn vlan add v1 link l0 id 1
	assert_success
	assert_equal "$(ipfield v1 linkinfo.info_data.id)" 1
	run vn vlan add v4094 link l0 id 4094
	assert_success
	assert_equal "$(ipfield v4094 linkinfo.info_data.id)" 4094
}

@test "vlan add stacks an 802.1q VLAN on an 802.1ad one (QinQ)" {
	require_kind vlan
	lower
	vn vlan add s100 link l0 id 100 protocol 802.1ad
	run vn vlan add c200 link s100 id 200
	assert_success
	assert_equal "$(ipfield c200 link)" s100
	assert_equal "$(ipfield c200 linkinfo.info_data.protocol)" 802.1Q
}

@test "vlan add of an id taken on that lower device fails with exit 1" {
	require_kind vlan
	lower
	vn vlan add v10 link l0 id 10
	run vn vlan add v11 link l0 id 10
	assert_error 1 'vlan add v11: .*(exists|File exists)'
	refute_output --partial 'a device named v11'
	! dev_exists v11
}

@test "vlan add of a name in use fails with exit 1 and one line" {
	lower
	run vn vlan add l1 link l0 id 10
	assert_error 1 'vlan add l1: File exists \(a device named l1 exists already\)$'
	assert_equal "$(ipfield l1 linkinfo.info_kind)" veth
}

@test "vlan add on a missing lower device fails with exit 1" {
	run vn vlan add v10 link nosuch id 10
	assert_error 1 'vlan add v10: no device named "nosuch"$'
	assert_equal "$(made)" ""
}

@test "vlan add without the 8021q module names the module to load" {
	if kernel_knows_kind vlan; then
		skip "the kernel has vlan: no missing-module message to see"
	fi
	lower
	run vn vlan add v10 link l0 id 10
	assert_error 1 'vlan add v10: the kernel has no vlan support \(load the module: modprobe 8021q\)$'
	assert_equal "$(made)" ""
}

@test "dry-run vlan add prints one request, the protocol in network order, and makes nothing" {
	lower
	run vn -N vlan add v10 link l0 id 10 protocol 802.1ad
	assert_success
	assert_line --index 0 'RTM_NEWLINK flags REQUEST|ACK|CREATE|EXCL'
	assert_line '  IFLA_IFNAME "v10"'
	assert_line "  IFLA_LINK $(ifindex l0)"
	assert_line '    IFLA_INFO_KIND "vlan"'
	assert_line '      IFLA_VLAN_ID 10'
	# 802.1ad's ethertype 0x88a8, decoded from network byte order
	assert_line '      IFLA_VLAN_PROTOCOL 34984'
	assert_equal "$(grep -c '^RTM_' <<<"$output")" 1
	assert_equal "$(made)" ""
}

# ---- add: a wrong command line is refused before anything is sent ---------------------

@test "vlan add with id 0 or 4095 fails with exit 2" {
	lower
	refuses 'vlan add v0: id 0 is out of range \(1..4094\)$' vlan add v0 link l0 id 0
	refuses 'vlan add v0: id 4095 is out of range \(1..4094\)$' vlan add v0 link l0 id 4095
}

@test "vlan add without id fails with exit 2" {
	lower
	refuses 'vlan add v10: missing id$' vlan add v10 link l0
}

@test "vlan add without link fails with exit 2" {
	refuses 'vlan add v10: missing link$' vlan add v10 id 10
}

@test "vlan add with an id that is not a number fails with exit 2" {
	lower
	refuses 'vlan add v10: invalid id "ten": not a number$' vlan add v10 link l0 id ten
}

@test "vlan add with an unknown protocol fails with exit 2 and lists the protocols" {
	lower
	refuses 'vlan add v10: invalid protocol "802.1x" \(expected 802.1q\|802.1ad\)$' vlan add v10 link l0 id 10 protocol 802.1x
}

@test "vlan add with an unknown keyword fails with exit 2 and suggests the close one" {
	lower
	refuses 'vlan add v10: unknown keyword "protocl" \(did you mean "protocol"\?\)$' vlan add v10 link l0 id 10 protocl 802.1q
}

@test "vlan add with a keyword given twice fails with exit 2" {
	lower
	refuses 'vlan add v10: id given twice$' vlan add v10 link l0 id 10 id 11
}

# ---- del ----------------------------------------------------------------------------

@test "vlan del removes the VLAN device and leaves the lower device" {
	require_kind vlan
	lower
	ip link add link l0 name v10 type vlan id 10
	run vn vlan del v10
	assert_success
	assert_output ""
	refute dev_exists v10
	dev_exists l0
}

@test "vlan del refuses a device of another kind" {
	lower
	run vn vlan del l0
	assert_error 1 'vlan del l0: not a vlan device \(it is a veth; use link del\)$'
	dev_exists l0
}

@test "vlan del of a missing device fails with exit 1" {
	run vn vlan del nosuch
	assert_error 1 'vlan del nosuch: no device named "nosuch"$'
}

# ---- show ---------------------------------------------------------------------------

@test "vlan show lists only VLAN devices, worded as vlan add takes them" {
	require_kind vlan
	lower
	ip link add link l0 name v10 type vlan id 10
	run vn vlan show
	assert_success
	assert_output "v10 state DOWN link l0 id 10 protocol 802.1q address $(ipfield v10 address)"
}

@test "vlan show NAME shows that device only" {
	require_kind vlan
	lower
	ip link add link l0 name v10 type vlan id 10
	ip link add link l0 name v20 type vlan id 20 protocol 802.1ad
	run vn vlan show v20
	assert_success
	assert_output --regexp '^v20 state DOWN link l0 id 20 protocol 802.1ad address '
}

@test "vlan show of a device of another kind fails with exit 1" {
	lower
	run vn vlan show l0
	assert_error 1 'vlan show l0: not a vlan device \(it is a veth\)$'
}

@test "vlan show -br prints name, state, lower device, id and protocol" {
	require_kind vlan
	lower
	ip link add link l0 name v10 type vlan id 10 protocol 802.1ad
	run vn -br vlan show
	assert_success
	assert_output "$(printf '%-16s %-14s %-16s %s %s' v10 DOWN l0 10 802.1ad)"
}

@test "vlan show -j gives the kernel's values under ip -j's keys" {
	require_kind vlan
	lower
	ip link add link l0 name v10 type vlan id 10
	run vn -j vlan show
	assert_success
	local j=$output
	assert_equal "$(jq -c '.[0] | keys' <<<"$j")" '["address","flags","id","ifindex","ifname","link","operstate","protocol"]'
	assert_equal "$(jq -c '.[0].flags' <<<"$j")" "$(ip -j -d link show dev v10 | jq -c '.[0].linkinfo.info_data.flags')"
	assert_equal "$(jq -r '.[0] | [.ifname, .link, .id, .protocol] | join(",")' <<<"$j")" v10,l0,10,802.1q
	assert_equal "$(jq '.[0].id' <<<"$j")" "$(ipfield v10 linkinfo.info_data.id)"
	# ip writes the protocol in capitals
	assert_equal "$(jq -r '.[0].protocol' <<<"$j")" "$(ipfield v10 linkinfo.info_data.protocol | tr Q q)"
	assert_equal "$(jq '.[0].ifindex' <<<"$j")" "$(ifindex v10)"
}

@test "vlan show -j -br gives name, state, lower device, id and protocol" {
	require_kind vlan
	lower
	ip link add link l0 name v10 type vlan id 10
	run vn -j -br vlan show
	assert_success
	assert_equal "$(jq -c '.' <<<"$output")" \
		'[{"ifname":"v10","operstate":"DOWN","link":"l0","id":10,"protocol":"802.1q"}]'
}

@test "vlan show -j with no VLAN devices prints an empty list" {
	lower
	run vn -j vlan show
	assert_success
	assert_output "[]"
}

@test "link show -d shows a VLAN's id and protocol on its kind line" {
	require_kind vlan
	lower
	vn vlan add v10 link l0 id 10 protocol 802.1ad
	run vn -d link show v10
	assert_success
	assert_line --index 2 --regexp "^    vlan id 10 protocol 802\.1ad (addrgenmode|numtxqueues) "
	run vn -j -d link show v10
	assert_equal "$(jq -c '.[0].linkinfo' <<<"$output")" \
		'{"info_kind":"vlan","info_data":{"id":10,"protocol":"802.1ad","flags":["REORDER_HDR"]}}'
}

@test "vlan accepts unique prefixes of the object, verb, keywords and protocol" {
	require_kind vlan
	lower
	run vn vl a v10 li l0 id 10 p 802.1a
	assert_success
	assert_equal "$(ipfield v10 linkinfo.info_data.protocol)" 802.1ad
	run vn vl d v10
	assert_success
	! dev_exists v10
}

@test "completion offers VLAN devices to del" {
	require_kind vlan
	lower
	ip link add link l0 name v10 type vlan id 10
	run vn __complete vlan del ""
	assert_line v10
	refute_line l0
}
