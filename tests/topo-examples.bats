#!/usr/bin/env bats
# Every topology file in examples/ comes up, does what its comments promise
# (each "# check: COMMAND" line, a ping where it promises one, run after
# up), and comes down to exactly the state before (ip -j snapshots of this
# namespace and every named one).  An example whose "# needs: KIND" this
# kernel lacks is left to the VM stage, which has every kind.

load helpers
load topo-snap
bats_require_minimum_version 1.5.0

setup() {
	clean_netns
	ip link set lo up
}
teardown() { empty_machine; }

examples() { ls "$BATS_TEST_DIRNAME"/../examples/*.yaml; }

# The kinds FILE needs that this kernel lacks, one a line; and the
# queueing disciplines ("# needs-qdisc: KIND", an impairment's netem).
lacking() { # FILE
	local k
	for k in $(sed -n 's/^# needs: //p' "$1"); do
		kernel_knows_kind "$k" || echo "$k"
	done
	for k in $(sed -n 's/^# needs-qdisc: //p' "$1"); do
		ip link add name qp0 type veth peer name qp1
		tc qdisc add dev qp0 root "$k" >/dev/null 2>&1 || echo "$k"
		ip link del dev qp0
	done
}

@test "every example comes up, passes its checks, and comes down to exactly the state before" {
	local f before n=0 skipped=() check
	for f in $(examples); do
		if [ -n "$(lacking "$f")" ]; then
			skipped+=("${f##*/} needs $(lacking "$f" | tr '\n' ' ')")
			continue
		fi
		before=$(full_snap)
		run vn topo up "$f"
		assert_success
		run vn topo diff "$f"
		assert_success
		while IFS= read -r check; do
			run bash -c "$check"
			assert_equal "${f##*/}: $check: $status" "${f##*/}: $check: 0"
		done < <(sed -n 's/^# check: //p' "$f")
		run vn topo down "$f"
		assert_success
		# a check's sysctl lived in a namespace the file made: gone with it
		assert_equal "$(full_snap)" "$before"
		n=$((n + 1))
	done
	# lab, tap-bridge and gre-routers at least
	assert [ "$((n + ${#skipped[@]}))" -ge 3 ]
	[ "${#skipped[@]}" -eq 0 ] || skip "this kernel lacks what ${skipped[*]}(the VM stage has it)"
}

@test "the tap-for-a-VM example: a tap and an uplink veth on one bridge, addresses on both sides" {
	f=$BATS_TEST_DIRNAME/../examples/tap-bridge.yaml
	vn topo up "$f"
	assert_equal "$(ip -j -d link show dev vm0-tap | jq -r '.[0].linkinfo.info_data.type')" tap
	assert_equal "$(ip -j link show master brvm | jq -r '[.[].ifname] | sort | join(",")')" \
		brvm-up,vm0-tap
	assert_equal "$(ip -j addr show dev brvm | jq -r '.[0].addr_info[] | select(.family == "inet") | "\(.local)/\(.prefixlen)"')" \
		192.168.100.1/24
	assert_equal "$(ip -n uplink -j addr show dev eth0 | jq -r '.[0].addr_info[] | select(.family == "inet") | .local')" \
		192.168.100.254
}

@test "the GRE example: the ping from r1 to r3's network goes through the tunnel" {
	require_kind gre
	f=$BATS_TEST_DIRNAME/../examples/gre-routers.yaml
	vn topo up "$f"
	ip netns exec r2 sysctl -qw net.ipv4.ip_forward=1
	before=$(ip -n r3 -j -s link show dev gre1 | jq '.[0].stats64.rx.packets')
	run ip netns exec r1 ping -c 1 -W 5 -I 192.168.1.1 192.168.3.1
	assert_success
	# r3's gre1 received the echo request; r2, which carried it, has no
	# route to 192.168.3.1: it carried it inside the tunnel
	assert [ "$(ip -n r3 -j -s link show dev gre1 | jq '.[0].stats64.rx.packets')" -gt "$before" ]
	run ip -n r2 route get 192.168.3.1
	assert_failure
}
