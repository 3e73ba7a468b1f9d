#!/usr/bin/env bats
# Streamed show: devices are printed as the kernel's dump brings them.  What
# is printed must not change: the JSON is checked against iproute2's for the
# keys both have, the text against the lines ip prints; the names of devices
# that come later in the dump (a veth peer made after its end, a bridge made
# after its ports) are still known; a dump the kernel flags as interrupted
# fails after the whole list is printed.

load helpers

# The keys vnetctl's `link show -j` shares with iproute2's, by device.
COMMON='map({ifindex, ifname, flags, mtu, qdisc, operstate, linkmode, group, txqlen,
	link_type, address, broadcast, master, link, ifalias}
	| with_entries(select(.value != null)))'

# Devices that name one another across the dump's order: the bridge br1 is
# made after its port r0, and each veth pair names its peer.
mixed() {
	ip link add name br0 type bridge
	for i in 0 1 2; do
		ip link add name p$i type veth peer name q$i
		ip link set dev p$i master br0
	done
	ip link add name r0 type veth peer name s0
	ip link add name br1 type bridge
	ip link set dev r0 master br1
	ip link add link q1 name mv0 type macvlan mode bridge
	ip tuntap add dev tap0 mode tap
	ip link set dev p1 alias "first port"
	ip link set dev br0 up
	ip link set dev p0 up
}

# n veth pairs, v0/w0 ... in one batch.
pairs() {
	local i
	for ((i = 0; i < $1; i++)); do
		echo "link add name v$i type veth peer name w$i"
	done | ip -batch -
}

@test "link show -j -d is valid JSON, the same as ip -j -d for the keys both have" {
	mixed
	run vn -j -d link show
	assert_success
	echo "$output" | jq -e 'type == "array" and length > 10' >/dev/null
	assert_equal "$(echo "$output" | jq -S "$COMMON")" "$(ip -j -d link show | jq -S "$COMMON")"
}

@test "link show -j -p is the same JSON as -j, one key a line" {
	mixed
	run vn -j -p link show
	assert_success
	assert_equal "$(echo "$output" | jq -cS .)" "$(vn -j link show | jq -cS .)"
	assert_line '  {'
	assert_line '    "ifname": "br1",'
	assert_equal "${lines[0]}" "["
	assert_equal "${lines[-1]}" "]"
}

@test "link show names a master made after its port and a peer that comes later" {
	mixed
	run vn link show
	assert_success
	assert_line --regexp "^[0-9]+: r0@s0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop master br1 state DOWN "
	assert_line --regexp "^[0-9]+: s0@r0: "
	assert_line --regexp "^[0-9]+: mv0@q1: "
	# the JSON names them the same
	assert_equal "$(vn -j link show | jq -r '.[] | select(.ifname == "r0") | "\(.master) \(.link)"')" "br1 s0"
}

@test "link show prints every device once, in the kernel's order, as ip does" {
	pairs 300
	mixed
	run vn -br link show
	assert_success
	assert_equal "$(echo "$output" | awk '{print $1}')" "$(ip -br link show | awk '{print $1}')"
	assert_equal "$(vn -j link show | jq -r '.[].ifindex')" "$(ip -j link show | jq -r '.[].ifindex')"
}

@test "an empty list is [] in compact and pretty JSON" {
	run vn -j link show type vlan
	assert_success
	assert_output "[]"
	run vn -j -p link show type vlan
	assert_success
	assert_output "[]"
}

@test "a kind's show streams through the same walk and names a peer that comes later" {
	mixed
	run vn -j veth show
	assert_success
	assert_equal "$(echo "$output" | jq -r '.[] | select(.ifname == "r0") | .peer // .link')" "s0"
	assert_equal "$(echo "$output" | jq length)" 4
}

# The writer blocks on a full pipe in the middle of its dump; a device made
# then changes the kernel's list, and the rest of the dump is flagged.
interrupted() {
	local pid i
	{
		local st=0
		sh -c 'echo $$ > "$BATS_TEST_TMPDIR/pid"; exec "$@"' sh "$VNETCTL" "$@" || st=$?
		echo "status $st" >"$BATS_TEST_TMPDIR/status"
	} 2>"$BATS_TEST_TMPDIR/err" | {
		for ((i = 0; i < 200; i++)); do
			pid=$(cat "$BATS_TEST_TMPDIR/pid" 2>/dev/null || true)
			[ -n "$pid" ] && [ "$(cat /proc/"$pid"/wchan 2>/dev/null)" = pipe_write ] && break
			sleep 0.05
		done
		ip link add name late type veth peer name late1
		cat >"$BATS_TEST_TMPDIR/out"
	}
}

@test "a dump changed while it is printed: the list is finished, then status 1 and one error line" {
	pairs 600
	interrupted -d link show
	assert_equal "$(cat "$BATS_TEST_TMPDIR/status")" "status 1"
	run cat "$BATS_TEST_TMPDIR/err"
	assert_output "vnetctl: link show: the devices changed while they were listed, the list may be inconsistent (run it again)"
	# the devices before the change are all there, each once
	assert_equal "$(grep -c '^[0-9]*: v[0-9]*@w' "$BATS_TEST_TMPDIR/out")" 600
	dev_exists late
}

@test "a dump changed while it is printed as JSON still ends as valid JSON" {
	pairs 600
	interrupted -j -d link show
	assert_equal "$(cat "$BATS_TEST_TMPDIR/status")" "status 1"
	jq -e 'type == "array" and length >= 1200' "$BATS_TEST_TMPDIR/out" >/dev/null
	run cat "$BATS_TEST_TMPDIR/err"
	assert_output --partial "the list may be inconsistent"
}

@test "a dump nothing changes during is not flagged" {
	pairs 600
	run vn -d link show
	assert_success
	refute_output --partial "inconsistent"
}
