#!/usr/bin/env bats
# vnetctl bridge: add, set, del, addif, delif, show, stp, fdb show and the
# bridge link kind printer (the kind's own words: bridge-kind.bats; ports:
# bridge-port.bats; VLANs: bridge-vlan.bats).  Every setting is checked through sysfs
# (/sys/class/net/BR/bridge/*, where times are in hundredths of a second),
# every port through `ip -j link show`'s master field.
#
# iproute2 6.1 reads a bare "a" as "address" and "b" as "broadcast": devices
# are made with "name" and deleted with "dev" spelled out.

load helpers

# sysfs's "8000.02a1b2c3d4e5" as ip writes a bridge id: "8000.2:a1:b2:c3:d4:e5"
sysfs_id_as_ip() {
	local m=${1#*.}
	printf '%s.%x:%x:%x:%x:%x:%x' "${1%%.*}" "0x${m:0:2}" "0x${m:2:2}" "0x${m:4:2}" \
		"0x${m:6:2}" "0x${m:8:2}" "0x${m:10:2}"
}

# ---- add ----------------------------------------------------------------------

@test "bridge add makes a bridge with the kernel's defaults" {
	run vn bridge add br0
	assert_success
	assert_output ""
	assert_equal "$(kind_of br0)" bridge
	assert_equal "$(brattr br0 stp_state)" 0
	assert_equal "$(brattr br0 forward_delay)" 1500
}

@test "bridge add stp on turns the spanning tree protocol on" {
	run vn bridge add br0 stp on
	assert_success
	assert_equal "$(brattr br0 stp_state)" 1
}

@test "bridge add forward_delay takes hundredths of a second, as ip does" {
	run vn bridge add br0 forward_delay 400
	assert_success
	assert_equal "$(brattr br0 forward_delay)" 400
}

@test "bridge add hello_time takes hundredths of a second" {
	run vn bridge add br0 hello_time 300
	assert_success
	assert_equal "$(brattr br0 hello_time)" 300
}

@test "bridge add max_age takes hundredths of a second" {
	run vn bridge add br0 max_age 1200
	assert_success
	assert_equal "$(brattr br0 max_age)" 1200
}

@test "bridge add ageing_time takes hundredths of a second" {
	run vn bridge add br0 ageing_time 60000
	assert_success
	assert_equal "$(brattr br0 ageing_time)" 60000
}

@test "bridge add priority sets the bridge priority" {
	run vn bridge add br0 priority 4096
	assert_success
	assert_equal "$(brattr br0 priority)" 4096
	assert_equal "$(cut -d. -f1 /sys/class/net/br0/bridge/bridge_id)" 1000
}

@test "bridge add vlan_filtering on turns VLAN filtering on" {
	has_vlan_filtering || skip "this kernel has no bridge VLAN filtering"
	run vn bridge add br0 vlan_filtering on
	assert_success
	assert_equal "$(brattr br0 vlan_filtering)" 1
}

@test "bridge add mtu sets the bridge's MTU" {
	run vn bridge add br0 mtu 1400
	assert_success
	assert_equal "$(cat /sys/class/net/br0/mtu)" 1400
}

# Hundredths that every common HZ (100, 250, 300, 1000) holds exactly: the
# kernel keeps times in its own ticks.
@test "bridge add takes any number of hundredths" {
	run vn bridge add br0 forward_delay 250 hello_time 102 max_age 650 ageing_time 50
	assert_success
	assert_equal "$(brattr br0 forward_delay)" 250
	assert_equal "$(brattr br0 hello_time)" 102
	assert_equal "$(brattr br0 max_age)" 650
	assert_equal "$(brattr br0 ageing_time)" 50
}

@test "bridge add sends every setting in one request" {
	run vn -N bridge add br0 stp on forward_delay 400 hello_time 100 max_age 1000 ageing_time 6000 priority 100 mtu 1400
	assert_success
	assert_equal "$(grep -c '^RTM_NEWLINK' <<<"$output")" 1
	assert_output --partial 'IFLA_INFO_KIND "bridge"'
	run vn bridge add br0 stp on forward_delay 400 hello_time 100 max_age 1000 ageing_time 6000 priority 100 mtu 1400
	assert_success
	assert_equal "$(brattr br0 stp_state) $(brattr br0 forward_delay) $(brattr br0 hello_time)" "1 400 100"
	assert_equal "$(brattr br0 max_age) $(brattr br0 ageing_time) $(brattr br0 priority)" "1000 6000 100"
	assert_equal "$(cat /sys/class/net/br0/mtu)" 1400
}

@test "bridge add of a name in use fails with one line and exit 1" {
	veth p0 q0
	run vn bridge add p0
	assert_error 1 'bridge add p0: File exists \(a device named p0 exists already\)'
	assert_equal "$(kind_of p0)" veth
}

# ---- set ----------------------------------------------------------------------

@test "bridge set stp turns the spanning tree protocol on and off" {
	ip link add name br0 type bridge
	run vn bridge set br0 stp on
	assert_success
	assert_equal "$(brattr br0 stp_state)" 1
	run vn bridge set br0 stp off
	assert_success
	assert_equal "$(brattr br0 stp_state)" 0
}

@test "bridge set forward_delay changes the forward delay" {
	ip link add name br0 type bridge
	run vn bridge set br0 forward_delay 750
	assert_success
	assert_equal "$(brattr br0 forward_delay)" 750
}

@test "bridge set hello_time changes the hello time" {
	ip link add name br0 type bridge
	run vn bridge set br0 hello_time 500
	assert_success
	assert_equal "$(brattr br0 hello_time)" 500
}

@test "bridge set max_age changes the maximum message age" {
	ip link add name br0 type bridge
	run vn bridge set br0 max_age 3000
	assert_success
	assert_equal "$(brattr br0 max_age)" 3000
}

@test "bridge set ageing_time changes the ageing time" {
	ip link add name br0 type bridge
	run vn bridge set br0 ageing_time 4500
	assert_success
	assert_equal "$(brattr br0 ageing_time)" 4500
}

@test "bridge set priority changes the priority" {
	ip link add name br0 type bridge
	run vn bridge set br0 priority 0
	assert_success
	assert_equal "$(brattr br0 priority)" 0
}

@test "bridge set vlan_filtering turns VLAN filtering on and off" {
	has_vlan_filtering || skip "this kernel has no bridge VLAN filtering"
	ip link add name br0 type bridge
	run vn bridge set br0 vlan_filtering on
	assert_success
	assert_equal "$(brattr br0 vlan_filtering)" 1
	run vn bridge set br0 vlan_filtering off
	assert_success
	assert_equal "$(brattr br0 vlan_filtering)" 0
}

@test "bridge set mtu changes the bridge's MTU" {
	ip link add name br0 type bridge
	run vn bridge set dev br0 mtu 1280
	assert_success
	assert_equal "$(cat /sys/class/net/br0/mtu)" 1280
}

@test "bridge set changes several settings in one request" {
	ip link add name br0 type bridge
	run vn -N bridge set br0 stp on hello_time 400 priority 8
	assert_success
	assert_equal "$(grep -c '^RTM_NEWLINK' <<<"$output")" 1
	run vn bridge set br0 stp on hello_time 400 priority 8
	assert_success
	assert_equal "$(brattr br0 stp_state) $(brattr br0 hello_time) $(brattr br0 priority)" "1 400 8"
}

@test "bridge set of a device that is not a bridge fails and changes nothing" {
	veth p0 q0
	run vn bridge set p0 stp on mtu 1400
	assert_error 1 'bridge set p0: not a bridge \(it is a veth\)$'
	assert_equal "$(cat /sys/class/net/p0/mtu)" 1500
}

@test "bridge set of a missing device fails with one line and exit 1" {
	run vn bridge set nosuch stp on
	assert_error 1 'bridge set nosuch: no device named "nosuch"$'
}

@test "bridge set with nothing to change is a usage error" {
	ip link add name br0 type bridge
	run vn bridge set br0
	assert_error 2 'bridge set br0: nothing to change'
}

# ---- bad input: exit 2, one line, nothing sent --------------------------------

@test "stp takes only on or off" {
	run vn bridge add br0 stp maybe
	assert_error 2 'bridge add br0: invalid stp "maybe" \(expected on\|off\)$'
	run dev_exists br0
	assert_failure
}

@test "priority above 65535 is a usage error" {
	run vn bridge add br0 priority 70000
	assert_error 2 'bridge add br0: priority 70000 is out of range \(0\.\.65535\)$'
	run dev_exists br0
	assert_failure
}

@test "a time that is not a number is a usage error" {
	run vn bridge add br0 forward_delay abc
	assert_error 2 'bridge add br0: invalid forward_delay "abc"'
	run dev_exists br0
	assert_failure
}

@test "a time with decimals is a usage error (hundredths are whole)" {
	run vn bridge add br0 hello_time 1.5
	assert_error 2 'invalid hello_time "1.5"'
	run dev_exists br0
	assert_failure
}

@test "a negative time is a usage error" {
	ip link add name br0 type bridge
	run vn bridge set br0 ageing_time -5
	assert_error 2 'invalid ageing_time "-5"'
	assert_equal "$(brattr br0 ageing_time)" 30000
}

@test "an unknown keyword is a usage error that suggests the closest one" {
	run vn bridge add br0 helo_time 3
	assert_error 2 'bridge add br0: unknown keyword "helo_time" \(did you mean "hello_time"\?\)$'
	run dev_exists br0
	assert_failure
}

@test "stp on with a forward_delay outside 200..3000 is a usage error" {
	run vn bridge add br0 stp on forward_delay 100
	assert_error 2 'bridge add br0: forward_delay 100 is out of range with stp on \(200\.\.3000\)$'
	run dev_exists br0
	assert_failure
}

@test "an mtu below 68 is a usage error" {
	ip link add name br0 type bridge
	run vn bridge set br0 mtu 20
	assert_error 2 'mtu 20 is out of range'
	assert_equal "$(cat /sys/class/net/br0/mtu)" 1500
}

# ---- kernel refusals: exit 1 with the kernel's reason -------------------------

@test "a hello_time the kernel refuses fails with exit 1 and makes no bridge" {
	run vn bridge add br0 stp on hello_time 0
	assert_error 1 'bridge add br0: Numerical result out of range \(hello_time takes 100\.\.1000\)$'
	run dev_exists br0
	assert_failure
}

@test "a max_age out of the kernel's range fails with exit 1" {
	ip link add name br0 type bridge
	run vn bridge set br0 max_age 4100
	assert_error 1 'Numerical result out of range \(max_age takes 600\.\.4000\)$'
	assert_equal "$(brattr br0 max_age)" 2000
}

@test "a forward_delay out of range while STP is on fails with exit 1" {
	ip link add name br0 type bridge stp_state 1
	run vn bridge set br0 forward_delay 3100
	assert_error 1 'Numerical result out of range \(forward_delay takes 200\.\.3000 while STP is on\)$'
	assert_equal "$(brattr br0 forward_delay)" 1500
}

@test "vlan_filtering on a kernel without it fails with exit 1 and says why" {
	has_vlan_filtering && skip "this kernel has bridge VLAN filtering"
	run vn bridge add br0 vlan_filtering on
	assert_error 1 'bridge add br0: Operation not supported \(this kernel has no bridge VLAN filtering'
	run dev_exists br0
	assert_failure
}

# ---- del ----------------------------------------------------------------------

@test "bridge del deletes the bridge" {
	ip link add name br0 type bridge
	run vn bridge del br0
	assert_success
	run dev_exists br0
	assert_failure
}

@test "bridge del releases the bridge's ports" {
	lab
	run vn bridge del br0
	assert_success
	assert_equal "$(master_of p0)$(master_of p1)" ""
	dev_exists p0
}

@test "bridge del of a device that is not a bridge fails and deletes nothing" {
	veth p0 q0
	run vn bridge del p0
	assert_error 1 'bridge del p0: not a bridge \(it is a veth; use link del\)$'
	dev_exists p0
}

@test "bridge del of a missing bridge fails with one line and exit 1" {
	run vn bridge del nosuch
	assert_error 1 'bridge del nosuch: no device named "nosuch"$'
}

# ---- addif, delif -------------------------------------------------------------

@test "bridge addif makes several devices ports at once" {
	ip link add name br0 type bridge
	veth p0 q0
	veth p1 q1
	ip tuntap add t0 mode tap
	run vn bridge addif br0 p0 p1 t0
	assert_success
	assert_equal "$(master_of p0) $(master_of p1) $(master_of t0)" "br0 br0 br0"
	assert_equal "$(master_of q0)" ""
}

@test "bridge addif sends one request per port, all in one batch" {
	ip link add name br0 type bridge
	veth p0 q0
	veth p1 q1
	run vn -N bridge addif br0 p0 p1
	assert_success
	assert_equal "$(grep -c '^RTM_NEWLINK' <<<"$output")" 2
	assert_equal "$(grep -c "IFLA_MASTER $(cat /sys/class/net/br0/ifindex)" <<<"$output")" 2
	if command -v strace >/dev/null; then
		# LeakSanitizer cannot run under ptrace
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
			run strace -f -e trace=sendto,sendmsg -o "$BATS_TEST_TMPDIR/trace" \
			"$VNETCTL" bridge addif br0 p0 p1
		assert_success
		# the link dump, then ONE send carrying both ports' requests
		assert_equal "$(grep -c 'RTM_NEWLINK' "$BATS_TEST_TMPDIR/trace")" 1
		assert_equal "$(grep -o 'IFLA_MASTER' "$BATS_TEST_TMPDIR/trace" | wc -l)" 2
	fi
	assert_equal "$(master_of p0) $(master_of p1)" "br0 br0"
}

@test "bridge addif of a port already on the bridge changes nothing" {
	lab
	run vn bridge addif br0 p0
	assert_success
	assert_equal "$(master_of p0)" br0
}

@test "bridge addif of a missing device fails naming it, and adds no port" {
	ip link add name br0 type bridge
	veth p0 q0
	run vn bridge addif br0 p0 nosuch
	assert_error 1 'bridge addif br0: no device named "nosuch"$'
	assert_equal "$(master_of p0)" ""
}

@test "bridge addif to a device that is not a bridge fails with exit 1" {
	veth p0 q0
	veth p1 q1
	run vn bridge addif p0 p1
	assert_error 1 'bridge addif p0: not a bridge \(it is a veth\)$'
	assert_equal "$(master_of p1)" ""
}

@test "bridge addif of a port of another bridge fails and moves nothing" {
	lab
	ip link add name br1 type bridge
	veth p2 q2
	run vn bridge addif br1 p2 p0
	assert_error 1 'bridge addif br1: p0 is a port of br0 already'
	assert_equal "$(master_of p0) $(master_of p2)" "br0 "
}

@test "bridge addif that the kernel refuses for one device adds none" {
	ip link add name br0 type bridge
	ip link add name br1 type bridge
	veth p0 q0
	run vn bridge addif br0 p0 br1
	assert_error 1 'bridge addif br0: br1: Can not enslave a bridge to a bridge \(no port was changed\)$'
	assert_equal "$(master_of p0)$(master_of br1)" ""
}

@test "bridge addif checks every name before sending anything" {
	ip link add name br0 type bridge
	veth p0 q0
	run vn bridge addif br0 p0 'bad/name'
	assert_error 2 'invalid interface name "bad/name"'
	run vn bridge addif br0 p0 p0
	assert_error 2 'p0 given twice'
	assert_equal "$(master_of p0)" ""
}

@test "bridge addif without devices is a usage error" {
	ip link add name br0 type bridge
	run vn bridge addif br0
	assert_error 2 'bridge addif br0: missing DEV'
}

@test "bridge delif releases several ports at once" {
	lab
	run vn bridge delif br0 p0 p1
	assert_success
	assert_equal "$(master_of p0)$(master_of p1)" ""
}

@test "bridge delif of a device that is not a port of the bridge fails and releases nothing" {
	lab
	veth p2 q2
	run vn bridge delif br0 p0 p2
	assert_error 1 'bridge delif br0: p2 is not a port of br0$'
	assert_equal "$(master_of p0)" br0
}

@test "bridge delif of a missing device fails naming it" {
	lab
	run vn bridge delif br0 nosuch
	assert_error 1 'no device named "nosuch"$'
}

# ---- show ---------------------------------------------------------------------

@test "bridge show prints each bridge, its settings and its ports' states" {
	lab
	ip link set dev p0 up
	ip link set dev q0 up
	# the port forwards once the kernel has seen its carrier (linkwatch,
	# up to a second later on a loaded machine)
	for _ in $(seq 50); do
		[ "$(bridge -j link show dev p0 | jq -r '.[0].state')" = forwarding ] && break
		sleep 0.1
	done
	run vn bridge show
	assert_success
	# the ids as ip writes them, read from sysfs ("8000.02a1b2c3d4e5")
	local id root
	id=$(sysfs_id_as_ip "$(cat /sys/class/net/br0/bridge/bridge_id)")
	root=$(sysfs_id_as_ip "$(cat /sys/class/net/br0/bridge/root_id)")
	assert_equal "$id" "$(kdata br0 bridge_id)"
	assert_line --index 0 "br0: bridge_id $id root_id $root"
	assert_line --index 1 "    stp off forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 priority 32768 vlan_filtering off"
	assert_line --index 2 "    port p0 state forwarding"
	assert_line --index 3 "    port p1 state disabled"
	assert_equal "${#lines[@]}" 4
}

@test "bridge show prints times in hundredths of a second, as ip -d does" {
	ip link add name br0 type bridge forward_delay 250 hello_time 102 ageing_time 4
	run vn bridge show br0
	assert_success
	assert_line --index 1 --partial "forward_delay 250 hello_time 102 max_age 2000 ageing_time 4 "
	assert_equal "$(kdata br0 forward_delay) $(kdata br0 hello_time) $(kdata br0 ageing_time)" "250 102 4"
}

@test "bridge show marks ports listening while STP starts" {
	lab
	ip link set dev br0 type bridge stp_state 1 forward_delay 3000
	ip link set dev p0 up
	ip link set dev q0 up
	run vn bridge show br0
	assert_success
	assert_line --index 1 --partial "stp on forward_delay 3000 "
	assert_line "    port p0 state listening"
}

@test "bridge show NAME shows that bridge only" {
	lab
	ip link add name br1 type bridge
	run vn bridge show br1
	assert_success
	assert_line --index 0 --regexp '^br1: bridge_id '
	assert_equal "${#lines[@]}" 2
}

@test "bridge with no verb shows every bridge" {
	ip link add name br0 type bridge
	ip link add name br1 type bridge
	run vn bridge
	assert_success
	assert_line --regexp '^br0: '
	assert_line --regexp '^br1: '
}

@test "bridge show of a device that is not a bridge fails with exit 1" {
	veth p0 q0
	run vn bridge show p0
	assert_error 1 'bridge show p0: not a bridge \(it is a veth\)$'
}

@test "bridge show of a missing bridge fails with one line and exit 1" {
	run vn -j bridge show nosuch
	assert_error 1 'bridge show nosuch: no device named "nosuch"$'
}

@test "bridge show -br prints one line per bridge" {
	lab
	ip link add name br1 type bridge stp_state 1
	run vn -br bridge show
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_line "$(printf '%-16s %-22s stp off p0 p1' br0 "$(sysfs_id_as_ip "$(brattr br0 bridge_id)")")"
	assert_line "$(printf '%-16s %-22s stp on' br1 "$(sysfs_id_as_ip "$(brattr br1 bridge_id)")")"
}

@test "bridge show -j gives each bridge's settings and ports' states" {
	lab
	ip link set dev p0 up
	ip link set dev q0 up
	ip link set dev br0 type bridge priority 4096
	run vn -j bridge show
	assert_success
	local b='.[] | select(.ifname == "br0")'
	assert_equal "$(jq -r "$b | .ifindex" <<<"$output")" "$(cat /sys/class/net/br0/ifindex)"
	for k in forward_delay hello_time max_age ageing_time priority; do
		assert_equal "$k=$(jq -r "$b | .$k" <<<"$output")" "$k=$(brattr br0 "$k")"
	done
	assert_equal "$(jq -r "$b | .stp_state" <<<"$output")" "$(brattr br0 stp_state)"
	assert_equal "$(jq -r "$b | .vlan_filtering" <<<"$output")" 0
	assert_equal "$(jq -r "$b | .bridge_id" <<<"$output")" "$(sysfs_id_as_ip "$(brattr br0 bridge_id)")"
	assert_equal "$(jq -r "$b | .root_id" <<<"$output")" "$(sysfs_id_as_ip "$(brattr br0 root_id)")"
	assert_equal "$(jq -r "$b | .bridge_id" <<<"$output")" "$(kdata br0 bridge_id)"
	assert_equal "$(jq -c "$b | .ports" <<<"$output")" \
		'[{"ifname":"p0","state":"forwarding"},{"ifname":"p1","state":"disabled"}]'
}

@test "bridge show -j -br gives name, bridge id, STP state and ports" {
	lab
	run vn -j -br bridge show
	assert_success
	assert_equal "$(jq -c '.[0] | keys' <<<"$output")" '["bridge_id","ifname","ports","stp_state"]'
	assert_equal "$(jq -c '[.[0].ports[].ifname]' <<<"$output")" '["p0","p1"]'
}

@test "bridge show -j with no bridges prints an empty array" {
	veth p0 q0
	run vn -j bridge show
	assert_success
	assert_output "[]"
}

# ---- link show -d -------------------------------------------------------------

# link show -d words a bridge as link add ... type bridge takes it (ip's
# words, the times in hundredths); bridge show prints the same numbers.
@test "link show -d prints a bridge's settings in ip's words and units, and bridge show too" {
	ip link add name br0 type bridge stp_state 1 forward_delay 250
	run vn -d link show br0
	assert_success
	assert_line --index 2 --regexp "^    bridge forward_delay 250 hello_time 200 max_age 2000 ageing_time 30000 stp_state 1 priority 32768 vlan_filtering 0 (vlan_protocol [^ ]+ )?bridge_id $(sysfs_id_as_ip "$(brattr br0 bridge_id)") designated_root $(sysfs_id_as_ip "$(brattr br0 root_id)") "
	run vn bridge show br0
	assert_line --index 1 "    stp on forward_delay 250 hello_time 200 max_age 2000 ageing_time 30000 priority 32768 vlan_filtering off"
}

@test "link show -d -j gives a bridge's settings with ip -j's keys and values" {
	ip link add name br0 type bridge stp_state 1 hello_time 300
	run vn -j -d link show br0
	assert_success
	local mine theirs
	for k in stp_state forward_delay hello_time max_age ageing_time priority vlan_filtering; do
		mine=$(jq -r ".[0].linkinfo.info_data.$k" <<<"$output")
		theirs=$(ip -j -d link show dev br0 | jq -r ".[0].linkinfo.info_data.$k")
		assert_equal "$k=$mine" "$k=$theirs"
	done
}

# ---- fdb show -----------------------------------------------------------------

@test "bridge fdb show lists the ports' own addresses as permanent" {
	lab
	run vn bridge fdb show br0
	assert_success
	assert_line "$(cat /sys/class/net/p0/address) dev p0 master br0 permanent"
	assert_line "$(cat /sys/class/net/p1/address) dev p1 master br0 permanent"
}

@test "bridge fdb show lists a static entry added with iproute2" {
	lab
	bridge fdb add 02:00:00:00:00:99 dev p1 master static
	run vn bridge fdb show br0
	assert_success
	assert_line "02:00:00:00:00:99 dev p1 master br0 static"
}

@test "bridge fdb show lists an address the bridge learned from traffic" {
	lab
	ip link set dev p0 up
	ip link set dev q0 up
	ip addr add 192.0.2.2/24 dev q0
	# an ARP request from q0 enters the bridge through p0
	ping -c 1 -W 1 -I q0 192.0.2.9 >/dev/null 2>&1 || true
	run vn bridge fdb show br0
	assert_success
	assert_line "$(cat /sys/class/net/q0/address) dev p0 master br0"
}

@test "bridge fdb show lists the same entries as iproute2's bridge fdb show" {
	lab
	bridge fdb add 02:00:00:00:00:98 dev p0 master static
	bridge fdb add 02:00:00:00:00:99 dev p1 master
	run vn bridge fdb show br0
	assert_success
	assert_equal "$(sort <<<"$output")" "$(bridge fdb show br br0 | sed 's/ *$//' | sort)"
}

@test "bridge fdb show dev PORT lists that port's entries only" {
	lab
	bridge fdb add 02:00:00:00:00:99 dev p1 master static
	run vn bridge fdb show br0 dev p0
	assert_success
	assert_line "$(cat /sys/class/net/p0/address) dev p0 master br0 permanent"
	refute_output --partial "dev p1"
	refute_output --partial "dev br0"
}

@test "bridge fdb show -j gives mac, port, flags, master and state" {
	lab
	bridge fdb add 02:00:00:00:00:99 dev p1 master static
	run vn -j bridge fdb show br0
	assert_success
	# a kernel with bridge VLAN support adds a second entry for the default
	# VLAN ("vlan": 1), as iproute2's bridge fdb show lists too
	assert_equal "$(jq -c '.[] | select(.mac == "02:00:00:00:00:99" and (has("vlan") | not))' <<<"$output")" \
		'{"mac":"02:00:00:00:00:99","ifname":"p1","flags":[],"master":"br0","state":"static"}'
	assert_equal "$(jq -r '[.[] | select(.flags == ["self"])] | length > 0' <<<"$output")" true
}

@test "bridge fdb show of a device that is not a bridge fails with exit 1" {
	veth p0 q0
	run vn bridge fdb show p0
	assert_error 1 'bridge fdb p0: not a bridge \(it is a veth\)$'
}

@test "bridge fdb show dev of a device that is not a port fails with exit 1" {
	lab
	veth p2 q2
	run vn bridge fdb show br0 dev p2
	assert_error 1 'bridge fdb br0: p2 is not a port of br0$'
}

@test "bridge fdb with a word that is no command is a usage error" {
	lab
	run vn bridge fdb br0
	assert_error 2 'bridge fdb: unknown keyword "br0" \(see: vnetctl bridge fdb help\)$'
}

@test "a bridge may be called br" {
	veth p0 q0
	run vn bridge add br
	assert_success
	run vn bridge addif br p0
	assert_success
	assert_equal "$(master_of p0)" br
	# br alone is bridge(8)'s keyword: the bridge after it
	run vn bridge fdb show br br
	assert_success
	assert_line "$(cat /sys/class/net/p0/address) dev p0 master br permanent"
}

# ---- brctl's words ------------------------------------------------------------

@test "addbr is add and delbr is del, as brctl spells them" {
	run vn bridge addbr br0
	assert_success
	assert_equal "$(kind_of br0)" bridge
	run vn bridge delbr br0
	assert_success
	run dev_exists br0
	assert_failure
}

@test "bridge stp BRIDGE on|off turns STP on and off, as brctl does" {
	ip link add name br0 type bridge
	run vn bridge stp br0 on
	assert_success
	assert_equal "$(brattr br0 stp_state)" 1
	run vn bridge stp br0 off
	assert_success
	assert_equal "$(brattr br0 stp_state)" 0
}

@test "bridge stp with neither on nor off is a usage error" {
	ip link add name br0 type bridge
	run vn bridge stp br0 maybe
	assert_error 2 'bridge stp br0: invalid stp "maybe" \(expected on\|off\)$'
	assert_equal "$(brattr br0 stp_state)" 0
}

@test "bridge stp of a device that is not a bridge fails with exit 1" {
	veth p0 q0
	run vn bridge stp p0 on
	assert_error 1 'bridge stp p0: not a bridge \(it is a veth\)$'
}

# ---- dry run, batch -----------------------------------------------------------

@test "dry run of add prints the request and makes no bridge" {
	run vn -N bridge add br0 stp on priority 7
	assert_success
	assert_output --partial "RTM_NEWLINK"
	assert_output --partial 'IFLA_IFNAME "br0"'
	run dev_exists br0
	assert_failure
}

@test "dry run of set, addif, delif and del changes nothing" {
	lab
	veth p2 q2
	run vn -N bridge set br0 stp on
	assert_success
	run vn -N bridge addif br0 p2
	assert_success
	run vn -N bridge delif br0 p0
	assert_success
	run vn -N bridge del br0
	assert_success
	assert_output --partial "RTM_DELLINK"
	assert_equal "$(brattr br0 stp_state)" 0
	assert_equal "$(master_of p0) $(master_of p2)" "br0 "
}

@test "a batch builds a bridge lab line by line" {
	veth p0 q0
	veth p1 q1
	cat >"$BATS_TEST_TMPDIR/lab" <<-EOF
		bridge add br0 stp on forward_delay 400
		bridge addif br0 p0 p1
		bridge set br0 priority 8
		bridge delif br0 p1
	EOF
	run vn --force -b "$BATS_TEST_TMPDIR/lab"
	assert_success
	assert_equal "$(brattr br0 forward_delay) $(brattr br0 priority)" "400 8"
	assert_equal "$(master_of p0) $(master_of p1)" "br0 "
}
