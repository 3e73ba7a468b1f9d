#!/usr/bin/env bats
# A plain batch is pipelined and still exact: the lines before a failing one
# took effect and none after it did.  The witness is iproute2: the same
# lines up to the failing one, run by `ip -batch` in a second namespace,
# must leave the same devices as vnetctl's whole batch leaves in a first.

load helpers

# The devices of a namespace as ip sees them, ordered by name: name, mtu,
# up or not, master, alias, queue length, group.
state() { # NETNS
	ip -n "$1" -j -d link show |
		jq -c '[.[] | select(.ifname != "lo") |
			{ifname, mtu, up: (.flags | index("UP") != null), master, ifalias,
			 txqlen, group, address: (if .ifname | startswith("pre") then .address else null end)}]
			| sort_by(.ifname)'
}

# A batch of N lines, each in vnetctl's words ($1.vn) and in ip's ($1.ip):
# veth pairs vaI/vbI, every fourth line a change of a pair made before it,
# and every tenth a change of pre0, a device the batch did not make.
gen() { # PREFIX N
	local i
	: >"$1.vn"
	: >"$1.ip"
	for ((i = 1; i <= $2; i++)); do
		if ((i % 10 == 0)); then
			echo "link set pre0 mtu $((1000 + i))" >>"$1.vn"
			echo "link set dev pre0 mtu $((1000 + i))" >>"$1.ip"
		elif ((i % 4 == 0)); then
			echo "link set va$((i - 1)) up" >>"$1.vn"
			echo "link set dev va$((i - 1)) up" >>"$1.ip"
		else
			echo "veth add va$i peer name vb$i" >>"$1.vn"
			echo "link add va$i type veth peer name vb$i" >>"$1.ip"
		fi
	done
}

# Line K of the batch replaced by one the kernel refuses: pre0 exists.
fail_at() { # PREFIX K
	sed -i "$2s/.*/veth add pre0 peer name zz$2/" "$1.vn"
	sed -i "$2s/.*/link add pre0 type veth peer name zz$2/" "$1.ip"
}

two_namespaces() {
	ip netns add nsv
	ip netns add nsi
	local ns
	for ns in nsv nsi; do
		ip -n $ns link add pre0 address 02:00:00:00:00:01 type veth \
			peer name pre1 address 02:00:00:00:00:02
	done
}

exact_at() { # K N
	local k=$1 n=$2 b="$BATS_TEST_TMPDIR/b"
	two_namespaces
	gen "$b" "$n"
	fail_at "$b" "$k"
	head -n $((k - 1)) "$b.ip" >"$b.ip.before"
	ip -n nsi -batch "$b.ip.before"
	run vn -n nsv -b "$b.vn"
	assert_error 1 "$b.vn:$k: veth add pre0: File exists \\(a device named pre0 exists already\\)$"
	assert_equal "$(state nsv)" "$(state nsi)"
}

@test "a 1,000-line batch failing at line 1: nothing took effect" {
	exact_at 1 1000
	assert_equal "$(ip -n nsv -j link show | jq length)" 3
}

@test "a 1,000-line batch failing at line 500: lines 1-499 took effect, none after" {
	exact_at 500 1000
	assert_equal "$(ip -n nsv -j link show dev va499 | jq -r '.[0].ifname')" va499
	run ip -n nsv link show dev va501
	assert_failure
}

@test "a 1,000-line batch failing at line 1,000: every line before took effect" {
	exact_at 1000 1000
	assert_equal "$(ip -n nsv -j link show dev pre0 | jq -r '.[0].mtu')" 1990
	assert_equal "$(ip -n nsv -j link show dev va999 | jq -r '.[0].ifname')" va999
}

@test "a batch longer than the window (1,100 lines) failing at line 1,050" {
	exact_at 1050 1100
	run ip -n nsv link show dev va1051
	assert_failure
}

@test "a batch with no failing line gives what ip -batch gives" {
	local b="$BATS_TEST_TMPDIR/b"
	two_namespaces
	gen "$b" 300
	ip -n nsi -batch "$b.ip"
	run vn -n nsv -b "$b.vn"
	assert_success
	assert_output ""
	assert_equal "$(state nsv)" "$(state nsi)"
}

@test "a plain batch sends its changes pipelined, not one sendmsg a line" {
	command -v strace >/dev/null || skip "strace is not installed"
	local b="$BATS_TEST_TMPDIR/b"
	veth pre0 pre1
	gen "$b" 400
	# LeakSanitizer cannot run under ptrace
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		run strace -f -e trace=sendto,sendmsg -o "$BATS_TEST_TMPDIR/trace" "$VNETCTL" -b "$b.vn"
	assert_success
	assert_equal "$(ip -j link show type veth | jq length)" 562
	# 400 lines (280 pairs, and a GET before each of the 120 changes) in chunks
	# of at most 128 requests: a handful of sends, not 400
	local sends
	sends=$(grep -c 'send' "$BATS_TEST_TMPDIR/trace")
	[ "$sends" -le 12 ] || fail "$sends sends for 400 lines"
	[ "$sends" -ge 4 ] || fail "$sends sends: 520 requests cannot fit fewer chunks"
}

@test "changes of devices the batch did not make are set back when a line before them fails" {
	veth pre0 pre1
	ip link add br9 type bridge
	ip link set pre1 alias was-here
	local before
	before=$(ipj link show dev pre1 | jq -c '.[0] | del(.stats64, .linkinfo, .qdisc)')
	cat >"$BATS_TEST_TMPDIR/b" <<-EOF
		veth add v1 peer name w1
		veth add pre0 peer name zz
		link set pre1 mtu 1280 up
		link set pre1 master br9
		link set pre1 address 02:11:22:33:44:55 txqlen 77 group 9 alias changed
		link set pre1 name renamed
	EOF
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 ':2: veth add pre0: File exists'
	assert_equal "$(ipj link show dev pre1 | jq -c '.[0] | del(.stats64, .linkinfo, .qdisc)')" "$before"
	assert_equal "$(master_of pre1)" ""
	run ip link show dev renamed
	assert_failure
	# line 1 took effect
	dev_exists v1
}

@test "routes and rules made after the failing line are taken back" {
	veth pre0 pre1
	ip addr add 10.7.0.1/24 dev pre0
	ip link set pre0 up
	local routes rules
	routes=$(ip -j route show table all | jq -c 'sort_by(.dst)')
	rules=$(ip -j rule show)
	cat >"$BATS_TEST_TMPDIR/b" <<-EOF
		veth add pre0 peer name zz
		route add 10.9.0.0/16 via 10.7.0.2
		rule add from 10.8.0.0/16 table 100
		route add 10.10.0.0/16 via 10.7.0.2 table 100
	EOF
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 ':1: veth add pre0: File exists'
	assert_equal "$(ip -j route show table all | jq -c 'sort_by(.dst)')" "$routes"
	assert_equal "$(ip -j rule show)" "$rules"
}

@test "a line after the failing one that acts outside netlink never runs" {
	veth pre0 pre1
	cat >"$BATS_TEST_TMPDIR/b" <<-EOF
		veth add v1 peer name w1
		veth add pre0 peer name zz
		netns add never
		tuntap add tap9 mode tap
	EOF
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 ':2: veth add pre0: File exists'
	run ip netns list
	refute_output --partial never
	run ip link show dev tap9
	assert_failure
	dev_exists v1
}

@test "a usage error after a failing pipelined line: the failing line is the batch's error" {
	veth pre0 pre1
	cat >"$BATS_TEST_TMPDIR/b" <<-EOF
		veth add v1 peer name w1
		veth add pre0 peer name zz
		link set v1 bogusword
	EOF
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 ':2: veth add pre0: File exists'
	dev_exists v1
}

@test "the failing line's error in a batch is the one it gives alone" {
	veth pre0 pre1
	run vn link set pre0 mtu 99999999
	local alone=$output
	printf 'veth add v1 peer name w1\nlink set pre0 mtu 99999999\nveth add v2 peer name w2\n' \
		>"$BATS_TEST_TMPDIR/b"
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_equal "$status" 1
	assert_equal "$output" "${alone/vnetctl: /vnetctl: $BATS_TEST_TMPDIR/b:2: }"
	dev_exists v1
	run ip link show dev v2
	assert_failure
}

@test "gathered del lines after the failing line do not run" {
	veth pre0 pre1
	veth d1 e1
	veth d2 e2
	cat >"$BATS_TEST_TMPDIR/b" <<-EOF
		veth add pre0 peer name zz
		link del d1
		link del d2
	EOF
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 ':1: veth add pre0: File exists'
	dev_exists d1
	dev_exists d2
}

@test "a sendmsg the kernel never took: its first line is the batch's error, and no line claims a take-back" {
	command -v strace >/dev/null || skip "strace is not installed"
	printf 'veth add v1 peer name w1\nveth add v2 peer name w2\nveth add v3 peer name w3\n' \
		>"$BATS_TEST_TMPDIR/b"
	# the three lines wait in the pipe and go in one sendmsg, refused whole
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		run strace -f -o /dev/null -e trace=sendto -e inject=sendto:error=ENOBUFS:when=1 \
		"$VNETCTL" -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 ':1: veth add v1: No buffer space available'
	refute_output --partial "taken back"
	assert_equal "$(ip -j link show type veth | jq length)" 0
}
