#!/usr/bin/env bats
# link show's output options as iproute2 prints them: -s statistics, the
# generic -d keys, -o one line a record.  Each is checked against ip's own
# output for the same kernel state.

load helpers

# A veth pair, va here and vb in namespace far, that carried a ping; then va
# is set down and IPv6 is off on both ends, so no counter moves while ip and
# vnetctl read them.
traffic() {
	ip netns add far
	ip link add name va type veth peer name vb netns far
	sysctl -qw net.ipv6.conf.va.disable_ipv6=1
	ip netns exec far sysctl -qw net.ipv6.conf.vb.disable_ipv6=1
	ip addr add 10.9.0.1/24 dev va
	ip -n far addr add 10.9.0.2/24 dev vb
	ip link set va up
	ip -n far link set vb up
	ping -c 3 -i 0.2 -W 2 -q 10.9.0.2 >/dev/null
	ip link set va down
}

# ---- -s ---------------------------------------------------------------------

@test "link show -s prints the counters of a device that carried traffic as ip -s does" {
	traffic
	run vn -s link show va
	assert_success
	assert_output "$(ip -s link show va)"
	# the ping went through: the counters are not all zero
	[ "$(ip -j -s link show va | jq '.[0].stats64.tx.packets')" -ge 3 ]
	assert_line --regexp '^    RX:  bytes packets errors dropped  missed   mcast +$'
	assert_line --regexp '^    TX:  bytes packets errors dropped carrier collsns +$'
}

@test "link show -s -s adds the error details as ip -s -s does" {
	traffic
	run vn -s -s link show va
	assert_success
	assert_output "$(ip -s -s link show va)"
	assert_line '    RX errors:  length    crc   frame    fifo overrun'
	assert_line '    TX errors: aborted   fifo  window heartbt transns'
}

@test "link show -j -s gives stats64 with ip's keys and numbers" {
	traffic
	run vn -j -s link show va
	assert_success
	assert_equal "$(jq -c '.[0].stats64' <<<"$output")" \
		"$(ip -j -s link show va | jq -c '.[0].stats64')"
	assert_equal "$(jq '.[0].stats64.rx.packets > 0 and .[0].stats64.tx.bytes > 0' <<<"$output")" true
}

@test "link show -j -s -s adds the error keys and carrier_changes as ip does" {
	traffic
	run vn -j -s -s link show va
	assert_success
	assert_equal "$(jq -c '.[0].stats64' <<<"$output")" \
		"$(ip -j -s -s link show va | jq -c '.[0].stats64')"
	assert_equal "$(jq -c '.[0].stats64.tx | has("carrier_changes")' <<<"$output")" true
	assert_equal "$(jq -c '.[0].stats64.rx | has("missed_errors")' <<<"$output")" true
}

@test "link show -s of every device matches ip -s link show" {
	traffic
	run vn -s link show
	assert_success
	assert_output "$(ip -s link show)"
}

@test "-statistics and --statistics are -s" {
	traffic
	run vn -s link show va
	local short=$output
	run vn -statistics link show va
	assert_output "$short"
	run vn --stat link show va
	assert_output "$short"
}

@test "link show without -s prints no counters" {
	traffic
	run vn link show va
	assert_success
	refute_line --partial 'RX:'
	run vn -j link show va
	assert_equal "$(jq '.[0] | has("stats64")' <<<"$output")" false
}

@test "-s -br prints the brief line alone, as ip -s -br does" {
	traffic
	run vn -s -br link show va
	assert_success
	local with=$output
	run vn -br link show va
	assert_equal "$with" "$output"
}

@test "-s takes no value: -s=2 is an unknown option, exit 2, nothing printed" {
	run vn --statistics=2 link show
	assert_failure 2
	assert_equal "${#lines[@]}" 1
	assert_output --partial 'unknown option "--statistics=2"'
}

# ---- -d: the keys ip prints for every device ---------------------------------

# ip's text with its runs of blanks squeezed and no blank at line ends: the
# words and their order are ip's (ip prints "promiscuity 0  allmulti 0 ").
squeeze() { sed 's/\([^ ]\)  */\1 /g; s/ $//'; }

# Devices of the kinds the host has: lo, a veth pair with its peer in far, a
# tap, and a bridge with a port when the kernel has bridges.
devices() {
	traffic
	ip tuntap add t0 mode tap
	if kernel_has_kind bridge; then
		ip link add name br0 type bridge
		ip link set va master br0
	fi
}

@test "link show -j -d has every top-level key ip -j -d has, for every device" {
	devices
	run vn -j -d link show
	assert_success
	local missing
	missing=$(jq -n --argjson ip "$(ip -j -d link show)" --argjson vn "$output" '
		[$ip[] as $d | ($vn[] | select(.ifindex == $d.ifindex)) as $v |
		 ($d | keys) - ($v | keys) | .[] | "\($d.ifname): \(.)"]')
	assert_equal "$missing" "[]"
}

@test "link show -j -d has ip's keys beside info_data in linkinfo" {
	devices
	run vn -j -d link show
	assert_success
	local missing
	missing=$(jq -n --argjson ip "$(ip -j -d link show)" --argjson vn "$output" '
		[$ip[] | select(.linkinfo) as $d | ($vn[] | select(.ifindex == $d.ifindex)) as $v |
		 ($d.linkinfo | keys) - ($v.linkinfo | keys) | .[] | "\($d.ifname): \(.)"]')
	assert_equal "$missing" "[]"
}

@test "the generic -d values are ip's, with ip's types" {
	devices
	run vn -j -d link show
	assert_success
	local k
	for k in promiscuity allmulti min_mtu max_mtu inet6_addr_gen_mode num_tx_queues \
		num_rx_queues gso_max_size gso_max_segs tso_max_size tso_max_segs gro_max_size; do
		assert_equal "$(jq -c --arg k "$k" '[.[] | {(.ifname): .[$k]}]' <<<"$output")" \
			"$(ip -j -d link show | jq -c --arg k "$k" '[.[] | {(.ifname): .[$k]}]')"
	done
}

# (without a bridge: its own words are the bridge kind's, checked in its tests)
@test "link show -d prints ip's words in ip's order, the queues after the kind's line" {
	traffic
	ip tuntap add t0 mode tap
	run vn -d link show
	assert_success
	assert_output "$(ip -d link show | squeeze)"
	assert_line --regexp '^    veth addrgenmode eui64 numtxqueues [0-9]+ numrxqueues [0-9]+ gso_max_size'
	assert_line --regexp '^    link/loopback .* promiscuity 0 allmulti 0 minmtu 0 maxmtu 0 addrgenmode eui64 numtxqueues 1 '
}

@test "addrgenmode follows the kernel's setting" {
	ip link add name va type veth peer name vb
	ip link set va addrgenmode none
	ip link set vb addrgenmode random
	run vn -j -d link show
	assert_equal "$(jq -r '.[] | select(.ifname == "va") | .inet6_addr_gen_mode' <<<"$output")" none
	assert_equal "$(jq -r '.[] | select(.ifname == "vb") | .inet6_addr_gen_mode' <<<"$output")" random
	assert_equal "$(ip -j -d link show va | jq -r '.[0].inet6_addr_gen_mode')" none
	run vn -d link show vb
	assert_output --partial ' addrgenmode random '
}

@test "a peer in a named namespace is link-netns NAME in text, link_netnsid in JSON" {
	traffic
	run vn link show va
	assert_success
	assert_line --regexp '^    link/ether .* link-netns far$'
	assert_output "$(ip link show va)"
	run vn -j link show va
	assert_equal "$(jq -c '.[0].link_netnsid' <<<"$output")" \
		"$(ip -j link show va | jq -c '.[0].link_netnsid')"
}

@test "a peer in a namespace with no name is link-netnsid N, as ip prints it" {
	unnamed_netns 600
	local pid=$holder
	ip link add name va type veth peer name vb
	ip link set vb netns "$pid"
	run vn link show va
	kill "$pid"
	assert_success
	assert_line --regexp '^    link/ether .* link-netnsid [0-9]+$'
}

@test "alternative names are altname lines after the alias, altnames in JSON" {
	ip link add name va type veth peer name vb
	ip link property add dev va altname uplink-one
	ip link property add dev va altname uplink-two
	ip link set va alias "the uplink"
	run vn link show va
	assert_success
	assert_output "$(ip link show va)"
	assert_line --index 3 '    altname uplink-one'
	run vn -j link show va
	assert_equal "$(jq -c '.[0].altnames' <<<"$output")" '["uplink-one","uplink-two"]'
	assert_equal "$(ip -j link show va | jq -c '.[0].altnames')" '["uplink-one","uplink-two"]'
}

# ---- -o: each record on one line ---------------------------------------------

@test "-o link show prints each device on one line, as ip -o link show does" {
	ip link add name va type veth peer name vb
	ip link set dev va up
	run vn -o link show
	assert_success
	assert_equal "${#lines[@]}" 3
	assert_equal "$output" "$(ip -o link show)"
	assert_line --regexp '^[0-9]+: va@vb: .*\\    link/ether [0-9a-f:]+ brd ff:ff:ff:ff:ff:ff$'
	run vn -oneline link show dev lo
	assert_output "$(ip -oneline link show dev lo)"
}

@test "-o addr show prints each address on one line after its device, as ip -o addr show does" {
	ip link set dev lo up
	ip link add name va type veth peer name vb
	ip addr add 10.0.0.1/24 dev va
	ip addr add 10.0.0.9/24 dev va label va:1
	ip -6 addr add 2001:db8::1/64 dev va nodad
	run vn -o addr show
	assert_success
	assert_equal "$output" "$(ip -o addr show)"
	assert_line --regexp '^[0-9]+: va    inet 10\.0\.0\.9/24 scope global secondary va:1\\       valid_lft forever preferred_lft forever$'
	run vn -o -4 addr show dev va
	assert_output "$(ip -o -4 addr show dev va)"
}

@test "-o leaves JSON and -br as they are" {
	ip link add name va type veth peer name vb
	assert_equal "$(vn -o -j link show | jq -c '[.[].ifname]')" "$(vn -j link show | jq -c '[.[].ifname]')"
	assert_equal "$(vn -o -br link show)" "$(vn -br link show)"
}
