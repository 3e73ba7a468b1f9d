#!/usr/bin/env bats
# bridge mdb show|add|del with bridge(8)'s grammar and output: each command
# line compared with iproute2's own bridge on the same state, the kernel's
# groups read back through `bridge -j mdb show`.  IPv6 is off in the
# namespace, so that no MLD report adds a group of its own between two runs.

load helpers

setup() {
	clean_netns
	shim_setup
}

# The kernel's groups, sorted, without their timers.
groups() { "$REALBRIDGE" -j mdb show | jq -c '.[0].mdb | map(del(.timer, .index)) | sort_by(.dev, .grp) | .[]'; }

# br0 with port p0, br1 with port p2, all up, router ports p0 and p2, and
# groups: permanent, temporary in a VLAN, with a source, IPv6.
mdb_lab() {
	sysctl -qw net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.all.disable_ipv6=1
	ip link add name br0 type bridge
	ip link add name br1 type bridge
	veth p0 q0
	veth p2 q2
	ip link set dev p0 master br0
	ip link set dev p2 master br1
	local d
	for d in br0 br1 p0 q0 p2 q2; do ip link set dev "$d" up; done
	"$REALBRIDGE" mdb add dev br0 port p0 grp 239.1.1.1 permanent
	"$REALBRIDGE" mdb add dev br1 port p2 grp 239.1.1.2 permanent
	"$REALBRIDGE" mdb add dev br0 port p0 grp 239.1.1.3 vid 5
	"$REALBRIDGE" mdb add dev br0 port p0 grp 239.1.1.4 src 10.0.0.1 permanent
	"$REALBRIDGE" mdb add dev br0 port p0 grp ff0e::1 permanent
	ip link set dev p0 type bridge_slave mcast_router 2
	ip link set dev p2 type bridge_slave mcast_router 2
}

@test "bridge mdb show prints what bridge prints: text, -d, -j, -d -j, dev" {
	mdb_lab
	same_as_bridge mdb
	assert_line "dev br0 port p0 grp 239.1.1.4 src 10.0.0.1 permanent"
	assert_line "dev br0 port p0 grp 239.1.1.3 temp vid 5"
	same_as_bridge mdb show
	same_as_bridge -d mdb show
	assert_line "router ports on br0: p0 "
	assert_line "dev br0 port p0 grp 239.1.1.1 permanent proto static "
	same_as_bridge -j mdb show
	same_as_bridge -j -d mdb show
	assert_equal "$(jq -c '.[0].router' <<<"$output")" '{"br0":[{"port":"p0"}],"br1":[{"port":"p2"}]}'
	same_as_bridge mdb show dev br1
	assert_output "dev br1 port p2 grp 239.1.1.2 permanent"
	same_as_bridge -d mdb show dev br1
	same_as_bridge mdb show dev p0
	same_as_bridge m s
	same_as_bridge mdb show dev nosuch
	assert_output 'Cannot find device "nosuch"'
	assert_equal "$status" 255
}

@test "bridge -s mdb show prints the timers where bridge prints them" {
	mdb_lab
	run vbridge -s mdb show dev br1
	assert_success
	assert_output "dev br1 port p2 grp 239.1.1.2 permanent    0.00"
	run vbridge -s -d -j mdb show dev br1
	assert_equal "$(jq -c '.[0].router' <<<"$output")" '{"br1":[{"port":"p2","timer":"   0.00","type":"permanent"}]}'
}

@test "bridge mdb add and del change the groups as bridge's do" {
	local line
	for line in "add dev br0 port p0 grp 239.1.1.9" "add dev br0 port p0 grp 239.1.1.9 permanent" \
		"add dev br0 port p0 grp 239.1.1.9 temp vid 7" "add dev br0 port p0 grp 239.1.1.9 src 10.9.9.9" \
		"add dev br0 port p0 grp ff0e::9 permanent" "add dev br0 port br0 grp 239.1.1.9" \
		"add dev br0 port br0 grp 239.1.1.9 permanent" "add dev br0 port p0 grp 239.1.1.1 permanent" \
		"add dev br0 port p0 grp 1.2.3.4" "del dev br0 port p0 grp 239.1.1.1" \
		"delete dev br0 port p0 grp 239.1.1.4 src 10.0.0.1" "del dev br0 port p0 grp 239.9.9.9" \
		"add dev br0 port p0" "a dev br1 port p2 grp 239.1.1.9" \
		"add dev br0 port p0 grp 01:00:5e:01:01:01 permanent" \
		"add dev br0 port p0 grp 01:00:5e:01:01:02 vid 5"; do
		mdb_lab
		# shellcheck disable=SC2086
		run "$REALBRIDGE" mdb $line
		local want_status=$status want_output=$output want_state
		want_state=$(groups)
		clean_netns
		mdb_lab
		# shellcheck disable=SC2086
		run vbridge mdb $line
		assert_equal "$line: $status $output" "$line: $want_status $want_output"
		assert_equal "$line: $(groups)" "$line: $want_state"
		clean_netns
	done
}

@test "vnetctl bridge mdb: the group added and deleted, errors in vnetctl's words" {
	mdb_lab
	run vn bridge mdb add dev br0 port p0 grp 239.1.1.8 permanent
	assert_success
	assert_equal "$(groups | jq -r 'select(.grp == "239.1.1.8") | .state')" permanent
	run vn bridge mdb del dev br0 port p0 grp 239.1.1.8
	assert_success
	assert_equal "$(groups | jq -r 'select(.grp == "239.1.1.8") | .state')" ""
	run vn bridge mdb add dev br0 port p0
	assert_error 2 'bridge mdb br0: missing grp$'
	run vn bridge mdb add dev br0 port p0 grp 239.1.1.8 permanent temp
	assert_error 2 'cannot be used together$'
	run vn bridge mdb add dev br0 port p0 grp 239.1.1.8 vid 4095
	assert_error 2 'vid'
	run vn bridge mdb add dev br0 port nosuch grp 239.1.1.8
	assert_error 1 'no device named "nosuch"$'
	run vn bridge mdb show dev br1
	assert_success
	assert_output "dev br1 port p2 grp 239.1.1.2 permanent"
}

@test "vnetctl bridge mdb add and del take an L2 group, a MAC address" {
	mdb_lab
	run vn bridge mdb add dev br0 port p0 grp 01:00:5e:01:01:01 permanent
	assert_success
	assert_output ""
	assert_equal "$(groups | jq -c 'select(.grp == "01:00:5e:01:01:01") | [.port, .state]')" \
		'["p0","permanent"]'
	run vn -j bridge mdb show dev br0
	assert_success
	assert_equal "$(jq -c '.[0].mdb[] | select(.grp == "01:00:5e:01:01:01") | .state' <<<"$output")" \
		'"permanent"'
	run vn bridge mdb del dev br0 port p0 grp 01:00:5e:01:01:01
	assert_success
	assert_equal "$(groups | jq -c 'select(.grp == "01:00:5e:01:01:01")')" ""
	local before
	before=$(groups)
	run vn bridge mdb add dev br0 port p0 grp 01:00:5e:01:01:0g permanent
	assert_error 2 'bridge mdb: add: invalid address "01:00:5e:01:01:0g"'
	run vn bridge mdb add dev br0 port p0 grp 01:00:5e:01:01 permanent
	assert_error 2 'invalid address'
	assert_equal "$(groups)" "$before"
}
