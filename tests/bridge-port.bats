#!/usr/bin/env bats
# A bridge port's settings in iproute2's words: `vnetctl link set DEV type
# bridge_slave ...` and its other spelling `vnetctl bridge port set|show`,
# and a port's details under `vnetctl -d link show`; checked through
# `ip -j -d link show` (info_slave_data) and `bridge -j -d link show`.
#
# iproute2 6.1 reads a bare "a" as "address": devices are made with "name".

load helpers

# A port's setting as ip -j -d gives it.
port() { ip -j -d link show dev "$1" | jq -r ".[0].linkinfo.info_slave_data.$2"; }
# The words every port has, on and off.
onoff_words="hairpin guard root_block fastleave learning flood proxy_arp proxy_arp_wifi mcast_flood bcast_flood mcast_to_unicast neigh_suppress vlan_tunnel isolated locked"

# ---- link set DEV type bridge_slave ------------------------------------------

@test "link set type bridge_slave changes a port's settings" {
	lab
	local before
	before=$(ip -j -d link show dev p1 | jq -c '.[0].linkinfo.info_slave_data')
	run vn link set p0 type bridge_slave learning off flood off hairpin on cost 100 priority 9 isolated on
	assert_success
	assert_output ""
	assert_equal "$(port p0 learning) $(port p0 flood) $(port p0 hairpin)" "false false true"
	assert_equal "$(port p0 cost) $(port p0 priority) $(port p0 isolated)" "100 9 true"
	# the other port is untouched
	assert_equal "$(ip -j -d link show dev p1 | jq -c '.[0].linkinfo.info_slave_data')" "$before"
}

@test "each on/off word of a port turns its setting on and off" {
	lab
	local w
	for w in $onoff_words; do
		run vn link set p0 type bridge_slave "$w" on
		assert_success
		assert_equal "$w=$(port p0 "$w")" "$w=true"
		run vn link set p0 type bridge_slave "$w" off
		assert_success
		assert_equal "$w=$(port p0 "$w")" "$w=false"
	done
}

@test "mcast_fast_leave is fastleave, as ip spells it too" {
	lab
	run vn link set p0 type bridge_slave mcast_fast_leave on
	assert_success
	assert_equal "$(port p0 fastleave)" true
}

@test "mcast_router sets a port's multicast router mode" {
	lab
	run vn link set p0 type bridge_slave mcast_router 2
	assert_success
	assert_equal "$(port p0 multicast_router)" 2
}

@test "state sets a port's STP state by its name" {
	lab
	ip link set dev p0 up
	ip link set dev q0 up
	run vn link set p0 type bridge_slave state learning
	assert_success
	assert_equal "$(port p0 state)" learning
	assert_equal "$(bridge -j link show dev p0 | jq -r '.[0].state')" learning
}

@test "link set type bridge_slave goes with the other changes, in one request" {
	lab
	run vn -N link set p0 mtu 1400 type bridge_slave cost 7
	assert_success
	assert_equal "$(grep -c '^RTM_NEWLINK' <<<"$output")" 1
	assert_line --partial 'IFLA_INFO_SLAVE_KIND "bridge"'
	assert_line --partial 'IFLA_BRPORT_COST 7'
	assert_line --partial 'IFLA_MTU 1400'
	assert_equal "$(port p0 cost)" 2
	run vn link set p0 mtu 1400 type bridge_slave cost 7
	assert_success
	assert_equal "$(ip -j link show dev p0 | jq -r '.[0].mtu') $(port p0 cost)" "1400 7"
}

@test "fdb_flush forgets the addresses learned on the port" {
	lab
	# one frame from q0, learned through p0, and no traffic after it (no
	# IPv6 chatter, no ARP) that the bridge would learn again
	sysctl -qw net.ipv6.conf.q0.disable_ipv6=1
	ip link set dev p0 up
	ip link set dev q0 up
	ip addr add 192.0.2.2/24 dev q0
	ip neigh add 192.0.2.9 lladdr 02:00:00:00:00:09 dev q0
	ping -c 1 -W 1 -I q0 192.0.2.9 >/dev/null 2>&1 || true
	local mac
	mac=$(cat /sys/class/net/q0/address)
	bridge fdb show br br0 | grep -q "^$mac dev p0 master br0 *$" || skip "the bridge learned nothing"
	run vn link set p0 type bridge_slave fdb_flush
	assert_success
	run bridge fdb show br br0
	refute_output --partial "$mac dev p0"
}

# ---- bridge port set|show --------------------------------------------------------

@test "bridge port set changes a port's settings" {
	lab
	run vn bridge port set p0 learning off cost 50 guard on
	assert_success
	assert_equal "$(port p0 learning) $(port p0 cost) $(port p0 guard)" "false 50 true"
}

@test "bridge port set and link set type bridge_slave send the same request" {
	lab
	run vn -N bridge port set p0 learning off cost 50 state disabled
	assert_success
	local mine=$output
	run vn -N link set p0 type bridge_slave learning off cost 50 state disabled
	assert_equal "$mine" "$output"
	assert_equal "$(port p0 learning) $(port p0 cost)" "true 2"
}

@test "bridge port show lists every port with its bridge and settings" {
	lab
	ip link add name br1 type bridge
	veth p2 q2
	ip link set dev p2 master br1
	ip link set dev p1 type bridge_slave learning off cost 9
	run vn bridge port show
	assert_success
	assert_equal "${#lines[@]}" 3
	assert_line --regexp '^p0 master br0 state disabled priority 32 cost [0-9]+ hairpin off guard off root_block off fastleave off learning on flood on '
	assert_line --regexp '^p1 master br0 state disabled priority 32 cost 9 .* learning off '
	assert_line --regexp '^p2 master br1 state '
}

@test "bridge port show PORT shows that port only" {
	lab
	run vn bridge port show p1
	assert_success
	assert_equal "${#lines[@]}" 1
	assert_line --index 0 --regexp '^p1 master br0 state disabled '
}

@test "bridge port show -j gives bridge -j -d link show's keys and values" {
	lab
	ip link set dev p0 type bridge_slave hairpin on cost 33 mcast_router 2 isolated on
	run vn -j bridge port show p0
	assert_success
	local theirs k n=0
	theirs=$(bridge -j -d link show dev p0 | jq '.[0]')
	assert_equal "$(jq -r '.[0].ifname + " " + .[0].master' <<<"$output")" "p0 br0"
	for k in state priority cost hairpin guard root_block fastleave learning flood mcast_flood \
		bcast_flood mcast_to_unicast neigh_suppress vlan_tunnel isolated locked proxy_arp proxy_arp_wifi; do
		# each key the kernel and iproute2 both give
		[ "$(jq "has(\"$k\")" <<<"$theirs")" = true ] || continue
		assert_equal "$k=$(jq -c ".[0].$k" <<<"$output")" "$k=$(jq -c ".$k" <<<"$theirs")"
		n=$((n + 1))
	done
	[ "$n" -ge 14 ] || fail "only $n settings compared"
	# ip -j -d link show calls it multicast_router, bridge -j mcast_router
	assert_equal "$(jq -r '.[0].multicast_router' <<<"$output")" "$(jq -r '.mcast_router' <<<"$theirs")"
}

@test "bridge port show -j with no ports prints an empty array" {
	ip link add name br0 type bridge
	run vn -j bridge port show
	assert_success
	assert_output "[]"
}

# ---- link show -d ----------------------------------------------------------------

@test "link show -d prints a port's settings as link set type bridge_slave takes them" {
	lab
	ip link set dev p0 type bridge_slave learning off hairpin on cost 77 priority 5 mcast_router 0 neigh_suppress on
	run vn -d link show p0
	assert_success
	assert_line --regexp '^    bridge_slave state disabled priority 5 cost 77 hairpin on guard off root_block off fastleave off learning off flood on '
	# the words read back: p1 given them has p0's settings (a state is set
	# only on a port that is up); what the port reports is among them, in
	# ip's order (and fast leave twice): taken out
	ip link set dev p1 up
	local words
	words=$(sed -En 's/^    bridge_slave (.*) addrgenmode .*$/\1/p' <<<"$output" |
		sed -E 's/ (port_id|port_no|designated_port|designated_cost|designated_bridge|designated_root|hold_timer|message_age_timer|forward_delay_timer|topology_change_ack|config_pending|group_fwd_mask|group_fwd_mask_str|mcast_fast_leave) +[^ ]+//g')
	[ -n "$words" ] || fail "no settings: $output"
	run vn link set p1 type bridge_slave $words
	assert_success
	local k
	for k in state priority cost hairpin learning multicast_router neigh_suppress isolated; do
		assert_equal "$k=$(port p1 "$k")" "$k=$(port p0 "$k")"
	done
}

@test "link show -d -j gives a port's settings with ip -j -d's keys and values" {
	lab
	ip link set dev p0 type bridge_slave flood off guard on
	run vn -j -d link show p0
	assert_success
	assert_equal "$(jq -r '.[0].linkinfo.info_slave_kind' <<<"$output")" bridge
	local k n=0
	for k in $(jq -r '.[0].linkinfo.info_slave_data | keys[]' <<<"$output"); do
		assert_equal "$k=$(jq -c ".[0].linkinfo.info_slave_data.$k" <<<"$output")" "$k=$(ip -j -d link show dev p0 | jq -c ".[0].linkinfo.info_slave_data.$k")"
		n=$((n + 1))
	done
	[ "$n" -ge 15 ] || fail "only $n settings compared"
}

# ---- bad input: exit 2, one line, nothing sent -----------------------------------

@test "an on/off word with another value is a usage error and changes nothing" {
	lab
	run vn link set p0 type bridge_slave learning off flood maybe
	assert_error 2 'link set p0: invalid flood "maybe" \(expected on\|off\)$'
	assert_equal "$(port p0 learning) $(port p0 flood)" "true true"
}

@test "a port's cost, priority and mcast_router out of range are usage errors" {
	lab
	run vn link set p0 type bridge_slave cost 0
	assert_error 2 'link set p0: cost 0 is out of range \(1\.\.65535\)$'
	run vn bridge port set p0 priority 64
	assert_error 2 'bridge port p0: priority 64 is out of range \(0\.\.63\)$'
	run vn link set p0 type bridge_slave mcast_router 4
	assert_error 2 'link set p0: mcast_router 4 is out of range \(0\.\.3\)$'
	assert_equal "$(port p0 priority) $(port p0 multicast_router)" "32 1"
}

@test "a state that is not an STP state is a usage error" {
	lab
	run vn link set p0 type bridge_slave state up
	assert_error 2 'link set p0: invalid state "up" \(expected disabled\|listening\|learning\|forwarding\|blocking\|0\.\.4\)$'
	assert_equal "$(port p0 state)" disabled
}

@test "an unknown port word is a usage error that suggests the closest one" {
	lab
	run vn link set p0 type bridge_slave lerning off
	assert_error 2 'link set p0: unknown keyword "lerning" \(did you mean "learning"\?\)$'
}

@test "type bridge_slave with no setting is a usage error" {
	lab
	run vn link set p0 mtu 1400 type bridge_slave
	assert_error 2 'link set p0: nothing to change after bridge_slave$'
	assert_equal "$(ip -j link show dev p0 | jq -r '.[0].mtu')" 1500
}

@test "link set type takes a port kind or the device's own kind, nothing else" {
	lab
	run vn link set p0 type bond_slave queue_id 1
	assert_error 2 'link set p0: unknown kind "bond_slave" \(a kind link add makes, or a port kind: bridge_slave\)$'
	# the device's own kind changes its settings, as ip link set ... type bridge
	run vn link set br0 type bridge stp_state 1
	assert_success
	assert_equal "$(cat /sys/class/net/br0/bridge/stp_state)" 1
}

@test "bridge port set with nothing to change, or no port, is a usage error" {
	lab
	run vn bridge port set p0
	assert_error 2 'bridge port p0: nothing to change'
	run vn bridge port set
	assert_error 2 'bridge port: missing PORT$'
	run vn bridge port show p0 learning off
	assert_error 2 'bridge port p0: learning is for set, not show$'
	assert_equal "$(port p0 learning)" true
	run vn bridge port p0
	assert_error 2 'bridge port: invalid COMMAND "p0" \(expected set\|show\|list\)$'
}

# ---- refusals: exit 1, nothing changed -----------------------------------------

@test "link set type bridge_slave of a device that is no port fails and changes nothing" {
	lab
	run vn link set q0 mtu 1400 type bridge_slave learning off
	assert_error 1 'link set q0: not a bridge port \(it has no master\)$'
	assert_equal "$(ip -j link show dev q0 | jq -r '.[0].mtu')" 1500
	run vn bridge port set q0 learning off
	assert_error 1 'bridge port q0: not a bridge port \(it has no master\)$'
	run vn bridge port show q0
	assert_error 1 'bridge port q0: not a bridge port \(it has no master\)$'
}

@test "a port of a bond is not a bridge port" {
	require_kind bond
	ip link add name bd0 type bond
	veth p0 q0
	ip link set dev p0 master bd0
	run vn link set p0 type bridge_slave learning off
	assert_error 1 'link set p0: not a bridge port \(its master is a bond\)$'
	run vn bridge port show p0
	assert_error 1 'bridge port p0: not a bridge port \(its master is not a bridge\)$'
}

@test "a missing device is an error with exit 1" {
	run vn link set nosuch type bridge_slave learning off
	assert_error 1 'link set nosuch: no device named "nosuch"$'
	run vn bridge port show nosuch
	assert_error 1 'bridge port nosuch: no device named "nosuch"$'
}

@test "a port's state with STP on is refused, saying why" {
	lab
	ip link set dev br0 type bridge stp_state 1
	run vn bridge port set p0 state learning
	assert_error 1 'bridge port p0: Device or resource busy \(STP is on: it sets the ports. states itself\)$'
}

@test "a port's state on a port that is down is refused, saying why" {
	lab
	run vn bridge port set p0 state learning
	assert_error 1 'bridge port p0: Network is down \(a state is set only while the bridge is up'
	assert_equal "$(port p0 state)" disabled
}

# ---- completion, batch -------------------------------------------------------------

@test "completion offers a port's words after type bridge_slave and bridge port set" {
	lab
	run vn __complete link set p0 type bridge_slave ""
	assert_line learning
	assert_line fdb_flush
	assert_line state
	run vn __complete link set p0 type bridge_slave state ""
	assert_line forwarding
	run vn __complete bridge port set p0 ""
	assert_line learning
	run vn __complete bridge port ""
	assert_line set
	assert_line show
}

@test "a batch changes ports line by line" {
	lab
	cat >"$BATS_TEST_TMPDIR/ports" <<-EOF
		link set p0 type bridge_slave learning off
		bridge port set p1 cost 44
		bridge port show
	EOF
	run vn --force -b "$BATS_TEST_TMPDIR/ports"
	assert_success
	assert_equal "$(port p0 learning) $(port p1 cost)" "false 44"
	assert_line --regexp '^p1 master br0 .* cost 44 '
}
