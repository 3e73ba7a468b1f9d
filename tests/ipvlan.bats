#!/usr/bin/env bats
# vnetctl ipvlan: add, del, show and the link kind printer; the object is
# made by the core from the kind's description, and add takes `ip link
# add`'s common words before the kind's.  What the kernel made is checked
# attribute by attribute through `ip -j -d link show`.  `link add ... type
# ipvlan` is in kinds-l2mac.bats.
#
# The tests that make ipvlan devices need the ipvlan module: where the
# kernel lacks it they skip, and they run in the VM suite, whose kernel has
# every module.  The usage errors, dry runs and the missing-module message
# run everywhere.
#
# iproute2 6.1 reads a bare "a"/"b" as address/broadcast: devices made with
# ip are made with "name" and deleted with "dev" spelled out.

load helpers

setup() { setup_fresh; }

# ---- add ----------------------------------------------------------------------------

@test "ipvlan add makes an ipvlan on the lower device, l3 and bridge by default" {
	require_kind ipvlan
	lower
	run vn ipvlan add ip0 link l0
	assert_success
	assert_output ""
	assert_equal "$(ipfield ip0 linkinfo.info_kind)" ipvlan
	assert_equal "$(ipfield ip0 link)" l0
	assert_equal "$(ipfield ip0 linkinfo.info_data.mode)" l3
	assert_equal "$(ipflag ip0)" bridge
}

@test "ipvlan add mode sets each of l2, l3 and l3s" {
	require_kind ipvlan
	lower
	for m in l2 l3 l3s; do
		run vn ipvlan add ip0 link l0 mode "$m"
		assert_success
		assert_equal "$(ipfield ip0 linkinfo.info_data.mode)" "$m"
		ip link del dev ip0
	done
}

@test "ipvlan add sets each of the bridge, private and vepa flags" {
	require_kind ipvlan
	lower
	for f in bridge private vepa; do
		run vn ipvlan add ip0 link l0 "$f"
		assert_success
		assert_equal "$(ipflag ip0)" "$f"
		ip link del dev ip0
	done
}

@test "ipvlan add takes a mode and a flag together" {
	require_kind ipvlan
	lower
	run vn ipvlan add ip0 link l0 mode l2 private
	assert_success
	assert_equal "$(ipfield ip0 linkinfo.info_data.mode)" l2
	assert_equal "$(ipflag ip0)" private
}

@test "ipvlan add without a name lets the kernel name it" {
	require_kind ipvlan
	lower
	run vn ipvlan add link l0 mode l2 vepa
	assert_success
	assert_equal "$(made)" ipvlan0
	assert_equal "$(ipfield ipvlan0 linkinfo.info_kind)" ipvlan
	assert_equal "$(ipfield ipvlan0 link)" l0
	assert_equal "$(ipfield ipvlan0 linkinfo.info_data.mode)" l2
	assert_equal "$(ipflag ipvlan0)" vepa
}

@test "ipvlan add puts the words every kind shares in the same request" {
	require_kind ipvlan
	lower
	run vn ipvlan add ip0 link l0 mtu 1280 group 3 up mode l3
	assert_success
	run ip -j -d link show dev ip0
	assert_equal "$(jq -r '.[0] | [.linkinfo.info_data.mode, .mtu, .group] | join(" ")' <<<"$output")" \
		"l3 1280 3"
	assert_equal "$(jq -r '.[0].flags | index("UP") != null' <<<"$output")" true
}

@test "ipvlan add shares the lower device's Ethernet address" {
	require_kind ipvlan
	lower
	run vn ipvlan add ip0 link l0 mode l2
	assert_success
	assert_equal "$(ipfield ip0 address)" "$(ipfield l0 address)"
}

@test "ipvlan add of a name in use fails with exit 1 and one line" {
	lower
	run vn ipvlan add l1 link l0
	assert_error 1 'ipvlan add l1: File exists \(a device named l1 exists already\)$'
}

@test "ipvlan add on a missing lower device fails with exit 1" {
	run vn ipvlan add ip0 link nosuch
	assert_error 1 'ipvlan add ip0: no device named "nosuch"$'
	assert_equal "$(made)" ""
}

@test "ipvlan add without the ipvlan module names the module to load" {
	if kernel_knows_kind ipvlan; then
		skip "the kernel has ipvlan: no missing-module message to see"
	fi
	lower
	run vn ipvlan add ip0 link l0 mode l2
	assert_error 1 'ipvlan add ip0: the kernel has no ipvlan support \(load the module: modprobe ipvlan\)$'
	assert_equal "$(made)" ""
}

@test "dry-run ipvlan add prints one request with mode and flags and makes nothing" {
	lower
	run vn -N ipvlan add ip0 link l0 mode l3s vepa
	assert_success
	assert_line --index 0 'RTM_NEWLINK flags REQUEST|ACK|CREATE|EXCL'
	assert_line '  IFLA_IFNAME "ip0"'
	assert_line "  IFLA_LINK $(ifindex l0)"
	assert_line '    IFLA_INFO_KIND "ipvlan"'
	# IPVLAN_MODE_L3S is 2, IPVLAN_F_VEPA is 2
	assert_line '      IFLA_IPVLAN_MODE 2'
	assert_line '      IFLA_IPVLAN_FLAGS 2'
	assert_equal "$(grep -c '^RTM_' <<<"$output")" 1
	assert_equal "$(made)" ""
}

@test "dry-run ipvlan add sends neither mode nor flags when none is given" {
	lower
	run vn -N ipvlan add ip0 link l0
	assert_success
	assert_line '    IFLA_INFO_KIND "ipvlan"'
	refute_output --partial 'IFLA_IPVLAN_'
}

# ---- add: a wrong command line is refused before anything is sent ---------------------

@test "ipvlan add without link fails with exit 2" {
	refuses 'ipvlan add ip0: missing link$' ipvlan add ip0 mode l2
}

@test "ipvlan add with an unknown mode fails with exit 2 and lists the modes" {
	lower
	refuses 'ipvlan add ip0: invalid mode "l4" \(expected l2\|l3\|l3s\)$' ipvlan add ip0 link l0 mode l4
}

@test "ipvlan add with two of bridge, private and vepa fails with exit 2" {
	lower
	refuses 'ipvlan add ip0: private and vepa cannot be used together$' ipvlan add ip0 link l0 private vepa
	refuses 'ipvlan add ip0: bridge and private cannot be used together$' ipvlan add ip0 link l0 bridge private
	refuses 'ipvlan add ip0: vepa and bridge cannot be used together$' ipvlan add ip0 link l0 vepa bridge
}

@test "ipvlan add with a flag given twice fails with exit 2" {
	lower
	refuses 'ipvlan add ip0: private given twice$' ipvlan add ip0 link l0 private private
}

@test "ipvlan add with an unknown keyword fails with exit 2 and suggests the close one" {
	lower
	refuses 'ipvlan add ip0: unknown keyword "privte" \(did you mean "private"\?\)$' ipvlan add ip0 link l0 privte
}

@test "ipvlan add refuses an address: the device shares its lower device's" {
	lower
	run vn ipvlan add ip0 link l0 address 02:00:00:00:00:01
	assert_error 2 "ipvlan add ip0: address cannot be used: an ipvlan device has its lower device's address$"
	refuses 'address cannot be used' -N ipvlan add ip0 link l0 address 02:00:00:00:00:01
}

# ---- del ----------------------------------------------------------------------------

@test "ipvlan del removes the ipvlan and leaves the lower device" {
	require_kind ipvlan
	lower
	ip link add link l0 name ip0 type ipvlan
	run vn ipvlan del ip0
	assert_success
	assert_output ""
	refute dev_exists ip0
	dev_exists l0
}

@test "ipvlan del refuses a device of another kind" {
	lower
	run vn ipvlan del l0
	assert_error 1 'ipvlan del l0: not an ipvlan device \(it is a veth; use link del\)$'
	dev_exists l0
}

@test "ipvlan del of a missing device fails with exit 1" {
	run vn ipvlan del nosuch
	assert_error 1 'ipvlan del nosuch: no device named "nosuch"$'
}

# ---- show ---------------------------------------------------------------------------

@test "ipvlan show lists only ipvlans, worded as ipvlan add takes them" {
	require_kind ipvlan
	lower
	ip link add name m0 type veth peer name m1
	ip link add link l0 name ip0 type ipvlan mode l2 vepa
	ip link add link m0 name mv0 type macvlan
	run vn ipvlan show
	assert_success
	assert_output "ip0 state DOWN link l0 mode l2 vepa address $(ipfield l0 address)"
}

@test "ipvlan show of a device of another kind fails with exit 1" {
	lower
	run vn ipvlan show l0
	assert_error 1 'ipvlan show l0: not an ipvlan device \(it is a veth\)$'
}

@test "ipvlan show -br prints name, state, lower device, mode and flag" {
	require_kind ipvlan
	lower
	ip link add link l0 name ip0 type ipvlan mode l3s private
	run vn -br ipvlan show
	assert_success
	assert_output "$(printf '%-16s %-14s %-16s %s %s' ip0 DOWN l0 l3s private)"
}

@test "ipvlan show -j gives the kernel's values" {
	require_kind ipvlan
	lower
	ip link add link l0 name ip0 type ipvlan mode l2
	run vn -j ipvlan show
	assert_success
	local j=$output
	assert_equal "$(jq -c '.[0] | keys' <<<"$j")" \
		'["address","bridge","ifindex","ifname","link","mode","mode_flag","operstate","private","vepa"]'
	assert_equal "$(jq -r '.[0] | [.ifname, .link, .mode, .mode_flag] | join(",")' <<<"$j")" \
		"ip0,l0,$(ipfield ip0 linkinfo.info_data.mode),$(ipflag ip0)"
	assert_equal "$(jq '.[0].ifindex' <<<"$j")" "$(ifindex ip0)"
}

@test "ipvlan show -j -br gives name, state, lower device, mode and flag" {
	require_kind ipvlan
	lower
	ip link add link l0 name ip0 type ipvlan mode l3 vepa
	run vn -j -br ipvlan show
	assert_success
	assert_equal "$(jq -c '.' <<<"$output")" \
		'[{"ifname":"ip0","operstate":"DOWN","link":"l0","mode":"l3","mode_flag":"vepa"}]'
}

@test "ipvlan show -j with no ipvlans prints an empty list" {
	run vn -j ipvlan show
	assert_success
	assert_output "[]"
}

@test "link show -d shows an ipvlan's mode and flag on its kind line" {
	require_kind ipvlan
	lower
	vn ipvlan add ip0 link l0 mode l2 private
	run vn -d link show ip0
	assert_success
	assert_line --index 2 --regexp "^    ipvlan mode l2 private (addrgenmode|numtxqueues) "
	run vn -j -d link show ip0
	assert_equal "$(jq -c '.[0].linkinfo' <<<"$output")" \
		'{"info_kind":"ipvlan","info_data":{"mode":"l2","mode_flag":"private","private":true,"vepa":false,"bridge":false}}'
}

@test "ipvlan accepts unique prefixes of the object, verb, keywords and mode" {
	require_kind ipvlan
	lower
	run vn ipvl a ip0 li l0 mo l3s pri
	assert_success
	assert_equal "$(ipfield ip0 linkinfo.info_data.mode)" l3s
	assert_equal "$(ipflag ip0)" private
	run vn ipvl d ip0
	assert_success
	! dev_exists ip0
}

@test "completion offers ipvlans to del" {
	require_kind ipvlan
	lower
	ip link add link l0 name ip0 type ipvlan
	run vn __complete ipvlan del ""
	assert_line ip0
	refute_line l0
}
