#!/usr/bin/env bats
# vnetctl topo: a lab from a YAML topology file.  Every namespace, device,
# address and route is checked through ip -j; "as before" is a snapshot of
# ip -j link/addr/route in this namespace and in every named one, and the
# list of /run/netns (tests/run's private tmpfs).

load helpers
load topo-snap
bats_require_minimum_version 1.5.0

# Two pairs the lab uses without making them: ext1 is a port of br0, ext0
# gets an address.  A test that deletes one makes that step fail.
setup() {
	clean_netns
	ip route flush table main type blackhole 2>/dev/null || true
	ip link add ext0 type veth peer name ext0p
	ip link add ext1 type veth peer name ext1p
	LAB=$BATS_TEST_TMPDIR/lab.yaml
	write_lab >"$LAB"
}

teardown() {
	clean_netns
	ip route flush table main type blackhole 2>/dev/null || true
	wait_nsids_gone
}

# Three namespaces, two bridges, four veth pairs, addresses, devices set up
# and routes: 36 steps from nothing.
write_lab() {
	cat <<'EOF'
namespaces: [h1, h2, rt]
bridges:
  br0: {ports: [c-h1, c-h2, ext1], up: true}
  brr:
    netns: rt
    ports: [r-p]
    up: true
veths:
  - {a: h1/eth0, b: c-h1, up: true}
  - {a: h2/eth0, b: /c-h2, up: true}
  - {a: rt/r-p, b: rt/r-q, up: true}
  - {a: rt/up0, b: tv0, up: true}
addresses:
  h1/eth0: [10.1.0.1/24, "2001:db8:1::1/64"]
  h2/eth0: [10.1.0.2/24]
  br0: [10.1.0.254/24]
  rt/up0: [10.2.0.1/30]
  tv0: [10.2.0.2/30]
  rt/r-q: [10.3.0.1/24]
  ext0: [10.9.0.1/24]
up: [rt/lo]
routes:
  h1: [{to: default, via: 10.1.0.254}]
  h2:
    - {to: 10.3.0.0/24, via: 10.1.0.254}
  "": [{to: 10.3.0.0/24, via: 10.2.0.1}]
  rt: [{to: 10.1.0.0/24, via: 10.2.0.2}]
EOF
}

# The line of the file's first line matching REGEX.
line_of() { grep -n -m1 -E "$1" "${2:-$LAB}" | cut -d: -f1; }

# One namespace's state as ip -j gives it: each device's name, index, kind,
# master, whether it is up and its MTU; its addresses; its routes (both
# families, every table).  Carrier and DAD flags change on their own, and
# so do the IPv6 local routes (each made once its address passes DAD).
snap_ns() { # [NS]
	local n=()
	[ -z "${1:-}" ] || n=(-n "$1")
	ip "${n[@]}" -j -d link show | jq -c '[.[] | {ifname, ifindex, mtu, master,
		kind: .linkinfo.info_kind, up: any(.flags[]; . == "UP")}]'
	ip "${n[@]}" -j addr show | jq -c '[.[] | {ifname,
		a: [.addr_info[] | "\(.local)/\(.prefixlen)"]}]'
	ip "${n[@]}" -4 -j route show table all | jq -c 'sort_by(.dst, .table)'
	ip "${n[@]}" -6 -j route show table all |
		jq -c '[.[] | select(.type != "local" or .dst == "::1")] | sort_by(.dst, .table)'
}
snap() {
	local n
	ls /run/netns
	snap_ns
	for n in $(ls /run/netns); do
		echo "== $n"
		snap_ns "$n"
	done
}

# JSON of DEV in NS ("" this namespace).
dev_json() { ip ${1:+-n "$1"} -j -d link show dev "$2" | jq -c '.[0]'; }
addrs_of() { # NS DEV
	ip ${1:+-n "$1"} -j addr show dev "$2" | jq -r '[.[0].addr_info[] |
		select(.scope == "global") | "\(.local)/\(.prefixlen)"] | sort | join(",")'
}

@test "up makes every namespace, device, address and route the file describes" {
	run vn topo up "$LAB"
	assert_success
	assert_output ""
	assert_equal "$(ls /run/netns | tr '\n' ' ')" "h1 h2 rt "
	# bridges, their ports, each device up
	assert_equal "$(dev_json "" br0 | jq -r '.linkinfo.info_kind')" bridge
	assert_equal "$(ip -j link show master br0 | jq -r '[.[].ifname] | sort | join(",")')" \
		c-h1,c-h2,ext1
	assert_equal "$(dev_json rt brr | jq -r '.linkinfo.info_kind')" bridge
	assert_equal "$(ip -n rt -j link show master brr | jq -r '[.[].ifname] | join(",")')" r-p
	for d in h1/eth0 h2/eth0 rt/r-p rt/r-q rt/up0 /tv0 /c-h1 /c-h2 /br0 rt/brr rt/lo; do
		assert_equal "$d $(dev_json "${d%%/*}" "${d#*/}" | jq -r 'any(.flags[]; . == "UP")')" \
			"$d true"
	done
	# veth ends paired across namespaces: each end's peer index is the other's
	for p in h1/eth0:/c-h1 h2/eth0:/c-h2 rt/r-p:rt/r-q rt/up0:/tv0; do
		a=${p%%:*} b=${p#*:}
		assert_equal "$(dev_json "${a%%/*}" "${a#*/}" | jq -r '.linkinfo.info_kind')" veth
		# ip names a peer in the same namespace, and gives another's index
		peer=$(dev_json "${a%%/*}" "${a#*/}" | jq -r '.link_index // .link')
		[ "$peer" = "${b#*/}" ] || assert_equal "$peer" "$(ifindex "${b#*/}" "${b%%/*}")"
	done
	assert_equal "$(addrs_of h1 eth0)" "10.1.0.1/24,2001:db8:1::1/64"
	assert_equal "$(addrs_of h2 eth0)" 10.1.0.2/24
	assert_equal "$(addrs_of "" br0)" 10.1.0.254/24
	assert_equal "$(addrs_of rt up0)" 10.2.0.1/30
	assert_equal "$(addrs_of "" tv0)" 10.2.0.2/30
	assert_equal "$(addrs_of rt r-q)" 10.3.0.1/24
	assert_equal "$(addrs_of "" ext0)" 10.9.0.1/24
	assert_equal "$(ip -n h1 -j route show default | jq -r '.[0].gateway')" 10.1.0.254
	assert_equal "$(ip -n h2 -j route show 10.3.0.0/24 | jq -r '.[0].gateway')" 10.1.0.254
	assert_equal "$(ip -j route show 10.3.0.0/24 | jq -r '.[0].gateway')" 10.2.0.1
	assert_equal "$(ip -n rt -j route show 10.1.0.0/24 | jq -r '.[0].gateway')" 10.2.0.2
	# and the lab carries packets: h1 -> br0 -> here -> tv0 -> rt's r-q
	sysctl -qw net.ipv4.ip_forward=1
	ip netns exec rt sysctl -qw net.ipv4.ip_forward=1
	run ip netns exec h1 ping -c 1 -W 5 10.3.0.1
	assert_success
}

@test "plan prints up's steps as vnetctl commands and changes nothing" {
	before=$(snap)
	run vn topo plan "$LAB"
	assert_success
	assert_equal "${#lines[@]}" 36
	assert_line --index 0 "vnetctl netns add h1"
	assert_line --index 3 "vnetctl bridge add br0"
	assert_line --index 4 "vnetctl -n rt bridge add brr"
	assert_line --index 5 "vnetctl veth add eth0 netns h1 peer c-h1"
	assert_line --index 8 "vnetctl veth add up0 netns rt peer tv0"
	assert_line --index 11 "vnetctl link set ext1 master br0"
	assert_line "vnetctl -n h1 addr add 2001:db8:1::1/64 dev eth0"
	assert_line "vnetctl -n rt link set lo up"
	assert_line --index 35 "vnetctl -n rt route add 10.1.0.0/24 via 10.2.0.2"
	assert_equal "$(snap)" "$before"
}

@test "plan -j gives each step's line, namespace and words" {
	run vn -j topo plan "$LAB"
	assert_success
	assert_equal "$(jq -c '.[4]' <<<"$output")" \
		"{\"line\":$(line_of '^  brr:'),\"netns\":\"rt\",\"argv\":[\"bridge\",\"add\",\"brr\"]}"
	assert_equal "$(jq -c '.[0] | has("netns")' <<<"$output")" false
}

@test "up twice: the second changes nothing, and plan after up is empty" {
	vn topo up "$LAB"
	after=$(snap)
	run vn topo plan "$LAB"
	assert_success
	assert_output ""
	run vn topo up "$LAB"
	assert_success
	assert_output ""
	assert_equal "$(snap)" "$after"
}

@test "up applies only the difference: what is missing, and nothing else" {
	vn topo up "$LAB"
	ip -n h1 addr del 10.1.0.1/24 dev eth0
	ip link set dev tv0 down
	ip -n rt link set dev r-p nomaster
	run vn topo plan "$LAB"
	assert_success
	# the routes went with the address and the device they go through
	assert_output - <<EOF
vnetctl -n rt link set r-p master brr
vnetctl -n h1 addr add 10.1.0.1/24 dev eth0
vnetctl link set tv0 up
vnetctl -n h1 route add default via 10.1.0.254
vnetctl route add 10.3.0.0/24 via 10.2.0.1
EOF
	vn topo up "$LAB"
	run vn topo plan "$LAB"
	assert_output ""
	assert_equal "$(addrs_of h1 eth0)" "10.1.0.1/24,2001:db8:1::1/64"
	assert_equal "$(ip -n rt -j link show dev r-p | jq -r '.[0].master')" brr
}

@test "down leaves exactly the state before up, and down twice is fine" {
	before=$(snap)
	vn topo up "$LAB"
	run vn topo down "$LAB"
	assert_success
	assert_output ""
	assert_equal "$(snap)" "$before"
	run vn topo down "$LAB"
	assert_success
	assert_equal "$(snap)" "$before"
}

@test "down removes what the file describes and nothing else" {
	vn topo up "$LAB"
	ip link add keep0 type veth peer name keep1
	ip addr add 10.7.0.1/24 dev br0
	vn topo down "$LAB"
	assert dev_exists keep0
	assert dev_exists ext0
	assert dev_exists ext1
	refute dev_exists br0
	assert_equal "$(addrs_of "" ext0)" ""
	assert_equal "$(ls /run/netns)" ""
}

# diff's lines of STATE (ok, missing, differs).
diff_lines() { # STATE
	grep -c "^$1 " <<<"$output" || true
}

@test "diff before up: every thing the file describes is missing, exit 1, nothing changed" {
	before=$(snap)
	run vn topo diff "$LAB"
	assert_equal "$status" 1
	# 3 namespaces, 2 bridges, 4 veths, 4 ports, 8 addresses, 11 devices up, 4 routes
	assert_equal "${#lines[@]}" 36
	assert_equal "$(diff_lines missing)" 36
	assert_line --index 0 "missing netns h1"
	assert_line --index 4 "missing bridge rt/brr"
	assert_line "missing veth rt/up0 tv0"
	assert_line "missing route rt: 10.1.0.0/24 via 10.2.0.2"
	assert_equal "$(snap)" "$before"
}

@test "diff after up: every line is ok and the status 0" {
	vn topo up "$LAB"
	run vn topo diff "$LAB"
	assert_success
	assert_equal "${#lines[@]}" 36
	assert_equal "$(diff_lines ok)" 36
	assert_line "ok      port rt/r-p master brr"
	assert_line "ok      address h1/eth0 2001:db8:1::1/64"
	assert_line "ok      up rt/lo"
	assert_line "ok      route 10.3.0.0/24 via 10.2.0.1"
}

@test "diff names what ip changed by hand: an address, a device down, a master, a route" {
	vn topo up "$LAB"
	ip -n h1 addr del 10.1.0.1/24 dev eth0
	ip link set dev tv0 down
	ip -n rt link set dev r-p nomaster
	ip link add br9 type bridge
	ip link set dev c-h2 master br9
	ip -n h2 route replace 10.3.0.0/24 via 10.1.0.1
	run vn topo diff "$LAB"
	assert_equal "$status" 1
	assert_equal "$(grep -v '^ok ' <<<"$output")" "$(cat <<DIFF
differs port c-h2 master br0: master br9
differs port rt/r-p master brr: no master
missing address h1/eth0 10.1.0.1/24
differs up tv0: down
missing route h1: default via 10.1.0.254
differs route h2: 10.3.0.0/24 via 10.1.0.254: a route via 10.1.0.1
missing route 10.3.0.0/24 via 10.2.0.1
DIFF
)"
	assert_equal "$(diff_lines ok)" 29
	# and what up makes of it: diff is clean again
	ip link set dev c-h2 nomaster
	ip -n h2 route del 10.3.0.0/24
	vn topo up "$LAB"
	run vn topo diff "$LAB"
	assert_success
}

@test "diff names what the kernel has and the file does not: extra, exit 1; the caller's own devices are not the file's" {
	vn topo up "$LAB"
	ip link add host0 type veth peer name host1
	ip route add 10.77.0.0/16 via 10.1.0.1
	ip -n rt link add x0 type veth peer name x1
	ip -n h1 addr add 10.9.9.9/32 dev eth0
	ip -n h1 route add 10.7.0.0/16 via 10.1.0.254
	ip -n rt route add 10.8.0.0/16 via 10.2.0.2 proto static
	# what the kernel makes is nobody's extra: lo's and link-local addresses,
	# the routes of addresses
	ip -n rt link set dev x0 up
	before=$(snap)
	run vn topo diff "$LAB"
	assert_equal "$status" 1
	assert_equal "$(grep -v '^ok ' <<<"$output")" "$(cat <<DIFF
extra   address h1/eth0 10.9.9.9/32
extra   route h1: 10.7.0.0/16 via 10.1.0.254
extra   veth rt/x1
extra   veth rt/x0
extra   route rt: 10.8.0.0/16 via 10.2.0.2
DIFF
)"
	assert_equal "$(diff_lines ok)" 36
	# diff changed nothing
	assert_equal "$(snap)" "$before"
	# (a namespace's devices in the kernel's order: a veth's peer is made first)
	# -j: each with the line of what it belongs to (the namespace; the device's
	# first, its veth)
	run vn -j topo diff "$LAB"
	assert_equal "$status" 1
	assert_equal "$(jq -c '[.[] | select(.state == "extra")] | map([.line, .item, .netns, .dev // .to])' <<<"$output")" \
		'[[9,"address","h1","eth0"],[1,"route","h1","10.7.0.0/16"],[1,"veth","rt","x1"],[1,"veth","rt","x0"],[1,"route","rt","10.8.0.0/16"]]'
	# taken away by hand, diff is clean again
	ip -n rt link del x0
	ip -n h1 addr del 10.9.9.9/32 dev eth0
	ip -n h1 route del 10.7.0.0/16
	ip -n rt route del 10.8.0.0/16
	run vn topo diff "$LAB"
	assert_success
	ip route del 10.77.0.0/16
	ip link del host0
}

@test "diff: a device of another kind under a name, and veth ends that are not peers" {
	vn topo up "$LAB"
	ip link del br0
	ip link add br0 type veth peer name br0p
	ip -n rt link del r-p
	ip -n rt link add r-p type veth peer name r-x
	ip -n rt link add r-q type veth peer name r-y
	run vn topo diff "$LAB"
	assert_equal "$status" 1
	assert_line "differs bridge br0: a device of kind veth"
	assert_line "differs veth rt/r-p rt/r-q: the ends are not each other's peers"
	ip -n rt link del r-q
	run vn topo diff "$LAB"
	assert_line "differs veth rt/r-p rt/r-q: no end r-q"
}

@test "diff -j: each thing's line, state, item, namespace and names; what the kernel has" {
	vn topo up "$LAB"
	ip -n rt link set dev r-p nomaster
	run vn -j topo diff "$LAB"
	assert_equal "$status" 1
	assert_equal "$(jq -c '[.[] | select(.state != "ok")]' <<<"$output")" \
		"[{\"line\":$(line_of 'ports: \[r-p\]'),\"state\":\"differs\",\"item\":\"port\",\"netns\":\"rt\",\"dev\":\"r-p\",\"master\":\"brr\",\"kernel\":\"no master\"}]"
	assert_equal "$(jq -c '.[0]' <<<"$output")" \
		"{\"line\":1,\"state\":\"ok\",\"item\":\"netns\",\"name\":\"h1\"}"
	assert_equal "$(jq -c '[.[] | select(.item == "route")][1]' <<<"$output")" \
		"{\"line\":$(line_of '^    - \{to: 10.3'),\"state\":\"ok\",\"item\":\"route\",\"netns\":\"h2\",\"to\":\"10.3.0.0/24\",\"via\":\"10.1.0.254\"}"
}

@test "down deletes the devices of a namespace in one gathered deletion (one RTM_DELLINK)" {
	require_tool strace
	f=$BATS_TEST_TMPDIR/flat.yaml
	printf '%s\n' 'bridges:' '  brf: {ports: [f0]}' 'veths:' '  - {a: f0, b: g0}' \
		'  - {a: f1, b: g1}' '  - {a: f2, b: g2}' '  - {a: f3, b: g3}' >"$f"
	vn topo up "$f"
	ip link add keep0 type veth peer name keep1
	# strace decodes the requests of a socket in its own namespace
	run env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -e trace=sendto -e verbose=sendto "$VNETCTL" topo down "$f"
	assert_success
	assert_equal "$(grep -o 'RTM_DELLINK' <<<"$output" | wc -l)" 1
	for d in brf f0 g0 f1 g1 f2 g2 f3 g3; do refute dev_exists "$d"; done
	assert dev_exists keep0
	assert dev_exists ext0
}

# up with the lab, failing at the step on line LINE with REASON; the state
# after is the state before.
fails_at() { # LINE REASON
	local before
	before=$(snap)
	run vn topo up "$LAB"
	assert_error 1 "topo up $LAB:$1: .*$2"
	assert_equal "$(snap)" "$before"
}

@test "a failing step undoes what up made: a bridge's name taken (step 4)" {
	ip link add br0 type veth peer name br0p
	fails_at "$(line_of '^  br0:')" "bridge add br0: File exists"
}

@test "a failing step undoes what up made: a veth end's name taken (step 9)" {
	ip link add tv0 type veth peer name tv0p
	fails_at "$(line_of 'rt/up0, b: tv0')" "veth add up0: File exists"
}

@test "a failing step undoes what up made: a port missing (step 12)" {
	ip link del ext1
	fails_at "$(line_of 'ports: \[c-h1')" 'link set ext1: no device named "ext1"'
}

@test "a failing step undoes what up made: an address's device missing (step 20)" {
	ip link del ext0
	fails_at "$(line_of '^  ext0:')" 'addr add 10.9.0.1/24: .*"ext0"'
}

@test "a failing step undoes what up made: a route's destination taken (step 35)" {
	ip route add blackhole 10.3.0.0/24
	fails_at "$(line_of '"": \[')" "route add 10.3.0.0/24: File exists"
}

@test "a failing step leaves what was there before: only this run's changes are undone" {
	# half the lab is there already: up makes the rest, fails, and takes
	# back only what it made
	vn netns add h1
	ip link add eth0 netns h1 type veth peer name c-h1
	ip -n h1 addr add 10.1.0.1/24 dev eth0
	ip route add blackhole 10.3.0.0/24
	fails_at "$(line_of '"": \[')" "route add 10.3.0.0/24: File exists"
	assert_equal "$(addrs_of h1 eth0)" 10.1.0.1/24
}

# A topology file with TEXT must be refused: exit 2, the one line naming
# FILE:LINE:COLUMN and REGEX, nothing changed.
schema_refused() { # TEXT LINE:COL REGEX
	local f=$BATS_TEST_TMPDIR/bad.yaml
	printf '%s\n' "$1" >"$f"
	assert_file_refused "$f" "$2" "$3"
}

@test "schema: an unknown key is named with its line and column" {
	schema_refused $'namespaces: [a]\nbridge:\n  br0: {}' 2:1 \
		'topology: unknown key "bridge" \(one of: namespaces, bridges, tuntaps, tunnels, bonds, vrfs, veths, vxlans, vlans, links, addresses, routes, up, hosts, host, overlay\)'
	schema_refused $'bridges:\n  br0: {netns: a, port: [x]}' 2:19 'bridge: unknown key "port"'
	schema_refused $'veths:\n  - {a: x, b: y, mtu: 1400}' 2:18 'veth: unknown key "mtu"'
	schema_refused $'routes:\n  a: [{to: default, gw: 10.0.0.1}]' 2:21 \
		'route: unknown key "gw" \(one of: to, via, proto\)'
}

@test "schema: a value of the wrong type is named with its line and column" {
	schema_refused 'namespaces: red' 1:13 'namespaces: a list expected, not a scalar'
	schema_refused $'bridges:\n  - br0' 2:3 'bridges: a mapping expected, not a list'
	schema_refused $'addresses:\n  x0: 10.0.0.1/24' 2:7 'addresses: a list expected, not a scalar'
	schema_refused $'bridges:\n  br0: {up: yes}' 2:13 'up: "yes" is not true or false'
	schema_refused '[a, b]' 1:1 'topology: a mapping expected, not a list'
}

@test "schema: bad prefixes, gateways and names are named with their line and column" {
	schema_refused $'addresses:\n  x0: [10.0.0.300/24]' 2:8 'invalid prefix "10.0.0.300/24"'
	schema_refused $'addresses:\n  x0: [10.0.0.1/33]' 2:8 'invalid prefix "10.0.0.1/33"'
	schema_refused $'routes:\n  a:\n    - {to: 10.0.0.1/24, via: 10.1.0.1}' 3:12 \
		'invalid prefix "10.0.0.1/24": bits set beyond /24'
	schema_refused $'routes:\n  a:\n    - {to: "2001:db8::/64", via: 10.1.0.1}' 3:12 \
		'invalid prefix "2001:db8::/64"'
	schema_refused $'routes:\n  a:\n    - {to: default, via: 10.1.0.0/16}' 3:26 \
		'invalid gateway "10.1.0.0/16"'
	schema_refused $'veths:\n  - {a: averyveryverylongname, b: y}' 2:9 \
		'invalid device name "averyveryverylongname"'
	schema_refused $'namespaces: [a, b, a]' 1:20 'namespace "a" given twice'
	schema_refused $'veths:\n  - {a: x}' 2:5 'veth: "b" is missing'
	schema_refused $'addresses:\n  x0: [10.0.0.1/24, 10.0.0.1/16]' 2:21 \
		'address 10.0.0.1/16 given twice for x0'
	schema_refused $'bridges:\n  a/br0: {netns: b}' 2:18 \
		'bridge: the namespace given twice \(a/ and netns\)'
	schema_refused $'bridges:\n  br0: {}\n  /br0: {}' 3:3 'device "br0" given twice'
	schema_refused $'routes:\n  a: [{to: default, via: 10.1.0.1, proto: bogus}]' 2:43 \
		'route: invalid proto "bogus" \(a name as route add takes, or 0..255\)'
}

@test "schema: a file that is not YAML is named with its line and column" {
	schema_refused $'namespaces: [a\nbridges: {}' 2:8 "did not find expected ',' or ']'"
	schema_refused $'namespaces: [a]\nnamespaces: [b]' 2:1 'topology: key "namespaces" given twice'
}

@test "a missing file: the one line and exit 1" {
	run vn topo up "$BATS_TEST_TMPDIR/none.yaml"
	assert_error 1 "topo up $BATS_TEST_TMPDIR/none.yaml: No such file or directory$"
	run vn topo plan
	assert_error 2 "FILE"
}

@test "examples/lab.yaml: the seeds' lab comes up, carries a ping, and comes down to nothing" {
	lab=$BATS_TEST_DIRNAME/../examples/lab.yaml
	before=$(snap)
	run vn topo up "$lab"
	assert_success
	assert_equal "$(ls /run/netns | tr '\n' ' ')" "bridge net0 net1 "
	assert_equal "$(ip -n bridge -j link show master br | jq -r '[.[].ifname] | sort | join(",")')" \
		"bridge-net0,bridge-net1"
	assert_equal "$(addrs_of net0 net0-bridge)" 10.0.1.1/24
	assert_equal "$(addrs_of net1 net1-bridge)" 10.0.1.2/24
	run ip netns exec net0 ping -c 1 -W 5 10.0.1.2
	assert_success
	run vn topo plan "$lab"
	assert_output ""
	run vn topo down "$lab"
	assert_success
	assert_equal "$(snap)" "$before"
}

@test "-N: up and down print their steps and change nothing" {
	run vn -N topo up "$LAB"
	assert_success
	assert_equal "${#lines[@]}" 36
	assert_line --index 0 "vnetctl netns add h1"
	assert_equal "$(ls /run/netns)" ""
	vn topo up "$LAB"
	before=$(snap)
	# the namespaces the file makes go whole: nothing in them one by one
	run vn -N topo down "$LAB"
	assert_success
	assert_equal "${#lines[@]}" 9
	assert_line --index 0 "vnetctl route del 10.3.0.0/24 via 10.2.0.1"
	assert_line --index 1 "vnetctl addr del 10.9.0.1/24 dev ext0"
	assert_line "vnetctl link del br0"
	assert_line --index 8 "vnetctl netns del h1"
	refute_line --partial " -n "
	assert_equal "$(snap)" "$before"
}

# Make the step of WORDS (plan -j's argv), run in namespace NS, fail by
# putting something in its way that up does not take for what the file
# describes: a device of another kind under a bridge's name, a veth's far
# end alone, a route's destination through a blackhole, the devices the lab
# uses without making them deleted.  Status 1 when the step cannot be made
# to fail so (a namespace, a device of the file's own set up).
in_way() { # NS WORDS...
	local ns=$1
	shift
	if [ -n "$ns" ] && [ ! -e "/run/netns/$ns" ]; then ip netns add "$ns"; fi
	case "$1 $2" in
	"bridge add") ip ${ns:+-n "$ns"} link add "$3" type veth peer name "$3-w" ;;
	"veth add")
		# veth add A [netns NSA] peer B [netns NSB]: B alone, made first
		local w=("$@") i b bns=""
		for i in "${!w[@]}"; do [ "${w[$i]}" = peer ] && b=${w[$((i + 1))]}; done
		[ "${w[-2]}" = netns ] && [ "${w[-3]}" = "$b" ] && bns=${w[-1]}
		if [ -n "$bns" ] && [ ! -e "/run/netns/$bns" ]; then ip netns add "$bns"; fi
		ip ${bns:+-n "$bns"} link add "$b" type veth peer name "$b-w"
		;;
	"route add") ip ${ns:+-n "$ns"} route add blackhole "$3" ;;
	"link set") [ "$3 $4" = "ext1 master" ] && ip link del ext1 ;;
	"addr add") [ "$5" = ext0 ] && ip link del ext0 ;;
	*) return 1 ;;
	esac
}

@test "a failure injected at each step that can be made to fail leaves the system as it began" {
	local steps k n=0 line ns before w
	steps=$(vn -j topo plan "$LAB")
	for k in $(seq 0 $(($(jq length <<<"$steps") - 1))); do
		clean_netns
		ip route flush table main type blackhole
		ip link add ext0 type veth peer name ext0p
		ip link add ext1 type veth peer name ext1p
		ns=$(jq -r ".[$k].netns // \"\"" <<<"$steps")
		line=$(jq -r ".[$k].line" <<<"$steps")
		mapfile -t w < <(jq -r ".[$k].argv[]" <<<"$steps")
		in_way "$ns" "${w[@]}" || continue
		before=$(snap)
		run vn topo up "$LAB"
		assert_error 1 "topo up $LAB:$line: ${w[0]} ${w[1]} "
		assert_equal "$(snap)" "$before"
		n=$((n + 1))
	done
	# two bridges, four veths, a port, an address and four routes
	assert_equal "$n" 12
}

# How many requests up sends (sendto) from nothing, counted by strace.
up_requests() {
	local n
	# LeakSanitizer cannot run under ptrace: off for a traced sanitizer build
	n=$(ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -c -e trace=sendto "$VNETCTL" topo up "$LAB" 2>&1 >/dev/null |
		awk '$NF == "sendto" {print $4}')
	vn topo down "$LAB"
	echo "$n"
}

@test "SIGTERM during up: the step under way completes, then what up made is undone" {
	require_tool strace
	local when before n
	before=$(snap)
	n=$(up_requests)
	assert_equal "$(snap)" "$before"
	# the signal comes with up's request number when, at five points
	for when in $((n / 10)) $((n / 4)) $((n / 2)) $((3 * n / 4)) $((n - 1)); do
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
			run strace -f -o /dev/null -e trace=sendto -e inject=sendto:signal=SIGTERM:when=$when \
			"$VNETCTL" topo up "$LAB"
		assert_equal "$status" 143
		assert_equal "$(grep -c '^vnetctl: ' <<<"$output")" 1
		assert_output --regexp "^vnetctl: topo up $LAB:[0-9]+: interrupted \(SIGTERM\) before this step: what this run made is undone"
		assert_equal "$(snap)" "$before"
	done
}

@test "SIGTERM during up's last step: every step took effect, and the line says so" {
	require_tool strace
	local n
	n=$(up_requests)
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		run strace -f -o /dev/null -e trace=sendto -e inject=sendto:signal=SIGTERM:when=$n \
		"$VNETCTL" topo up "$LAB"
	assert_equal "$status" 143
	assert_output --regexp "^vnetctl: topo up $LAB:$(line_of '^  rt: '): interrupted \(SIGTERM\) after the last step: every step took effect"
	run vn topo plan "$LAB"
	assert_output ""
}

# A file of N veth pairs in the caller's namespace, each end up.
write_pairs() { # N
	local i
	echo "veths:"
	for ((i = 0; i < $1; i++)); do echo "  - {a: pv$i, b: pw$i, up: true}"; done
}

@test "up goes through the pipe: 40 pairs and 80 devices set up in a few sendmsg, all or nothing" {
	require_tool strace
	local f=$BATS_TEST_TMPDIR/pairs.yaml before n
	write_pairs 40 >"$f"
	before=$(snap)
	# 120 steps (40 veth add, 80 up); with the state read first, a few sends
	assert_equal "$(vn topo plan "$f" | wc -l)" 120
	n=$(ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -c -e trace=sendto "$VNETCTL" topo up "$f" 2>&1 >/dev/null |
		awk '$NF == "sendto" {print $4}')
	[ "$n" -le 12 ] || fail "up sent $n messages for 120 steps"
	assert_equal "$(ip -j link show up | jq '[.[] | select((.ifname // "") | test("^p[vw][0-9]+$"))] | length')" 80
	vn topo down "$f"
	assert_equal "$(snap)" "$before"
	# the 31st pair's name taken: the kernel refuses a change that waits
	# in the pipe; what came after it is taken back, the step runs again
	# alone for its own error, and what came before is undone
	ip link add pw30 type veth peer name pw30x
	before=$(snap)
	run vn topo up "$f"
	assert_error 1 "topo up $f:$(line_of 'pv30,' "$f"): veth add pv30: File exists"
	assert_equal "$(snap)" "$before"
}

@test "a send refused at every step index of up leaves the system as it began" {
	command -v strace >/dev/null || skip "strace is not installed"
	local n k before
	n=$(up_requests)
	[ "$n" -ge 30 ] || fail "up sent only $n requests"
	before=$(snap)
	for ((k = 1; k <= n; k++)); do
		# the k-th request of up fails as the kernel would refuse it;
		# LeakSanitizer cannot run under ptrace
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
			run strace -f -o /dev/null -e trace=sendto -e inject=sendto:error=EPERM:when=$k \
			"$VNETCTL" topo up "$LAB"
		assert_equal "$status" 1
		assert_equal "$(snap)" "$before"
	done
}
