#!/usr/bin/env bats
# vnetctl macvlan and macvtap: add, del, show and the link kind printer.
# Both objects are made by the core from the kinds' descriptions and take
# the same words: `ip link add`'s common ones, then mode.  What the kernel
# made is checked attribute by attribute through `ip -j -d link show` and
# sysfs, never only through vnetctl's own output.  `link add ... type
# macvlan|macvtap` is in kinds-l2mac.bats.
#
# iproute2 6.1 reads a bare "a"/"b" as address/broadcast: devices made with
# ip are made with "name" and deleted with "dev" spelled out.

load helpers

setup() { setup_fresh; }

MODES="private vepa bridge passthru source"

# ---- macvlan add ----------------------------------------------------------------

@test "macvlan add makes a macvlan on the lower device, in vepa mode by default" {
	lower
	run vn macvlan add mv0 link l0
	assert_success
	assert_output ""
	assert_equal "$(ipfield mv0 linkinfo.info_kind)" macvlan
	assert_equal "$(ipfield mv0 link)" l0
	assert_equal "$(ipfield mv0 linkinfo.info_data.mode)" vepa
}

@test "macvlan add mode sets each of private, vepa, bridge, passthru and source" {
	lower
	for m in $MODES; do
		run vn macvlan add mv0 link l0 mode "$m"
		assert_success
		assert_equal "$(ipfield mv0 linkinfo.info_data.mode)" "$m"
		ip link del dev mv0
	done
}

@test "macvlan add address sets the device's Ethernet address" {
	lower
	run vn macvlan add mv0 link l0 address 02:00:00:00:0a:01
	assert_success
	assert_equal "$(ipfield mv0 address)" 02:00:00:00:0a:01
}

@test "macvlan add puts the words every kind shares in the same request" {
	lower
	ip link add name br0 type bridge
	run vn macvlan add mv0 link l0 mode bridge mtu 1400 txqlen 50 group 7 master br0 up
	assert_success
	run ip -j -d link show dev mv0
	assert_equal "$(jq -r '.[0] | [.linkinfo.info_data.mode, .mtu, .txqlen, .group, .master] | join(" ")' <<<"$output")" \
		"bridge 1400 50 7 br0"
	assert_equal "$(jq -r '.[0].flags | index("UP") != null' <<<"$output")" true
}

@test "macvlan add without a name lets the kernel name it" {
	lower
	run vn macvlan add link l0 mode private
	assert_success
	assert_equal "$(made)" macvlan0
	assert_equal "$(ipfield macvlan0 linkinfo.info_kind)" macvlan
	assert_equal "$(ipfield macvlan0 link)" l0
	assert_equal "$(ipfield macvlan0 linkinfo.info_data.mode)" private
}

@test "macvlan add takes the name as name NAME and the keywords in any order" {
	lower
	run vn macvlan add mode bridge link l0 name mv0
	assert_success
	assert_equal "$(ipfield mv0 link)" l0
	assert_equal "$(ipfield mv0 linkinfo.info_data.mode)" bridge
}

@test "macvlan add of a name in use fails with exit 1 and one line" {
	lower
	run vn macvlan add l1 link l0
	assert_error 1 'macvlan add l1: File exists \(a device named l1 exists already\)$'
	assert_equal "$(ipfield l1 linkinfo.info_kind)" veth
}

@test "macvlan add on a missing lower device fails with exit 1" {
	run vn macvlan add mv0 link nosuch
	assert_error 1 'macvlan add mv0: no device named "nosuch"$'
	assert_equal "$(made)" ""
}

@test "dry-run macvlan add prints one request with the lower's index and makes nothing" {
	lower
	run vn -N macvlan add mv0 link l0 mode bridge address 02:00:00:00:0a:01
	assert_success
	assert_line --index 0 'RTM_NEWLINK flags REQUEST|ACK|CREATE|EXCL'
	assert_line '  IFLA_IFNAME "mv0"'
	assert_line "  IFLA_LINK $(ifindex l0)"
	assert_line '  IFLA_ADDRESS 02:00:00:00:0a:01'
	assert_line '    IFLA_INFO_KIND "macvlan"'
	# MACVLAN_MODE_BRIDGE is 4
	assert_line '      IFLA_MACVLAN_MODE 4'
	assert_equal "$(grep -c '^RTM_' <<<"$output")" 1
	assert_equal "$(made)" ""
}

# ---- macvlan add: a wrong command line is refused before anything is sent ---------

@test "macvlan add without link fails with exit 2" {
	lower
	refuses 'macvlan add mv0: missing link$' macvlan add mv0 mode bridge
}

@test "macvlan add with an unknown mode fails with exit 2 and lists the modes" {
	lower
	refuses 'macvlan add mv0: invalid mode "bogus" \(expected private\|vepa\|bridge\|passthru\|source\)$' macvlan add mv0 link l0 mode bogus
}

@test "macvlan add with a malformed address fails with exit 2" {
	lower
	refuses 'macvlan add mv0: invalid address "02:00:00:00:0a" \(expected xx:xx:xx:xx:xx:xx\)$' macvlan add mv0 link l0 address 02:00:00:00:0a
}

@test "macvlan add with a multicast or zero address fails with exit 2" {
	lower
	refuses 'macvlan add mv0: address 01:00:5e:00:00:01 is not a usable device address \(multicast or zero\)$' macvlan add mv0 link l0 address 01:00:5e:00:00:01
	refuses 'is not a usable device address' macvlan add mv0 link l0 address 00:00:00:00:00:00
}

@test "macvlan add with an unknown keyword fails with exit 2 and suggests the close one" {
	lower
	refuses 'macvlan add mv0: unknown keyword "mdoe" \(did you mean "mode"\?\)$' macvlan add mv0 link l0 mdoe bridge
}

@test "macvlan add with a keyword given twice fails with exit 2" {
	lower
	refuses 'macvlan add mv0: mode given twice$' macvlan add mv0 link l0 mode bridge mode vepa
}

@test "macvlan add with an invalid name fails with exit 2" {
	lower
	refuses 'invalid interface name "abcdefghijklmnop": longer than 15 bytes$' macvlan add abcdefghijklmnop link l0
}

# ---- macvlan del --------------------------------------------------------------------

@test "macvlan add on lo says lo is no Ethernet device, and makes nothing" {
	run vn macvlan add mv0 link lo
	assert_error 1 'macvlan add mv0: Invalid argument \(lo is not an Ethernet device: a macvlan needs one\)$'
	run vn link add mv0 link lo type macvtap
	assert_error 1 'link add mv0: Invalid argument \(lo is not an Ethernet device: a macvtap needs one\)$'
	assert_equal "$(made)" ""
}

@test "macvlan del removes the macvlan and leaves the lower device" {
	lower
	ip link add link l0 name mv0 type macvlan
	run vn macvlan del mv0
	assert_success
	assert_output ""
	refute dev_exists mv0
	dev_exists l0
}

@test "macvlan del takes dev NAME too" {
	lower
	ip link add link l0 name mv0 type macvlan
	run vn macvlan del dev mv0
	assert_success
	! dev_exists mv0
}

@test "macvlan del refuses a device of another kind" {
	lower
	run vn macvlan del l0
	assert_error 1 'macvlan del l0: not a macvlan device \(it is a veth; use link del\)$'
	dev_exists l0
}

@test "macvlan del refuses a macvtap, and macvtap del a macvlan" {
	lower
	ip link add link l0 name mv0 type macvlan
	ip link add link l0 name mt0 type macvtap
	run vn macvlan del mt0
	assert_error 1 'macvlan del mt0: not a macvlan device \(it is a macvtap; use link del\)$'
	run vn macvtap del mv0
	assert_error 1 'macvtap del mv0: not a macvtap device \(it is a macvlan; use link del\)$'
	dev_exists mv0
	dev_exists mt0
}

@test "macvlan del of a missing device fails with exit 1" {
	run vn macvlan del nosuch
	assert_error 1 'macvlan del nosuch: no device named "nosuch"$'
}

@test "dry-run macvlan del prints the request and deletes nothing" {
	lower
	ip link add link l0 name mv0 type macvlan
	run vn -N macvlan del mv0
	assert_success
	assert_line --index 0 'RTM_DELLINK flags REQUEST|ACK'
	assert_line --index 1 --regexp " index $(ifindex mv0) "
	dev_exists mv0
}

# ---- macvlan show -------------------------------------------------------------------

@test "macvlan show lists only macvlans, worded as macvlan add takes them" {
	lower
	ip link add link l0 name mv0 address 02:00:00:00:0a:01 type macvlan mode bridge
	ip link add link l0 name mt0 type macvtap
	run vn macvlan show
	assert_success
	assert_output "mv0 state DOWN link l0 mode bridge address 02:00:00:00:0a:01"
}

@test "macvlan show NAME shows that device only" {
	lower
	ip link add link l0 name mv0 type macvlan mode private
	ip link add link l0 name mv1 type macvlan mode bridge
	run vn macvlan show mv1
	assert_success
	assert_output --regexp '^mv1 state DOWN link l0 mode bridge address '
	assert_equal "${#lines[@]}" 1
}

@test "macvlan show of a device of another kind fails with exit 1" {
	lower
	run vn macvlan show l0
	assert_error 1 'macvlan show l0: not a macvlan device \(it is a veth\)$'
}

@test "macvlan show of a missing device fails with exit 1" {
	run vn macvlan show nosuch
	assert_error 1 'macvlan show nosuch: no device named "nosuch"$'
}

@test "macvlan show with no macvlans prints nothing" {
	lower
	run vn macvlan show
	assert_success
	assert_output ""
}

@test "macvlan show -br prints name, state, lower device and mode" {
	lower
	ip link add link l0 name mv0 type macvlan mode passthru
	run vn -br macvlan show
	assert_success
	assert_output "$(printf '%-16s %-14s %-16s %s' mv0 DOWN l0 passthru)"
}

@test "macvlan show -j gives the kernel's values under ip -j's keys" {
	lower
	ip link add link l0 name mv0 type macvlan mode source
	run vn -j macvlan show
	assert_success
	local j=$output
	assert_equal "$(jq length <<<"$j")" 1
	assert_equal "$(jq -c '.[0] | keys' <<<"$j")" \
		'["address","bcqueuelen","ifindex","ifname","link","macaddr_count","mode","operstate","usedbcqueuelen"]'
	for k in bcqueuelen usedbcqueuelen macaddr_count; do
		assert_equal "$k=$(jq -c ".[0].$k" <<<"$j")" \
			"$k=$(ip -j -d link show dev mv0 | jq -c ".[0].linkinfo.info_data.$k")"
	done
	assert_equal "$(jq -r '.[0] | [.ifname, .link, .mode] | join(",")' <<<"$j")" mv0,l0,source
	assert_equal "$(jq '.[0].ifindex' <<<"$j")" "$(ifindex mv0)"
	assert_equal "$(jq -r '.[0] | [.operstate, .address] | join(",")' <<<"$j")" \
		"$(ip -j link show dev mv0 | jq -r '.[0] | [.operstate, .address] | join(",")')"
}

@test "macvlan show -j -br gives name, state, lower device and mode" {
	lower
	ip link add link l0 name mv0 type macvlan mode bridge
	run vn -j -br macvlan show
	assert_success
	assert_equal "$(jq -c '.' <<<"$output")" '[{"ifname":"mv0","operstate":"DOWN","link":"l0","mode":"bridge"}]'
}

@test "macvlan show -j with no macvlans prints an empty list" {
	run vn -j macvlan show
	assert_success
	assert_output "[]"
}

@test "macvlan show inside a namespace names a lower device left outside by its index" {
	lower
	ip netns add net0
	ip link add link l0 name mv0 type macvlan mode bridge
	ip link set dev mv0 netns net0
	run vn -n net0 macvlan show
	assert_success
	assert_output --regexp "^mv0 state DOWN link if$(ifindex l0) mode bridge address "
	run vn -n net0 -j macvlan show
	assert_equal "$(jq -c '.[0] | [.link, .link_index, .link_netnsid]' <<<"$output")" \
		"[null,$(ifindex l0),$(ip -n net0 -j link show dev mv0 | jq '.[0].link_netnsid')]"
}

@test "link show -d shows a macvlan's mode on its kind line" {
	lower
	vn macvlan add mv0 link l0 mode private
	run vn -d link show mv0
	assert_success
	assert_line --index 2 --regexp "^    macvlan mode private (addrgenmode|numtxqueues) "
	run vn -j -d link show mv0
	# ip -j -d's linkinfo, key for key and value for value
	assert_equal "$(jq -c '.[0].linkinfo' <<<"$output")" \
		"$(ip -j -d link show dev mv0 | jq -c '.[0].linkinfo')"
	assert_equal "$(jq -r '.[0].linkinfo.info_data.mode' <<<"$output")" private
}

@test "macvlan accepts unique prefixes of the object, verb, keywords and mode" {
	lower
	run vn macvl a mv0 li l0 mo br
	assert_success
	assert_equal "$(ipfield mv0 linkinfo.info_data.mode)" bridge
	run vn macvl sh mv0
	assert_success
	run vn macvl d mv0
	assert_success
	! dev_exists mv0
}

@test "completion offers macvlans to del and every device to link" {
	lower
	ip link add link l0 name mv0 type macvlan
	ip link add link l0 name mt0 type macvtap
	run vn __complete macvlan del ""
	assert_line mv0
	refute_line mt0
	refute_line l0
	run vn __complete macvlan add mv1 link ""
	assert_line l0
	assert_line mt0
}

# ---- macvtap ------------------------------------------------------------------------

@test "macvtap add makes a macvtap on the lower device, in vepa mode by default" {
	lower
	run vn macvtap add mt0 link l0
	assert_success
	assert_output ""
	assert_equal "$(ipfield mt0 linkinfo.info_kind)" macvtap
	assert_equal "$(ipfield mt0 link)" l0
	assert_equal "$(ipfield mt0 linkinfo.info_data.mode)" vepa
}

@test "macvtap add mode sets each of private, vepa, bridge, passthru and source" {
	lower
	for m in $MODES; do
		run vn macvtap add mt0 link l0 mode "$m"
		assert_success
		assert_equal "$(ipfield mt0 linkinfo.info_data.mode)" "$m"
		ip link del dev mt0
	done
}

@test "macvtap add without a name lets the kernel name it, with its /dev/tapN" {
	lower
	run vn macvtap add link l0 mode bridge
	assert_success
	assert_equal "$(made)" macvtap0
	assert_equal "$(ipfield macvtap0 linkinfo.info_kind)" macvtap
	assert_equal "$(ipfield macvtap0 linkinfo.info_data.mode)" bridge
	[ -c "/dev/tap$(ifindex macvtap0)" ] || fail "/dev/tap$(ifindex macvtap0) is not a character device"
}

@test "macvtap add address sets the device's Ethernet address" {
	lower
	run vn macvtap add mt0 link l0 address 02:00:00:00:0b:01
	assert_success
	assert_equal "$(ipfield mt0 address)" 02:00:00:00:0b:01
}

@test "macvtap add refuses the mistakes macvlan add refuses, with exit 2" {
	lower
	refuses 'macvtap add mt0: invalid mode "l2" \(expected private\|vepa\|bridge\|passthru\|source\)$' macvtap add mt0 link l0 mode l2
	refuses 'macvtap add mt0: missing link$' macvtap add mt0 mode bridge
	refuses 'not a usable device address' macvtap add mt0 link l0 address ff:ff:ff:ff:ff:ff
}

@test "macvtap show names the character device /dev/tapN, N the ifindex" {
	lower
	ip link add link l0 name mt0 type macvtap mode bridge
	local n
	n=$(ifindex mt0)
	[ -e "/sys/class/net/mt0/macvtap/tap$n" ]
	run vn macvtap show
	assert_success
	assert_output --regexp "^mt0 state DOWN link l0 mode bridge tap /dev/tap$n address "
}

@test "the tap device macvtap show names is the macvtap's character device" {
	lower
	vn macvtap add mt0 link l0
	local dev
	dev=$(vn -j macvtap show mt0 | jq -r '.[0].tap_device')
	[ -c "$dev" ] || fail "$dev is not a character device"
	# the device numbers sysfs gives the macvtap's tap, as major:minor
	assert_equal "$(stat -c '%t:%T' "$dev" | (IFS=: read -r a b; echo "$((16#$a)):$((16#$b))"))" \
		"$(cat /sys/class/net/mt0/macvtap/tap*/dev)"
}

@test "macvtap show lists only macvtaps" {
	lower
	ip link add link l0 name mv0 type macvlan
	ip link add link l0 name mt0 type macvtap
	run vn -br macvtap show
	assert_success
	assert_output "$(printf '%-16s %-14s %-16s %s /dev/tap%s' mt0 DOWN l0 vepa "$(ifindex mt0)")"
}

@test "macvtap show -j gives the mode and the tap device" {
	lower
	ip link add link l0 name mt0 type macvtap mode private
	run vn -j macvtap show
	assert_success
	assert_equal "$(jq -c '.[0] | keys' <<<"$output")" \
		'["address","bcqueuelen","ifindex","ifname","link","mode","operstate","tap_device","usedbcqueuelen"]'
	assert_equal "$(jq -r '.[0] | [.ifname, .link, .mode, .tap_device] | join(",")' <<<"$output")" \
		"mt0,l0,private,/dev/tap$(ifindex mt0)"
}

@test "macvtap del removes the macvtap and its tap device" {
	lower
	ip link add link l0 name mt0 type macvtap
	local n
	n=$(ifindex mt0)
	run vn macvtap del mt0
	assert_success
	refute dev_exists mt0
	[ ! -e "/dev/tap$n" ]
}

@test "link show -d shows a macvtap's mode on its kind line" {
	lower
	vn macvtap add mt0 link l0 mode passthru
	run vn -d link show mt0
	assert_success
	assert_line --index 2 --regexp "^    macvtap mode passthru (addrgenmode|numtxqueues) "
}

@test "completion offers macvtaps to macvtap del" {
	lower
	ip link add link l0 name mv0 type macvlan
	ip link add link l0 name mt0 type macvtap
	run vn __complete macvtap del ""
	assert_line mt0
	refute_line mv0
}
