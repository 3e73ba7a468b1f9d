#!/usr/bin/env bats
# vnetctl graph: every namespace, its devices and what joins them.  ip is the
# second witness: its view of each namespace (`ip -n NS -j -d link`, and
# `ip -n NS -j netns list-id` for the nsids) gives the edges vnetctl must
# draw, one by one.

load helpers
bats_require_minimum_version 1.5.0

holder=
teardown() {
	# the process holding a namespace of its own, where a test made one
	[ -z "$holder" ] || { kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null; } || true
	clean_netns
}

# ip's view of every edge, one line each: "veth A B" (the two ends NS/DEV,
# sorted), "master PORT MASTER", "lower DEV LOWER"; "-" is the caller's
# namespace.  A peer is found from its link_index in the namespace its
# link_netnsid names (ip netns list-id, asked in the device's namespace); an
# nsid with no name there is the caller's, the only unnamed namespace these
# tests make.
ip_edges() {
	local ns links="$BATS_TEST_TMPDIR/links" ids="$BATS_TEST_TMPDIR/ids"
	ip -j -d link show | jq -c '.[] | . + {ns: "-"}' >"$links"
	: >"$ids"
	for ns in $(ls /run/netns); do
		ip -n "$ns" -j -d link show | jq -c --arg ns "$ns" '.[] | . + {ns: $ns}' >>"$links"
		ip -n "$ns" -j netns list-id | jq -c --arg ns "$ns" '.[] | . + {ns: $ns}' >>"$ids"
	done
	jq -rs --slurpfile ids "$ids" '
		. as $all
		| .[]
		| . as $l
		| (if .master then "master \(.ns)/\(.ifname) \(.ns)/\(.master)" else empty end),
		  (if .link_index then
			($ids[] | select(.ns == $l.ns and .nsid == $l.link_netnsid) | .name // "-") as $pns
			| ($all[] | select(.ns == $pns and .ifindex == $l.link_index) | "\($pns)/\(.ifname)")
		   elif (.link // null) != null then "\(.ns)/\(.link)"
		   else empty end
		   | if $l.linkinfo.info_kind == "veth" then
			"veth " + ([., "\($l.ns)/\($l.ifname)"] | sort | join(" "))
		     else "lower \($l.ns)/\($l.ifname) \(.)" end)
	' "$links" | sort -u
}

# vnetctl's edges in the same form.
vn_edges() {
	vn -j graph | jq -r '.edges[]
		| [.kind, "\(.from.netns // "-")/\(.from.ifname)", "\(.to.netns // "-")/\(.to.ifname)"]
		| if .[0] == "veth" then "veth " + (.[1:] | sort | join(" ")) else join(" ") end' | sort
}

@test "the seeds' lab: every edge vnetctl draws is one ip sees, and none is missing" {
	seeds_lab
	want=$(ip_edges)
	# two cables and two ports
	assert_equal "$(grep -c . <<<"$want")" 4
	assert_equal "$(vn_edges)" "$want"
}

@test "the seeds' lab: each namespace holds the devices ip lists there, with kind and master" {
	seeds_lab
	for ns in net0 net1 bridge; do
		want=$(ip -n "$ns" -j -d link show |
			jq -r '.[] | [.ifname, (.linkinfo.info_kind // ""), (.master // ""), .operstate] | join(" ")' | sort)
		got=$(vn -j graph | jq -r --arg ns "$ns" '.namespaces[] | select(.name == $ns) | .devices[]
			| [.ifname, (.kind // ""), (.master // ""), .operstate] | join(" ")' | sort)
		assert_equal "$got" "$want"
	done
	# the caller's namespace comes first, unnamed, and only once
	run jq -r '.namespaces | map(.name // "-") | join(" ")' <<<"$(vn -j graph)"
	assert_output "- bridge net0 net1"
}

@test "a veth whose peer is in another named namespace names it, with ip's link_index" {
	vn netns add red
	vn netns add blue
	ip -n red link add r0 type veth peer name b0 netns blue
	ip -n blue addr add 192.0.2.1/24 dev b0
	run jq -c '.namespaces[] | select(.name == "red") | .devices[] | select(.ifname == "r0")
		| [.kind, .peer.netns, .peer.ifname, .link_index]' <<<"$(vn -j graph)"
	assert_output "[\"veth\",\"blue\",\"b0\",$(ifindex b0 blue)]"
	assert_equal "$(ip -n red -j link show dev r0 | jq -r '.[0].link_index')" "$(ifindex b0 blue)"
	run jq -c '.namespaces[] | select(.name == "blue") | .devices[] | select(.ifname == "b0")
		| [.peer.netns, .peer.ifname, .addresses]' <<<"$(vn -j graph)"
	assert_output '["red","r0",["192.0.2.1/24"]]'
	assert_equal "$(vn_edges)" "$(ip_edges)"
}

@test "a veth between the caller's namespace and a named one: the caller's is null in JSON, (current) in the tree" {
	vn netns add red
	ip link add h0 type veth peer name h1 netns red
	run jq -c '.edges' <<<"$(vn -j graph)"
	assert_output '[{"from":{"netns":null,"ifname":"h0"},"to":{"netns":"red","ifname":"h1"},"kind":"veth"}]'
	assert_equal "$(vn_edges)" "$(ip_edges)"
	run vn graph
	assert_success
	assert_line '    └── peer red/h1'
	assert_line '    └── peer (current)/h0'
}

@test "a bridge's ports: master edges as ip's master, ports listed under the bridge in the tree" {
	lab
	want=$(ip -j link show | jq -r '.[] | select(.master == "br0") | "master -/\(.ifname) -/br0"' | sort)
	assert_equal "$(grep -c . <<<"$want")" 2
	assert_equal "$(vn_edges | grep '^master')" "$want"
	run vn graph
	assert_success
	# the bridge's line, then its two ports under it
	run awk '/── br0 bridge/ { f = 1; next } f && /── port/ { print $NF } f && !/── port/ { f = 0 }' <<<"$output"
	assert_output $'p0\np1'
}

@test "a macvlan's lower device is an edge, as ip's link" {
	require_kind macvlan
	lower
	ip link add mv0 link l0 type macvlan mode bridge
	assert_equal "$(ip -j link show dev mv0 | jq -r '.[0].link')" l0
	run bash -c "'$VNETCTL' -j graph | jq -c '.edges[] | select(.kind == \"lower\")'"
	assert_output '{"from":{"netns":null,"ifname":"mv0"},"to":{"netns":null,"ifname":"l0"},"kind":"lower"}'
	assert_equal "$(vn_edges)" "$(ip_edges)"
	run vn graph
	assert_line '    └── lower l0'
}

@test "a macvlan in another namespace than its lower device: the edge crosses namespaces" {
	require_kind macvlan
	vn netns add red
	lower
	ip link add mv0 link l0 type macvlan mode bridge
	ip link set mv0 netns red
	run bash -c "'$VNETCTL' -j graph | jq -c '.edges[] | select(.kind == \"lower\")'"
	assert_output '{"from":{"netns":"red","ifname":"mv0"},"to":{"netns":null,"ifname":"l0"},"kind":"lower"}'
	assert_equal "$(vn_edges)" "$(ip_edges)"
}

@test "a vxlan's lower device (its own attribute, not IFLA_LINK) and its endpoints, as ip's" {
	require_kind vxlan
	lower
	ip link add vx0 type vxlan id 5 dev l0 local 192.0.2.1 remote 192.0.2.3 dstport 4789
	assert_equal "$(kdata vx0 link)" l0
	run bash -c "'$VNETCTL' -j graph | jq -c '.edges[] | select(.kind == \"lower\")'"
	assert_output '{"from":{"netns":null,"ifname":"vx0"},"to":{"netns":null,"ifname":"l0"},"kind":"lower"}'
	run bash -c "'$VNETCTL' -j graph | jq -r '.namespaces[0].devices[] | select(.ifname == \"vx0\") | \"\(.local) \(.remote)\"'"
	assert_output "$(kdata vx0 local) $(kdata vx0 remote)"
}

@test "a vlan's and an ipvlan's lower device are edges, as ip's link" {
	require_kind vlan ipvlan
	lower
	ip link add link l0 name l0.5 type vlan id 5
	ip link add link l0 name iv0 type ipvlan
	assert_equal "$(ip -j link show dev l0.5 | jq -r '.[0].link')" l0
	assert_equal "$(vn_edges | grep '^lower')" $'lower -/iv0 -/l0\nlower -/l0.5 -/l0'
	assert_equal "$(vn_edges)" "$(ip_edges)"
}

@test "a veth whose peer is in a namespace with no name: named as ip names it, and no edge" {
	# a process in a namespace of its own, with neither a name nor the caller's
	unnamed_netns 300
	ip link add u0 type veth peer name u1
	ip link set u1 netns "$holder"
	idx=$(ip -j link show dev u0 | jq -r '.[0].link_index')
	nsid=$(ip -j link show dev u0 | jq -r '.[0].link_netnsid')
	run vn -j graph
	assert_success
	assert_equal "$(jq -c '.edges' <<<"$output")" '[]'
	assert_equal "$(jq -c '.namespaces[0].devices[] | select(.ifname == "u0") | [.link_index, .link_netnsid, .peer]' <<<"$output")" \
		"[$idx,$nsid,null]"
	run vn graph
	assert_line "    └── peer if$idx link-netnsid $nsid"
}

@test "a bond's ports: master edges as ip's master" {
	require_kind bond
	ip link add bd0 type bond
	veth p0 q0
	ip link set p0 master bd0
	assert_equal "$(master_of p0)" bd0
	assert_equal "$(vn_edges | grep '^master')" "master -/p0 -/bd0"
	assert_equal "$(vn_edges)" "$(ip_edges)"
	run vn graph
	assert_line '│   └── port p0'
}

@test "a geneve's remote is ip's" {
	require_kind geneve
	ip link add gn0 type geneve id 5 remote 192.0.2.9
	run bash -c "'$VNETCTL' -j graph | jq -r '.namespaces[0].devices[] | select(.ifname == \"gn0\") | .remote'"
	assert_output "$(kdata gn0 remote)"
}

@test "a tunnel's endpoints are ip's local and remote" {
	require_kind ipip
	ip link add tun9 type ipip local 192.0.2.1 remote 198.51.100.7
	run bash -c "'$VNETCTL' -j graph | jq -r '.namespaces[0].devices[] | select(.ifname == \"tun9\") | \"\(.local) \(.remote)\"'"
	assert_output "$(kdata tun9 local) $(kdata tun9 remote)"
	run vn graph
	assert_line --partial 'local 192.0.2.1'
	assert_line --partial 'remote 198.51.100.7'
}

@test "the tree shows each namespace, its devices and the veth peers across namespaces" {
	seeds_lab
	run vn graph
	assert_success
	assert_line '(current)'
	assert_line 'net0'
	assert_line '└── net0-bridge veth DOWN'
	assert_line '    ├── peer bridge/bridge-net0'
	assert_line '    └── inet 10.0.1.1/24'
	assert_line '│   ├── peer net1/net1-bridge'
	assert_line '│   └── master br'
	# tree is the default, and its own verb, also spelled --tree
	assert_equal "$(vn graph tree)" "$output"
	assert_equal "$(vn graph --tree)" "$output"
}

@test "-4 and -6 draw the addresses of one family, as ip -4 and -6 list them" {
	seeds_lab
	ip -n net0 addr add 2001:db8::1/64 dev net0-bridge nodad
	for f in 4 6; do
		want=$(ip -n net0 -$f -j addr show dev net0-bridge |
			jq -r '.[0].addr_info[] | "\(.local)/\(.prefixlen)"' | sort)
		got=$(vn -$f -j graph | jq -r '.namespaces[] | select(.name == "net0") | .devices[]
			| select(.ifname == "net0-bridge") | .addresses[]' | sort)
		assert_equal "$got" "$want"
	done
	# every namespace's: the caller's loopback and the two hosts'
	n=$(ip -4 -j addr show | jq '[.[].addr_info[]] | length')
	for ns in net0 net1 bridge; do
		n=$((n + $(ip -n "$ns" -4 -j addr show | jq '[.[].addr_info[]] | length')))
	done
	assert_equal "$(vn -4 -j graph | jq '[.namespaces[].devices[].addresses[]] | length')" "$n"
}

@test "examples/lab draws the lab before it tears it down" {
	run "$BATS_TEST_DIRNAME/../examples/lab" "$VNETCTL"
	assert_success
	assert_output --partial $'$ vnetctl -4 graph\n(current)\n'
	assert_line '    ├── peer bridge/bridge-net0'
	assert_line '    └── inet 10.0.1.2/24'
	assert_line '    └── port bridge-net1'
}

@test "DOT: a cluster a namespace, a node a device, each edge between declared nodes" {
	seeds_lab
	run vn graph --dot
	assert_success
	dot=$output
	assert_line --index 0 'digraph vnetctl {'
	assert_equal "${lines[-1]}" '}'
	# braces balance
	assert_equal "$(tr -cd '{' <<<"$dot" | wc -c)" "$(tr -cd '}' <<<"$dot" | wc -c)"
	# one cluster for each namespace: the caller's and the three named
	assert_equal "$(grep -c '^	subgraph "cluster_' <<<"$dot")" 4
	# one node for each device ip lists, in every namespace
	n=$(ip -j link show | jq length)
	for ns in net0 net1 bridge; do
		n=$((n + $(ip -n "$ns" -j link show | jq length)))
	done
	assert_equal "$(grep -c '^		"n[0-9]*_[0-9]*" \[label=' <<<"$dot")" "$n"
	# every edge joins two declared nodes; as many edges as ip's view has
	run awk '
		/^\t\t"n[0-9]+_[0-9]+" \[label=/ { node[$1] = 1 }
		/^\t"n[0-9]+_[0-9]+" -> "n[0-9]+_[0-9]+" \[/ {
			edges++
			if (!($1 in node) || !($3 in node)) { print "undeclared: " $0; bad = 1 }
		}
		END { print edges; exit bad }' <<<"$dot"
	assert_success
	assert_output "$(ip_edges | grep -c .)"
	# dot is the verb's name too
	assert_equal "$(vn graph dot)" "$dot"
}

@test "DOT strings are quoted and escaped, the tree's names escaped for the terminal" {
	vn netns add 'q"ns'
	ip link add 'a"b\c' type veth peer name $'e\x1bf'
	run vn graph --dot
	assert_success
	assert_line '		label="q\"ns";'
	assert_line --partial '[label="a\"b\\c\n'
	assert_line --partial '[label="e\\x1bf\n'
	run vn graph
	assert_success
	assert_line --partial 'e\x1bf veth'
	assert_line '│   └── peer a"b\c'
	refute_output --partial $'\x1b'
}

@test "a leftover file under /run/netns is no namespace, and is left out" {
	vn netns add red
	touch /run/netns/leftover
	run vn -j graph
	assert_success
	assert_equal "$(jq -r '.namespaces | map(.name // "-") | join(" ")' <<<"$output")" "- red"
}

@test "run inside a named namespace, that namespace is the caller's and is drawn once" {
	vn netns add red
	vn netns add blue
	run ip netns exec red "$VNETCTL" -j graph
	assert_success
	assert_equal "$(jq -c '.namespaces | map([.name, .current])' <<<"$output")" \
		'[["red",true],["blue",false]]'
}

@test "two names bound to one namespace draw it once, under the first" {
	vn netns add red
	touch /run/netns/blue
	mount --bind /run/netns/red /run/netns/blue
	ip -n red link add r0 type veth peer name r1
	run vn -j graph
	assert_success
	assert_equal "$(jq -c '[.namespaces[] | [.name, (.devices | length)]]' <<<"$output")" \
		"[[null,$(ip -j link show | jq length)],[\"blue\",$(ip -n red -j link show | jq length)]]"
}

@test "without CAP_SYS_ADMIN the caller's namespace is drawn, and a named one it cannot enter fails in one line" {
	ip link add w0 type veth peer name w1
	run setpriv --reuid=nobody --regid=nogroup --clear-groups "$VNETCTL" -j graph
	assert_success
	assert_equal "$(jq -r '[.namespaces[].devices[].ifname] | sort | join(" ")' <<<"$output")" \
		"$(ip -j link show | jq -r '[.[].ifname] | sort | join(" ")')"
	assert_equal "$(jq -r '.edges[] | [.kind, ([.from.ifname, .to.ifname] | sort)[]] | join(" ")' <<<"$output")" "veth w0 w1"
	vn netns add red
	run setpriv --reuid=nobody --regid=nogroup --clear-groups "$VNETCTL" graph
	assert_error 1 'graph: entering namespace red: Operation not permitted \(run as root'
}

@test "graph refuses an unknown word, both drawings at once, and DOT with -j: exit 2, one line" {
	run vn graph bogus
	assert_error 2 'graph: unknown keyword "bogus" \(see: vnetctl graph help\)'
	run vn graph tree bogus
	assert_error 2 'graph: unknown keyword "bogus"'
	run vn graph tree dot
	assert_error 2 'graph: dot and tree cannot be used together'
	run vn graph dot --tree
	assert_error 2 'graph: tree and dot cannot be used together'
	run vn -j graph dot
	assert_error 2 '-j and dot exclude each other'
}
