#!/usr/bin/env bats
# vnetctl netconf: each device's IPv4 and IPv6 settings as the kernel tells
# them, compared with iproute2's ip netconf on the same state, and with the
# sysctls themselves (the second witness).
load helpers

setup() {
	clean_netns
	shim_setup
	"$REALIP" link add v0 type veth peer name v1
	echo 2 >/proc/sys/net/ipv4/conf/v0/rp_filter
	echo 1 >/proc/sys/net/ipv6/conf/v0/forwarding
}

@test "show prints every device's settings as ip, text and JSON, each family" {
	local o
	for o in "netconf" "-j netconf" "netconf show" "netconf list" "-4 netconf" "-6 netconf" \
		"-0 netconf" "netconf show dev v0" "-j netconf show dev v0" "-4 netconf show dev v0" \
		"-6 netconf show dev lo" "netconf show dev v9"; do
		# shellcheck disable=SC2086
		same_as_ip $o
	done
}

@test "what show says is what the sysctls hold" {
	run vn netconf show dev v0
	assert_success
	assert_line --regexp '^inet v0 forwarding off rp_filter loose .*$'
	assert_line --regexp '^inet6 v0 forwarding on .*$'
	echo 1 >/proc/sys/net/ipv4/conf/v0/rp_filter
	echo 0 >/proc/sys/net/ipv6/conf/v0/forwarding
	run vn -j netconf show dev v0
	assert_equal "$(jq -r '.[0].rp_filter, .[1].forwarding' <<<"$output")" "strict
false"
	run vn -j netconf
	assert_equal "$(jq -r '[.[] | select(.interface == "all" or .interface == "default") | .family] | join(" ")' <<<"$output")" \
		"inet inet inet6 inet6"
}

@test "a device that does not exist: exit 1 and ip's line, as ip" {
	same_as_ip netconf show dev nosuch
	assert_equal "$status" 1
	assert_output 'Device "nosuch" does not exist.'
	run vn netconf show dev nosuch
	assert_error 1 'nosuch'
}
