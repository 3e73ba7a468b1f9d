# Helpers of the topo-*.bats files: the state of every named namespace as
# ip -j -d gives it, normalised so that two builds of one lab compare equal
# whatever order their devices were made in: no ifindex, no MAC, no
# statistics, no IPv6 link-local address, no flags that change on their own
# (carrier, linkdown); a veth's peer by NS/NAME, its nsid and index resolved.

# {NS: {links, addrs, ids}} of every named namespace.
lab_raw() {
	local n all='{}'
	for n in $(ls /run/netns); do
		all=$(jq -c --arg n "$n" \
			--argjson l "$(ip -n "$n" -j -d link show)" \
			--argjson a "$(ip -n "$n" -j addr show)" \
			--argjson ids "$(ip -n "$n" -j netns list-id)" \
			'. + {($n): {l: $l, a: $a, ids: $ids}}' <<<"$all")
	done
	echo "$all"
}

# One line of JSON per namespace: its devices, their addresses, its routes.
lab_snap() {
	local raw n
	raw=$(lab_raw)
	for n in $(ls /run/netns); do
		jq -cS --arg n "$n" '. as $all | .[$n] as $s | {ns: $n,
		links: [$s.l[] | . as $d | {ifname, mtu, master, kind: .linkinfo.info_kind,
			up: any(.flags[]; . == "UP"),
			data: (.linkinfo.info_data // {} | with_entries(select(.key |
				test("^(local|remote|id|link|mode|table|port|protocol|type|pi|vnet_hdr|multi_queue)$")))),
			peer: (if $d.link_netnsid != null then
				($s.ids[] | select(.nsid == $d.link_netnsid) | .name) as $pn |
				"\($pn)/\($all[$pn].l[] | select(.ifindex == $d.link_index) | .ifname)"
			       elif $d.link then "\($n)/\($d.link)" else null end)}] | sort_by(.ifname),
		addrs: [$s.a[] | {ifname, a: [.addr_info[] | select(.scope != "link") |
			"\(.local)/\(.prefixlen)"] | sort}] | sort_by(.ifname)}' <<<"$raw"
		ip -n "$n" -j route show table main | jq -cS '[.[] | del(.flags)] | sort_by(.dst)'
		ip -n "$n" -6 -j route show table main |
			jq -cS '[.[] | select(.dst != "fe80::/64") | del(.flags)] | sort_by(.dst, .dev)'
	done
}

# Every named namespace deleted, and their nsids gone (the kernel frees a
# deleted namespace's nsid in the background).
empty_machine() {
	clean_netns
	wait_nsids_gone
}

# What ip sees is what it saw after topo save of it, the namespaces
# deleted, and topo up of the saved file; and a second save is the same file.
assert_save_round_trip() {
	local before f=$BATS_TEST_TMPDIR/round-trip.yaml
	before=$(lab_snap)
	run vn topo save
	assert_success
	printf '%s\n' "$output" >"$f"
	empty_machine
	run vn topo up "$f"
	assert_success
	assert_equal "$(lab_snap)" "$before"
	run vn topo save
	assert_output "$(cat "$f")"
}

# The caller's namespace as ip -j gives it (devices with their indexes,
# addresses, routes of every table), the list of /run/netns, then every
# named namespace (lab_snap): "the state before" of a test that must leave
# it exactly so.
full_snap() {
	ls /run/netns
	ip -j -d link show | jq -c '[.[] | {ifname, ifindex, mtu, master,
		kind: .linkinfo.info_kind, up: any(.flags[]; . == "UP")}]'
	ip -j addr show | jq -c '[.[] | {ifname, a: [.addr_info[] | "\(.local)/\(.prefixlen)"]}]'
	ip -4 -j route show table all | jq -c '[.[] | del(.flags)] | sort_by(.dst, .table)'
	ip -6 -j route show table all |
		jq -c '[.[] | select(.type != "local" or .dst == "::1") | del(.flags)] | sort_by(.dst, .table, .dev)'
	lab_snap
}

# FILE must be refused by every verb that reads it: exit 2, the one line
# "topo VERB FILE:LINE:COL: REGEX", nothing changed (full_snap).
assert_file_refused() { # FILE LINE:COL REGEX
	local before verb
	before=$(full_snap)
	for verb in up down plan diff; do
		run vn topo "$verb" "$1"
		assert_error 2 "topo $verb $1:$2: $3"
	done
	assert_equal "$(full_snap)" "$before"
}
