#!/usr/bin/env bats
# Impairments in topology files: a veth, or each end of it, takes the words
# of `link set DEV delay 20ms [jitter 5ms] [loss 1%] [rate 10mbit]
# [duplicate 1%] [corrupt 0.1%] [reorder 25%]`, read through that verb's
# table when the file is read.  topo up sets them as that command (a root
# netem), plan prints them as steps, diff compares them with the root
# netem, save writes them back, down takes them with the veth, and an up
# that fails undoes them.  A links: device (vxlan, gretap...) takes the
# same words among its keys, and is planned, set, compared and undone the
# same way.  The witness is tc -j qdisc show.  netem is not in
# every kernel: what needs it skips with a reason (the VM stage runs it);
# reading, plan and the undoing on a kernel without netem run anywhere.

load helpers
load topo-snap
bats_require_minimum_version 1.5.0

setup() { clean_netns; }
teardown() { empty_machine; }

F() { echo "$BATS_TEST_TMPDIR/t.yaml"; }

# Two namespaces joined by a veth: the veth's words both ends', r2's end
# with a delay and a rate of its own.
lab() {
	cat >"$(F)" <<'Y'
namespaces: [r1, r2]
veths:
  - a: r1/eth0
    b: {dev: r2/eth0, delay: 50ms, rate: 1mbit}
    delay: 20ms
    jitter: 5ms
    loss: 1%
    up: true
Y
}

# The root qdisc of DEV in NS as tc -j reads it, rounded as impair.bats's
# netem_vals: [kind, delay s, jitter s, loss %*100, rate B/s, duplicate
# %*100, corrupt %*1000, reorder %].
netem_of() { # NS DEV
	ip netns exec "$1" tc -j qdisc show dev "$2" | jq -c '.[] | select(.root) |
		[.kind, (.options.delay.delay // 0), (.options.delay.jitter // 0),
		((.options."loss-random".loss // 0) * 1e4 | round), (.options.rate.rate // 0),
		((.options.duplicate.duplicate // 0) * 1e4 | round),
		((.options.corrupt.corrupt // 0) * 1e5 | round),
		((.options.reorder.reorder // 0) * 100 | round)]'
}

# A file of one veth whose line 5 is TEXT.
bad_file() { # TEXT
	printf 'namespaces: [r1, r2]\nveths:\n  - a: r1/eth0\n    b: r2/eth0\n    %s\n' "$1" >"$(F)"
}

# ---- read and planned: any kernel --------------------------------------------------

@test "plan: each end's impairment as link set's words, the end's own before the veth's" {
	lab
	run vn topo plan "$(F)"
	assert_success
	assert_output "vnetctl netns add r1
vnetctl netns add r2
vnetctl veth add eth0 netns r1 peer eth0 netns r2
vnetctl -n r1 link set eth0 delay 20ms jitter 5ms loss 1%
vnetctl -n r2 link set eth0 delay 50ms rate 1mbit jitter 5ms loss 1%
vnetctl -n r1 link set eth0 up
vnetctl -n r2 link set eth0 up"
	run vn -j topo plan "$(F)"
	assert_success
	assert_equal "$(jq -c '.[3]' <<<"$output")" \
		'{"line":3,"netns":"r1","argv":["link","set","eth0","delay","20ms","jitter","5ms","loss","1%"]}'
	# the aliases link set takes, and every measure of it
	printf 'veths:\n  - {a: v0, b: v1, latency: 1s, drop: 0.5%%, duplicate: 1%%, corrupt: 0.1%%, reorder: 25%%, rate: 10mbit}\n' >"$(F)"
	run vn topo plan "$(F)"
	assert_success
	assert_line 'vnetctl link set v0 delay 1s loss 0.5% duplicate 1% corrupt 0.1% reorder 25% rate 10mbit'
	assert_line 'vnetctl link set v1 delay 1s loss 0.5% duplicate 1% corrupt 0.1% reorder 25% rate 10mbit'
}

@test "a veth without impairment plans no link set step; an end alone takes its own" {
	printf 'veths:\n  - {a: v0, b: v1}\n  - {a: {dev: w0, loss: 2%%}, b: w1}\n' >"$(F)"
	run vn topo plan "$(F)"
	assert_success
	assert_output "vnetctl veth add v0 peer v1
vnetctl veth add w0 peer w1
vnetctl link set w0 loss 2%"
}

@test "a wrong impairment is refused at its place by every verb: exit 2, one line, nothing made" {
	bad_file 'delay: -1ms'
	assert_file_refused "$(F)" 5:12 'veth: invalid delay "-1ms" \(expected a time'
	bad_file 'loss: 101%'
	assert_file_refused "$(F)" 5:11 'veth: invalid loss "101%" \(expected a percentage: 0 to 100'
	bad_file 'rate: 0'
	assert_file_refused "$(F)" 5:11 'veth: invalid rate "0" \(expected a rate above zero\)$'
	bad_file 'frobnicate: 1ms'
	assert_file_refused "$(F)" 5:5 'veth: unknown key "frobnicate" \(one of: a, b, up, delay, jitter, loss, rate'
	# link set's own words that are no measure are no key of a file
	bad_file 'impair: none'
	assert_file_refused "$(F)" 5:5 'veth: unknown key "impair"'
	bad_file 'mtu: 1400'
	assert_file_refused "$(F)" 5:5 'veth: unknown key "mtu"'
	bad_file 'dev: x'
	assert_file_refused "$(F)" 5:5 'veth: unknown key "dev"'
	bad_file 'delay: [20ms]'
	assert_file_refused "$(F)" 5:12 'delay'
	bad_file 'delay: 1ms 2ms'
	assert_file_refused "$(F)" 5:12 'veth: invalid delay'
	printf 'namespaces: [r1, r2]\nveths:\n  - a: r1/eth0\n    b: r2/eth0\n    delay: 1ms\n    latency: 2ms\n' >"$(F)"
	assert_file_refused "$(F)" 6:14 'veth: delay given twice$'
	# an end's own
	printf 'veths:\n  - a: {dev: v0, loss: 200%%}\n    b: v1\n' >"$(F)"
	assert_file_refused "$(F)" 2:24 'a: invalid loss "200%"'
	printf 'veths:\n  - a: {delay: 1ms}\n    b: v1\n' >"$(F)"
	assert_file_refused "$(F)" 2:8 'veth: a: "dev" is missing$'
	# the words together, as link set checks them: at the end that lacks
	printf 'namespaces: [r1, r2]\nveths:\n  - {a: r1/eth0, b: r2/eth0, jitter: 5ms}\n' >"$(F)"
	assert_file_refused "$(F)" 3:9 'veth: r1/eth0: jitter needs delay$'
	printf 'veths:\n  - a: v0\n    b: {dev: v1, delay: 1ms}\n    reorder: 25%%\n' >"$(F)"
	assert_file_refused "$(F)" 2:8 'veth: v0: reorder needs delay'
	printf 'veths:\n  - a: {dev: v0, up: true}\n    b: v1\n' >"$(F)"
	assert_file_refused "$(F)" 2:18 'a: unknown key "up" \(one of: dev, delay'
}

@test "plan and diff of a veth made by hand without netem: each end's impairment missing" {
	lab
	ip netns add r1
	ip netns add r2
	ip -n r1 link add eth0 type veth peer name eth0 netns r2
	ip -n r1 link set eth0 up
	ip -n r2 link set eth0 up
	run vn topo plan "$(F)"
	assert_success
	assert_output "vnetctl -n r1 link set eth0 delay 20ms jitter 5ms loss 1%
vnetctl -n r2 link set eth0 delay 50ms rate 1mbit jitter 5ms loss 1%"
	run vn topo diff "$(F)"
	assert_equal "$status" 1
	assert_line 'ok      veth r1/eth0 r2/eth0'
	assert_line 'missing impair r1/eth0 delay 20ms jitter 5ms loss 1%'
	assert_line 'missing impair r2/eth0 delay 50ms rate 1mbit jitter 5ms loss 1%'
	run vn -j topo diff "$(F)"
	assert_equal "$(jq -c '[.[] | select(.item == "impair") | [.line, .state, .netns, .dev, .words]]' <<<"$output")" \
		'[[3,"missing","r1","eth0","delay 20ms jitter 5ms loss 1%"],[3,"missing","r2","eth0","delay 50ms rate 1mbit jitter 5ms loss 1%"]]'
	# the kernel's own qdisc at the root is no impairment either
	ip netns exec r1 tc qdisc add dev eth0 root pfifo
	run vn topo diff "$(F)"
	assert_line 'missing impair r1/eth0 delay 20ms jitter 5ms loss 1%'
}

@test "on a kernel without netem, up fails at the impairment and undoes everything it made" {
	if kernel_has_qdisc netem; then
		skip "this kernel has netem (the impairment is set there)"
	fi
	local before
	lab
	before=$(full_snap)
	run vn topo up "$(F)"
	assert_error 1 "topo up $(F):3: link set eth0: Specified qdisc kind is unknown"
	assert_equal "$(full_snap)" "$before"
}

# A vxlan in r1 and a gretap in the caller's namespace, each with an
# impairment among its keys.
link_lab() {
	cat >"$(F)" <<'Y'
namespaces: [r1]
links:
  r1/vx0: {kind: vxlan, id: 42, delay: 20ms, dstport: 4789, loss: 1%, remote: 10.9.0.2}
  gt0:
    kind: gretap
    remote: 10.9.0.3
    latency: 5ms
    rate: 1mbit
    local: 10.9.0.1
    up: true
Y
}

# The same with a second vxlan (this host's kernel may lack gretap).
vx_lab() {
	cat >"$(F)" <<'Y'
namespaces: [r1]
links:
  r1/vx0: {kind: vxlan, id: 42, delay: 20ms, dstport: 4789, loss: 1%, remote: 10.9.0.2}
  vx1:
    kind: vxlan
    id: 43
    remote: 10.9.0.3
    latency: 5ms
    rate: 1mbit
    dstport: 4790
    up: true
Y
}

@test "plan: a link's impairment as link set's words once it is made, its kind's words apart" {
	link_lab
	run vn topo plan "$(F)"
	assert_success
	assert_output "vnetctl netns add r1
vnetctl -n r1 link add vx0 type vxlan id 42 dstport 4789 remote 10.9.0.2
vnetctl link add gt0 type gretap remote 10.9.0.3 local 10.9.0.1
vnetctl -n r1 link set vx0 delay 20ms loss 1%
vnetctl link set gt0 delay 5ms rate 1mbit
vnetctl link set gt0 up"
	run vn -j topo plan "$(F)"
	assert_success
	assert_equal "$(jq -c '.[3]' <<<"$output")" \
		'{"line":3,"netns":"r1","argv":["link","set","vx0","delay","20ms","loss","1%"]}'
	assert_equal "$(jq -c '.[4].line' <<<"$output")" 4
}

@test "a link's wrong impairment is refused at its place by every verb: exit 2, one line, nothing made" {
	printf 'links:\n  gt0: {kind: gretap, remote: 10.9.0.3, delay: -1ms}\n' >"$(F)"
	assert_file_refused "$(F)" 2:48 'gretap: invalid delay "-1ms" \(expected a time'
	printf 'links:\n  gt0: {kind: gretap, remote: 10.9.0.3, loss: 101%%}\n' >"$(F)"
	assert_file_refused "$(F)" 2:47 'gretap: invalid loss "101%"'
	printf 'links:\n  gt0: {kind: gretap, delay: 1ms, latency: 2ms}\n' >"$(F)"
	assert_file_refused "$(F)" 2:44 'gretap: delay given twice$'
	printf 'links:\n  gt0: {kind: gretap, jitter: 5ms}\n' >"$(F)"
	assert_file_refused "$(F)" 2:8 'gretap: jitter needs delay$'
	# link set's words that are no measure are the kind's, and it has none
	printf 'links:\n  gt0: {kind: gretap, impair: none}\n' >"$(F)"
	assert_file_refused "$(F)" 2:23 'gretap: unknown key "impair"'
	# a section of its own kind (vxlans:) takes none: a links: device does
	printf 'vxlans:\n  vx0: {id: 42, delay: 1ms}\n' >"$(F)"
	assert_file_refused "$(F)" 2:17 'vxlan: unknown key "delay" \(one of: netns'
}

@test "plan and diff of a link made by hand without netem: its impairment missing" {
	kernel_knows_kind vxlan || skip "the kernel lacks vxlan (runs in the VM suite)"
	vx_lab
	ip netns add r1
	ip -n r1 link add vx0 type vxlan id 42 dstport 4789 remote 10.9.0.2
	ip link add vx1 type vxlan id 43 remote 10.9.0.3 dstport 4790
	ip link set vx1 up
	run vn topo plan "$(F)"
	assert_success
	assert_output "vnetctl -n r1 link set vx0 delay 20ms loss 1%
vnetctl link set vx1 delay 5ms rate 1mbit"
	run vn topo diff "$(F)"
	assert_equal "$status" 1
	assert_line --regexp '^ok +vxlan r1/vx0'
	assert_line 'missing impair r1/vx0 delay 20ms loss 1%'
	assert_line 'missing impair vx1 latency 5ms rate 1mbit'
	run vn -j topo diff "$(F)"
	assert_equal "$(jq -c '[.[] | select(.item == "impair") | [.line, .state, .netns, .dev, .words]]' <<<"$output")" \
		'[[3,"missing","r1","vx0","delay 20ms loss 1%"],[4,"missing",null,"vx1","latency 5ms rate 1mbit"]]'
	# a device of another kind under the name is not the link: made first
	ip -n r1 link del vx0
	ip -n r1 link add vx0 type veth peer name vx1
	run vn topo plan "$(F)"
	assert_line 'vnetctl -n r1 link add vx0 type vxlan id 42 dstport 4789 remote 10.9.0.2'
	assert_line 'vnetctl -n r1 link set vx0 delay 20ms loss 1%'
}

@test "on a kernel without netem, up fails at a link's impairment and undoes everything it made" {
	if kernel_has_qdisc netem; then
		skip "this kernel has netem (the impairment is set there)"
	fi
	kernel_knows_kind vxlan || skip "the kernel lacks vxlan"
	local before
	vx_lab
	before=$(full_snap)
	run vn topo up "$(F)"
	assert_error 1 "topo up $(F):3: link set vx0: Specified qdisc kind is unknown"
	assert_equal "$(full_snap)" "$before"
}

# ---- set, compared, saved: a kernel with netem --------------------------------------

@test "up sets each end's netem (tc reads it); plan is empty, diff clean, down leaves nothing" {
	require_qdisc netem
	local before
	lab
	before=$(full_snap)
	run vn topo up "$(F)"
	assert_success
	assert_equal "$(netem_of r1 eth0)" '["netem",0.02,0.005,100,0,0,0,0]'
	assert_equal "$(netem_of r2 eth0)" '["netem",0.05,0.005,100,125000,0,0,0]'
	run vn topo plan "$(F)"
	assert_success
	assert_output ""
	run vn topo diff "$(F)"
	assert_success
	assert_line 'ok      impair r1/eth0 delay 20ms jitter 5ms loss 1%'
	assert_line 'ok      impair r2/eth0 delay 50ms rate 1mbit jitter 5ms loss 1%'
	run vn topo up "$(F)"
	assert_success
	run vn topo down "$(F)"
	assert_success
	assert_equal "$(full_snap)" "$before"
	assert_equal "$(ip netns list)" ""
}

@test "every measure reaches the kernel as link set sends it" {
	require_qdisc netem
	printf 'namespaces: [r1, r2]\nveths:\n  - {a: r1/eth0, b: r2/eth0, delay: 20ms, jitter: 5ms, loss: 1%%, rate: 10mbit, duplicate: 1%%, corrupt: 0.1%%, reorder: 25%%}\n' >"$(F)"
	run vn topo up "$(F)"
	assert_success
	assert_equal "$(netem_of r1 eth0)" '["netem",0.02,0.005,100,1250000,100,100,25]'
	assert_equal "$(netem_of r2 eth0)" '["netem",0.02,0.005,100,1250000,100,100,25]'
	run vn topo diff "$(F)"
	assert_success
}

@test "diff says an impairment missing or changed by hand; plan and up put it back" {
	require_qdisc netem
	lab
	vn topo up "$(F)"
	ip netns exec r1 tc qdisc del dev eth0 root
	ip netns exec r2 tc qdisc del dev eth0 root
	ip netns exec r2 tc qdisc add dev eth0 root netem delay 30ms
	run vn topo diff "$(F)"
	assert_equal "$status" 1
	assert_line 'missing impair r1/eth0 delay 20ms jitter 5ms loss 1%'
	assert_line 'differs impair r2/eth0 delay 50ms rate 1mbit jitter 5ms loss 1%: delay 30ms'
	run vn -j topo diff "$(F)"
	assert_equal "$(jq -c '[.[] | select(.item == "impair") | [.state, .netns, .dev, .kernel]]' <<<"$output")" \
		'[["missing","r1","eth0",null],["differs","r2","eth0","delay 30ms"]]'
	run vn topo plan "$(F)"
	assert_success
	assert_output "vnetctl -n r1 link set eth0 delay 20ms jitter 5ms loss 1%
vnetctl -n r2 link set eth0 delay 50ms rate 1mbit jitter 5ms loss 1%"
	run vn topo up "$(F)"
	assert_success
	assert_equal "$(netem_of r1 eth0)" '["netem",0.02,0.005,100,0,0,0,0]'
	assert_equal "$(netem_of r2 eth0)" '["netem",0.05,0.005,100,125000,0,0,0]'
	run vn topo diff "$(F)"
	assert_success
}

@test "save writes each end's netem back: the veth's when both ends have it, else the end's" {
	require_qdisc netem
	ip netns add a
	ip netns add b
	ip -n a link add eth0 type veth peer name eth0 netns b
	ip netns exec a tc qdisc add dev eth0 root netem delay 20ms loss 1%
	ip netns exec b tc qdisc add dev eth0 root netem delay 20ms loss 1%
	ip -n a link add x0 type veth peer name x1
	ip netns exec a tc qdisc add dev x1 root netem delay 2ms rate 10mbit
	run vn topo save
	assert_success
	assert_output --partial '  - a: a/eth0
    b: b/eth0
    delay: 20ms
    loss: "1%"'
	assert_output --partial '  - a: a/x0
    b: {dev: a/x1, delay: 2ms, rate: 10mbit}'
	printf '%s\n' "$output" >"$(F)"
	empty_machine
	run vn topo up "$(F)"
	assert_success
	assert_equal "$(netem_of a eth0)" '["netem",0.02,0,100,0,0,0,0]'
	assert_equal "$(netem_of a x1)" '["netem",0.002,0,0,1250000,0,0,0]'
	run vn topo diff "$(F)"
	assert_success
	run vn topo save
	assert_output "$(cat "$(F)")"
}

@test "an up that fails after an impairment undoes it with the rest" {
	require_qdisc netem
	local before
	printf 'namespaces: [r1, r2]\nveths:\n  - {a: r1/eth0, b: r2/eth0, delay: 20ms}\nroutes:\n  r1: [{to: 10.9.0.0/16, via: 10.99.0.1}]\n' >"$(F)"
	before=$(full_snap)
	run vn topo up "$(F)"
	assert_equal "$status" 1
	assert_equal "$(full_snap)" "$before"
	# a veth the run did not make keeps its ends, its impairment undone
	ip netns add r1
	ip netns add r2
	ip -n r1 link add eth0 type veth peer name eth0 netns r2
	before=$(full_snap; ip netns exec r1 tc -j qdisc show dev eth0; ip netns exec r2 tc -j qdisc show dev eth0)
	run vn topo up "$(F)"
	assert_equal "$status" 1
	assert_equal "$(full_snap; ip netns exec r1 tc -j qdisc show dev eth0; ip netns exec r2 tc -j qdisc show dev eth0)" "$before"
}

@test "up sets a link's netem (tc reads it); diff and plan see it changed by hand; down leaves nothing" {
	require_qdisc netem
	kernel_knows_kind vxlan || skip "the kernel lacks vxlan"
	kernel_knows_kind gretap || skip "the kernel lacks gretap"
	local before
	link_lab
	before=$(full_snap)
	run vn topo up "$(F)"
	assert_success
	assert_equal "$(netem_of r1 vx0)" '["netem",0.02,0,100,0,0,0,0]'
	assert_equal "$(tc -j qdisc show dev gt0 | jq -c '[.[] | select(.root) | .kind, .options.delay.delay, .options.rate.rate]')" \
		'["netem",0.005,125000]'
	run vn topo plan "$(F)"
	assert_success
	assert_output ""
	run vn topo diff "$(F)"
	assert_success
	assert_line 'ok      impair r1/vx0 delay 20ms loss 1%'
	assert_line 'ok      impair gt0 latency 5ms rate 1mbit'
	ip netns exec r1 tc qdisc change dev vx0 root netem delay 30ms
	tc qdisc del dev gt0 root
	run vn topo diff "$(F)"
	assert_equal "$status" 1
	assert_line 'differs impair r1/vx0 delay 20ms loss 1%: delay 30ms'
	assert_line 'missing impair gt0 latency 5ms rate 1mbit'
	run vn topo up "$(F)"
	assert_success
	assert_equal "$(netem_of r1 vx0)" '["netem",0.02,0,100,0,0,0,0]'
	run vn topo diff "$(F)"
	assert_success
	# save writes a vxlan in vxlans:, which takes no impairment: a note says it
	run vn topo save r1
	assert_success
	assert_line '# not saved: the impairment of r1/vx0, a vxlan (delay 20ms loss 1%)'
	run vn topo down "$(F)"
	assert_success
	assert_equal "$(full_snap)" "$before"
}

@test "an up that fails after a link's impairment undoes it with the link" {
	require_qdisc netem
	kernel_knows_kind vxlan || skip "the kernel lacks vxlan"
	local before
	printf 'namespaces: [r1]\nlinks:\n  r1/vx0: {kind: vxlan, id: 42, dstport: 4789, remote: 10.9.0.2, delay: 20ms}\nroutes:\n  r1: [{to: 10.8.0.0/16, via: 10.99.0.1}]\n' >"$(F)"
	before=$(full_snap)
	run vn topo up "$(F)"
	assert_equal "$status" 1
	assert_equal "$(full_snap)" "$before"
	# a link the run did not make keeps itself, its impairment undone
	ip netns add r1
	ip -n r1 link add vx0 type vxlan id 42 dstport 4789 remote 10.9.0.2
	before=$(full_snap; ip netns exec r1 tc -j qdisc show dev vx0)
	run vn topo up "$(F)"
	assert_equal "$status" 1
	assert_equal "$(full_snap; ip netns exec r1 tc -j qdisc show dev vx0)" "$before"
}
