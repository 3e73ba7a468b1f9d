#!/usr/bin/env bats
# vnetctl veth: add, del and show of veth pairs, across namespaces.  What
# the kernel made is checked through iproute2 and sysfs, never only through
# vnetctl's own output.
#
# iproute2 6.1 reads a bare "a"/"b" as address/broadcast: devices made with
# ip are made with "name" and deleted with "dev" spelled out.

load helpers

# A field of `ip -j -d link show dev NAME` ([-n NS] before it), as jq -r prints it.
ipfield() { ip "${@:3}" -j -d link show dev "$1" | jq -r ".[0].$2"; }
# The devices of a namespace other than lo, sorted, comma-separated.
devs() { ip "$@" -j link show | jq -r '[.[].ifname | select(. != "lo")] | sort | join(",")'; }
teardown() {
	if [ -n "${holder:-}" ]; then
		kill "$holder" 2>/dev/null || true
		wait 2>/dev/null || true
	fi
	clean_netns
}

# ---- add --------------------------------------------------------------------

@test "veth add makes both ends, each the other's peer" {
	run vn veth add v0 peer v1
	assert_success
	assert_output ""
	assert_equal "$(ipfield v0 linkinfo.info_kind)" veth
	assert_equal "$(ipfield v1 linkinfo.info_kind)" veth
	assert_equal "$(ipfield v0 link)" v1
	assert_equal "$(ipfield v1 link)" v0
}

@test "veth add takes the peer as peer name PEER, as iproute2 spells it" {
	run vn veth add v0 peer name v1
	assert_success
	assert_equal "$(ipfield v0 link)" v1
}

@test "veth add takes the first end as name NAME" {
	run vn veth add name v0 peer name v1
	assert_success
	assert_equal "$(ipfield v1 link)" v0
}

@test "mtu before peer sets the first end's mtu only" {
	run vn veth add v0 mtu 1400 peer v1
	assert_success
	assert_equal "$(cat /sys/class/net/v0/mtu)" 1400
	assert_equal "$(cat /sys/class/net/v1/mtu)" 1500
}

@test "mtu after peer sets the peer's mtu only" {
	run vn veth add v0 peer v1 mtu 1300
	assert_success
	assert_equal "$(cat /sys/class/net/v0/mtu)" 1500
	assert_equal "$(cat /sys/class/net/v1/mtu)" 1300
}

@test "the same keyword may be given once on each side" {
	run vn veth add v0 mtu 1400 peer v1 mtu 1300
	assert_success
	assert_equal "$(cat /sys/class/net/v0/mtu)" 1400
	assert_equal "$(cat /sys/class/net/v1/mtu)" 1300
}

@test "address before peer sets the first end's address only" {
	run vn veth add v0 address 02:00:00:00:00:01 peer v1
	assert_success
	assert_equal "$(cat /sys/class/net/v0/address)" 02:00:00:00:00:01
	refute [ "$(cat /sys/class/net/v1/address)" = 02:00:00:00:00:01 ]
}

@test "address after peer sets the peer's address only" {
	run vn veth add v0 peer v1 address 02:00:00:00:00:02
	assert_success
	assert_equal "$(cat /sys/class/net/v1/address)" 02:00:00:00:00:02
	refute [ "$(cat /sys/class/net/v0/address)" = 02:00:00:00:00:02 ]
}

@test "netns before peer makes the first end in that namespace and the peer here" {
	ip netns add net0
	run vn veth add v0 netns net0 peer v1
	assert_success
	assert_equal "$(devs -n net0)" v0
	assert_equal "$(devs)" v1
	assert_equal "$(ipfield v0 linkinfo.info_kind -n net0)" veth
}

@test "netns after peer makes the peer in that namespace and the first end here" {
	ip netns add net0
	run vn veth add v0 peer v1 netns net0
	assert_success
	assert_equal "$(devs)" v0
	assert_equal "$(devs -n net0)" v1
	# the peer's index, as seen from here, is v1's in net0
	assert_equal "$(cat /sys/class/net/v0/iflink)" "$(ifindex v1 net0)"
}

@test "each end may be made in a different namespace, as in the lab" {
	ip netns add net0
	ip netns add brns
	run vn veth add veth0 netns net0 peer veth0-br netns brns
	assert_success
	assert_equal "$(devs)" ""
	assert_equal "$(devs -n net0)" veth0
	assert_equal "$(devs -n brns)" veth0-br
	assert_equal "$(ip netns exec net0 cat /sys/class/net/veth0/iflink)" "$(ifindex veth0-br brns)"
}

@test "every keyword on both sides lands on the right end" {
	ip netns add net0
	ip netns add brns
	run vn veth add v0 netns net0 mtu 1400 address 02:00:00:00:00:01 \
		peer name v1 netns brns mtu 1300 address 02:00:00:00:00:02
	assert_success
	assert_equal "$(ipfield v0 mtu -n net0),$(ipfield v0 address -n net0)" 1400,02:00:00:00:00:01
	assert_equal "$(ipfield v1 mtu -n brns),$(ipfield v1 address -n brns)" 1300,02:00:00:00:00:02
}

@test "both ends may share a name when they are in different namespaces" {
	ip netns add net0
	run vn veth add eth0 peer eth0 netns net0
	assert_success
	assert_equal "$(devs)" eth0
	assert_equal "$(devs -n net0)" eth0
}

@test "netns given as a number is that process's namespace" {
	unnamed_netns
	run vn veth add v0 peer v1 netns "$holder"
	assert_success
	assert_equal "$(devs)" v0
	assert_equal "$(nsenter --net=/proc/$holder/ns/net ip -j link show dev v1 | jq -r '.[0].ifname')" v1
}

@test "veth add in a --force batch keeps each namespace open until it is sent" {
	ip netns add net0
	printf '%s\n' 'veth add a0 netns net0 peer a1' 'veth add b0 peer b1 netns net0' \
		'link set a1 mtu 1400' >"$BATS_TEST_TMPDIR/cmds"
	run vn --force -b "$BATS_TEST_TMPDIR/cmds"
	assert_success
	assert_equal "$(devs)" a1,b0
	assert_equal "$(devs -n net0)" a0,b1
	assert_equal "$(cat /sys/class/net/a1/mtu)" 1400
}

# ---- add: failures leave nothing behind ---------------------------------------

@test "a taken peer name fails with exit 1 and leaves neither end" {
	ip link add name v1 type bridge
	run vn veth add v0 peer v1
	assert_error 1 'veth add v0: File exists \(a device named v1 exists already\)$'
	refute dev_exists v0
	assert_equal "$(ipfield v1 linkinfo.info_kind)" bridge
	assert_equal "$(devs)" v1
}

@test "a taken name fails with exit 1 and makes no peer" {
	ip link add name v0 type bridge
	run vn veth add v0 peer v1
	assert_error 1 'veth add v0: File exists \(a device named v0 exists already\)$'
	refute dev_exists v1
	assert_equal "$(devs)" v0
}

@test "a peer name taken in the peer's namespace fails and leaves neither end" {
	ip netns add net0
	ip -n net0 link add name v1 type bridge
	run vn veth add v0 peer v1 netns net0
	assert_error 1 'veth add v0: File exists'
	assert_equal "$(devs)" ""
	assert_equal "$(devs -n net0)" v1
}

@test "a missing peer namespace fails with exit 1 and one line, nothing made" {
	run vn veth add v0 peer v1 netns nosuch
	assert_error 1 'veth add v0: no network namespace named "nosuch"$'
	assert_equal "$(devs)" ""
}

@test "a missing namespace for the first end fails with exit 1 and one line, nothing made" {
	run vn veth add v0 netns nosuch peer v1
	assert_error 1 'veth add v0: no network namespace named "nosuch"$'
	assert_equal "$(devs)" ""
}

# ---- add: a wrong command line is refused before anything is sent -------------

@test "veth add without peer fails with exit 2" {
	run vn veth add v0
	assert_error 2 'veth add v0: missing peer$'
	assert_equal "$(devs)" ""
}

@test "peer without a name fails with exit 2" {
	run vn veth add v0 peer
	assert_error 2 'veth add v0: peer needs a value'
	run vn veth add v0 peer mtu 1400
	assert_error 2 'veth add v0: peer: missing name$'
	assert_equal "$(devs)" ""
}

@test "a name longer than 15 bytes fails with exit 2" {
	run vn veth add abcdefghijklmnop peer v1
	assert_error 2 'invalid interface name "abcdefghijklmnop": longer than 15 bytes$'
	assert_equal "$(devs)" ""
}

@test "a peer name with a slash fails with exit 2" {
	run vn veth add v0 peer v/1
	assert_error 2 "veth add v0: peer: invalid interface name \"v/1\": '/' and ':' are not allowed$"
	assert_equal "$(devs)" ""
}

@test "both ends with one name in one namespace fail with exit 2" {
	run vn veth add v0 peer v0
	assert_error 2 'both ends are named v0 in one namespace$'
	assert_equal "$(devs)" ""
}

@test "a malformed address fails with exit 2" {
	run vn veth add v0 address 02:00:00:00:00 peer v1
	assert_error 2 'veth add v0: invalid address "02:00:00:00:00" \(expected xx:xx:xx:xx:xx:xx\)$'
	run vn veth add v0 peer v1 address zz:00:00:00:00:01
	assert_error 2 'veth add v0: peer: invalid address "zz:00:00:00:00:01"'
	assert_equal "$(devs)" ""
}

@test "a multicast address fails with exit 2" {
	run vn veth add v0 peer v1 address 01:00:5e:00:00:01
	assert_error 2 'veth add v0: peer: address 01:00:5e:00:00:01 is not a usable device address'
	assert_equal "$(devs)" ""
}

@test "an mtu that is not a number fails with exit 2" {
	run vn veth add v0 mtu big peer v1
	assert_error 2 'veth add v0: invalid mtu "big": not a number$'
	assert_equal "$(devs)" ""
}

@test "an mtu out of range fails with exit 2" {
	run vn veth add v0 peer v1 mtu 67
	assert_error 2 'veth add v0: peer: mtu 67 is out of range \(68..65535\)$'
	run vn veth add v0 mtu 65536 peer v1
	assert_error 2 'veth add v0: mtu 65536 is out of range'
	assert_equal "$(devs)" ""
}

@test "an unknown keyword fails with exit 2 and suggests the close one" {
	run vn veth add v0 mut 1400 peer v1
	assert_error 2 'veth add v0: unknown keyword "mut" \(did you mean "mtu"\?\)$'
	run vn veth add v0 peer v1 adress 02:00:00:00:00:01
	assert_error 2 'veth add v0: peer: unknown keyword "adress" \(did you mean "address"\?\)$'
	assert_equal "$(devs)" ""
}

@test "a keyword given twice on one side fails with exit 2" {
	run vn veth add v0 mtu 1400 mtu 1500 peer v1
	assert_error 2 'veth add v0: mtu given twice$'
	run vn veth add v0 peer v1 netns a netns b
	assert_error 2 'veth add v0: peer: netns given twice$'
	assert_equal "$(devs)" ""
}

@test "a second peer fails with exit 2" {
	run vn veth add v0 peer v1 peer v2
	assert_error 2 'veth add v0: peer: unknown keyword "peer"'
	assert_equal "$(devs)" ""
}

# ---- del --------------------------------------------------------------------

@test "veth del removes both ends" {
	ip link add name v0 type veth peer name v1
	run vn veth del v0
	assert_success
	assert_output ""
	assert_equal "$(devs)" ""
}

@test "veth del of the peer end removes both ends too" {
	ip link add name v0 type veth peer name v1
	run vn veth del dev v1
	assert_success
	assert_equal "$(devs)" ""
}

@test "veth del removes the peer in another namespace too" {
	ip netns add net0
	ip link add name v0 type veth peer name v1 netns net0
	run vn veth del v0
	assert_success
	assert_equal "$(devs)" ""
	assert_equal "$(devs -n net0)" ""
}

@test "veth del inside a namespace removes the peer outside it" {
	ip netns add net0
	ip link add name v1 type veth peer name v0 netns net0
	run vn -n net0 veth del v0
	assert_success
	assert_equal "$(devs -n net0)" ""
	assert_equal "$(devs)" ""
}

@test "veth del refuses a device that is not a veth" {
	ip link add name br0 type bridge
	run vn veth del br0
	assert_error 1 'veth del br0: not a veth device \(it is a bridge; use link del\)$'
	dev_exists br0
}

@test "veth del of a missing device fails with exit 1" {
	run vn veth del nosuch
	assert_error 1 'veth del nosuch: no device named "nosuch"$'
}

# ---- show -------------------------------------------------------------------

@test "veth show lists each pair once, worded as veth add takes it" {
	ip link add name v0 mtu 1400 type veth peer name v1
	ip link add name br0 type bridge
	run vn veth show
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 "v0 state DOWN mtu 1400 address $(cat /sys/class/net/v0/address)"
	assert_line --index 1 "    peer v1 state DOWN mtu 1500 address $(cat /sys/class/net/v1/address)"
}

@test "veth show names the namespace the peer is in" {
	ip netns add net0
	run vn veth add v0 peer v1 netns net0
	run vn veth show
	assert_success
	assert_line --index 1 --regexp '^    peer v1 netns net0 state DOWN mtu 1500 address '
}

@test "veth show gives the netnsid of a peer in a namespace with no name" {
	unnamed_netns
	ip link add name v0 type veth peer name v1 netns "$holder"
	local nsid
	nsid=$(ipfield v0 link_netnsid)
	run vn veth show v0
	assert_success
	assert_line --index 1 --regexp "^    peer v1 netnsid $nsid state DOWN "
	run vn -j veth show v0
	assert_equal "$(echo "$output" | jq -c '.[0] | [.peer, .peer_netns, .peer_netnsid]')" \
		"[\"v1\",null,$nsid]"
}

# Every nsid each namespace of the test has given, as ip lists them: the
# viewpoint home0, net0, and the unnamed one $holder is in.
ids() {
	echo "home0: $(ip -n home0 netns list-id | tr '\n' ' ')"
	echo "net0: $(ip -n net0 netns list-id | tr '\n' ' ')"
	echo "holder: $(nsenter -t "$holder" -n ip netns list-id | tr '\n' ' ')"
}

# From a namespace of its own (home0, which has given itself no id), a pair
# to a named namespace and one to an unnamed one.
pairs_out() {
	ip netns add home0
	ip netns add net0
	unnamed_netns
	ip -n home0 link add name v0 type veth peer name v1 netns net0
	ip -n home0 link add name w0 type veth peer name w1 netns "$holder"
	ip -n net0 link set dev v1 mtu 1400 up
	ip -n home0 link set dev w0 up
	nsenter -t "$holder" -n ip link set dev w1 up
}

# The peers' facts as veth show gives them, against the kernel's sysfs
# (read after: ip's own look would give the namespaces ids).
peer_facts_agree() {
	local nsid
	run vn -n home0 veth show
	assert_success
	nsid=$(ip -n home0 -j link show dev w0 | jq -r '.[0].link_netnsid')
	assert_line --index 1 "    peer v1 netns net0 state $(ip netns exec net0 cat /sys/class/net/v1/operstate | tr a-z A-Z) mtu 1400 address $(ip netns exec net0 cat /sys/class/net/v1/address)"
	assert_line --index 3 "    peer w1 netnsid $nsid state UP mtu 1500 address $(nsenter -t "$holder" -n unshare -m sh -c 'mount -t sysfs none /sys && cat /sys/class/net/w1/address')"
}

@test "veth show of peers in other namespaces gives no namespace an nsid" {
	pairs_out
	before=$(ids)
	mounts=$(findmnt -rn -o TARGET,FSTYPE | sort)
	run vn -n home0 veth show
	assert_success
	run vn -n home0 -j veth show
	assert_success
	assert_equal "$(jq -c '[.[] | [.peer, .peer_netns, .peer_mtu]]' <<<"$output")" \
		'[["v1","net0",1400],["w1",null,1500]]'
	run vn -n home0 -br veth show
	assert_success
	assert_equal "$(ids)" "$before"
	# the peers' sysfs was mounted where no one else sees it
	assert_equal "$(findmnt -rn -o TARGET,FSTYPE | sort)" "$mounts"
	peer_facts_agree
}

@test "veth show asks the kernel for a peer where its namespace has an id for itself" {
	pairs_out
	# the id that a peer asked for by IFLA_TARGET_NETNSID would need
	ip -n home0 netns set home0 7
	before=$(ids)
	run vn -n home0 veth show
	assert_success
	assert_equal "$(ids)" "$before"
	peer_facts_agree
}

@test "veth show NAME shows the pair NAME is an end of, NAME first" {
	ip link add name v0 type veth peer name v1
	ip link add name w0 type veth peer name w1
	run vn veth show v1
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 --regexp '^v1 state DOWN '
	assert_line --index 1 --regexp '^    peer v0 state DOWN '
}

@test "veth show of a device that is not a veth fails with exit 1" {
	ip link add name br0 type bridge
	run vn veth show br0
	assert_error 1 'veth show br0: not a veth device \(it is a bridge\)$'
}

@test "veth show of a missing device fails with exit 1" {
	run vn veth show nosuch
	assert_error 1 'no device named "nosuch"$'
}

@test "veth show -br prints one line per pair: ends, states, the peer's namespace" {
	ip netns add brns
	ip link add name v0 type veth peer name v1
	ip link add name veth0 type veth peer name veth0-br netns brns
	ip link set dev v0 up
	run vn -br veth show
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_line "$(printf '%-16s %-14s %-16s %s' v0 LOWERLAYERDOWN v1 DOWN)"
	assert_line "$(printf '%-16s %-14s %-16s %-14s %s' veth0 DOWN veth0-br DOWN brns)"
}

@test "veth show -j gives both ends with the kernel's values" {
	ip netns add net0
	ip link add name v0 mtu 1400 type veth peer name v1 netns net0
	run vn -j veth show
	assert_success
	local j=$output
	assert_equal "$(echo "$j" | jq length)" 1
	assert_equal "$(echo "$j" | jq -r '.[0] | [.ifname, .peer, .peer_netns] | join(",")')" v0,v1,net0
	assert_equal "$(echo "$j" | jq '.[0].ifindex')" "$(ifindex v0)"
	assert_equal "$(echo "$j" | jq '.[0].peer_ifindex')" "$(ifindex v1 net0)"
	assert_equal "$(echo "$j" | jq '.[0].peer_netnsid')" "$(ipfield v0 link_netnsid)"
	# ip's keys for the same facts
	assert_equal "$(echo "$j" | jq -c '.[0] | [.link_index, .link_netnsid]')" \
		"$(ip -j link show dev v0 | jq -c '.[0] | [.link_index, .link_netnsid]')"
	assert_equal "$(echo "$j" | jq -r '.[0] | [.operstate, .mtu, .address] | join(",")')" \
		"$(ip -j link show dev v0 | jq -r '.[0] | [.operstate, .mtu, .address] | join(",")')"
	assert_equal "$(echo "$j" | jq -r '.[0] | [.peer_operstate, .peer_mtu, .peer_address] | join(",")')" \
		"$(ip -n net0 -j link show dev v1 | jq -r '.[0] | [.operstate, .mtu, .address] | join(",")')"
}

@test "veth show -j of a pair here has a null peer_netns and no netnsid" {
	ip link add name v0 type veth peer name v1
	run vn -j veth show
	assert_success
	assert_equal "$(echo "$output" | jq -c '.[0] | [.ifname, .peer, .peer_netns, has("peer_netnsid")]')" \
		'["v0","v1",null,false]'
}

@test "veth show -j -br gives ends, states and the peer's namespace" {
	ip netns add net0
	ip link add name v0 type veth peer name v1 netns net0
	run vn -j -br veth show
	assert_success
	assert_equal "$(echo "$output" | jq -c '.[0] | keys')" \
		'["ifname","operstate","peer","peer_netns","peer_netnsid","peer_operstate"]'
	assert_equal "$(echo "$output" | jq -r '.[0] | [.ifname, .peer, .peer_netns] | join(",")')" v0,v1,net0
}

@test "veth show -j with no pairs prints an empty list" {
	run vn -j veth show
	assert_success
	assert_output "[]"
}

@test "veth show inside a namespace sees its ends and their peers outside" {
	ip netns add net0
	ip netns add brns
	vn veth add veth0 netns net0 peer veth0-br netns brns
	run vn -n net0 veth show
	assert_success
	assert_line --index 0 --regexp '^veth0 netns net0 state DOWN '
	assert_line --index 1 --regexp '^    peer veth0-br netns brns state DOWN '
}

@test "veth show lists a pair made by iproute2" {
	ip link add name v0 type veth peer name v1
	run vn -br veth show
	assert_success
	assert_output "$(printf '%-16s %-14s %-16s %s' v0 DOWN v1 DOWN)"
}

@test "link show -d shows a veth's kind line" {
	vn veth add v0 peer v1
	run vn -d link show v0
	assert_success
	assert_line --index 2 --regexp '^    veth addrgenmode '
	run vn -j -d link show v0
	assert_equal "$(echo "$output" | jq -c '.[0].linkinfo')" '{"info_kind":"veth"}'
}

# ---- dry run and prefixes -----------------------------------------------------

@test "dry-run add prints one request with the peer inside and makes nothing" {
	ip netns add net0
	run vn -N veth add v0 netns net0 peer v1 mtu 1400
	assert_success
	assert_line --index 0 'RTM_NEWLINK flags REQUEST|ACK|CREATE|EXCL'
	assert_line '  IFLA_IFNAME "v0"'
	assert_line --regexp '^  IFLA_NET_NS_FD [0-9]+$'
	assert_line '    IFLA_INFO_KIND "veth"'
	assert_equal "$(echo "$output" | grep -c '^RTM_')" 1
	assert_equal "$(devs)" ""
	assert_equal "$(devs -n net0)" ""
}

@test "dry-run del prints the request and deletes nothing" {
	ip link add name v0 type veth peer name v1
	run vn -N veth del v0
	assert_success
	assert_line --index 0 'RTM_DELLINK flags REQUEST|ACK'
	assert_line --index 1 --regexp " index $(ifindex v0) "
	assert_equal "$(devs)" v0,v1
}

@test "object, verb and keywords may be shortened to a unique prefix" {
	run vn ve a v0 pe v1 m 1400
	assert_success
	assert_equal "$(ipfield v0 link)" v1
	assert_equal "$(cat /sys/class/net/v1/mtu)" 1400
	run vn ve sh v0
	assert_success
	assert_line --index 0 --regexp '^v0 state DOWN '
	run vn ve d v0
	assert_success
	assert_equal "$(devs)" ""
}
