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
	assert_output "$(ip -s link show va | sed 's/link-netns far/link-netnsid 0/')"
	# the ping went through: the counters are not all zero
	[ "$(ip -j -s link show va | jq '.[0].stats64.tx.packets')" -ge 3 ]
	assert_line --regexp '^    RX:  bytes packets errors dropped  missed   mcast +$'
	assert_line --regexp '^    TX:  bytes packets errors dropped carrier collsns +$'
}

@test "link show -s -s adds the error details as ip -s -s does" {
	traffic
	run vn -s -s link show va
	assert_success
	assert_output "$(ip -s -s link show va | sed 's/link-netns far/link-netnsid 0/')"
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
	assert_output "$(ip -s link show | sed 's/link-netns far/link-netnsid 0/')"
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
