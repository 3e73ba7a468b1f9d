#!/usr/bin/env bats
# Deleting many devices in one pass of the kernel: several names or a
# pattern on one del, and a batch's consecutive del lines gathered.  What
# goes and what stays is read back with ip; that one pass was taken is read
# in the dry run (the requests) and with strace where it is installed.

load helpers

# N veth pairs vaI/vbI, made with one ip -batch.
pairs() {
	local i
	for i in $(seq "$1"); do echo "link add va$i type veth peer name vb$i"; done >"$BATS_TEST_TMPDIR/add"
	ip -batch "$BATS_TEST_TMPDIR/add"
}
# The names of this namespace's devices but lo, sorted, comma-separated.
names() { ip -j link show | jq -r '[.[].ifname | select(. != "lo")] | sort | join(",")'; }
group_of() { ip -j link show dev "$1" | jq -r '.[0].group'; }
batch() { printf '%s\n' "$@" >"$BATS_TEST_TMPDIR/b"; }

# ---- one command, several names ----------------------------------------------

@test "link del A B C deletes them all, veth peers with them, and nothing else" {
	pairs 4
	ip link add name br0 type bridge
	run vn link del va1 vb2 va3
	assert_success
	assert_output ""
	assert_equal "$(names)" "br0,va4,vb4"
}

@test "link del of several devices moves them into one unused group and deletes that group" {
	pairs 3
	ip link set dev va3 group 7
	run vn -N link del va1 va2 va3
	assert_success
	# three moves into one group, then one deletion of that group
	assert_equal "$(grep -c '^RTM_SETLINK' <<<"$output")" 3
	assert_equal "$(grep -c '^RTM_DELLINK' <<<"$output")" 1
	local g
	g=$(awk '/IFLA_GROUP/ {print $2}' <<<"$output" | sort -u)
	assert_equal "$(wc -l <<<"$g")" 1
	refute [ "$g" = 0 ]
	refute [ "$g" = 7 ]
	# the dry run sent nothing
	assert_equal "$(names)" "va1,va2,va3,vb1,vb2,vb3"
	assert_equal "$(group_of va3)" 7
}

@test "link del of many devices sends one deletion, not one per device" {
	command -v strace >/dev/null || skip "strace is not installed"
	pairs 20
	# LeakSanitizer cannot run under ptrace
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		run strace -f -e trace=sendto,sendmsg -o "$BATS_TEST_TMPDIR/trace" "$VNETCTL" link del 'va*'
	assert_success
	assert_equal "$(names)" ""
	# the dump, one send of the twenty moves, one deletion of their group
	assert_equal "$(grep -c 'RTM_GETLINK' "$BATS_TEST_TMPDIR/trace")" 1
	assert_equal "$(grep -c 'RTM_SETLINK' "$BATS_TEST_TMPDIR/trace")" 1
	assert_equal "$(grep -o 'IFLA_GROUP' "$BATS_TEST_TMPDIR/trace" | wc -l)" 21
	assert_equal "$(grep -c 'RTM_DELLINK' "$BATS_TEST_TMPDIR/trace")" 1
}

@test "link del names a device that does not exist: exit 1, one line, nothing deleted" {
	pairs 2
	run vn link del va1 nope va2
	assert_error 1 'link del nope: no device named "nope"$'
	assert_equal "$(names)" "va1,va2,vb1,vb2"
}

@test "link del refuses lo among several names before deleting any" {
	pairs 2
	run vn link del va1 lo va2
	assert_error 1 'link del lo: Operation not supported \(the kernel cannot delete this kind of device: lo goes with its namespace, a physical device with its driver\)$'
	assert_equal "$(names)" "va1,va2,vb1,vb2"
	assert_equal "$(group_of lo)" default
}

@test "link del with both ends of a pair, or a name twice, deletes the pair once" {
	pairs 2
	run vn link del va1 vb1 va1
	assert_success
	assert_equal "$(names)" "va2,vb2"
	run vn link del va2 vb2 vb2
	assert_error 2 'link del va2: vb2 given twice$'
	assert_equal "$(names)" "va2,vb2"
}

@test "link del with an invalid name among several is a usage error" {
	pairs 1
	run vn link del va1 'a/b'
	assert_error 2 'link del va1: invalid interface name "a/b": '
	assert_equal "$(names)" "va1,vb1"
}

# ---- patterns -------------------------------------------------------------------

@test "link del PATTERN deletes every device so named, never lo" {
	pairs 3
	ip link add name br0 type bridge
	ip link add name vbr type bridge
	run vn link del 'va*'
	assert_success
	assert_equal "$(names)" "br0,vbr"
	run vn link del '*'
	assert_success
	assert_equal "$(names)" ""
	ip link show dev lo >/dev/null
}

@test "link del PATTERN that matches nothing: exit 1, one line" {
	pairs 1
	run vn link del 'zz*'
	assert_error 1 'link del zz\*: no device matches "zz\*"$'
	assert_equal "$(names)" "va1,vb1"
}

@test "a device whose name looks like a pattern is taken by its name" {
	ip link add name 'v*' type veth peer name 'w?'
	pairs 1
	run vn link del 'v*'
	assert_success
	assert_equal "$(names)" "va1,vb1"
}

@test "veth del A B PATTERN deletes pairs only, and refuses another kind before deleting any" {
	pairs 4
	ip link add name vbr type bridge
	run vn veth del va1 vb2 'va[34]'
	assert_success
	assert_equal "$(names)" "vbr"
	pairs 2
	run vn veth del va1 vbr va2
	assert_error 1 'veth del vbr: not a veth device \(it is a bridge; use link del\)$'
	assert_equal "$(names)" "va1,va2,vb1,vb2,vbr"
	run vn veth del 'vb*'
	assert_success
	assert_equal "$(names)" "vbr"
	run vn veth del 'vb*'
	assert_error 1 'veth del vb\*: no veth device matches "vb\*"$'
}

# ---- batches ----------------------------------------------------------------------

@test "a batch's del lines all take effect, gathered into one deletion" {
	pairs 50
	for i in $(seq 50); do echo "link del va$i"; done >"$BATS_TEST_TMPDIR/b"
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_success
	assert_equal "$(names)" ""
}

@test "a batch's failing del line: the lines before it took effect, none after it did" {
	local k
	for k in 1 5 10; do
		pairs 10
		: >"$BATS_TEST_TMPDIR/b"
		for i in $(seq 10); do
			if [ "$i" = "$k" ]; then echo "link del nope" >>"$BATS_TEST_TMPDIR/b"; else echo "link del va$i" >>"$BATS_TEST_TMPDIR/b"; fi
		done
		run vn -b "$BATS_TEST_TMPDIR/b"
		assert_error 1 "$BATS_TEST_TMPDIR/b:$k: link del nope: no device named \"nope\"\$"
		# va1..va(k-1) gone; vak (never named) and those after stay
		for i in $(seq 10); do
			if [ "$i" -lt "$k" ]; then refute dev_exists "va$i"; else assert dev_exists "va$i"; fi
		done
		clean_netns
	done
}

@test "a batch line naming a device an earlier line deleted fails as it would alone" {
	pairs 3
	batch "link del va1" "link del vb1" "link del va2"
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 "$BATS_TEST_TMPDIR/b:2: link del vb1: no device named \"vb1\"\$"
	assert_equal "$(names)" "va2,va3,vb2,vb3"
}

@test "gathered del lines take effect before the next other line runs" {
	pairs 3
	batch "link del va1" "veth del va2" "link add va1 type veth peer name vb1" "link del va3" \
		"link add name x0 type bridge" "link del x0"
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_success
	assert_equal "$(names)" "va1,vb1"
}

@test "a gathered veth del line of another kind fails at its line" {
	pairs 2
	ip link add name vbr type bridge
	batch "veth del va1" "veth del vbr" "veth del va2"
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 "$BATS_TEST_TMPDIR/b:2: veth del vbr: not a veth device \(it is a bridge; use link del\)\$"
	assert_equal "$(names)" "va2,vb2,vbr"
}

@test "--force: a failing del line is reported, every other one takes effect, exit 1" {
	pairs 4
	batch "link del va1" "link del nope" "link del va2" "link del gone0" "link del va3"
	run vn --force -b "$BATS_TEST_TMPDIR/b"
	assert_equal "$status" 1
	assert_line "vnetctl: $BATS_TEST_TMPDIR/b:2: link del nope: no device named \"nope\""
	assert_line "vnetctl: $BATS_TEST_TMPDIR/b:4: link del gone0: no device named \"gone0\""
	assert_equal "${#lines[@]}" 2
	assert_equal "$(names)" "va4,vb4"
}

@test "a batch's del line of several names and patterns, and a usage error after gathered lines" {
	pairs 6
	batch "link del va1 va2" "veth del 'va[34]'" "link del va5 lo" "link del va6"
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 "$BATS_TEST_TMPDIR/b:3: link del lo: Operation not supported"
	assert_equal "$(names)" "va5,va6,vb5,vb6"
	batch "link del va5" "link del va6 mtu"
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_equal "$status" 1
	assert_equal "$(names)" "va6,vb6"
}

@test "a batch from a pipe gathers its del lines too, and a dry-run batch sends nothing" {
	pairs 3
	printf 'link del va1\nlink del va2\n' | vn -N -b - >/dev/null
	assert_equal "$(names)" "va1,va2,va3,vb1,vb2,vb3"
	printf 'link del va1\nlink del va2\n' | vn -b -
	assert_equal "$(names)" "va3,vb3"
}

# ---- exact batches at size: a failing line at 1, 500 and 1,000 of 1,000 ------------

# How many of va1..vaN exist (ip's view), and whether exactly va1..va(K-1) do.
count_va() { ip -j link show | jq '[.[].ifname | select(test("^va[0-9]+$"))] | length'; }
first_k() { # K: exactly va1..va(K-1) exist
	local k=$1
	assert_equal "$(count_va)" $((k - 1))
	ip -j link show | jq -e --argjson k "$k" \
		'[.[].ifname | select(test("^va[0-9]+$")) | ltrimstr("va") | tonumber] | all(. < $k)' >/dev/null
}

@test "a 1,000-line create batch failing at line 1, 500 or 1,000: exactly the lines before it took effect" {
	local k
	for k in 1 500 1000; do
		ip link add name x0 type veth peer name y0
		for i in $(seq 1000); do
			if [ "$i" = "$k" ]; then echo "link add x0 type veth peer name y1"; else echo "link add va$i type veth peer name vb$i"; fi
		done >"$BATS_TEST_TMPDIR/b"
		run vn -b "$BATS_TEST_TMPDIR/b"
		assert_error 1 "$BATS_TEST_TMPDIR/b:$k: link add x0: "
		first_k "$k"
		vn link del '*'
		assert_equal "$(names)" ""
	done
}

@test "a 1,000-line del batch failing at line 1, 500 or 1,000: exactly the lines before it took effect" {
	local k
	for k in 1 500 1000; do
		pairs 1000
		for i in $(seq 1000); do
			if [ "$i" = "$k" ]; then echo "link del nope"; else echo "link del va$i"; fi
		done >"$BATS_TEST_TMPDIR/b"
		run vn -b "$BATS_TEST_TMPDIR/b"
		assert_error 1 "$BATS_TEST_TMPDIR/b:$k: link del nope: no device named \"nope\"\$"
		# va1..va(k-1) gone, vak..va1000 there
		assert_equal "$(count_va)" $((1000 - k + 1))
		ip -j link show | jq -e --argjson k "$k" \
			'[.[].ifname | select(test("^va[0-9]+$")) | ltrimstr("va") | tonumber] | all(. >= $k)' >/dev/null
		vn link del 'va*'
	done
}
