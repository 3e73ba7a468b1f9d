#!/usr/bin/env bats
# vnetctl trace: the path a packet would take, asked of the kernel hop by hop
# and never sent.  Each broken lab has one cause; the kernel's own view
# (`ip route get`, `ip link`, `ip neigh`, sysctl) is the second witness.

load helpers
load trace-lab

# a trace that hung would fail its test, not hold the suite
export BATS_TEST_TIMEOUT=${BATS_TEST_TIMEOUT:-180}

setup() { clean_netns; }

teardown() {
	[ -n "${holder:-}" ] && kill "$holder" 2>/dev/null || true
	clean_netns
}

# The trace stops in namespace NS: status 1, one error line with the reason
# REGEX, and the last hop printed is the STOP, in NS, with the same reason.
stops() { # NS REGEX
	local line="^vnetctl: trace [^:]*: $1: $2" last="^$1 +[^ ]+ +STOP: $2"
	assert_equal "$status" 1
	assert_equal "$(grep -c . <<<"$err")" 1
	[[ "$err" =~ $line ]] || fail "error line: $err"
	[[ "$(tail -n1 <<<"$output")" =~ $last ]] || fail "last hop: $output"
}

# The seeds' lab, up, once the kernel has made both bridge ports forwarding:
# a port follows its device's carrier, which the kernel notes a moment after
# the device comes up (trace reports the state it finds).
seeds_up() {
	seeds_lab up
	timeout 20 bash -c '
		for p in bridge-net0 bridge-net1; do
			until ip -n bridge -d link show dev $p | grep -q "state forwarding"; do
				sleep 0.1
			done
		done' || true
}

need_kind() { # KIND: skip where this kernel cannot make it
	kernel_knows_kind "$1" || skip "this kernel has no $1 (the VM has)"
}

# ---- working labs ------------------------------------------------------------

@test "the seeds' lab: net0 to net1 through the bridge, every hop, status 0" {
	seeds_up
	trace -n net0 trace 10.0.1.2
	assert_success
	assert_equal "$err" ""
	assert_line --regexp '^net0 +net0-bridge +route \(direct\), table main$'
	assert_line --regexp '^bridge +bridge-net0 +veth peer: in, a port of the bridge \(forwarding\)$'
	assert_line --regexp '^bridge +br +flooded \(no fdb entry\): 10.0.1.2 answers behind port bridge-net1$'
	assert_line --regexp '^net1 +net1-bridge +local: 10.0.1.2 is this namespace.s \(delivered\)$'
	# the kernel's view: net0 leaves by net0-bridge, net1 has the address
	assert_equal "$(ip -n net0 -j route get 10.0.1.2 | jq -r '.[0].dev')" net0-bridge
	assert_equal "$(ip -n net1 -j route get 10.0.1.2 | jq -r '.[0].type')" local
}

@test "with the neighbour known, the bridge's fdb names the port, in JSON too" {
	seeds_up
	ip netns exec net0 ping -c1 -W2 10.0.1.2 >/dev/null
	mac=$(ip -n net1 -j link show net1-bridge | jq -r '.[0].address')
	[ "$(bridge -n bridge -j fdb show br br | jq -r --arg m "$mac" '.[] | select(.mac == $m) | .ifname')" = bridge-net1 ]
	trace -j -n net0 trace 10.0.1.2
	assert_success
	assert_equal "$(jq -r '.reached' <<<"$output")" true
	assert_equal "$(jq -r '.hops[] | select(.ifname == "br") | .decision' <<<"$output")" \
		"fdb: $mac is behind port bridge-net1"
	assert_equal "$(jq -r '.hops[-1].netns' <<<"$output")" net1
}

@test "a routed three-namespace chain: forwarded in b, delivered in c" {
	chain
	trace -n a trace 10.2.0.2
	assert_success
	assert_line --regexp '^a +a-b +route via 10.1.0.2, table main$'
	assert_line --regexp '^b +c-b|^b +b-c +route \(forwarded\) \(direct\), table main$'
	assert_line --regexp '^c +c-b +local: 10.2.0.2 is this namespace.s \(delivered\)$'
	# ip's forwarded lookup in b agrees on the device
	assert_equal "$(ip -n b -j route get 10.2.0.2 from 10.1.0.1 iif b-a | jq -r '.[0].dev')" b-c
}

@test "trace changes nothing and sends nothing" {
	chain
	# IPv6's own solicitations would count: only trace may send here
	ip netns exec a sysctl -qw net.ipv6.conf.a-b.disable_ipv6=1
	before=$(ip -n a -j -s link show a-b | jq -c '.[0].stats64.tx.packets')
	neigh=$(ip -n a -j neigh show | jq -c .)
	trace -n a trace 10.2.0.2
	assert_success
	assert_equal "$(ip -n a -j -s link show a-b | jq -c '.[0].stats64.tx.packets')" "$before"
	assert_equal "$(ip -n a -j neigh show | jq -c .)" "$neigh"
}

@test "a GRE link between two namespaces: the underlay, then the tunnel's far end" {
	need_kind gre
	ns a b
	ip link add a-b netns a type veth peer name b-a netns b
	ip -n a addr add 10.1.0.1/24 dev a-b
	ip -n b addr add 10.1.0.2/24 dev b-a
	ip -n a link set a-b up
	ip -n b link set b-a up
	ip -n a link add g0 type gre local 10.1.0.1 remote 10.1.0.2
	ip -n b link add g0 type gre local 10.1.0.2 remote 10.1.0.1
	ip -n a addr add 192.168.9.1/30 dev g0
	ip -n b addr add 192.168.9.2/30 dev g0
	ip -n a link set g0 up
	ip -n b link set g0 up
	trace -n a trace 192.168.9.2
	assert_success
	assert_line --regexp '^a +g0 +gre tunnel: encapsulated to 10.1.0.2$'
	assert_line --regexp '^b +g0 +gre tunnel: decapsulated, 192.168.9.2 inside$'
	assert_equal "$(ip -n a -j route get 192.168.9.2 | jq -r '.[0].dev')" g0
}

# ---- broken labs: where and why it stops ------------------------------------------

@test "no route: a without a default route stops in a" {
	chain
	ip -n a route del default
	run ip -n a route get 10.2.0.2
	assert_failure
	trace -n a trace 10.2.0.2
	stops a 'no route to 10.2.0.2$'
}

@test "an unreachable route in b stops the forwarded packet there" {
	chain
	ip -n b route add unreachable 10.2.0.2/32
	trace -n a trace 10.2.0.2
	stops b 'no route to 10.2.0.2: an unreachable route'
}

@test "device down: the bridge port towards the destination is down" {
	seeds_up
	ip -n bridge link set bridge-net1 down
	assert_equal "$(ip -n bridge -j link show bridge-net1 | jq -r '.[0].flags | index("UP") == null')" true
	trace -n net0 trace 10.0.1.2
	stops bridge 'bridge port bridge-net1 is down'
}

@test "the far veth end down stops at the near end's peer" {
	chain
	ip -n b link set b-a down
	trace -n a trace 10.2.0.2
	stops b 'the far veth end b-a is down'
	assert_equal "$(ip -n b -j link show b-a | jq -r '.[0].operstate')" DOWN
}

@test "a bridge port that is not forwarding (listening, under STP) stops the packet" {
	seeds_lab
	# the kernel's STP holds a port that comes up listening, then learning,
	# forward_delay (here 30 s) each; without STP a port cannot be held
	ip -n bridge link set dev br type bridge stp_state 1 forward_delay 3000
	vn -n bridge link set br up
	vn -n bridge link set bridge-net0 up
	vn -n bridge link set bridge-net1 up
	vn -n net0 link set net0-bridge up
	vn -n net1 link set net1-bridge up
	assert_equal "$(ip -n bridge -j -d link show bridge-net0 | jq -r '.[0].linkinfo.info_slave_data.state')" listening
	trace -n net0 trace 10.0.1.2
	stops bridge 'bridge port bridge-net[01] is not forwarding \(listening\)'
}

@test "no address on the segment: the gateway is on no device across the veth" {
	chain
	ip -n a route replace default via 10.1.0.77
	trace -n a trace 10.2.0.2
	stops b 'no address on the segment: 10.1.0.77 is not this namespace.s'
	assert_equal "$(ip -n b -j addr show | jq -r '[.[].addr_info[].local] | index("10.1.0.77")')" null
}

@test "a peer in a deleted namespace (alive without a name) stops at the veth" {
	chain
	ip netns exec b sleep 300 &
	holder=$!
	# ip netns exec has entered b once the holder's namespace is b's
	b=$(ip netns exec b readlink /proc/self/ns/net)
	for _ in $(seq 100); do
		[ "$(readlink /proc/$holder/ns/net)" = "$b" ] && break
		sleep 0.05
	done
	nsid=$(ip -n a -j link show a-b | jq -r '.[0].link_netnsid')
	ip netns del b
	trace -n a trace 10.2.0.2
	stops a "its peer is in namespace nsid $nsid, which has no name"
}

@test "strict rp_filter in b drops a packet whose way back leaves by another device" {
	chain
	ip -n b route add 10.1.0.1/32 via 10.2.0.2
	ip netns exec b sysctl -qw net.ipv4.conf.all.rp_filter=1 net.ipv4.conf.b-a.rp_filter=1
	run ip -n b route get 10.2.0.2 from 10.1.0.1 iif b-a
	assert_failure
	trace -n a trace 10.2.0.2
	stops b 'rp_filter on b-a drops it'
}

@test "a missing neighbour on a device without ARP stops before it leaves" {
	chain
	ip -n a link set a-b arp off
	assert_equal "$(ip -n a -j neigh show dev a-b)" "[]"
	trace -n a trace 10.2.0.2
	stops a 'no neighbour entry for 10.1.0.2, and a-b does no ARP \(NOARP\)'
}

@test "a VRF whose table lacks the route stops the packet in b" {
	need_kind vrf
	chain
	ip -n b link add blue type vrf table 10
	ip -n b link set blue up
	ip -n b link set b-a master blue
	# as a VRF is set up: its lookups end in its table, not in main's
	ip -n b route add table 10 unreachable default metric 4278198272
	run ip -n b route get 10.2.0.2 from 10.1.0.1 iif b-a
	assert_failure
	trace -n a trace 10.2.0.2
	stops b 'no route to 10.2.0.2 in the table of vrf blue'
}

@test "a GRE tunnel whose remote has no route in the underlay stops at the tunnel" {
	need_kind gre
	chain
	ip -n a route del default
	ip -n a link add g0 type gre local 10.1.0.1 remote 10.77.0.1
	ip -n a link set g0 up
	ip -n a route add 10.8.0.0/24 dev g0
	run ip -n a route get 10.77.0.1
	assert_failure
	trace -n a trace 10.8.0.5
	stops a 'tunnel remote 10.77.0.1 unreachable'
}

# ---- bad command lines ----------------------------------------------------------

@test "trace refuses a bad address, an unknown word and mixed families: exit 2, one line" {
	chain
	before=$(ip -n a -j route show; ip -n a -j neigh show)
	run vn -n a trace 10.2.0.300
	assert_error 2 'trace: .*10.2.0.300'
	run vn -n a trace 10.2.0.2 bogus
	assert_error 2 'trace 10.2.0.2: unknown keyword "bogus"'
	run vn -n a trace 10.2.0.2 from 2001:db8::1
	assert_error 2 'not of one family'
	run vn -n a trace
	assert_error 2 'trace: missing to'
	assert_equal "$(ip -n a -j route show; ip -n a -j neigh show)" "$before"
}

@test "an unknown namespace is -n's failure: one line, status 1 as for every object" {
	run vn -n nosuch trace 10.2.0.2
	assert_error 1 '-n nosuch: no network namespace named "nosuch"'
}
