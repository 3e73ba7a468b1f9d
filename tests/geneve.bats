#!/usr/bin/env bats
# vnetctl geneve: add, del, show (made by the core from the kind's
# description), link add ... type geneve, and the link kind printer.  What
# the kernel made is checked attribute by attribute through
# `ip -j -d link show`.
#
# The tests that make geneve devices need the geneve module: where the
# kernel lacks it they skip, and they run in the VM suite, whose kernel has
# every module.  The usage errors, dry runs and the missing-module message
# run everywhere.
#
# iproute2 6.1 reads a bare "a"/"b" as address/broadcast: devices made with
# ip are made with "name" and deleted with "dev" spelled out.

load helpers

setup() { setup_fresh; }

# ---- add ----------------------------------------------------------------------------

@test "geneve add makes a geneve to the remote, on IANA's port 6081 by default" {
	require_kind geneve
	run vn geneve add gn0 id 42 remote 10.0.0.2
	assert_success
	assert_output ""
	assert_equal "$(ip -j -d link show dev gn0 | jq -r '.[0].linkinfo.info_kind')" geneve
	assert_equal "$(kdata gn0 id)" 42
	assert_equal "$(kdata gn0 remote)" 10.0.0.2
	assert_equal "$(kdata gn0 port)" 6081
}

@test "geneve add remote takes an IPv6 address" {
	require_kind geneve
	run vn geneve add gn0 id 42 remote fd00::2
	assert_success
	assert_equal "$(kdata gn0 remote6)" fd00::2
}

@test "geneve add dstport sets the UDP destination port" {
	require_kind geneve
	run vn geneve add gn0 id 42 remote 10.0.0.2 dstport 7000
	assert_success
	assert_equal "$(kdata gn0 port)" 7000
}

@test "geneve add ttl sets the outer packets' time to live" {
	require_kind geneve
	run vn geneve add gn0 id 42 remote 10.0.0.2 ttl 64
	assert_success
	assert_equal "$(kdata gn0 ttl)" 64
}

@test "geneve add tos sets the outer TOS byte, in decimal or hex" {
	require_kind geneve
	run vn geneve add gn0 id 42 remote 10.0.0.2 tos 0x10
	assert_success
	assert_equal "$(kdata gn0 tos)" 0x10
	run vn geneve add gn1 id 43 remote 10.0.0.3 tos 32
	assert_success
	assert_equal "$(kdata gn1 tos)" 0x20
}

@test "geneve add takes link add's common words in the same request" {
	require_kind geneve
	run vn geneve add gn0 id 42 remote 10.0.0.2 mtu 1400 address 02:00:00:00:0d:07 up
	assert_success
	run ip -j -d link show dev gn0
	assert_equal "$(jq -r '.[0] | [.mtu, .address, .linkinfo.info_data.id] | join(" ")' <<<"$output")" \
		"1400 02:00:00:00:0d:07 42"
	assert_equal "$(jq -r '.[0].flags | index("UP") != null' <<<"$output")" true
}

@test "link add NAME type geneve takes iproute2's words after type" {
	require_kind geneve
	run vn link add gn0 mtu 1300 type geneve id 42 remote fd00::2 ttl 9 tos 0x4 dstport 7000
	assert_success
	run ip -j -d link show dev gn0
	assert_equal "$(jq -r '.[0].mtu' <<<"$output")" 1300
	assert_equal "$(jq -c '.[0].linkinfo.info_data | [.id, .remote6, .ttl, .tos, .port]' <<<"$output")" \
		'[42,"fd00::2",9,"0x4",7000]'
}

@test "geneve add takes the lowest and the highest VNI" {
	require_kind geneve
	run vn geneve add gn0 id 0 remote 10.0.0.2
	assert_success
	assert_equal "$(kdata gn0 id)" 0
	run vn geneve add gn1 id 16777215 remote 10.0.0.3
	assert_success
	assert_equal "$(kdata gn1 id)" 16777215
}

@test "geneve add of a name in use fails with exit 1 and one line" {
	ip link add name l0 type veth peer name l1
	run vn geneve add l0 id 42 remote 10.0.0.2
	assert_error 1 'geneve add l0: File exists \(a device named l0 exists already\)$'
}

@test "geneve add without the geneve module names the module to load" {
	if kernel_knows_kind geneve; then
		skip "the kernel has geneve: no missing-module message to see"
	fi
	run vn geneve add gn0 id 42 remote 10.0.0.2
	assert_error 1 'geneve add gn0: the kernel has no geneve support \(load the module: modprobe geneve\)$'
	assert_equal "$(made)" ""
}

@test "dry-run geneve add prints one request, the port in network order, and makes nothing" {
	run vn -N geneve add gn0 id 42 remote 10.0.0.2 dstport 6081 ttl 9 tos 0x10
	assert_success
	assert_line --index 0 'RTM_NEWLINK flags REQUEST|ACK|CREATE|EXCL'
	assert_line '  IFLA_IFNAME "gn0"'
	assert_line '    IFLA_INFO_KIND "geneve"'
	assert_line '    IFLA_INFO_DATA {'
	assert_line '      IFLA_GENEVE_ID 42'
	assert_line '      IFLA_GENEVE_REMOTE 10.0.0.2'
	# decoded from network byte order
	assert_line '      IFLA_GENEVE_PORT 6081'
	assert_line '      IFLA_GENEVE_TTL 9'
	assert_line '      IFLA_GENEVE_TOS 16'
	assert_equal "$(grep -c '^RTM_' <<<"$output")" 1
	assert_equal "$(made)" ""
}

# ---- add: a wrong command line is refused before anything is sent ---------------------

@test "geneve add with a VNI of 2^24 fails with exit 2" {
	refuses 'geneve add gn0: id 16777216 is out of range \(0..16777215\)$' geneve add gn0 id 16777216 remote 10.0.0.2
}

@test "geneve add with dstport 70000 fails with exit 2" {
	refuses 'geneve add gn0: dstport 70000 is out of range \(0..65535\)$' geneve add gn0 id 42 remote 10.0.0.2 dstport 70000
}

@test "geneve add with ttl 256 fails with exit 2" {
	refuses 'geneve add gn0: ttl 256 is out of range \(0..255\)$' geneve add gn0 id 42 remote 10.0.0.2 ttl 256
}

@test "geneve add without id fails with exit 2" {
	refuses 'geneve add gn0: missing id$' geneve add gn0 remote 10.0.0.2
}

@test "geneve add without remote fails with exit 2" {
	refuses 'geneve add gn0: missing remote$' geneve add gn0 id 42
}

@test "geneve add with a multicast remote fails with exit 2" {
	refuses 'geneve add gn0: remote 239.1.1.1 is a multicast address: geneve needs a unicast one$' geneve add gn0 id 42 remote 239.1.1.1
	refuses 'remote ff05::1 is a multicast address' geneve add gn0 id 42 remote ff05::1
}

@test "geneve add with tos 256 fails with exit 2" {
	refuses 'geneve add gn0: tos 256 is out of range \(0..255\)$' geneve add gn0 id 42 remote 10.0.0.2 tos 256
}

@test "link add type geneve refuses a wrong word with exit 2 and makes nothing" {
	refuses 'link add gn0: missing remote$' link add gn0 type geneve id 42
	refuses 'link add gn0: remote 239.1.1.1 is a multicast address: geneve needs a unicast one$' link add gn0 type geneve id 42 remote 239.1.1.1
	refuses 'link add gn0: unknown keyword "srcport"' link add gn0 type geneve id 42 remote 10.0.0.2 srcport 1 2
}

@test "geneve add with a malformed address fails with exit 2" {
	refuses 'geneve add gn0: invalid address "10.0.0.256"$' geneve add gn0 id 42 remote 10.0.0.256
}

@test "geneve add with an unknown keyword fails with exit 2 and suggests the close one" {
	refuses 'geneve add gn0: unknown keyword "tll" \(did you mean "ttl"\?\)$' geneve add gn0 id 42 remote 10.0.0.2 tll 5
}

# ---- del ----------------------------------------------------------------------------

@test "geneve del removes the geneve" {
	require_kind geneve
	ip link add name gn0 type geneve id 42 remote 10.0.0.2
	run vn geneve del gn0
	assert_success
	assert_output ""
	! dev_exists gn0
}

@test "geneve del refuses a device of another kind" {
	ip link add name vx0 type vxlan id 42 dstport 4789
	run vn geneve del vx0
	assert_error 1 'geneve del vx0: not a geneve device \(it is a vxlan; use link del\)$'
	dev_exists vx0
}

@test "geneve del of a missing device fails with exit 1" {
	run vn geneve del nosuch
	assert_error 1 'geneve del nosuch: no device named "nosuch"$'
}

# ---- show ---------------------------------------------------------------------------

@test "geneve show lists only geneves, worded as geneve add takes them" {
	require_kind geneve
	ip link add name gn0 address 02:00:00:00:0d:01 type geneve id 42 remote 10.0.0.2 ttl 7
	ip link add name vx0 type vxlan id 42 dstport 4789
	run vn geneve show
	assert_success
	assert_output "gn0 state DOWN id 42 remote 10.0.0.2 dstport 6081 ttl 7 address 02:00:00:00:0d:01"
}

@test "geneve show prints tos when it is not 0, and the line reads back as geneve add" {
	require_kind geneve
	vn geneve add gn0 id 42 remote 10.0.0.2 dstport 7000 ttl 3 tos 0x8
	run vn geneve show gn0
	assert_success
	assert_output --regexp '^gn0 state DOWN id 42 remote 10.0.0.2 dstport 7000 ttl 3 tos 0x8 address '
	local words
	words=$(sed -e 's/^gn0 state [A-Z]* //' -e 's/ address .*//' <<<"$output")
	ip link del dev gn0
	run vn geneve add gn1 $words
	assert_success
	run vn geneve show gn1
	assert_output --regexp "^gn1 state DOWN $words address "
	run vn -j geneve show gn1
	assert_equal "$(jq -r '.[0].tos' <<<"$output")" "$(kdata gn1 tos)"
}

@test "geneve show of a device of another kind fails with exit 1" {
	ip link add name vx0 type vxlan id 42 dstport 4789
	run vn geneve show vx0
	assert_error 1 'geneve show vx0: not a geneve device \(it is a vxlan\)$'
}

@test "geneve show -br prints name, state, VNI and remote" {
	require_kind geneve
	ip link add name gn0 type geneve id 42 remote fd00::2
	run vn -br geneve show
	assert_success
	assert_output "$(printf '%-16s %-14s %s %s' gn0 DOWN 42 fd00::2)"
}

@test "geneve show -j gives the kernel's values under ip -j's keys" {
	require_kind geneve
	ip link add name gn0 type geneve id 42 remote 10.0.0.2 dstport 7000 ttl 5
	run vn -j geneve show
	assert_success
	local j=$output
	# these, and every key of ip's info_data (tests/json-keys.bats)
	jq -e '.[0] | ["address","id","ifindex","ifname","operstate","port","remote","ttl"] - keys == []' <<<"$j" >/dev/null
	for k in id remote port ttl; do
		assert_equal "$(jq -c ".[0].$k" <<<"$j")" \
			"$(ip -j -d link show dev gn0 | jq -c ".[0].linkinfo.info_data.$k")"
	done
	assert_equal "$(jq '.[0].ifindex' <<<"$j")" "$(ifindex gn0)"
}

@test "geneve show -j names an IPv6 remote remote6, as ip -j does" {
	require_kind geneve
	ip link add name gn0 type geneve id 42 remote fd00::2
	run vn -j geneve show
	assert_success
	assert_equal "$(jq -r '.[0].remote6' <<<"$output")" fd00::2
	assert_equal "$(jq -r '.[0].remote6' <<<"$output")" "$(kdata gn0 remote6)"
	assert_equal "$(jq -r '.[0] | has("remote")' <<<"$output")" false
}

@test "geneve show -j -br gives name, state, VNI and remote" {
	require_kind geneve
	ip link add name gn0 type geneve id 42 remote 10.0.0.2
	run vn -j -br geneve show
	assert_success
	assert_equal "$(jq -c '.' <<<"$output")" '[{"ifname":"gn0","operstate":"DOWN","id":42,"remote":"10.0.0.2"}]'
}

@test "geneve show -j with no geneves prints an empty list" {
	run vn -j geneve show
	assert_success
	assert_output "[]"
}

@test "link show -d shows a geneve's settings on its kind line" {
	require_kind geneve
	vn geneve add gn0 id 42 remote 10.0.0.2 ttl 3
	run vn -d link show gn0
	assert_success
	assert_line --index 2 --regexp "^    geneve id 42 remote 10\.0\.0\.2 dstport 6081 ttl 3 (addrgenmode|numtxqueues) "
	run vn -j -d link show gn0
	assert_equal "$(jq -c '.[0].linkinfo | [.info_kind, (.info_data | {id, remote, port, ttl})]' <<<"$output")" \
		'["geneve",{"id":42,"remote":"10.0.0.2","port":6081,"ttl":3}]'
}

@test "geneve accepts unique prefixes of the object, verb and keywords" {
	require_kind geneve
	run vn gen a gn0 id 42 r 10.0.0.2 d 7000
	assert_success
	assert_equal "$(kdata gn0 port)" 7000
	run vn gen d gn0
	assert_success
	! dev_exists gn0
}

@test "completion offers geneves to del" {
	require_kind geneve
	ip link add name gn0 type geneve id 42 remote 10.0.0.2
	ip link add name vx0 type vxlan id 42 dstport 4789
	run vn __complete geneve del ""
	assert_line gn0
	refute_line vx0
}
