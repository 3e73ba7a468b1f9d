#!/usr/bin/env bats
# vnetctl topo: the kinds of device a topology file makes besides bridges
# and veths: tap and tun, gre and ipip tunnels, vxlan, vlan, bond, vrf.
# Each is made by up, compared by diff, deleted by down and written by save,
# checked through ip -j -d.  Kinds this kernel lacks skip with the reason
# (the VM stage has them).

load helpers
load topo-snap
bats_require_minimum_version 1.5.0

setup() { clean_netns; }
teardown() { empty_machine; }

# FILE of TEXT.
yaml() { # TEXT
	F=$BATS_TEST_TMPDIR/kinds.yaml
	printf '%s\n' "$1" >"$F"
}
# The kind's data of DEV in NS as ip -j -d gives it.
kdata_in() { ip -n "$1" -j -d link show dev "$2" | jq -c '.[0].linkinfo'; }


@test "tuntaps: a tap and a tun, by mode, a tap a bridge's port; diff, save and down" {
	yaml 'namespaces: [k]
tuntaps:
  k/tap0: {mode: tap, up: true}
  tun0: {netns: k, mode: tun}
bridges:
  k/br0: {ports: [tap0], up: true}'
	run vn topo up "$F"
	assert_success
	assert_equal "$(kdata_in k tap0 | jq -r '.info_kind + " " + .info_data.type')" "tun tap"
	assert_equal "$(kdata_in k tun0 | jq -r '.info_kind + " " + .info_data.type')" "tun tun"
	assert_equal "$(ip -n k -j link show dev tap0 | jq -r '.[0].master')" br0
	run vn topo diff "$F"
	assert_success
	assert_line "ok      tap k/tap0"
	assert_line "ok      tun k/tun0"
	# a tun where the file has a tap is told apart
	ip -n k link del tap0
	ip -n k tuntap add tap0 mode tun
	run vn topo diff "$F"
	assert_equal "$status" 1
	assert_line "differs tap k/tap0: a device of kind tun"
	ip -n k link del tap0
	vn topo up "$F"
	assert_save_round_trip
	run vn topo down "$F"
	assert_success
	assert_equal "$(ls /run/netns)" ""
}

@test "vxlans: id, local, remote, dstport and the lower device; diff names what differs" {
	yaml 'namespaces: [k]
veths:
  - {a: k/u0, b: k/u1, up: true}
vxlans:
  k/vx0: {id: 42, local: 10.0.0.1, remote: 10.0.0.2, dstport: 4790, up: true}
  k/vx1: {id: 43, remote: 10.0.0.3, link: u0}
addresses:
  k/u0: [10.0.0.1/24]'
	run vn topo plan "$F"
	# the vxlan on u0 is made after the veth
	assert_line --index 2 "vnetctl veth add u0 netns k peer u1 netns k"
	assert_line --index 3 "vnetctl -n k vxlan add vx1 id 43 remote 10.0.0.3 dev u0"
	run vn topo up "$F"
	assert_success
	assert_equal "$(kdata_in k vx0 | jq -c '.info_data | [.id, .local, .remote, .port]')" \
		'[42,"10.0.0.1","10.0.0.2",4790]'
	assert_equal "$(kdata_in k vx1 | jq -c '.info_data | [.id, .remote, .link]')" \
		'[43,"10.0.0.3","u0"]'
	run vn topo diff "$F"
	assert_success
	ip -n k link del vx1
	ip -n k link add vx1 type vxlan id 43 remote 10.0.0.4 dev u0 dstport 4789
	ip -n k link del vx0
	ip -n k link add vx0 type vxlan id 44 local 10.0.0.1 remote 10.0.0.2 dstport 4790
	run vn topo diff "$F"
	assert_equal "$status" 1
	assert_line "differs vxlan k/vx0: id 44"
	assert_line "differs vxlan k/vx1: remote 10.0.0.4"
	ip -n k link del vx1
	ip -n k link add vx1 type vxlan id 43 remote 10.0.0.3 dev u1 dstport 4789
	run vn topo diff "$F"
	assert_line "differs vxlan k/vx1: link u1"
	ip -n k link del vx0
	ip -n k link del vx1
	vn topo up "$F"
	assert_save_round_trip
}

@test "a kind's step failing undoes what up made: a vxlan's id and port taken" {
	yaml 'namespaces: [k]
bridges:
  k/br0: {up: true}
vxlans:
  k/vx0: {id: 42, dstport: 4790}'
	ip netns add k
	ip -n k link add vxo type vxlan id 42 dstport 4790
	before=$(lab_snap)
	run vn topo up "$F"
	assert_error 1 "topo up $F:5: vxlan add vx0: A VXLAN device with the specified VNI already exists"
	assert_equal "$(lab_snap)" "$before"
}

@test "tunnels: gre and ipip by mode, with local and remote; diff, save and down" {
	require_kind gre
	require_kind ipip
	yaml 'namespaces: [k]
tunnels:
  k/gre1: {mode: gre, local: 10.0.0.1, remote: 10.0.0.2, up: true}
  k/ipip1: {mode: ipip, local: 10.0.1.1, remote: 10.0.1.2}
addresses:
  k/gre1: [192.168.0.1/30]'
	run vn topo up "$F"
	assert_success
	assert_equal "$(kdata_in k gre1 | jq -c '[.info_kind, .info_data.local, .info_data.remote]')" \
		'["gre","10.0.0.1","10.0.0.2"]'
	assert_equal "$(kdata_in k ipip1 | jq -c '[.info_kind, .info_data.local, .info_data.remote]')" \
		'["ipip","10.0.1.1","10.0.1.2"]'
	run vn topo diff "$F"
	assert_success
	ip -n k link del ipip1
	ip -n k link add ipip1 type ipip local 10.0.1.1 remote 10.0.1.9
	run vn topo diff "$F"
	assert_line "differs ipip k/ipip1: remote 10.0.1.9"
	ip -n k link del ipip1
	vn topo up "$F"
	assert_save_round_trip
	run vn topo down "$F"
	assert_success
	assert_equal "$(ls /run/netns)" ""
}

@test "plan: a device on a lower device is made and set up after it" {
	yaml 'namespaces: [k]
vlans:
  k/t0.10: {link: t0, id: 10, up: true}
veths:
  - {a: k/t0, b: k/t1, up: true}'
	run vn topo plan "$F"
	assert_success
	assert_output - <<'PLAN'
vnetctl netns add k
vnetctl veth add t0 netns k peer t1 netns k
vnetctl -n k vlan add link t0 name t0.10 id 10
vnetctl -n k link set t0 up
vnetctl -n k link set t1 up
vnetctl -n k link set t0.10 up
PLAN
}

@test "vlans: on a veth end, by link and id; diff names another id" {
	require_kind vlan
	yaml 'namespaces: [k]
veths:
  - {a: k/t0, b: k/t1, up: true}
vlans:
  k/t0.10: {link: t0, id: 10, up: true}
addresses:
  k/t0.10: [10.10.0.1/24]'
	run vn topo up "$F"
	assert_success
	assert_equal "$(kdata_in k t0.10 | jq -c '[.info_kind, .info_data.id]')" '["vlan",10]'
	assert_equal "$(ip -n k -j link show dev t0.10 | jq -r '.[0].link')" t0
	run vn topo diff "$F"
	assert_success
	ip -n k link del t0.10
	ip -n k link add link t0 name t0.10 type vlan id 11
	run vn topo diff "$F"
	assert_line "differs vlan k/t0.10: id 11"
	ip -n k link del t0.10
	vn topo up "$F"
	assert_save_round_trip
}

@test "bonds and vrfs: their ports, a vrf's table; save and down" {
	require_kind bond
	require_kind vrf
	yaml 'namespaces: [k]
veths:
  - {a: k/b0, b: k/b1}
  - {a: k/c0, b: k/c1, up: true}
bonds:
  k/bond0: {ports: [b0], up: true}
vrfs:
  k/red: {table: 10, ports: [c0], up: true}'
	run vn topo up "$F"
	assert_success
	assert_equal "$(ip -n k -j link show dev b0 | jq -r '.[0].master')" bond0
	assert_equal "$(ip -n k -j link show dev c0 | jq -r '.[0].master')" red
	assert_equal "$(kdata_in k red | jq -r '.info_data.table')" 10
	run vn topo diff "$F"
	assert_success
	ip -n k link del red
	ip -n k link add red type vrf table 11
	run vn topo diff "$F"
	assert_line "differs vrf k/red: table 11"
	ip -n k link del red
	vn topo up "$F"
	assert_save_round_trip
	run vn topo down "$F"
	assert_success
	assert_equal "$(ls /run/netns)" ""
}

# A topology file with TEXT must be refused: exit 2, the one line naming
# FILE:LINE:COLUMN and REGEX, nothing changed.
kind_refused() { # TEXT LINE:COL REGEX
	local before
	yaml "$1"
	before=$(lab_snap)
	run vn topo up "$F"
	assert_error 2 "topo up $F:$2: $3"
	assert_equal "$(lab_snap)" "$before"
}

@test "schema of the kinds: mode, the keys of each kind, numbers and addresses" {
	kind_refused $'tuntaps:\n  tap0: {up: true}' 2:3 \
		'tuntaps: "mode" is missing \(one of: tap, tun\)'
	kind_refused $'tuntaps:\n  tap0: {mode: tab}' 2:16 'mode: "tab" is not one of: tap, tun'
	kind_refused $'tuntaps:\n  tap0: {mode: tap, id: 3}' 2:21 \
		'tuntaps: unknown key "id" \(one of: netns, up, mode, host\)'
	kind_refused $'tunnels:\n  g: {mode: sit}' 2:13 'mode: "sit" is not one of: gre, ipip'
	kind_refused $'tunnels:\n  g: {mode: gre, local: 10.0.0.300}' 2:25 \
		'local: invalid address "10.0.0.300"'
	kind_refused $'tunnels:\n  g: {mode: gre, local: 10.0.0.1, remote: "2001:db8::1"}' 2:43 \
		'remote: "2001:db8::1" is not of the family of local "10.0.0.1"'
	kind_refused $'vxlans:\n  v: {remote: 10.0.0.1}' 2:3 'vxlan: "id" is missing'
	kind_refused $'vxlans:\n  v: {id: forty}' 2:11 'id: "forty" is not a number'
	kind_refused $'vlans:\n  v: {id: 10}' 2:3 'vlan: "link" is missing'
	kind_refused $'vlans:\n  v: {id: 10, link: a/b}' 2:21 'invalid device name "a/b"'
	kind_refused $'vrfs:\n  red: {ports: [x]}' 2:3 'vrf: "table" is missing'
	kind_refused $'bonds:\n  b: {table: 3}' 2:7 'bond: unknown key "table" \(one of: netns, ports, up, host\)'
}

@test "links: a kind the registry lacks, an unknown word, a wrong value: exit 2, nothing changed" {
	kind_refused $'links:\n  x0: {up: true}' 2:3 'link: "kind" is missing'
	kind_refused $'links:\n  x0: {kind: nosuch}' 2:14 \
		'kind: "nosuch" is no kind link add makes \(one of: .*macvlan.*\)'
	kind_refused $'links:\n  x0: {kind: macvlan, link: u0, mode: bogus}' 2:39 \
		'macvlan: invalid mode "bogus" \(expected private\|vepa\|bridge\|passthru\|source\)'
	kind_refused $'links:\n  x0: {kind: macvlan, moed: vepa}' 2:23 \
		'macvlan: unknown key "moed" \(see: vnetctl link add type macvlan help\)'
	kind_refused $'links:\n  x0: {kind: vxlan, id: 99999999}' 2:25 \
		'vxlan: id 99999999 is out of range \(0..16777215\)'
	kind_refused $'links:\n  x0: {kind: gre, nopmtudisc: maybe}' 2:31 \
		'nopmtudisc: "maybe" is not true or false'
}

@test "links: a device of another kind where the file has a link is a step, and a plan's words" {
	yaml $'links:\n  x0: {kind: bridge, stp_state: 1}\n  x1: {kind: vxlan, id: 7, dstport: 4789}'
	run vn topo plan "$F"
	assert_success
	assert_line --index 0 "vnetctl link add x0 type bridge stp_state 1"
	assert_line --index 1 "vnetctl link add x1 type vxlan id 7 dstport 4789"
	run vn topo up "$F"
	assert_success
	assert_equal "$(kind_of x0) $(cat /sys/class/net/x0/bridge/stp_state)" "bridge 1"
	assert_equal "$(kdata x1 id) $(kdata x1 port)" "7 4789"
	run vn topo diff "$F"
	assert_success
	assert_line "ok      bridge x0"
	ip link del x1
	ip link add x1 type veth peer name x1p
	run vn topo diff "$F"
	assert_equal "$status" 1
	assert_line "differs vxlan x1: a device of kind veth"
	ip link del x1
	run vn topo down "$F"
	assert_success
	refute dev_exists x0
}

# The words `link add ... type KIND` must be given (its synopsis' words
# outside brackets): KEY METAVAR lines.
required_words() { # KIND
	vn link add type "$1" help | head -1 | sed -E ':a; s/\[[^][]*\]//g; ta' |
		awk -v k="$1" '{ for (i = 1; i <= NF; i++) if ($i == k) {
			for (j = i + 1; j < NF; j += 2) print $j, $(j + 1); exit } }'
}

# A value of each metavar a kind requires.
sample() { # METAVAR
	case $1 in
	VNI) echo 7 ;; VID) echo 5 ;; TABLE) echo 10 ;; ADDR) echo 10.0.0.9 ;;
	*) echo "no sample value for $1" >&2; return 1 ;;
	esac
}

@test "every kind of link add's registry the kernel has comes from a generated file: plan empty, down exact" {
	local kinds k line kw mv before made=() lacking=()
	ip link add u0 type veth peer name u1
	kinds=$(vn link add type help | awk '/^Kinds:/ { p = 1; next } p && NF == 0 { exit } p { print $1 }')
	[ "$(wc -w <<<"$kinds")" -ge 20 ]
	F=$BATS_TEST_TMPDIR/links.yaml
	echo "links:" >"$F"
	for k in $kinds; do
		if ! kernel_knows_kind "$k"; then
			lacking+=("$k") # made in the VM suite
			continue
		fi
		line="  t-$k: {kind: $k"
		# a kind made on a lower device says so in its add's synopsis
		vn "$k" add help | head -1 | grep -q "^vnetctl $k add link DEV" && line+=", link: u0"
		while read -r kw mv; do
			line+=", $kw: $(sample "$mv")"
		done < <(required_words "$k")
		# the kernel wants a VNI the table leaves to it
		[ "$k" != vxlan ] || line+=", id: 7"
		echo "$line}" >>"$F"
		made+=("$k")
	done
	[ "${#made[@]}" -ge 3 ] # bridge, veth, vxlan here at least
	before=$(lab_snap)
	run vn topo up "$F"
	assert_success
	for k in "${made[@]}"; do
		assert_equal "$(kind_of "t-$k")" "$k"
	done
	run vn topo plan "$F"
	assert_success
	assert_output ""
	run vn topo diff "$F"
	assert_success
	run vn topo down "$F"
	assert_success
	assert_equal "$(lab_snap)" "$before"
	echo "# made: ${made[*]}; lacking here: ${lacking[*]}" >&3
}
