#!/usr/bin/env bats
# link set DEV delay ... [impair none]: netem at the device's root, made by
# the qdisc object, and link show -d's impair line.  The witness is
# iproute2's tc (`tc -j qdisc show`).  Where the kernel lacks netem (the
# cloud kernels) the tests that make one skip with a reason and run in the
# VM suite; usage errors, ip's name and dry runs run everywhere.

load helpers

setup() {
	setup_fresh
	shim_setup
	ip link add name q0 type veth peer name q1
}

# dev $1's root qdisc as tc -j reads it
root_q() { tc -j qdisc show dev "$1" | jq -c '.[] | select(.root)'; }
# what netem's options hold, rounded: delay jitter loss rate duplicate corrupt reorder
netem_vals() {
	root_q "$1" | jq -c '[.kind, .options.delay.delay, .options.delay.jitter,
		((.options."loss-random".loss // 0) * 1e4 | round), (.options.rate.rate // 0),
		((.options.duplicate.duplicate // 0) * 1e4 | round),
		((.options.corrupt.corrupt // 0) * 1e5 | round),
		((.options.reorder.reorder // 0) * 100 | round)]'
}

@test "link set DEV delay ... makes a root netem with those values, tc reads them" {
	require_qdisc netem
	run vn link set q0 delay 20ms jitter 5ms loss 1% rate 10mbit duplicate 1% corrupt 0.1% reorder 25%
	assert_success
	assert_output ""
	assert_equal "$(netem_vals q0)" '["netem",0.02,0.005,100,1250000,100,100,25]'
	assert_equal "$(tc -j qdisc show dev q0 | jq length)" 1
}

@test "link set DEV delay again replaces the whole impairment" {
	require_qdisc netem
	run vn link set q0 delay 20ms loss 1%
	assert_success
	run vn link set q0 delay 10ms
	assert_success
	assert_equal "$(netem_vals q0)" '["netem",0.01,0,0,0,0,0,0]'
	assert_equal "$(tc -j qdisc show dev q0 | jq length)" 1
	# with a link change in the same line: both done
	run vn link set q0 mtu 1400 delay 30ms
	assert_success
	assert_equal "$(netem_vals q0)" '["netem",0.03,0,0,0,0,0,0]'
	assert_equal "$(ip -j link show dev q0 | jq '.[0].mtu')" 1400
}

@test "link set DEV impair none deletes the root netem, and only a netem" {
	require_qdisc netem
	local def
	def=$(root_q q0 | jq -r .kind)
	run vn link set q0 delay 20ms
	assert_success
	run vn link set q0 impair none
	assert_success
	assert_output ""
	assert_equal "$(root_q q0 | jq -r .kind)" "$def"
	# nothing to take away: done, nothing changed
	run vn link set q0 impair none
	assert_success
	assert_equal "$(root_q q0 | jq -r .kind)" "$def"
	# a root the user made of another kind is left, with exit 1
	tc qdisc add dev q0 root handle 1: pfifo
	run vn link set q0 impair none
	assert_error 1 "q0's root qdisc is pfifo, not netem"
	assert_equal "$(root_q q0 | jq -r '.kind + " " + .handle')" "pfifo 1:"
}

@test "link show -d says what a link carries: the impair line and JSON key" {
	require_qdisc netem
	run vn link set q0 delay 20ms loss 1%
	assert_success
	run vn -d link show q0
	assert_success
	assert_line --regexp '^    impair netem limit 1000 delay 20ms loss 1%'
	run vn -d -j link show q0
	assert_success
	assert_equal "$(jq -c '.[0].impair | [.kind, .limit, .delay.delay]' <<<"$output")" '["netem",1000,0.02]'
	# without -d, and under ip's name, nothing of it
	run vn link show q0
	refute_output --partial impair
	run vn -j link show q0
	assert_equal "$(jq '.[0] | has("impair")' <<<"$output")" false
	run vip -d link show q0
	refute_output --partial impair
	# the link without netem has none
	run vn -d -j link show q1
	assert_equal "$(jq '.[0] | has("impair")' <<<"$output")" false
}

@test "link set DEV delay 50ms: ping across the veth takes 50 ms or more" {
	require_qdisc netem
	peer_in_netns
	run vn link set q0 delay 50ms
	assert_success
	run ping -c 5 -i 0.2 -q 10.9.0.2
	assert_success
	min=$(sed -n 's|.*= \([0-9.]*\)/.*|\1|p' <<<"$output")
	[ "${min%.*}" -ge 50 ] || fail "ping's minimum is ${min} ms, below 50"
}

@test "link set DEV rate 1mbit holds a 250 KiB TCP transfer near 2 s" {
	require_qdisc netem
	peer_in_netns
	run vn link set q0 rate 1mbit
	assert_success
	run xfer_secs 250
	assert_success
	assert_rate_held "$output" 250 1000000
	# and with a delay beside it
	run vn link set q0 delay 20ms rate 1mbit
	assert_success
	run xfer_secs 250
	assert_success
	assert_rate_held "$output" 250 1000000
}

# ---- bad input: exit 2, one line, nothing changed -------------------------------------

@test "link set refuses bad impairments: exit 2, one line, nothing changed" {
	local before
	before=$(tc -j qdisc show dev q0)
	run vn link set q0 delay -1ms
	assert_error 2 'invalid delay "-1ms"'
	run vn link set q0 loss 101%
	assert_error 2 'invalid loss "101%"'
	run vn link set q0 rate 0
	assert_error 2 'link set q0: invalid rate "0" \(expected a rate above zero\)'
	run vn link set q0 delay 10ms rate -1mbit
	assert_error 2 'invalid rate "-1mbit"'
	run vn link set q0 delay 10ms jitter -1ms
	assert_error 2 'invalid jitter "-1ms"'
	run vn link set q0 delay 10ms jitter 1ms 2ms
	assert_error 2 'jitter takes at most 1 value \(TIME\), not "2ms"'
	run vn link set q0 duplicate 101%
	assert_error 2 'invalid duplicate "101%"'
	run vn link set q0 corrupt 101%
	assert_error 2 'invalid corrupt "101%"'
	run vn link set q0 delay 10ms reorder 101%
	assert_error 2 'invalid reorder "101%"'
	run vn link set q0 jitter 5ms
	assert_error 2 'jitter needs delay'
	run vn link set q0 delay 10ms 2ms jitter 5ms
	assert_error 2 'jitter given twice'
	run vn link set q0 reorder 25%
	assert_error 2 'reorder needs delay'
	run vn link set q0 impair none delay 10ms
	assert_error 2 'impair none goes alone'
	run vn link set q0 impair all
	assert_error 2 'impair'
	run vn link set group 0 delay 10ms
	assert_error 2 'delay needs dev NAME, not a group'
	assert_equal "$(tc -j qdisc show dev q0)" "$before"
}

@test "under ip's name the impairment words are no keywords" {
	local before
	before=$(tc -j qdisc show dev q0)
	for w in "delay 20ms" "loss 1%" "impair none" "jitter 5ms"; do
		# shellcheck disable=SC2086
		run vip link set dev q0 $w
		assert_equal "$status" 255
		assert_equal "$(tc -j qdisc show dev q0)" "$before"
	done
}

# ---- dry run: needs no netem ----------------------------------------------------------

@test "dry run prints the netem request at the root, replacing, and sends nothing" {
	local before
	before=$(tc -j qdisc show dev q0)
	run vn -N link set q0 delay 20ms jitter 5ms loss 1%
	assert_success
	assert_line --index 0 "RTM_NEWQDISC flags REQUEST|ACK|CREATE|REPLACE"
	assert_line --index 1 --regexp "^  tcmsg family unspec index [0-9]+ handle 0x0 parent 0xffffffff info 0$"
	assert_line --index 2 '  TCA_KIND "netem"'
	assert_output --partial "TCA_NETEM_LATENCY64 (8 bytes) 00 2d 31 01 00 00 00 00"
	assert_output --partial "TCA_NETEM_JITTER64 (8 bytes) 40 4b 4c 00 00 00 00 00"
	# a link change and an impairment: the link's request, then the qdisc's
	run vn -N link set q0 mtu 1400 delay 20ms
	assert_success
	assert_line --index 0 --regexp "^RTM_NEWLINK"
	assert_output --partial "RTM_NEWQDISC flags REQUEST|ACK|CREATE|REPLACE"
	# impair none: the delete at the root (a dry run reads no root)
	run vn -N link set q0 impair none
	assert_success
	assert_line --index 0 "RTM_DELQDISC flags REQUEST|ACK"
	assert_line --index 1 --regexp "^  tcmsg family unspec index [0-9]+ handle 0x0 parent 0xffffffff info 0$"
	assert_equal "$(tc -j qdisc show dev q0)" "$before"
	assert_equal "$(ip -j link show dev q0 | jq '.[0].mtu')" 1500
}
