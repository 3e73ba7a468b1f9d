#!/usr/bin/env bats
# `vnetctl -j -d link show DEV` gives every key of a device's kind that
# `ip -j -d link show DEV` gives (iproute2 6.1), so jq scripts written
# against ip read vnetctl: for each kind, a device is made with ip and the
# key paths of the two .linkinfo objects (info_kind, info_data,
# info_slave_kind, info_slave_data; lists as []) are compared.  vnetctl may
# have keys ip lacks; a key ip has and vnetctl lacks fails, unless ALLOWED
# below says why.  The generic per-device keys (promiscuity, min_mtu, ...)
# are link show's, outside .linkinfo, and not compared here.
#
# The kinds this host's kernel lacks skip with the reason: they run in the
# VM suite, whose kernel has every module.

load helpers

# "KIND PATH" entries, each under a comment that says why vnetctl does not
# give that key.  None is needed on this host today.
ALLOWED=()

# The key paths of .linkinfo, one a line, sorted: "info_data.port_range.low".
keypaths() {
	jq -r '.[0].linkinfo // {} | paths | map(if type == "number" then "[]" else . end) | join(".")' |
		sort -u
}

# The paths ip gives for DEV and vnetctl does not, less the allowed ones.
missing() { # DEV
	local kind ip_out vn_out a
	ip_out=$(ip -j -d link show dev "$1") || return 1
	vn_out=$(vn -j -d link show "$1") || return 1
	kind=$(jq -r '.[0].linkinfo.info_kind // ""' <<<"$ip_out")
	comm -23 <(keypaths <<<"$ip_out") <(keypaths <<<"$vn_out") | while read -r a; do
		allowed "$kind" "$a" || echo "$a"
	done
}

allowed() { # KIND PATH
	local e
	for e in "${ALLOWED[@]}"; do
		[ "$e" = "$1 $2" ] && return 0
	done
	return 1
}

# Fails naming the keys DEV lacks; and fails when ip gives DEV no
# .linkinfo.info_kind at all (nothing would be compared).
same_keys() { # DEV...
	local d m n
	for d in "$@"; do
		n=$(ip -j -d link show dev "$d" | keypaths | wc -l)
		[ "$n" -ge 1 ] || fail "ip gives $d no linkinfo: nothing compared"
		m=$(missing "$d") || fail "link show $d failed"
		[ -z "$m" ] || fail "$d: vnetctl -j -d lacks ip's keys:"$'\n'"$m"
		# the printer writes what it is given: a key given twice would be
		# there twice (the sanitizer build aborts on it; the VM runs the
		# normal one)
		m=$(vn -j -d link show "$d" | jq -c --stream 'select(length == 2) | .[0]' | sort | uniq -d)
		[ -z "$m" ] || fail "$d: vnetctl -j -d gives a key twice: $m"
	done
}

# ---- the comparison itself ------------------------------------------------------

@test "the comparison finds a key that vnetctl's JSON lacks, with its path" {
	ip link add name br0 type bridge
	local ip_out cut
	ip_out=$(ip -j -d link show dev br0)
	cut=$(jq -c 'del(.[0].linkinfo.info_data.root_port)' <<<"$ip_out")
	run comm -23 <(keypaths <<<"$ip_out") <(keypaths <<<"$cut")
	assert_output "info_data.root_port"
	cut=$(jq -c 'del(.[0].linkinfo.info_data.port_range.low)' <<<'[{"linkinfo":{"info_data":{"port_range":{"low":1,"high":2}}}}]')
	run keypaths <<<"$cut"
	assert_output $'info_data\ninfo_data.port_range\ninfo_data.port_range.high'
}

@test "the check for a key given twice finds one, with its path" {
	run bash -c "jq -c --stream 'select(length == 2) | .[0]' <<<'[{\"a\":{\"b\":1,\"b\":2},\"c\":3}]' | sort | uniq -d"
	assert_success
	assert_output '[0,"a","b"]'
}

@test "the allow-list names kinds and paths, each once" {
	local e
	for e in "${ALLOWED[@]}"; do
		[[ "$e" =~ ^[a-z0-9_]+\ info_(slave_)?data\.[a-z0-9_.]+$ ]] || fail "bad entry: $e"
	done
	run bash -c 'printf "%s\n" "$@" | sort | uniq -d' _ "${ALLOWED[@]}"
	assert_output ""
}

# ---- kinds this host has --------------------------------------------------------

@test "veth: vnetctl -j -d has ip's linkinfo keys" {
	veth a0 b0
	same_keys a0 b0
}

@test "bridge and its port: vnetctl -j -d has ip's info_data and info_slave_data keys" {
	ip link add name br0 type bridge
	veth p0 q0
	ip link set dev p0 master br0
	same_keys br0 p0
	# the port's keys came from the bridge's port data, not only the veth's
	assert_equal "$(vn -j -d link show p0 | jq -r '.[0].linkinfo.info_slave_kind')" bridge
}

@test "bridge with STP running: the timers and ids are there" {
	ip link add name br0 type bridge stp_state 1 mcast_stats_enabled 1
	veth p0 q0
	ip link set dev p0 master br0
	ip link set dev p0 up
	ip link set dev br0 up
	same_keys br0 p0
	local k
	for k in hello_timer tcn_timer topology_change_timer gc_timer root_port root_path_cost; do
		assert_equal "$k=$(vn -j -d link show br0 | jq -r ".[0].linkinfo.info_data.$k | type")" "$k=number"
	done
	for k in hold_timer message_age_timer forward_delay_timer designated_port; do
		assert_equal "$k=$(vn -j -d link show p0 | jq -r ".[0].linkinfo.info_slave_data.$k | type")" "$k=number"
	done
}

@test "bridge ids are written as ip writes them" {
	ip link add name br0 type bridge
	veth p0 q0
	ip link set dev p0 master br0
	local k
	for k in bridge_id root_id; do
		assert_equal "$k=$(vn -j -d link show br0 | jq -r ".[0].linkinfo.info_data.$k")" \
			"$k=$(ip -j -d link show dev br0 | jq -r ".[0].linkinfo.info_data.$k")"
		assert_equal "$k=$(vn -j -d link show p0 | jq -r ".[0].linkinfo.info_slave_data.$k")" \
			"$k=$(ip -j -d link show dev p0 | jq -r ".[0].linkinfo.info_slave_data.$k")"
	done
	for k in id no group_fwd_mask group_fwd_mask_str; do
		assert_equal "$k=$(vn -j -d link show p0 | jq -c ".[0].linkinfo.info_slave_data.$k")" \
			"$k=$(ip -j -d link show dev p0 | jq -c ".[0].linkinfo.info_slave_data.$k")"
	done
}

@test "a port's group_fwd_mask_str names the bits as ip does" {
	ip link add name br0 type bridge
	veth p0 q0
	ip link set dev p0 master br0
	ip link set dev p0 type bridge_slave group_fwd_mask 0x4009
	run vn -j -d link show p0
	assert_success
	assert_equal "$(jq -c '.[0].linkinfo.info_slave_data | [.group_fwd_mask, .group_fwd_mask_str]' <<<"$output")" \
		"$(ip -j -d link show dev p0 | jq -c '.[0].linkinfo.info_slave_data | [.group_fwd_mask, .group_fwd_mask_str]')"
}

@test "tun and tap: vnetctl -j -d has ip's linkinfo keys" {
	ip tuntap add dev tun0 mode tun
	ip tuntap add dev tap0 mode tap multi_queue user 65534 group 65534
	same_keys tun0 tap0
	assert_equal "$(vn -j -d link show tap0 | jq -c '.[0].linkinfo.info_data | [.user, .group]')" \
		"$(ip -j -d link show dev tap0 | jq -c '.[0].linkinfo.info_data | [.user, .group]')"
}

@test "macvlan and macvtap in each mode: vnetctl -j -d has ip's linkinfo keys" {
	veth l0 l1
	local m
	for m in private vepa bridge passthru source; do
		ip link add name "mv$m" link l0 type macvlan mode "$m"
		same_keys "mv$m"
		ip link del dev "mv$m"
	done
	ip link add name mvs link l0 type macvlan mode source
	ip link set dev mvs type macvlan macaddr add 02:00:00:00:00:aa
	ip link add name mt0 link l1 type macvtap mode bridge
	same_keys mvs mt0
	assert_equal "$(vn -j -d link show mvs | jq -c '.[0].linkinfo.info_data.macaddr_data')" '["02:00:00:00:00:aa"]'
}

@test "vxlan over IPv4 and IPv6, with and without options: vnetctl -j -d has ip's keys" {
	veth l0 l1
	ip link add name vx4 type vxlan id 42 dstport 4789 remote 10.0.0.2 local 10.0.0.1 dev l0
	ip link add name vx6 type vxlan id 43 dstport 4789 remote fd00::2 local fd00::1
	ip link add name vxg type vxlan id 44 dstport 4789 group 239.1.1.1 dev l0 ttl 5 tos 0x10
	ip link add name vxo type vxlan id 45 dstport 4789 local fd00::1 proxy l2miss l3miss \
		df set flowlabel 5 maxaddr 10 udp6zerocsumtx udp6zerocsumrx remcsumtx remcsumrx gbp \
		noudpcsum nolearning ageing 0
	ip link add name vxe type vxlan external dstport 4790
	same_keys vx4 vx6 vxg vxo vxe
	assert_equal "$(vn -j -d link show vx6 | jq -r '.[0].linkinfo.info_data | [.remote6, .local6] | join(" ")')" "fd00::2 fd00::1"
	assert_equal "$(vn -j -d link show vxo | jq -c '.[0].linkinfo.info_data | [.df, .label, .limit]')" \
		"$(ip -j -d link show dev vxo | jq -c '.[0].linkinfo.info_data | [.df, .label, .limit]')"
}

@test "ifb: vnetctl -j -d has ip's linkinfo keys" {
	require_kind ifb
	ip link add name ifb0 type ifb
	same_keys ifb0
}

# ---- kinds the VM kernel has ----------------------------------------------------

@test "dummy: vnetctl -j -d has ip's linkinfo keys" {
	require_kind dummy
	ip link add name d0 type dummy
	same_keys d0
}

@test "vlan: vnetctl -j -d has ip's linkinfo keys" {
	require_kind vlan
	veth l0 l1
	ip link add name v10 link l0 type vlan id 10
	ip link add name v11 link l0 type vlan protocol 802.1ad id 11 reorder_hdr off gvrp on \
		egress-qos-map 1:2 ingress-qos-map 3:4
	same_keys v10 v11
}

@test "ipvlan and ipvtap: vnetctl -j -d has ip's linkinfo keys" {
	require_kind ipvlan
	veth l0 l1
	ip link add name ipv0 link l0 type ipvlan mode l2
	ip link add name ipv1 link l0 type ipvlan mode l3 private
	same_keys ipv0 ipv1
}

@test "geneve over IPv4 and IPv6: vnetctl -j -d has ip's linkinfo keys" {
	require_kind geneve
	ip link add name gn4 type geneve id 5 remote 10.0.0.3 ttl 4 tos 0x10 df set
	ip link add name gn6 type geneve id 6 remote fd00::3 udp6zerocsumtx flowlabel 7
	same_keys gn4 gn6
}

@test "bond and its port: vnetctl -j -d has ip's info_data and info_slave_data keys" {
	require_kind bond
	ip link add name bond0 type bond mode active-backup miimon 100
	veth p0 q0
	ip link set dev p0 master bond0
	same_keys bond0 p0
}

@test "vrf and its port: vnetctl -j -d has ip's info_data and info_slave_data keys" {
	require_kind vrf
	ip link add name vrf0 type vrf table 10
	veth p0 q0
	ip link set dev p0 master vrf0
	same_keys vrf0 p0
}

@test "IPv4 tunnels (gre, gretap, ipip, sit, vti): vnetctl -j -d has ip's linkinfo keys" {
	require_kind gre gretap ipip sit vti
	ip link add name gre1 type gre remote 10.0.0.9 local 10.0.0.8 ttl 64 key 5
	ip link add name gt1 type gretap remote 10.0.0.9 local 10.0.0.8
	ip link add name ipip1 type ipip remote 10.0.0.9 local 10.0.0.8
	ip link add name sit1 type sit remote 10.0.0.9 local 10.0.0.8
	ip link add name vti1 type vti remote 10.0.0.9 local 10.0.0.8 key 7
	same_keys gre1 gt1 ipip1 sit1 vti1
}

@test "IPv6 tunnels (ip6tnl, ip6gre, ip6gretap): vnetctl -j -d has ip's linkinfo keys" {
	require_kind ip6tnl ip6gre ip6gretap
	ip link add name t6 type ip6tnl remote fd00::9 local fd00::8 mode any
	ip link add name g6 type ip6gre remote fd00::9 local fd00::8
	ip link add name gt6 type ip6gretap remote fd00::9 local fd00::8
	same_keys t6 g6 gt6
}

@test "nlmon: vnetctl -j -d has ip's linkinfo keys" {
	require_kind nlmon
	ip link add name nl0 type nlmon
	same_keys nl0
}
