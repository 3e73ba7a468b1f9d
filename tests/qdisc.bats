#!/usr/bin/env bats
# vnetctl qdisc and class: tc's qdiscs and htb's classes.  The witness is
# iproute2's tc: every line vnetctl makes reads back the same through
# `tc -j qdisc show`, and what tc makes vnetctl shows as tc does, text and
# JSON, with and without -s.
#
# The kinds the running kernel lacks (netem and tbf on the cloud kernels)
# skip with a reason and run in the VM suite; usage errors and dry runs run
# everywhere.

load helpers

setup() {
	setup_fresh
	# down, so that no packet (IPv6's solicitations) moves a counter
	# between vnetctl's reading and tc's
	ip link add name q0 type veth peer name q1
}

# vnetctl shows dev $1's qdiscs as tc does: text, JSON, with -s (counters
# of an idle device agree).
same_as_tc() {
	local dev=$1
	assert_equal "$(vn qdisc show dev "$dev")" "$(tc qdisc show dev "$dev")"
	assert_equal "$(vn -j qdisc show dev "$dev" | jq -S .)" "$(tc -j qdisc show dev "$dev" | jq -S .)"
	assert_equal "$(vn -s qdisc show dev "$dev")" "$(tc -s qdisc show dev "$dev")"
	assert_equal "$(vn qdisc show)" "$(tc qdisc show)"
}

# tc -s -j's counters, which traffic moves between two readings: set to 0,
# so that what is compared is the keys and every other value.
zero_counters() {
	jq -S 'walk(if type == "object" then with_entries(if (.key | IN("bytes", "packets",
		"drops", "overlimits", "requeues", "backlog", "qlen", "direct_packets_stat",
		"maxpacket", "drop_overlimit", "new_flow_count", "ecn_mark", "ce_mark",
		"memory_used", "drop_overmemory", "new_flows_len", "old_flows_len"))
		then .value = 0 else . end) else . end)'
}
# `-s -j qdisc show dev $1` is tc's, key for key, after traffic moved the
# counters (ping across the veth, peer_in_netns).
same_stats_json() {
	run ping -c 3 -i 0.2 -q 10.9.0.2
	assert_equal "$(vn -s -j qdisc show dev "$1" | zero_counters)" \
		"$(tc -s -j qdisc show dev "$1" | zero_counters)"
	# the counters are there, and moved (noqueue, a veth's default, counts none)
	assert_equal "$(vn -s -j qdisc show dev "$1" |
		jq '[.[] | select(.kind != "noqueue") | .packets] | length == 0 or add > 0')" true
}

# The qdiscs of dev $1 as tc -j reads them, for "nothing changed".
tcq() { tc -j qdisc show dev "$1" | jq -c .; }

# ---- add, made by vnetctl, read by tc ------------------------------------------------

@test "qdisc add htb and class add htb read back the same through tc" {
	run vn qdisc add dev q0 root handle 1: htb default 10
	assert_success
	assert_output ""
	assert_equal "$(tc -j qdisc show dev q0 | jq -r '.[0] | "\(.kind) \(.handle) \(.root) \(.options.default) \(.options.r2q)"')" "htb 1: true 0x10 10"
	run vn class add dev q0 parent 1: classid 1:10 htb rate 10mbit ceil 20mbit burst 15k prio 1
	assert_success
	assert_equal "$(tc class show dev q0)" "class htb 1:10 root prio 1 rate 10Mbit ceil 20Mbit burst 15Kb cburst 1600b "
	assert_equal "$(vn class show dev q0)" "$(tc class show dev q0)"
	assert_equal "$(vn -s class show dev q0)" "$(tc -s class show dev q0)"
	same_as_tc q0
}

@test "class change and del change and remove an htb class" {
	vn qdisc add dev q0 root handle 1: htb
	vn class add dev q0 parent 1: classid 1:10 htb rate 1mbit
	run vn class change dev q0 parent 1: classid 1:10 htb rate 2mbit ceil 4mbit
	assert_success
	assert_output --partial ""
	assert_equal "$(tc class show dev q0)" "class htb 1:10 root prio 0 rate 2Mbit ceil 4Mbit burst 1600b cburst 1600b "
	run vn class del dev q0 classid 1:10
	assert_success
	assert_equal "$(tc class show dev q0)" ""
}

@test "qdisc add pfifo and bfifo under htb classes, limits in tc's units" {
	vn qdisc add dev q0 root handle 1: htb
	vn class add dev q0 parent 1: classid 1:1 htb rate 1mbit
	vn class add dev q0 parent 1: classid 1:2 htb rate 1mbit
	run vn qdisc add dev q0 parent 1:1 handle 10: pfifo limit 50
	assert_success
	run vn qdisc add dev q0 parent 1:2 handle 20: bfifo limit 10k
	assert_success
	assert_equal "$(tc -j qdisc show dev q0 | jq -c '[.[] | select(.kind != "htb") | [.kind, .handle, .parent, .options.limit]]')" \
		'[["pfifo","10:","1:1",50],["bfifo","20:","1:2",10240]]'
	same_as_tc q0
}

@test "qdisc replace swaps the root qdisc; del takes it away" {
	vn qdisc add dev q0 root pfifo limit 10
	run vn qdisc replace dev q0 root bfifo limit 2000
	assert_success
	assert_equal "$(tc -j qdisc show dev q0 | jq -r '.[0] | "\(.kind) \(.options.limit)"')" "bfifo 2000"
	run vn qdisc change dev q0 root bfifo limit 3000
	assert_success
	assert_equal "$(tc -j qdisc show dev q0 | jq -r '.[0].options.limit')" 3000
	run vn qdisc del dev q0 root
	assert_success
	assert_equal "$(tc -j qdisc show dev q0 | jq -r '[.[] | select(.kind == "bfifo")] | length')" 0
}

@test "qdisc add clsact and ingress: the parent is the qdisc's own" {
	run vn qdisc add dev q0 clsact
	assert_success
	assert_equal "$(tc -j qdisc show dev q0 | jq -r '.[] | select(.kind == "clsact") | "\(.handle) \(.parent)"')" "ffff: ffff:fff1"
	same_as_tc q0
	run vn qdisc del dev q0 clsact
	assert_success
	run vn qdisc add dev q0 ingress
	assert_success
	assert_equal "$(tc -j qdisc show dev q0 | jq -r '.[] | select(.kind == "ingress") | .handle')" "ffff:"
	same_as_tc q0
}

# ---- made by tc, shown by vnetctl --------------------------------------------------------

@test "qdisc show prints what tc made as tc prints it" {
	tc qdisc add dev q0 root handle 1: htb default 20 r2q 5
	tc class add dev q0 parent 1: classid 1:20 htb rate 100mbit ceil 1gbit
	tc qdisc add dev q0 parent 1:20 pfifo_fast
	tc qdisc add dev q1 root bfifo limit 1m
	tc qdisc add dev q1 ingress
	same_as_tc q0
	same_as_tc q1
	assert_equal "$(vn -s -j qdisc show | jq -S .)" "$(tc -s -j qdisc show | jq -S .)"
	assert_equal "$(vn class show dev q0)" "$(tc class show dev q0)"
	local f
	for f in root ingress clsact "handle 1:" "parent 1:20"; do
		# shellcheck disable=SC2086
		assert_equal "$(vn qdisc show dev q0 $f)" "$(tc qdisc show dev q0 $f)"
		# shellcheck disable=SC2086
		assert_equal "$(vn qdisc show $f)" "$(tc qdisc show $f)"
	done
}

@test "-s -j qdisc show is tc's key for key: tbf, htb, the fifos, ingress, clsact" {
	require_qdisc tbf htb
	peer_in_netns
	same_stats_json q0
	tc qdisc add dev q0 root handle 1: tbf rate 10mbit burst 10k latency 50ms
	tc qdisc add dev q0 ingress
	same_stats_json q0
	tc qdisc replace dev q0 root handle 2: htb default 10
	tc class add dev q0 parent 2: classid 2:10 htb rate 10mbit
	tc class add dev q0 parent 2: classid 2:20 htb rate 10mbit
	tc qdisc add dev q0 parent 2:10 handle 10: pfifo limit 50
	tc qdisc add dev q0 parent 2:20 handle 20: bfifo limit 10k
	same_stats_json q0
	tc qdisc del dev q0 ingress
	tc qdisc add dev q0 clsact
	tc qdisc replace dev q0 root bfifo limit 100k
	same_stats_json q0
}

# ---- the kinds this kernel may lack -------------------------------------------------------

@test "qdisc add netem reads back the same through tc, every option" {
	require_qdisc netem
	run vn qdisc add dev q0 root netem delay 20ms 5ms 25% distribution normal loss 1% 30% duplicate 2% corrupt 0.1% reorder 25% 50% gap 5 rate 10mbit packetoverhead 4 slot 1ms 2ms limit 2000
	assert_success
	same_as_tc q0
	assert_equal "$(tc -j qdisc show dev q0 | jq -c '.[0].options | [.limit, .delay.delay, .delay.jitter, .["loss-random"].loss, .duplicate.duplicate, .reorder.reorder, .rate.rate, .gap]')" \
		'[2000,0.02,0.005,0.01,0.02,0.25,1250000,5]'
}

@test "qdisc add netem: loss state and gemodel, pareto, ecn, as tc has them" {
	require_qdisc netem
	run vn qdisc add dev q0 root netem loss state 1% 2% 3% 4% 5%
	assert_success
	same_as_tc q0
	run vn qdisc replace dev q0 root netem delay 10ms 2ms distribution paretonormal loss gemodel 1% 10% 70% 0.1% ecn
	assert_success
	same_as_tc q0
	assert_equal "$(tc -j qdisc show dev q0 | jq -r '.[0].options | "\(.["loss-gemodel"].p) \(.ecn)"')" "0.01 true"
	# a delay of no whole microseconds in ticks: 1.5ms is tc 6.1's 0.001499
	run vn qdisc replace dev q0 root netem delay 1.5ms 300us 10%
	assert_success
	same_as_tc q0
	run vn qdisc replace dev q0 root netem rate 5mbit 20 100 -5 slot 1ms 2ms packets 4 bytes 1500
	assert_success
	same_as_tc q0
	assert_equal "$(tc -j qdisc show dev q0 | jq -c '.[0].options | [.rate.packetoverhead, .rate.cellsize, .rate.celloverhead, .slot.packets, .slot.bytes]')" '[20,100,-5,4,1500]'
}

@test "qdisc show prints netem and tbf lines tc made as tc prints them" {
	require_qdisc netem tbf
	tc qdisc add dev q0 root handle 1: tbf rate 1mbit burst 32kb latency 400ms
	tc qdisc add dev q0 parent 1: handle 10: netem delay 100ms 10ms 25% loss 0.3% 25% duplicate 1% corrupt 0.1% reorder 25% 50%
	tc qdisc add dev q1 root netem rate 5mbit delay 1s slot 5ms 10ms packets 4
	same_as_tc q0
	same_as_tc q1
}

@test "qdisc add tbf: rate, burst and latency as tc reads them" {
	require_qdisc tbf
	run vn qdisc add dev q0 root tbf rate 1mbit burst 32k latency 400ms
	assert_success
	run tc qdisc show dev q0
	assert_output --regexp '^qdisc tbf [0-9a-f]+: root refcnt [0-9]+ rate 1Mbit burst 32Kb lat 400ms $'
	same_as_tc q0
	run vn qdisc replace dev q0 root tbf rate 10mbit burst 10k limit 30k peakrate 20mbit mtu 1600
	assert_success
	same_as_tc q0
}

@test "qdisc add fq_codel and prio read back the same through tc" {
	require_qdisc fq_codel prio
	run vn qdisc add dev q0 root handle 1: prio bands 4
	assert_success
	run vn qdisc add dev q0 parent 1:1 fq_codel limit 1000 flows 512 target 10ms interval 200ms noecn
	assert_success
	same_as_tc q0
}

@test "-s -j qdisc show is tc's key for key: netem, fq_codel, prio" {
	require_qdisc netem fq_codel prio
	peer_in_netns
	tc qdisc add dev q0 root netem delay 1ms 1ms 25% loss 1% 30% duplicate 1% corrupt 0.1% reorder 5% 50% rate 100mbit slot 1ms 2ms
	same_stats_json q0
	tc qdisc replace dev q0 root netem loss gemodel 1% 10% 70% 0.1% ecn
	same_stats_json q0
	tc qdisc replace dev q0 root fq_codel limit 1000 flows 512 target 10ms interval 200ms ce_threshold 2ms memory_limit 1m noecn
	same_stats_json q0
	tc qdisc replace dev q0 root handle 1: prio bands 4
	tc qdisc add dev q0 parent 1:1 fq_codel
	tc qdisc add dev q0 parent 1:2 handle 20: netem delay 1ms
	same_stats_json q0
}

@test "qdisc add prio priomap and fq_codel drop_batch, ce_threshold: tc reads them" {
	require_qdisc fq_codel prio
	run vn qdisc add dev q0 root handle 1: prio bands 4 priomap 3 2 1 0
	assert_success
	# the priorities given take their bands; the rest keep tc's map
	assert_equal "$(tc -j qdisc show dev q0 | jq -c '.[0].options | [.bands, .priomap]')" \
		'[4,[3,2,1,0,1,2,0,0,1,1,1,1,1,1,1,1]]'
	run vn qdisc add dev q0 parent 1:1 handle 10: fq_codel drop_batch 32 ce_threshold 2ms
	assert_success
	run tc qdisc show dev q0 parent 1:1
	assert_output --regexp ' ce_threshold 2ms .*drop_batch 32 '
	same_as_tc q0
	run vn qdisc replace dev q0 root handle 1: prio bands 2 priomap 1 1 1 1 1 1 1 1 0 0 0 0 0 0 0 0
	assert_success
	assert_equal "$(tc -j qdisc show dev q0 | jq -c '.[0].options | [.bands, .priomap]')" \
		'[2,[1,1,1,1,1,1,1,1,0,0,0,0,0,0,0,0]]'
	same_as_tc q0
}

@test "netem delay 50ms: ping across the veth takes 50 ms or more" {
	require_qdisc netem
	peer_in_netns
	run vn qdisc add dev q0 root netem delay 50ms
	assert_success
	run ping -c 20 -i 0.2 -q 10.9.0.2
	assert_success
	min=$(sed -n 's|.*= \([0-9.]*\)/.*|\1|p' <<<"$output")
	[ "${min%.*}" -ge 50 ] || fail "ping's minimum is ${min} ms, below 50"
}

# ---- a rate holds a transfer: 250 KiB at 1mbit is 2.048 s ---------------------------------

@test "tbf rate 1mbit holds a 250 KiB TCP transfer near 2 s" {
	require_qdisc tbf
	peer_in_netns
	run vn qdisc add dev q0 root tbf rate 1mbit burst 10k latency 50ms
	assert_success
	run xfer_secs 250
	assert_success
	assert_rate_held "$output" 250 1000000
}

@test "htb class rate 1mbit holds a 250 KiB TCP transfer near 2 s" {
	require_qdisc htb
	peer_in_netns
	run vn qdisc add dev q0 root handle 1: htb default 10
	assert_success
	run vn class add dev q0 parent 1: classid 1:10 htb rate 1mbit
	assert_success
	run xfer_secs 250
	assert_success
	assert_rate_held "$output" 250 1000000
}

@test "netem rate 1mbit alone holds a 250 KiB TCP transfer near 2 s" {
	require_qdisc netem
	peer_in_netns
	run vn qdisc add dev q0 root netem rate 1mbit
	assert_success
	run xfer_secs 250
	assert_success
	assert_rate_held "$output" 250 1000000
}

@test "netem delay 20ms under tbf rate 1mbit holds a 250 KiB TCP transfer" {
	require_qdisc netem tbf
	peer_in_netns
	run vn qdisc add dev q0 root handle 1: tbf rate 1mbit burst 10k latency 50ms
	assert_success
	run vn qdisc add dev q0 parent 1:1 handle 10: netem delay 20ms
	assert_success
	run xfer_secs 250
	assert_success
	assert_rate_held "$output" 250 1000000
}

@test "netem loss 100%: every ping is lost" {
	require_qdisc netem
	peer_in_netns
	run vn qdisc add dev q0 root netem loss 100%
	assert_success
	run ping -c 20 -i 0.2 -W 1 -q 10.9.0.2
	assert_failure
	assert_output --partial "20 packets transmitted, 0 received"
}

# ---- bad input: exit 2, one line, nothing sent --------------------------------------------

@test "qdisc add refuses measures out of range, and sends nothing" {
	local before
	before=$(tcq q0)
	run vn qdisc add dev q0 root netem delay -1ms
	assert_error 2 'qdisc add q0: netem: invalid delay "-1ms" \(expected a time'
	run vn qdisc add dev q0 root netem loss 101%
	assert_error 2 'qdisc add q0: netem: invalid loss "101%" \(expected a percentage'
	run vn qdisc add dev q0 root tbf rate 0 burst 10k latency 50ms
	assert_error 2 'qdisc add q0: tbf: invalid rate "0" \(expected a rate above zero\)'
	run vn qdisc add dev q0 root netem rate 0
	assert_error 2 'qdisc add q0: netem: invalid rate "0" \(expected a rate above zero\)'
	run vn qdisc add dev q0 root netem delay 10ms rate -1mbit
	assert_error 2 'netem: invalid rate "-1mbit"'
	run vn qdisc add dev q0 root tbf rate 1mbit burst 0 latency 50ms
	assert_error 2 'qdisc add q0: tbf: burst 0 holds no packet \(a size above zero\)'
	run vn qdisc add dev q0 root tbf rate 1mbit burst 10k latency 50ms peakrate 2mbit mtu 0
	assert_error 2 'tbf: mtu 0 holds no packet'
	run vn qdisc add dev q0 root netem duplicate 101%
	assert_error 2 'invalid duplicate "101%"'
	run vn qdisc add dev q0 root netem loss -1%
	assert_error 2 'invalid loss "-1%"'
	run vn qdisc add dev q0 root netem delay 10ms -1ms
	assert_error 2 'invalid delay "-1ms"'
	run vn qdisc add dev q0 root prio bands 1
	assert_error 2 'prio: bands 1 is out of range \(2..16\)'
	run vn qdisc add dev q0 root fq_codel flows 0
	assert_error 2 'fq_codel: flows 0 is out of range'
	run vn qdisc add dev q0 root fq_codel drop_batch 0
	assert_error 2 'fq_codel: drop_batch 0 is out of range \(at least 1\)'
	run vn qdisc add dev q0 root prio bands 2
	assert_error 2 "prio: priority 1's band 2 is not below bands 2 \\(priomap BAND"
	run vn qdisc add dev q0 root prio bands 3 priomap 0 1 3
	assert_error 2 "prio: priority 2's band 3 is not below bands 3"
	run vn qdisc add dev q0 root prio priomap 1 x
	assert_error 2 'unknown keyword "x"'
	run vn qdisc add dev q0 root prio priomap -1
	assert_error 2 'invalid priomap "-1" \(expected a whole number\)'
	run vn qdisc add dev q0 root prio priomap 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1
	assert_error 2 'prio: priomap takes at most 16 values \(BAND...\), not "1"'
	run vn qdisc add dev q0 root netem delay 10ms 5ms 25% 7
	assert_error 2 'netem: delay takes at most 3 values \(TIME \[JITTER \[CORRELATION\]\]\), not "7"'
	run vn qdisc add dev q0 root netem gap 5 6
	assert_error 2 'gap takes at most 1 value \(N\), not "6"'
	run vn qdisc add dev q0 root netem delay 10ms 5ms 101%
	assert_error 2 'invalid delay "101%"'
	run vn qdisc add dev q0 root netem reorder 10%
	assert_error 2 'reorder needs delay \(it sends'
	run vn qdisc add dev q0 root tbf rate 1mbit burst 10k
	assert_error 2 'tbf needs latency or limit'
	run vn qdisc add dev q0 root tbf rate 1mbit burst 10k latency 1ms limit 10k
	assert_error 2 'latency and limit cannot be used together'
	run vn qdisc add dev q0 root pfifo limit ten
	assert_error 2 'limit'
	assert_equal "$(tcq q0)" "$before"
}

@test "qdisc add refuses a kind without its parent, and two kinds" {
	local before
	before=$(tcq q0)
	run vn qdisc add dev q0 netem delay 10ms
	assert_error 2 'qdisc add q0: netem needs a parent \(root, parent MAJ:MIN, ingress or clsact\)'
	run vn qdisc add dev q0 root
	assert_error 2 'which qdisc\?'
	run vn qdisc add dev q0 root ingress
	assert_error 2 'cannot be used together'
	run vn qdisc add dev q0 root handle 1:2 htb
	assert_error 2 "a qdisc's handle is MAJ:"
	run vn qdisc add dev q0 parent 1:x htb
	assert_error 2 'invalid parent "1:x"'
	assert_equal "$(tcq q0)" "$before"
}

@test "class add on a classless qdisc is refused: exit 2, nothing sent" {
	vn qdisc add dev q0 root handle 1: pfifo
	run vn class add dev q0 parent 1: classid 1:10 htb rate 1mbit
	assert_error 2 'class add q0: qdisc 1: is pfifo, which has no htb classes \(a classless qdisc\)'
	run vn class add dev q0 parent 2: classid 2:10 htb rate 1mbit
	assert_error 2 'no qdisc 2: on q0'
	run vn class add dev q0 parent 1: classid 1:10 htb
	assert_error 2 'an htb class needs rate'
	run vn class add dev q0 parent 1: classid 1:10 htb rate 0
	assert_error 2 'class add q0: htb: invalid rate "0" \(expected a rate above zero\)'
	run vn class add dev q0 parent 1: classid 1:10 htb rate 1mbit ceil 0
	assert_error 2 'invalid ceil "0"'
	run vn class add dev q0 parent 1: classid 1: htb rate 1mbit
	assert_error 2 'names a qdisc, not a class'
	assert_equal "$(tc class show dev q0)" ""
}

@test "class add under tbf is refused: its one class is its own" {
	require_qdisc tbf
	vn qdisc add dev q0 root handle 1: tbf rate 1mbit burst 10k latency 50ms
	run vn class add dev q0 parent 1: classid 1:10 htb rate 1mbit
	assert_error 2 'class add q0: qdisc 1: is tbf, which has no htb classes \(its classes are its own\)'
	# a qdisc under its class 1:1 is how it is used
	run vn qdisc add dev q0 parent 1:1 handle 10: pfifo limit 20
	assert_success
	assert_equal "$(tc -j qdisc show dev q0 | jq -c '[.[] | [.kind, .parent]]')" '[["tbf",null],["pfifo","1:1"]]'
}

@test "qdisc on a device that does not exist fails with the device named" {
	run vn qdisc add dev nosuch root pfifo
	assert_error 1 'nosuch'
}

# ---- dry run ------------------------------------------------------------------------------

@test "dry run decodes a qdisc request: tcmsg, kind and netem's options" {
	local before
	before=$(tcq q0)
	run vn -N qdisc add dev q0 root netem delay 10ms 5ms loss state 1% 2% rate 1mbit
	assert_success
	assert_line --index 0 "RTM_NEWQDISC flags REQUEST|ACK|CREATE|EXCL"
	assert_line --index 1 --regexp "^  tcmsg family unspec index [0-9]+ handle 0x0 parent 0xffffffff info 0$"
	assert_line --index 2 '  TCA_KIND "netem"'
	assert_output --partial "TCA_NETEM_LATENCY64 (8 bytes) 80 96 98 00"
	assert_output --partial "NETEM_LOSS_GI (20 bytes)"
	run vn -N -j qdisc add dev q0 root tbf rate 1mbit burst 10k latency 50ms
	assert_success
	assert_equal "$(jq -c '[.type, .header.struct, .attributes[1].attributes[1].type, .attributes[1].attributes[1].value]' <<<"$output")" \
		'["RTM_NEWQDISC","tcmsg","TCA_TBF_BURST",10240]'
	# prio's map: the bands given, tc's map after them
	run vn -N qdisc add dev q0 root prio bands 4 priomap 3 2 1 0
	assert_success
	assert_line '  TCA_OPTIONS (20 bytes) 04 00 00 00 03 02 01 00 01 02 00 00 01 01 01 01 01 01 01 01'
	run vn -N qdisc add dev q0 root fq_codel drop_batch 32
	assert_success
	assert_line '    TCA_FQ_CODEL_DROP_BATCH_SIZE 32'
	run vn -N class add dev q0 parent 1: classid 1:10 htb rate 1mbit
	assert_error 2 'no qdisc 1: on q0'
	assert_equal "$(tcq q0)" "$before"
}

# The tables iproute2 ships (its maketable programs' output), where they
# are installed: netem's distributions computed by vnetctl are the same.
@test "netem's distribution tables are iproute2's, computed" {
	local d f
	for d in normal pareto paretonormal; do
		f=/usr/lib/tc/$d.dist
		[ -f "$f" ] || f=/usr/lib/x86_64-linux-gnu/tc/$d.dist
		[ -f "$f" ] || skip "iproute2's $d.dist is not installed here"
		run vn -N -j qdisc add dev q0 root netem delay 100ms 10ms distribution "$d"
		assert_success
		assert_equal "$(jq -r '.attributes[1].attributes[] | select(.type == "TCA_NETEM_DELAY_DIST") | .value' <<<"$output" |
			python3 -c 'import sys, struct; b = bytes.fromhex(sys.stdin.read().strip()); print(" ".join(map(str, struct.unpack("<%dh" % (len(b) // 2), b))))')" \
			"$(grep -v '^#' "$f" | tr -s ' \n' '  ' | sed 's/^ //; s/ $//')"
	done
}

@test "qdisc completion offers the kinds and a kind's words" {
	run vn __complete qdisc add dev q0 root ''
	assert_success
	assert_line netem
	assert_line htb
	run vn __complete qdisc add dev q0 root netem ''
	assert_line delay
	assert_line loss
}
