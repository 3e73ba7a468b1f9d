#!/usr/bin/env bats
# vnetctl bridge vlan add|del|show: the VLANs of a VLAN-filtering bridge's
# ports, checked through iproute2's `bridge -j vlan show`.  This machine's
# kernel may lack bridge VLAN filtering: those tests skip here and run in
# the VM suite; the command line's mistakes are caught before anything is
# sent, on any kernel.
#
# iproute2 6.1 reads a bare "a" as "address": devices are made with "name".

load helpers

# A device's VLANs, as "vid:flag,flag" words, from iproute2.
vlans_of() {
	bridge -j vlan show | jq -r --arg d "$1" \
		'[.[] | select(.ifname == $d) | .vlans[] | "\(.vlan):\((.flags // []) | join(","))"] | join(" ")'
}

# ---- add, del ----------------------------------------------------------------

@test "bridge vlan add makes a port a member of a VLAN" {
	require_vlan_filtering
	lab vlans
	run vn bridge vlan add dev p0 vid 10
	assert_success
	assert_output ""
	assert_equal "$(vlans_of p0)" "1:PVID,Egress Untagged 10:"
	assert_equal "$(vlans_of p1)" "1:PVID,Egress Untagged"
}

@test "bridge vlan add takes a range of VLANs, untagged" {
	require_vlan_filtering
	lab vlans
	run vn bridge vlan add dev p0 vid 20-22 untagged
	assert_success
	assert_equal "$(vlans_of p0)" "1:PVID,Egress Untagged 20:Egress Untagged 21:Egress Untagged 22:Egress Untagged"
}

@test "bridge vlan add pvid makes the VLAN the port's untagged one" {
	require_vlan_filtering
	lab vlans
	run vn bridge vlan add dev p0 vid 30 pvid untagged
	assert_success
	assert_equal "$(vlans_of p0)" "1:Egress Untagged 30:PVID,Egress Untagged"
}

@test "bridge vlan add self gives the bridge device its own VLANs" {
	require_vlan_filtering
	lab vlans
	run vn bridge vlan add dev br0 vid 40 self
	assert_success
	assert_equal "$(vlans_of br0)" "1:PVID,Egress Untagged 40:"
	# master is the default for a port, and may be said
	run vn bridge vlan add dev p1 vid 41 master
	assert_success
	assert_equal "$(vlans_of p1)" "1:PVID,Egress Untagged 41:"
}

@test "bridge vlan del takes a port out of a VLAN, or of a range" {
	require_vlan_filtering
	lab vlans
	bridge vlan add dev p0 vid 10
	bridge vlan add dev p0 vid 20-22
	run vn bridge vlan del dev p0 vid 10
	assert_success
	run vn bridge vlan del dev p0 vid 20-22
	assert_success
	assert_equal "$(vlans_of p0)" "1:PVID,Egress Untagged"
}

# The kernel deletes what there is of the VLANs named and says nothing of
# the others, as with iproute2's bridge vlan del.
@test "deleting a VLAN the port is not in changes nothing" {
	require_vlan_filtering
	lab vlans
	run vn bridge vlan del dev p0 vid 99
	assert_success
	assert_equal "$(vlans_of p0)" "1:PVID,Egress Untagged"
}

@test "bridge vlan add sends one request, the range as its two ends (dry run)" {
	lab vlans
	run vn -N bridge vlan add dev p0 vid 10-12 untagged
	assert_success
	assert_equal "$(grep -c '^RTM_SETLINK' <<<"$output")" 1
	assert_line --partial "ifinfomsg family bridge index $(cat /sys/class/net/p0/ifindex) "
	assert_equal "$(grep -c 'IFLA_BRIDGE_VLAN_INFO' <<<"$output")" 2
	run vn -N bridge vlan del dev br0 vid 5 self
	assert_success
	assert_line 'RTM_DELLINK flags REQUEST|ACK'
	assert_line --partial 'IFLA_BRIDGE_FLAGS 2' # BRIDGE_FLAGS_SELF
	refute_output --partial "vlan-id"
}

@test "the man page's VLAN example gives each port the VLANs it says" {
	require_vlan_filtering
	veth vred q0
	veth vblue q1
	run vn link add br0 type bridge vlan_filtering 1 vlan_default_pvid 0
	assert_success
	vn bridge addif br0 vred vblue
	vn bridge vlan add dev vred vid 10 pvid untagged
	vn bridge vlan add dev vblue vid 10-20
	run vn bridge vlan add dev br0 vid 10 pvid untagged self
	assert_success
	assert_equal "$(vlans_of vred)" "10:PVID,Egress Untagged"
	assert_equal "$(vlans_of vblue)" "$(seq -f '%g:' -s ' ' 10 20)"
	assert_equal "$(vlans_of br0)" "10:PVID,Egress Untagged"
}

# ---- show --------------------------------------------------------------------

@test "bridge vlan show prints what bridge vlan show prints" {
	require_vlan_filtering
	lab vlans
	bridge vlan add dev p0 vid 10
	bridge vlan add dev p0 vid 20-21 untagged
	bridge vlan add dev br0 vid 30 self
	bridge vlan del dev p1 vid 1
	run vn bridge vlan show
	assert_success
	assert_line --index 0 "port              vlan-id"
	assert_line --index 1 "br0               1 PVID Egress Untagged"
	assert_line --index 2 "                  30"
	assert_equal "$output" "$(bridge vlan show | sed 's/ *$//')"
}

@test "bridge vlan show -j gives what bridge -j vlan show gives" {
	require_vlan_filtering
	lab vlans
	bridge vlan add dev p0 vid 10
	bridge vlan add dev p1 vid 20-21 untagged
	run vn -j bridge vlan show
	assert_success
	assert_equal "$(jq -S . <<<"$output")" "$(bridge -j vlan show | jq -S .)"
	assert_equal "$(jq -c '.[] | select(.ifname == "p0") | .vlans' <<<"$output")" \
		'[{"vlan":1,"flags":["PVID","Egress Untagged"]},{"vlan":10}]'
}

@test "bridge vlan show dev and vid show only that device and those VLANs" {
	require_vlan_filtering
	lab vlans
	bridge vlan add dev p0 vid 10
	bridge vlan add dev p1 vid 10-12
	run vn -j bridge vlan show dev p1
	assert_success
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" p1
	run vn -j bridge vlan show vid 10
	assert_equal "$(jq -c '[.[] | {ifname, v: [.vlans[].vlan]}]' <<<"$output")" \
		'[{"ifname":"p0","v":[10]},{"ifname":"p1","v":[10]}]'
	run vn -j bridge vlan show dev p1 vid 11-12
	assert_equal "$(jq -c '[.[].vlans[].vlan]' <<<"$output")" '[11,12]'
}

@test "bridge vlan show with no VLANs prints the header alone, or an empty array" {
	veth p0 q0
	run vn bridge vlan show
	assert_success
	assert_output "port              vlan-id"
	run vn -j bridge vlan show
	assert_output "[]"
}

# ---- bad input: exit 2, one line, nothing sent --------------------------------

@test "a VLAN outside 1..4094 is a usage error" {
	lab vlans
	local before
	before=$(bridge -j vlan show)
	run vn bridge vlan add dev p0 vid 0
	assert_error 2 'bridge vlan p0: vid 0 is out of range \(1\.\.4094\)$'
	run vn bridge vlan add dev p0 vid 4095
	assert_error 2 'bridge vlan p0: vid 4095 is out of range \(1\.\.4094\)$'
	run vn bridge vlan add dev p0 vid 10-4095
	assert_error 2 'bridge vlan p0: vid 10-4095 is out of range \(1\.\.4094\)$'
	assert_equal "$(bridge -j vlan show)" "$before"
}

@test "a vid that is not a number or a range N-M is a usage error" {
	lab vlans
	run vn bridge vlan add dev p0 vid ten
	assert_error 2 'bridge vlan p0: invalid vid "ten": not a number or a range N-M$'
	run vn bridge vlan add dev p0 vid 10-
	assert_error 2 'invalid vid "10-": not a number or a range N-M$'
	run vn bridge vlan add dev p0 vid 20-10
	assert_error 2 'bridge vlan p0: invalid vid "20-10": the range.s first number is above its last$'
}

@test "pvid takes one VLAN, not a range" {
	lab vlans
	run vn bridge vlan add dev p0 vid 10-12 pvid
	assert_error 2 'bridge vlan p0: pvid takes one VLAN, not a range$'
}

@test "add and del need a device and a VLAN" {
	lab vlans
	run vn bridge vlan add vid 10
	assert_error 2 'bridge vlan: missing dev$'
	run vn bridge vlan del dev p0
	assert_error 2 'bridge vlan p0: missing vid$'
}

@test "pvid and untagged are for add, and show takes no flags" {
	lab vlans
	run vn bridge vlan del dev p0 vid 10 untagged
	assert_error 2 'bridge vlan p0: untagged is for add, not del$'
	run vn bridge vlan show pvid
	assert_error 2 'bridge vlan: pvid is for add and del, not show$'
	run vn bridge vlan show dev p0 self
	assert_error 2 'bridge vlan p0: self is for add and del, not show$'
}

@test "master and self cannot be given together" {
	lab vlans
	run vn bridge vlan add dev p0 vid 10 master self
	assert_error 2 'bridge vlan p0: self and master cannot be used together$'
}

@test "bridge vlan with an unknown command is a usage error" {
	run vn bridge vlan list
	assert_error 2 'bridge vlan: invalid COMMAND "list" \(expected add\|del\|show\|tunnelshow\|set\)$'
}

# ---- refusals: exit 1 --------------------------------------------------------

@test "a bridge's own VLANs need self" {
	lab vlans
	run vn bridge vlan add dev br0 vid 10
	assert_error 1 'bridge vlan br0: a bridge.s own VLANs take self$'
}

@test "a device that is not a bridge port has no VLANs to add" {
	lab vlans
	run vn bridge vlan add dev q0 vid 10
	assert_error 1 'bridge vlan q0: not a bridge port \(make it one: bridge addif BRIDGE q0\)$'
	run vn bridge vlan add dev nosuch vid 10
	assert_error 1 'bridge vlan nosuch: no device named "nosuch"$'
	run vn bridge vlan show dev nosuch
	assert_error 1 'bridge vlan nosuch: no device named "nosuch"$'
}

@test "bridge vlan add on a kernel without VLAN filtering fails with exit 1 and says why" {
	has_vlan_filtering && skip "this kernel has bridge VLAN filtering"
	lab vlans
	run vn bridge vlan add dev p0 vid 10
	assert_error 1 'bridge vlan p0: Operation not supported \(this kernel has no bridge VLAN filtering: CONFIG_BRIDGE_VLAN_FILTERING is off\)$'
}

# ---- completion ----------------------------------------------------------------

@test "completion offers vlan's commands and words" {
	run vn __complete bridge vlan ""
	assert_line add
	assert_line del
	assert_line show
	assert_line tunnelshow
	run vn __complete bridge vlan add dev p0 ""
	assert_line vid
	assert_line pvid
	assert_line untagged
}

# ---- under bridge's name ---------------------------------------------------------

bridge_shim() {
	shim_setup
}

# The same command line given to iproute2's bridge and to vnetctl as bridge.
same_as_bridge() {
	run /usr/sbin/bridge "$@"
	local want_status=$status want_output=$output
	run env PATH="$SHIM:$PATH" bridge "$@"
	assert_equal "$status" "$want_status"
	assert_equal "$output" "$want_output"
}

@test "bridge vlan alone is show, its header padded as bridge pads it" {
	bridge_shim
	ip link add name br0 type bridge
	same_as_bridge vlan
	assert_line --index 0 "port              vlan-id  "
	same_as_bridge vlan show
	same_as_bridge -j vlan show
	run vn bridge vlan
	assert_success
	assert_line --index 0 "port              vlan-id"
}

@test "bridge vlan show under bridge's name prints what bridge prints" {
	require_vlan_filtering
	bridge_shim
	lab vlans
	ip link set dev br0 up
	ip link set dev p0 up
	bridge vlan add dev p0 vid 10
	bridge vlan add dev p0 vid 20-22 untagged
	bridge vlan add dev br0 vid 30 self
	bridge vlan add dev p1 vid 40 pvid
	same_as_bridge vlan
	assert_line "                  20 Egress Untagged"
	same_as_bridge vlan show
	same_as_bridge -j vlan show
	same_as_bridge vlan show dev p0
	same_as_bridge vlan show vid 21
	# adding a VLAN the port has changes nothing: both succeed
	same_as_bridge vlan add dev p1 vid 50 untagged
	assert_equal "$(vlans_of p1)" "1:Egress Untagged 40:PVID 50:Egress Untagged"
	run env PATH="$SHIM:$PATH" bridge vlan del dev p1 vid 50
	assert_success
	assert_equal "$(vlans_of p1)" "1:Egress Untagged 40:PVID"
}

# ---- tunnelshow ------------------------------------------------------------------

# br0, VLAN filtering, with vxlan ports vx0 and vx1 (external, vlan_tunnel
# on) whose VLANs map to tunnel ids: one, two ranges, one more; and VLANs
# with no tunnel yet (vx0's 50 and 60-62, vx1's 2000-2001).  The kernel maps
# only a VLAN the port has (EINVAL otherwise).
tunnel_lab() {
	ip link add name br0 type bridge vlan_filtering 1
	ip link add name vx0 type vxlan dstport 4789 external
	ip link add name vx1 type vxlan dstport 4790 external
	local d vids
	for d in vx0 vx1; do
		ip link set dev "$d" master br0
		ip link set dev "$d" type bridge_slave vlan_tunnel on
	done
	for vids in "vx0 10" "vx0 20-30" "vx0 40" "vx0 50" "vx0 60-62" "vx1 1000-1010" "vx1 2000-2001"; do
		/usr/sbin/bridge vlan add dev "${vids% *}" vid "${vids#* }"
	done
	/usr/sbin/bridge vlan add dev vx0 vid 10 tunnel_info id 1000
	/usr/sbin/bridge vlan add dev vx0 vid 20-30 tunnel_info id 2000-2010
	/usr/sbin/bridge vlan add dev vx0 vid 40 tunnel_info id 4000
	/usr/sbin/bridge vlan add dev vx1 vid 1000-1010 tunnel_info id 123456-123466
}

@test "bridge vlan tunnelshow under bridge's name prints what bridge prints" {
	require_vlan_filtering
	bridge_shim
	tunnel_lab
	same_as_bridge vlan tunnelshow
	assert_line --index 0 "port              vlan-id    tunnel-id"
	same_as_bridge -j vlan tunnelshow
	same_as_bridge vlan tunnelshow dev vx0
	same_as_bridge vlan tunnelshow vid 25
	same_as_bridge vlan tunnelshow vid 40
	same_as_bridge -j vlan tunnelshow vid 20
	same_as_bridge vlan t
}

@test "vnetctl bridge vlan tunnelshow: each port's tunnel ids, and -j as bridge -j" {
	require_vlan_filtering
	tunnel_lab
	run vn bridge vlan tunnelshow
	assert_success
	assert_equal "$output" "$(/usr/sbin/bridge vlan tunnelshow)"
	run vn -j bridge vlan tunnelshow dev vx1
	assert_success
	assert_equal "$output" "$(/usr/sbin/bridge -j vlan tunnelshow dev vx1)"
}

@test "bridge vlan tunnelshow with no tunnels prints the header alone, or an empty array" {
	bridge_shim
	lab
	same_as_bridge vlan tunnelshow
	assert_output "port              vlan-id    tunnel-id"
	same_as_bridge -j vlan tunnelshow
	same_as_bridge vlan tunnelshow dev nosuch
	run vn bridge vlan tunnelshow
	assert_success
	assert_output "port              vlan-id    tunnel-id"
	run vn -j bridge vlan tunnelshow
	assert_success
	assert_output "[]"
}

@test "vnetctl bridge vlan tunnelshow: a bad word is a usage error, a missing device exit 1" {
	lab
	run vn bridge vlan tunnelshow pvid
	assert_error 2 'bridge vlan: pvid is for add and del, not tunnelshow$'
	run vn bridge vlan tunnelshow vid 5000
	assert_error 2 'bridge vlan: vid 5000 is out of range'
	run vn bridge vlan tunnelshow dev nosuch
	assert_error 1 'bridge vlan nosuch: no device named "nosuch"$'
}

# ---- tunnel_info -----------------------------------------------------------------

@test "bridge vlan add|del tunnel_info maps VLANs to tunnel ids as bridge's does" {
	require_vlan_filtering
	bridge_shim
	local line want_status want_output want_state
	for line in "add dev vx0 vid 50 tunnel_info id 5000" \
		"add dev vx0 vid 60-62 tunnel_info id 6000-6002" \
		"del dev vx0 vid 10 tunnel_info id 1000" "add dev br0 vid 70 tunnel_info id 7000"; do
		tunnel_lab
		# shellcheck disable=SC2086
		run /usr/sbin/bridge vlan $line
		want_status=$status want_output=$output
		want_state=$(/usr/sbin/bridge -j vlan tunnelshow)
		clean_netns
		tunnel_lab
		# shellcheck disable=SC2086
		run env PATH="$SHIM:$PATH" bridge vlan $line
		assert_equal "$line: $status $output" "$line: $want_status $want_output"
		assert_equal "$line: $(/usr/sbin/bridge -j vlan tunnelshow)" "$line: $want_state"
		clean_netns
	done
}

@test "vnetctl bridge vlan add tunnel_info: the mapping, through bridge -j vlan tunnelshow" {
	require_vlan_filtering
	tunnel_lab
	run vn bridge vlan add dev vx1 vid 2000-2001 tunnel_info id 77-78
	assert_success
	assert_equal "$(/usr/sbin/bridge -j vlan tunnelshow dev vx1 | jq -c '.[0].tunnels[-1]')" \
		'{"vlan":2000,"vlanEnd":2001,"tunid":77,"tunidEnd":78}'
	run vn bridge vlan del dev vx1 vid 2000-2001 tunnel_info 77-78
	assert_success
	assert_equal "$(/usr/sbin/bridge -j vlan tunnelshow dev vx1 | jq -c '.[0].tunnels[-1].vlan')" 1000
}

@test "vnetctl bridge vlan tunnel_info: bad input is exit 2, one line, nothing sent" {
	lab
	run vn bridge vlan add dev p0 vid 10-12 tunnel_info id 1000
	assert_error 2 'bridge vlan p0: tunnel_info 1000 maps 3 VLANs to 1 tunnel ids: give as many of each$'
	run vn bridge vlan add dev p0 vid 10 tunnel_info id 1000 pvid
	assert_error 2 'cannot be used together$'
	run vn bridge vlan add dev p0 vid 10 tunnel_info id 1000 untagged
	assert_error 2 'cannot be used together$'
	run vn bridge vlan add dev p0 vid 10 tunnel_info id 16777216
	assert_error 2 'tunnel_info 16777216 is out of range'
	run vn bridge vlan add dev p0 vid 10 tunnel_info id x
	assert_error 2 'invalid tunnel_info "x"'
	run vn bridge vlan show tunnel_info 5
	assert_error 2 'bridge vlan: tunnel_info is for add and del, not show$'
	run vn -N bridge vlan add dev p0 vid 10-11 tunnel_info id 1000-1001
	assert_success
	assert_line --partial "IFLA_AF_SPEC"
}

# ---- set -------------------------------------------------------------------------

# Each port's VLANs with their options (bridge -d's dump), or without them
# where the kernel has no VLAN filtering (the dump is refused there).
vlan_state() { /usr/sbin/bridge -j -d vlan show 2>/dev/null || /usr/sbin/bridge -j vlan show; }

@test "bridge vlan set state and mcast_router: what bridge does, to the kernel's state" {
	bridge_shim
	local line want_status want_output want_state
	for line in "set dev p0 vid 1 state 4" "set dev p0 vid 1 state blocking" \
		"set dev p0 vid 1 mcast_router 2" "set dev p0 vid 1 state forwarding mcast_router 0" \
		"set dev nosuch vid 1 state 4" "set dev p0 state 4"; do
		lab vlans
		# shellcheck disable=SC2086
		run /usr/sbin/bridge vlan $line
		want_status=$status want_output=$output
		want_state=$(vlan_state)
		clean_netns
		lab vlans
		# shellcheck disable=SC2086
		run env PATH="$SHIM:$PATH" bridge vlan $line
		assert_equal "$line: $status $output" "$line: $want_status $want_output"
		assert_equal "$line: $(vlan_state)" "$line: $want_state"
		clean_netns
	done
}

@test "vnetctl bridge vlan set: a VLAN's STP state on a port, through bridge -j -d vlan show" {
	require_vlan_filtering
	lab vlans
	run vn bridge vlan set dev p0 vid 1 state blocking
	assert_success
	assert_equal "$(/usr/sbin/bridge -j -d vlan show dev p0 | jq -r '.[0].vlans[0].state')" blocking
}

@test "vnetctl bridge vlan set: bad input is exit 2, one line, nothing sent" {
	lab
	run vn bridge vlan set dev p0 state 4
	assert_error 2 'bridge vlan p0: missing vid$'
	run vn bridge vlan set vid 1 state 4
	assert_error 2 'bridge vlan: missing dev$'
	run vn bridge vlan set dev p0 vid 1
	assert_error 2 'bridge vlan p0: nothing to set \(state, mcast_router\)$'
	run vn bridge vlan set dev p0 vid 1 state 9
	assert_error 2 'bridge vlan p0: invalid state "9"'
	run vn bridge vlan set dev p0 vid 1 mcast_router 4
	assert_error 2 'bridge vlan p0: mcast_router 4 is out of range \(0..3\)$'
	run vn bridge vlan set dev p0 vid 1 state 4 pvid
	assert_error 2 'bridge vlan p0: pvid is not for set$'
	run vn bridge vlan add dev p0 vid 1 state 4
	assert_error 2 'bridge vlan p0: state is for set, not add$'
	run vn bridge vlan show mcast_router 1
	assert_error 2 'bridge vlan: mcast_router is for set, not show$'
	run vn bridge vlan set dev nosuch vid 1 state 4
	assert_error 1 'bridge vlan nosuch: no device named "nosuch"$'
}
