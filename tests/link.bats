#!/usr/bin/env bats
# vnetctl link: show, set, del.  Every change is checked through a second
# witness (ip -j, /sys/class/net), not only through vnetctl's own output.
#
# iproute2 6.1 reads a bare "a" as "address" and "b" as "broadcast": devices
# are made with "name" and "dev" spelled out, and the peer of "a" is "va",
# which the cleanup's `ip link del va` can delete (taking "a" with it).

load helpers

has_flag() { ip -j link show dev "$1" | jq -e --arg f "$2" '.[0].flags | index($f)' >/dev/null; }

# ---- show -------------------------------------------------------------------

@test "link show lists every device the way ip link show does" {
	veth a va
	ip tuntap add t0 mode tun
	run vn link show
	assert_success
	assert_line --regexp '^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 .*state UNKNOWN mode DEFAULT group default qlen 1000$'
	assert_line --regexp "^[0-9]+: a@va: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN"
	assert_line --regexp "^[0-9]+: va@a: "
	assert_line --regexp "^[0-9]+: t0: <POINTOPOINT,MULTICAST,NOARP> .* qlen 500$"
	assert_line "    link/none"
	assert_line "    link/ether $(cat /sys/class/net/a/address) brd ff:ff:ff:ff:ff:ff"
}

@test "link with no verb shows every device" {
	veth a va
	run vn link
	assert_success
	assert_line --regexp "^[0-9]+: a@va: "
	assert_line --regexp "^1: lo: "
}

@test "link show NAME shows that device only" {
	veth a va
	run vn link show a
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 --regexp "^$(cat /sys/class/net/a/ifindex): a@va: "
}

@test "link show dev NAME is the same as link show NAME" {
	veth a va
	run vn link show dev a
	assert_success
	local with_dev=$output
	run vn link show a
	assert_equal "$output" "$with_dev"
}

@test "link show of a missing device fails with one line and exit 1" {
	run vn link show nosuch
	assert_error 1 'link show nosuch: no device named "nosuch"'
}

@test "link show -j of a missing device prints only the error" {
	run vn -j link show nosuch
	assert_error 1 'no device named "nosuch"'
}

@test "-br prints one line per device: name, state, address, flags" {
	veth a va
	ip tuntap add t0 mode tun
	run vn -br link show
	assert_success
	assert_equal "${#lines[@]}" 4
	assert_line "$(printf '%-16s %-14s %s <BROADCAST,MULTICAST,M-DOWN>' 'a@va' DOWN "$(cat /sys/class/net/a/address)")"
	assert_line "$(printf '%-16s %-14s <POINTOPOINT,MULTICAST,NOARP>' t0 DOWN)"
}

@test "a device whose peer is down is marked M-DOWN, as ip marks it" {
	veth a va
	run vn -br link show a
	assert_output --partial "<BROADCAST,MULTICAST,M-DOWN>"
	ip link set dev va up
	run vn -br link show a
	assert_output --partial "<BROADCAST,MULTICAST>"
	run vn -j link show
	assert_equal "$(echo "$output" | jq -c '.[] | select(.ifname == "a") | .flags')" \
		"$(ip -j link show dev a | jq -c '.[0].flags')"
}

@test "-j prints valid JSON with ip's keys and the kernel's values" {
	veth a va
	ip link set dev a mtu 1400 txqlen 77
	run vn -j link show
	assert_success
	echo "$output" | jq -e . >/dev/null
	local mine theirs
	for k in ifindex ifname flags mtu qdisc operstate linkmode group txqlen link_type address broadcast link; do
		mine=$(echo "$output" | jq -c --arg k "$k" '.[] | select(.ifname == "a") | .[$k]')
		theirs=$(ip -j link show dev a | jq -c --arg k "$k" '.[0][$k]')
		assert_equal "$k=$mine" "$k=$theirs"
	done
}

@test "-j names the master of a bridge port" {
	veth a va
	ip link add name br0 type bridge
	ip link set dev a master br0
	run vn -j link show
	assert_success
	assert_equal "$(echo "$output" | jq -r '.[] | select(.ifname == "a") | .master')" br0
	run vn -j link show a
	assert_equal "$(echo "$output" | jq -r '.[0].master')" br0
}

@test "-j -br prints ifname, operstate, address and flags" {
	veth a va
	run vn -j -br link show a
	assert_success
	assert_equal "$(echo "$output" | jq -c '.[0] | keys')" '["address","flags","ifname","link","operstate"]'
	assert_equal "$(echo "$output" | jq -r '.[0].address')" "$(cat /sys/class/net/a/address)"
}

@test "-j -p indents the JSON" {
	run vn -j -p link show lo
	assert_success
	assert_line --index 0 "["
	assert_line '    "ifname": "lo",'
	echo "$output" | jq -e '.[0].ifname == "lo"' >/dev/null
}

@test "-d shows the kind, promiscuity and mtu limits" {
	veth a va
	run vn -d link show a
	assert_success
	assert_line --index 1 --regexp '^    link/ether .* promiscuity 0 allmulti 0 minmtu 68 maxmtu 65535$'
	assert_line --index 2 --regexp '^    veth addrgenmode eui64 numtxqueues [0-9]+ '
}

@test "-d shows a bridge port's slave kind" {
	veth a va
	ip link add name br0 type bridge
	ip link set dev a master br0
	run vn -d link show a
	assert_success
	# the port's settings follow, from the bridge kind's printer
	assert_line --regexp '^    bridge_slave state disabled priority 32 cost [0-9]+ '
}

@test "-d uses the kind's own printer when one is registered" {
	ip tuntap add t0 mode tap
	run vn -d link show t0
	assert_success
	assert_line --regexp '^    tun type tap'
}

@test "-j -d puts the kind in linkinfo and the limits at the top" {
	veth a va
	run vn -j -d link show a
	assert_success
	assert_equal "$(echo "$output" | jq -r '.[0].linkinfo.info_kind')" veth
	assert_equal "$(echo "$output" | jq -r '.[0].max_mtu')" "$(ipfield a max_mtu)"
	assert_equal "$(echo "$output" | jq -r '.[0].promiscuity')" 0
}

@test "a peer in another namespace shows as @ifN with its netnsid" {
	ip netns add ns1
	ip link add name v0 type veth peer name v1 netns ns1
	local peer
	peer=$(ip -n ns1 -j link show dev v1 | jq -r '.[0].ifindex')
	run vn link show v0
	assert_success
	assert_line --index 0 --regexp "^[0-9]+: v0@if$peer: "
	assert_line --index 1 --regexp ' link-netns ns1$'
	run vn -j link show v0
	assert_equal "$(echo "$output" | jq -c '.[0] | [.link_index, .link_netnsid]')" "[$peer,0]"
}

@test "an alias is shown in text and in JSON" {
	veth a va
	ip link set dev a alias "the uplink"
	run vn link show a
	assert_line --index 2 "    alias the uplink"
	run vn -j link show a
	assert_equal "$(echo "$output" | jq -r '.[0].ifalias')" "the uplink"
}

@test "names with a quote and a backslash round-trip through JSON" {
	veth 'q"x\y' 'b\\'
	run vn -j link show
	assert_success
	echo "$output" | jq -r '.[].ifname' | grep -qxF 'q"x\y'
	echo "$output" | jq -r '.[].ifname' | grep -qxF 'b\\'
	run vn -j link show 'q"x\y'
	assert_equal "$(echo "$output" | jq -r '.[0].link')" 'b\\'
}

@test "names with a control byte or a 0xff byte still give valid JSON" {
	veth "$(printf 'c\001d')" "$(printf 'h\377')"
	run vn -j link show
	assert_success
	echo "$output" | jq -e . >/dev/null
	# the control byte is escaped and comes back; 0xff is not UTF-8 and
	# comes out as its Latin-1 character
	echo "$output" | jq -r '.[].ifname' | grep -qxF "$(printf 'c\001d')"
	echo "$output" | jq -r '.[].ifname' | grep -qxF 'hÿ'
}

# ---- set --------------------------------------------------------------------

@test "link set up brings the device up" {
	veth a va
	run vn link set a up
	assert_success
	assert_output ""
	has_flag a UP
}

@test "link set down takes the device down" {
	veth a va
	ip link set dev a up
	run vn link set a down
	assert_success
	! has_flag a UP
}

@test "link set mtu changes the mtu" {
	veth a va
	run vn link set a mtu 1400
	assert_success
	assert_equal "$(ipfield a mtu)" 1400
}

@test "link set address changes the MAC address" {
	veth a va
	run vn link set a address 02:11:22:33:44:55
	assert_success
	assert_equal "$(ipfield a address)" 02:11:22:33:44:55
}

@test "link set name renames the device" {
	veth a va
	local index
	index=$(cat /sys/class/net/a/ifindex)
	run vn link set a name uplink
	assert_success
	refute dev_exists a
	assert_equal "$(cat /sys/class/net/uplink/ifindex)" "$index"
}

@test "link set netns moves the device into a named namespace" {
	veth a va
	ip netns add ns1
	run vn link set a netns ns1
	assert_success
	refute dev_exists a
	assert_equal "$(ip -n ns1 -j link show dev a | jq -r '.[0].ifname')" a
}

@test "link set netns with a number moves the device to that process's namespace" {
	veth a va
	ip netns add ns1
	ip netns exec ns1 sleep 30 &
	local pid=$!
	# wait until the sleeper is inside ns1
	for _ in $(seq 50); do
		[ "$(readlink /proc/$pid/ns/net)" != "$(readlink /proc/self/ns/net)" ] && break
		sleep 0.1
	done
	run vn link set a netns "$pid"
	kill "$pid"
	assert_success
	refute dev_exists a
	ip -n ns1 link show dev a >/dev/null
}

@test "link set netns in a --force batch moves the device" {
	veth a va
	veth v0 v1
	ip netns add ns1
	printf 'link set a netns ns1\nlink set v0 netns ns1\nlink set v1 mtu 1400\n' >"$BATS_TEST_TMPDIR/cmds"
	run vn --force -b "$BATS_TEST_TMPDIR/cmds"
	assert_success
	assert_equal "$(ip -n ns1 -j link show | jq -r '[.[].ifname] | sort | join(",")')" "a,lo,v0"
	assert_equal "$(cat /sys/class/net/v1/mtu)" 1400
}

@test "link set netns of a missing namespace fails with exit 1" {
	veth a va
	run vn link set a netns nosuch
	assert_error 1 'no network namespace named "nosuch"'
	dev_exists a
}

@test "link set master enslaves the device to a bridge" {
	veth a va
	ip link add name br0 type bridge
	run vn link set a master br0
	assert_success
	assert_equal "$(ipfield a master)" br0
	assert_equal "$(basename "$(readlink /sys/class/net/a/master)")" br0
}

@test "link set nomaster releases the device from its bridge" {
	veth a va
	ip link add name br0 type bridge
	ip link set dev a master br0
	run vn link set a nomaster
	assert_success
	assert_equal "$(ipfield a master)" null
}

@test "link set master of a missing device fails with exit 1" {
	veth a va
	run vn link set a master nosuch
	assert_error 1 'link set a: no device named "nosuch"'
}

@test "link set master onto a device that takes no ports says so, and changes nothing" {
	veth v0 v1
	veth v2 v3
	run vn link set v0 master v2
	assert_error 1 'link set v0: Operation not supported \(v2 is not a bridge, bond or vrf\)$'
	assert_equal "$(master_of v0)" ""
}

@test "link set address refuses a multicast or zero address before sending, exit 2" {
	veth v0 v1
	before=$(ip -j link show dev v0 | jq -r '.[0].address')
	run vn link set v0 address 01:00:5e:00:00:01
	assert_error 2 'link set v0: address 01:00:5e:00:00:01 is not a usable device address \(multicast or zero\)$'
	run vn link set v0 address 00:00:00:00:00:00
	assert_error 2 'is not a usable device address'
	assert_equal "$(ip -j link show dev v0 | jq -r '.[0].address')" "$before"
}

@test "link del lo says why the kernel keeps it" {
	run vn link del lo
	assert_error 1 'link del lo: Operation not supported \(the kernel cannot delete this kind of device: lo goes with its namespace, a physical device with its driver\)$'
	assert_equal "$(ip -j link show dev lo | jq -r '.[0].ifname')" lo
}

@test "link set txqueuelen changes the transmit queue length" {
	veth a va
	run vn link set a txqueuelen 123
	assert_success
	assert_equal "$(ipfield a txqlen)" 123
	assert_equal "$(cat /sys/class/net/a/tx_queue_len)" 123
}

@test "link set txqlen is accepted as ip spells it" {
	veth a va
	run vn link set a txqlen 321
	assert_success
	assert_equal "$(ipfield a txqlen)" 321
}

@test "link set alias sets the description" {
	veth a va
	run vn link set a alias "to the lab switch"
	assert_success
	assert_equal "$(ipfield a ifalias)" "to the lab switch"
}

@test "link set alias with empty text removes the description" {
	veth a va
	ip link set dev a alias something
	run vn link set a alias ""
	assert_success
	assert_equal "$(ipfield a ifalias)" null
}

@test "link set alias longer than 255 bytes is a usage error" {
	veth a va
	run vn link set a alias "$(printf 'x%.0s' $(seq 256))"
	assert_error 2 'alias is 256 bytes long, the most is 255'
}

@test "link set applies several changes in one request" {
	veth a va
	ip link add name br0 type bridge
	run vn -N link set a up mtu 1400 address 02:00:00:00:00:0a txqueuelen 50 alias x master br0
	assert_success
	assert_equal "$(echo "$output" | grep -c '^RTM_NEWLINK')" 1
	run vn link set a up mtu 1400 address 02:00:00:00:00:0a txqueuelen 50 alias x master br0
	assert_success
	run ip -j -d link show dev a
	assert_equal "$(echo "$output" | jq -c '.[0] | [.mtu, .address, .txqlen, .ifalias, .master]')" \
		'[1400,"02:00:00:00:00:0a",50,"x","br0"]'
	has_flag a UP
}

@test "link set up and down together is a usage error" {
	veth a va
	run vn link set a up down
	assert_error 2 'up and down cannot be used together|down and up cannot be used together'
	! has_flag a UP
}

@test "link set master and nomaster together is a usage error" {
	veth a va
	ip link add name br0 type bridge
	run vn link set a master br0 nomaster
	assert_error 2 'cannot be used together'
	assert_equal "$(ipfield a master)" null
}

@test "link set mtu with a word is a usage error and changes nothing" {
	veth a va
	run vn link set a mtu big up
	assert_error 2 'invalid mtu "big"'
	assert_equal "$(ipfield a mtu)" 1500
	! has_flag a UP
}

@test "link set address with a bad MAC is a usage error and changes nothing" {
	veth a va
	local mac
	mac=$(cat /sys/class/net/a/address)
	run vn link set a address 02:11:22:33:44
	assert_error 2 'invalid address "02:11:22:33:44"'
	run vn link set a address 02:11:22:33:44:zz
	assert_error 2 'invalid address'
	assert_equal "$(cat /sys/class/net/a/address)" "$mac"
}

@test "link set name of 16 bytes is a usage error and changes nothing" {
	veth a va
	run vn link set a name abcdefghijklmnop
	assert_error 2 'longer than 15 bytes'
	dev_exists a
	! dev_exists abcdefghijklmnop
}

@test "link set with nothing to change is a usage error" {
	veth a va
	run vn link set a
	assert_error 2 'link set a: nothing to change'
}

@test "link set on a missing device fails with exit 1" {
	run vn link set nosuch up
	assert_error 1 'link set nosuch: no device named "nosuch"'
}

@test "link set mtu the kernel refuses fails with the kernel's reason" {
	veth a va
	run vn link set a mtu 10
	assert_error 1 'link set a: mtu less than device minimum$'
	assert_equal "$(ipfield a mtu)" 1500
}

@test "dry run prints the decoded request and changes nothing" {
	veth a va
	run vn -N link set a mtu 1400
	assert_success
	assert_line "RTM_NEWLINK flags REQUEST|ACK"
	assert_line '  IFLA_IFNAME "a"'
	assert_line "  IFLA_MTU 1400"
	assert_equal "$(ipfield a mtu)" 1500
}

@test "objects, verbs and keywords of link accept unique prefixes" {
	veth a va
	run vn li se a mt 1400
	assert_success
	assert_equal "$(ipfield a mtu)" 1400
}

# ---- del --------------------------------------------------------------------

@test "link del deletes the device, and a veth's peer with it" {
	veth a va
	run vn link del a
	assert_success
	refute dev_exists a
	refute dev_exists va
}

@test "link delete is the same verb as link del" {
	ip link add name br0 type bridge
	run vn link delete dev br0
	assert_success
	! dev_exists br0
}

@test "link del of a missing device fails with exit 1" {
	run vn link del nosuch
	assert_error 1 'link del nosuch: no device named "nosuch"'
}

# ---- add's and set's words from ip-link(8) (issue 20) -----------------------

@test "link add index, alias and the offload sizes make the device so" {
	run vn link add name a index 4050 alias "to the lab" gso_max_size 32000 gso_max_segs 100 \
		gro_max_size 30000 type veth peer name va index 4051
	assert_success
	run ipj link show dev a
	assert_equal "$(jq -c '.[0] | [.ifindex, .ifalias, .gso_max_size, .gso_max_segs, .gro_max_size]' <<<"$output")" \
		'[4050,"to the lab",32000,100,30000]'
	assert_equal "$(ipj link show dev va | jq '.[0].ifindex')" 4051
}

@test "link add with a bad index, alias or size is refused, one line, nothing made" {
	run vn link add name a index 0 type veth
	assert_error 2 'index 0 is out of range \(1\.\.2147483647\)'
	run vn link add name a gso_max_segs 65536 type veth
	assert_error 2 'gso_max_segs 65536 is out of range \(0\.\.65535\)'
	run vn link add name a gro_max_size big type veth
	assert_error 2 'invalid gro_max_size "big"'
	run vn link add name a alias "$(printf 'x%.0s' {1..256})" type veth
	assert_error 2 'alias is 256 bytes long, the most is 255'
	run dev_exists a
	assert_failure
}

@test "link add index in use fails with the kernel's reason, exit 1" {
	veth a va
	local index
	index=$(ipj link show dev a | jq '.[0].ifindex')
	run vn link add name b index "$index" type veth
	assert_equal "$status" 1
	assert_equal "${#lines[@]}" 1
	run dev_exists b
	assert_failure
}

@test "link set broadcast (or brd) sets the link-layer broadcast address" {
	veth a va
	run vn link set a broadcast 02:ff:ff:ff:ff:fe
	assert_success
	assert_equal "$(ipj link show dev a | jq -r '.[0].broadcast')" 02:ff:ff:ff:ff:fe
	run vn link set a brd ff:ff:ff:ff:ff:ff
	assert_success
	assert_equal "$(ipj link show dev a | jq -r '.[0].broadcast')" ff:ff:ff:ff:ff:ff
}

@test "link set broadcast with a bad MAC is a usage error and changes nothing" {
	veth a va
	run vn link set a broadcast bogus mtu 1400
	assert_error 2 'invalid broadcast "bogus"'
	assert_equal "$(ipj link show dev a | jq -r '.[0].broadcast')" ff:ff:ff:ff:ff:ff
	assert_equal "$(ipj link show dev a | jq '.[0].mtu')" 1500
}

@test "link set xdpgeneric, xdpdrv off detach that mode's program; one mode at a time" {
	veth a va
	run vn link set a xdpgeneric off
	assert_success
	run vn link set a xdpdrv off
	assert_success
	run vn link set a xdpgeneric on mtu 1400
	assert_error 2 'invalid xdpgeneric "on" \(expected off\)'
	run vn link set a xdp off xdpgeneric off mtu 1400
	assert_error 2 'xdpgeneric and xdp cannot be used together'
	run vn link set a xdpgeneric off xdpdrv off mtu 1400
	assert_error 2 'cannot be used together'
	assert_equal "$(ipj link show dev a | jq '.[0].mtu')" 1500
}

@test "link add alias needs the name and stays here; the peer's alias is refused" {
	run vn link add alias x type veth
	assert_error 2 'alias needs name NAME'
	run vn link add name a alias x type veth peer name va alias y
	assert_error 2 "the peer's alias is not kept by the kernel"
	run dev_exists a
	assert_failure
	run dev_exists va
	assert_failure
}

@test "link del type KIND deletes a device of that kind; another kind is refused" {
	veth a va
	veth b vb
	run vn link del a type bridge
	assert_error 1 'link del a: not a bridge device \(it is a veth; leave out type to delete it\)'
	run vn link del a b type bridge
	assert_error 1 'not a bridge device'
	run vn link del 'v*' type bridge
	assert_error 1 'no bridge device matches "v\*"'
	dev_exists a
	dev_exists b
	run vn link del a type veth
	assert_success
	run dev_exists va
	assert_failure
	run vn link del group 5 type veth
	assert_error 2 'cannot be used together'
	dev_exists b
}

@test "link set type KIND with no words is refused under vnetctl's name, nothing sent" {
	veth a va
	run vn link set a type veth
	assert_error 2 'link set a: nothing to change after veth$'
	assert_equal "$(ipfield a mtu)" 1500
}

@test "link property add several altnames in one request, in order" {
	veth a va
	run vn link property add a altname a1 altname a2
	assert_success
	assert_equal "$(ipj link show dev a | jq -c '.[0].altnames')" '["a1","a2"]'
	# a2 is taken: the kernel stops there, a3 before it stays
	run vn link property add va altname a3 altname a2
	assert_equal "$status" 1
	assert_equal "${#lines[@]}" 1
	assert_equal "$(ipj link show dev va | jq -c '.[0].altnames')" '["a3"]'
	run vn link property add va altname a4 altname x/y
	assert_error 2 'invalid altname "x/y"'
	run vn link property add va altname $(for i in $(seq 17); do printf 'n%d altname ' "$i"; done) n18
	assert_error 2 'altname given more than 16 times'
	run vn link property delete a altname a1 altname a2
	assert_success
	assert_equal "$(ipj link show dev a | jq -c '.[0].altnames')" null
	assert_equal "$(ipj link show dev va | jq -c '.[0].altnames')" '["a3"]'
}

@test "link afstats asks what address families count: nothing without MPLS, [] in JSON" {
	veth a va
	if [ -d /proc/sys/net/mpls ]; then
		skip "this kernel has MPLS: its counters print"
	fi
	run vn link afstats
	assert_success
	assert_output ""
	run vn link afstats dev a
	assert_success
	assert_output ""
	run vn -j link afstats a
	assert_success
	assert_output "[]"
}

@test "link afstats of a missing device fails, exit 1; a stray word is exit 2" {
	run vn link afstats dev nosuch
	assert_error 1 'link afstats nosuch: no device named "nosuch"'
	veth a va
	run vn link afstats a bogus
	assert_error 2 'unknown keyword "bogus"'
}
