#!/usr/bin/env bats
# Interruption: SIGINT or SIGTERM in the middle of a batch stops it at a line
# boundary, with one line naming the last line that took effect and the
# first that did not (exit 130 or 143); netns add makes a whole name or none.
# No test waits a fixed time: each sends its signal once vnetctl is seen
# blocked where the batch put it (netns monitor's read, the read of the
# batch from a pipe), or once a name it made is seen.

load helpers

setup() {
	clean_netns
	cd "$BATS_TEST_TMPDIR"
}

# The devices besides lo, sorted, as ip -j sees them.
devices() { ip -j link show | jq -r '[.[].ifname | select(. != "lo")] | sort | join(" ")'; }

# vnetctl in the background, SIGINT and SIGTERM at their defaults (bash
# ignores SIGINT in a script's background jobs), reading the caller's stdin
# (bash gives a background job /dev/null otherwise); its pid in $pid.
start_bg() {
	env --default-signal=INT,TERM "$VNETCTL" "$@" <&0 2>err &
	pid=$!
}

# Its exit status in $status, its stderr in $output.
finish() {
	status=0
	wait "$pid" || status=$?
	output=$(cat err)
	mapfile -t lines <err
}

# Until process $1 waits in a system call on its descriptor $2 (at most 15 s).
wait_blocked_on() {
	local nr arg rest
	for _ in $(seq 300); do
		if read -r nr arg rest 2>/dev/null <"/proc/$1/syscall" && [ "$nr" != running ] &&
			[ "$((arg))" = "$2" ]; then
			return 0
		fi
		sleep 0.05
	done
	echo "process $1 never waited on descriptor $2; its stderr:" >&2
	cat err >&2
	return 1
}

# Until process $1 waits in netns monitor's read of its inotify descriptor.
wait_in_monitor() {
	local fd=
	for _ in $(seq 300); do
		fd=$(find "/proc/$1/fd" -lname 'anon_inode:inotify' -printf '%f\n' 2>/dev/null | head -n 1)
		[ -n "$fd" ] && break
		sleep 0.05
	done
	wait_blocked_on "$1" "$fd"
}

# A batch whose line 3 blocks (netns monitor) until a signal ends it.
blocking_batch() {
	printf '%s\n' 'bridge add b1' 'bridge add b2' 'netns monitor' 'bridge add b3' >batch
}

interrupt_blocked_batch() { # SIGNAL [OPTIONS]
	local sig=$1
	shift
	blocking_batch
	start_bg "$@" -b batch
	wait_in_monitor "$pid"
	kill -"$sig" "$pid"
	finish
}

@test "SIGINT mid-batch: the lines before the signal took effect, none after; exit 130" {
	interrupt_blocked_batch INT
	assert_error 130 'interrupted \(SIGINT\): lines up to batch:3 took effect, batch:4 and after did not$'
	assert_equal "$(devices)" "b1 b2"
}

@test "SIGTERM mid-batch: the same report, exit 143" {
	interrupt_blocked_batch TERM
	assert_error 143 'interrupted \(SIGTERM\): lines up to batch:3 took effect, batch:4 and after did not$'
	assert_equal "$(devices)" "b1 b2"
}

@test "SIGINT as the last line of a 500-line batch ends: every line took effect, none past the end named" {
	{
		for _ in $(seq 499); do echo 'link set lo up'; done
		echo 'netns monitor'
	} >batch
	for opt in "" --force; do
		start_bg $opt -b batch
		wait_in_monitor "$pid"
		kill -INT "$pid"
		finish
		assert_error 130 'interrupted \(SIGINT\) after the last line, batch:500: every line took effect$'
	done
	# from a pipe whose writer is done, the same
	start_bg -b - < <(cat batch)
	wait_in_monitor "$pid"
	kill -INT "$pid"
	finish
	assert_error 130 'interrupted \(SIGINT\) after the last line, <stdin>:500: every line took effect$'
}

# With --force the changes wait in a pipeline: interrupted, they are sent,
# their ACKs read and each failure reported, before the report line.
force_batch() {
	printf '%s\n' 'bridge add b1' 'bridge add b1' 'bridge add b2' 'netns monitor' \
		'bridge add b3' >batch
}

@test "SIGINT mid-batch with --force: the queued lines land, their failures are reported, exit 130" {
	force_batch
	start_bg --force -b batch
	wait_in_monitor "$pid"
	kill -INT "$pid"
	finish
	assert_equal "$status" 130
	assert_line --index 0 --regexp '^vnetctl: batch:2: bridge add b1: File exists'
	assert_line --index 1 'vnetctl: interrupted (SIGINT): lines up to batch:4 took effect, batch:5 and after did not'
	assert_equal "${#lines[@]}" 2
	assert_equal "$(devices)" "b1 b2"
}

@test "SIGTERM mid-batch with --force: the same, exit 143" {
	force_batch
	start_bg --force -b batch
	wait_in_monitor "$pid"
	kill -TERM "$pid"
	finish
	assert_equal "$status" 143
	assert_line --index 0 --regexp '^vnetctl: batch:2: bridge add b1: File exists'
	assert_line --index 1 'vnetctl: interrupted (SIGTERM): lines up to batch:4 took effect, batch:5 and after did not'
	assert_equal "${#lines[@]}" 2
	assert_equal "$(devices)" "b1 b2"
}

@test "SIGINT while -b - waits for its next line ends the batch there" {
	mkfifo fifo
	exec {w}<>fifo # the test keeps the pipe open: vnetctl waits, never sees EOF
	start_bg -b - <fifo
	printf '%s\n' 'bridge add c1' 'bridge add c2' >&"$w"
	for _ in $(seq 300); do dev_exists c2 && break; sleep 0.05; done
	wait_blocked_on "$pid" 0
	kill -INT "$pid"
	printf '%s\n' 'bridge add c3' >&"$w"
	finish
	exec {w}>&-
	assert_error 130 'interrupted \(SIGINT\): lines up to <stdin>:2 took effect, <stdin>:3 and after did not$'
	assert_equal "$(devices)" "c1 c2"
}

@test "SIGINT with --force while -b - waits: the queued lines land first" {
	mkfifo fifo
	exec {w}<>fifo
	start_bg --force -b - <fifo
	printf '%s\n' 'bridge add c1' 'netns monitor' >&"$w"
	wait_in_monitor "$pid"
	kill -INT "$pid"
	printf '%s\n' 'bridge add c2' >&"$w"
	finish
	exec {w}>&-
	assert_error 130 'interrupted \(SIGINT\): lines up to <stdin>:2 took effect, <stdin>:3 and after did not$'
	assert_equal "$(devices)" "c1"
}

@test "SIGINT before the first line of -b -: no line took effect" {
	mkfifo fifo
	exec {w}<>fifo
	start_bg -b - <fifo
	wait_blocked_on "$pid" 0
	kill -INT "$pid"
	printf '%s\n' 'bridge add c1' >&"$w"
	finish
	exec {w}>&-
	assert_error 130 'interrupted \(SIGINT\): no line took effect, <stdin>:1 and after did not$'
	assert_equal "$(devices)" ""
}

# A batch whose line 2 runs a command in ns1 until a signal ends it.
exec_batch() {
	ip netns add ns1
	printf '%s\n' 'bridge add b1' 'netns exec ns1 sleep 600' 'bridge add b2' >batch
}

# Until the command netns exec runs in NS is COMMAND itself (vnetctl's
# child has made its exec): at most 15 s.
wait_command_in() { # NS COMMAND
	local p
	for _ in $(seq 300); do
		for p in $(ip netns pids "$1"); do
			[ "$(cat "/proc/$p/comm" 2>/dev/null)" = "$2" ] && return 0
		done
		sleep 0.05
	done
	echo "$2 never ran in $1; vnetctl's stderr:" >&2
	cat err >&2
	return 1
}

# The batch's report, its status, b1 made and b2 not, the command gone.
assert_exec_interrupted() { # STATUS SIGNAL
	assert_error "$1" "interrupted \\($2\\): lines up to batch:2 took effect, batch:3 and after did not$"
	assert_equal "$(devices)" "b1"
	assert_equal "$(ip netns pids ns1)" ""
}

@test "Ctrl-C while a batch runs netns exec: the command gets it, the batch stops with its report" {
	exec_batch
	# a foreground job of its own: Ctrl-C is SIGINT to its whole group
	env --default-signal=INT,TERM setsid "$VNETCTL" -b batch 2>err &
	pid=$!
	wait_command_in ns1 sleep
	assert_equal "$(ps -o pgid= -p "$pid" | tr -d ' ')" "$pid"
	kill -INT -- "-$pid"
	finish
	assert_exec_interrupted 130 SIGINT
}

@test "SIGINT or SIGTERM to vnetctl alone during netns exec is passed on, and the batch reports" {
	for sig in INT TERM; do
		exec_batch
		start_bg -b batch
		wait_command_in ns1 sleep
		kill -"$sig" "$pid"
		finish
		assert_exec_interrupted $((128 + $(kill -l "$sig"))) "SIG$sig"
		clean_netns
	done
}

@test "SIGINT during netns exec stops a --force batch too" {
	exec_batch
	start_bg --force -b batch
	wait_command_in ns1 sleep
	kill -INT "$pid"
	finish
	assert_exec_interrupted 130 SIGINT
}

# netns add makes the file, then mounts the namespace on it; SIGINT between
# the two used to leave an empty file.  Each try stops a long batch of adds
# once a few names exist: every name left is a mounted namespace, and they
# are exactly the lines reported as done.
@test "SIGINT in the middle of netns add leaves whole namespaces only (five tries)" {
	seq 100000 | sed 's/^/netns add x/' >batch
	for try in 1 2 3 4 5; do
		start_bg -b batch
		for _ in $(seq 300); do [ -e /run/netns/x$((try * 3)) ] && break; sleep 0.05; done
		kill -INT "$pid"
		finish
		assert_equal "$status" 130
		[[ $output =~ ^vnetctl:\ interrupted\ \(SIGINT\):\ lines\ up\ to\ batch:([0-9]+)\ took\ effect,\ batch:([0-9]+)\ and\ after\ did\ not$ ]]
		done=${BASH_REMATCH[1]}
		assert_equal "${BASH_REMATCH[2]}" $((done + 1))
		assert_equal "$(find /run/netns -mindepth 1 | wc -l)" "$done"
		for n in $(seq "$done"); do
			assert_equal "$(stat -f -c %T /run/netns/x$n)" nsfs
		done
		clean_netns
	done
}

@test "a NUL byte in a batch line rejects it: exit 2, FILE:LINE, nothing after it runs" {
	printf 'bridge add n1\nbridge add n2\0bridge add n3\nbridge add n4\n' >batch
	run vn -b batch
	assert_error 2 'batch:2: a NUL byte in the line \(a batch is text\)$'
	assert_equal "$(devices)" "n1"
}

@test "a NUL byte stops a --force batch too, and in -b -" {
	run bash -c "printf 'bridge add n1\n\0\nbridge add n2\n' | '$VNETCTL' --force -b -"
	assert_error 2 '<stdin>:2: a NUL byte in the line \(a batch is text\)$'
	assert_equal "$(devices)" "n1"
}

@test "a signal ignored when vnetctl starts stays ignored in a batch" {
	printf '%s\n' 'bridge add b1' 'netns monitor' 'bridge add b2' >batch
	env --ignore-signal=INT "$VNETCTL" -b batch 2>err &
	pid=$!
	wait_in_monitor "$pid"
	kill -INT "$pid"
	kill -TERM "$pid" # SIGTERM is caught: it ends the batch
	finish
	assert_error 143 'interrupted \(SIGTERM\): lines up to batch:2 took effect, batch:3 and after did not$'
	assert_equal "$(devices)" "b1"
}
