#!/usr/bin/env bats
# bridge link show|set with bridge(8)'s words and output (vnetctl's `bridge
# port` under bridge's name): each command line compared with iproute2's own
# bridge on the same state, the kernel's state read back through
# `bridge -j -d link show`.

load helpers

setup() {
	clean_netns
	shim_setup
}

# A port's settings as the kernel holds them, through iproute2.
port() { "$REALBRIDGE" -j -d link show dev "$1" | jq -c ".[0] | {$2}"; }

# br0 up with ports p0 (up, peer q0 up; backup port p1) and p1; br1 with t0.
link_lab() {
	ip link add name br0 type bridge
	veth p0 q0
	veth p1 q1
	ip link set dev p0 master br0
	ip link set dev p1 master br0
	ip link set dev br0 up
	ip link set dev p0 up
	ip link set dev q0 up
	ip link set dev p0 type bridge_slave backup_port p1
	ip link add name br1 type bridge
	veth t0 u0
	ip link set dev t0 master br1
}

@test "bridge link show prints what bridge prints, text, -d, -j and -d -j" {
	link_lab
	same_as_bridge link
	same_as_bridge link show
	assert_line --regexp '^[0-9]+: p0@q0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 $'
	same_as_bridge -d link show
	assert_line --regexp '^    hairpin off guard off .* backup_port p1 isolated off locked off $'
	same_as_bridge -j link show
	same_as_bridge -j -d link show
	assert_equal "$(jq -c '.[] | select(.ifname == "p0") | [.backup_port, .learning, .mcast_router]' <<<"$output")" '["p1",true,1]'
	same_as_bridge link show dev p1
	same_as_bridge -d link show dev t0
	same_as_bridge link show dev q0
	assert_output ""
	same_as_bridge link l
	same_as_bridge -s link show
}

@test "bridge link show of a device that does not exist is bridge's line, exit 255" {
	link_lab
	same_as_bridge link show dev nosuch
	assert_output 'Cannot find device "nosuch"'
	assert_equal "$status" 255
}

@test "bridge link set changes what bridge's set changes, each word" {
	local line
	for line in "cost 5" "priority 3" "state 0" "state disabled" "guard on" "hairpin on" \
		"fastleave on" "root_block on" "learning off" "learning_sync on" "flood off" \
		"mcast_flood off" "bcast_flood off" "mcast_router 2" "mcast_to_unicast on" \
		"neigh_suppress on" "vlan_tunnel on" "isolated on" "locked on" "nobackup_port" \
		"backup_port p1" "cost 7 guard on learning off master" "self guard on" \
		"hwmode vepa" "master hwmode veb" ""; do
		link_lab
		# shellcheck disable=SC2086
		run "$REALBRIDGE" link set dev p1 $line
		local want_status=$status want_output=$output want_state
		want_state=$("$REALBRIDGE" -j -d link show | jq -c 'map(del(.ifindex))')
		clean_netns
		link_lab
		# shellcheck disable=SC2086
		run vbridge link set dev p1 $line
		assert_equal "$line: $status $output" "$line: $want_status $want_output"
		assert_equal "$line: $("$REALBRIDGE" -j -d link show | jq -c 'map(del(.ifindex))')" "$line: $want_state"
		clean_netns
	done
}

@test "bridge link set sets the port, and refuses as bridge refuses" {
	link_lab
	run vbridge l s dev p1 cost 9 guard on backup_port p0
	assert_success
	assert_equal "$(port p1 'cost, guard, backup_port')" '{"cost":9,"guard":true,"backup_port":"p0"}'
	same_as_bridge link set dev q1 cost 5
	assert_output "RTNETLINK answers: Operation not supported"
	assert_equal "$status" 255
	same_as_bridge link set dev p1 state 3
	assert_output "RTNETLINK answers: Network is down"
	same_as_bridge link set dev nosuch cost 1
	assert_output 'Cannot find bridge device "nosuch"'
	same_as_bridge link set cost 5
	assert_output "Device is a required argument."
	assert_equal "$(port p1 'cost, state')" '{"cost":9,"state":"disabled"}'
}

@test "vnetctl bridge port set takes bridge's words: backup_port, self, hwmode" {
	link_lab
	run vn bridge port set p1 backup_port p0
	assert_success
	assert_equal "$(port p1 backup_port)" '{"backup_port":"p0"}'
	run vn bridge port set p1 nobackup_port
	assert_success
	assert_equal "$(port p1 backup_port)" '{"backup_port":null}'
	run vn bridge port set p1 backup_port p0 nobackup_port
	assert_error 2 'cannot be used together$'
	run vn bridge port set p1 master cost 11
	assert_success
	assert_equal "$(port p1 cost)" '{"cost":11}'
	run vn bridge port set p1 hwmode vepa
	assert_error 1 'bridge port p1: Operation not supported'
	run vn bridge port set p1 hwmode bad
	assert_error 2 'invalid hwmode "bad"'
	run vn bridge port show p1 self
	assert_error 2 'self is for set, not show$'
	run vn bridge port
	assert_success
	assert_line --regexp '^p1 master br0 state disabled '
	assert_equal "$(port p1 cost)" '{"cost":11}'
}

# ---- ip -d link show of a bridge and a port -------------------------------------

# The kind's line of `ip -d link show DEV` up to what every link prints
# (addrgenmode ...), its timers (which tick) as T.
kind_line() {
	"$@" | sed -En 's/^    (bridge|bridge_slave) (.*) addrgenmode .*/\1 \2/p' |
		sed -E 's/(_timer) +[0-9.]+/\1 T/g'
}

@test "vnetctl as ip: -d link show prints a bridge and a port in ip's order and words" {
	link_lab
	ip link set dev br0 type bridge mcast_router 2 group_fwd_mask 8
	ip link set dev p1 type bridge_slave group_fwd_mask 16384 proxy_arp on
	local dev
	for dev in br0 p0 p1; do
		assert_equal "$dev: $(kind_line env PATH="$SHIM:$PATH" ip -d link show dev "$dev")" \
			"$dev: $(kind_line /usr/sbin/ip -d link show dev "$dev")"
		assert_equal "$dev: $(PATH="$SHIM:$PATH" ip -j -d link show dev "$dev" | jq -c '.[0].linkinfo | del(.info_data.gc_timer, .info_data.hello_timer, .info_slave_data.forward_delay_timer, .info_slave_data.hold_timer, .info_slave_data.message_age_timer)')" \
			"$dev: $(/usr/sbin/ip -j -d link show dev "$dev" | jq -c '.[0].linkinfo | del(.info_data.gc_timer, .info_data.hello_timer, .info_slave_data.forward_delay_timer, .info_slave_data.hold_timer, .info_slave_data.message_age_timer)')"
	done
	run kind_line /usr/sbin/ip -d link show dev p0
	assert_output --regexp '^bridge_slave state forwarding priority 32 cost 2 .* mcast_router 1 mcast_fast_leave off mcast_flood on .* locked off backup_port p1$'
}
