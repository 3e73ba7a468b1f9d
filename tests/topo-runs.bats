#!/usr/bin/env bats
# vnetctl topo: how runs go.  One run at a time (a flock of /run/netns, held
# here by the tests' own flock(1) so that every wait is decided by the test,
# never by timing); an undo that takes back only what its run made; the
# leftover of a killed run named and cleaned, never blocking; down of a lab
# at the cost of deleting its namespaces.  Witnesses: ip -j, /run/netns,
# /proc/locks's holder, strace's count of requests.

load helpers
load topo-snap
bats_require_minimum_version 1.5.0

setup() {
	clean_netns
	ip route flush table main type blackhole 2>/dev/null || true
	# the gateway A's route goes through
	ip link add ext0 type veth peer name ext0p
	ip addr add 10.9.0.1/24 dev ext0
	ip link set ext0 up
	ip link set ext0p up
	A=$BATS_TEST_TMPDIR/a.yaml
	B=$BATS_TEST_TMPDIR/b.yaml
	write_a >"$A"
	write_b >"$B"
}

teardown() {
	# a run a failing test left stopped would hold the lock
	if [ -n "${TRACER:-}" ]; then
		pkill -KILL -P "$TRACER" || true
		wait "$TRACER" || true
	fi
	release_lock
	clean_netns
	ip route flush table main type blackhole 2>/dev/null || true
	wait_nsids_gone
}

# A: namespace cx with a bridge, a veth inside, a veth to here, an address,
# and last a route here (which a blackhole to 10.3.0.0/24 makes fail).
write_a() {
	cat <<'EOF'
namespaces: [cx]
bridges:
  brA: {netns: cx, up: true}
veths:
  - {a: cx/va0, b: cx/va1, up: true}
  - {a: ha, b: cx/ca, up: true}
addresses:
  cx/va0: [10.5.0.1/24]
routes:
  "": [{to: 10.3.0.0/24, via: 10.9.0.2}]
EOF
}

# B: the same namespace cx, a bridge and a veth to here of its own.
write_b() {
	cat <<'EOF'
namespaces: [cx]
bridges:
  brB: {netns: cx}
veths:
  - {a: cx/vb0, b: hb}
EOF
}

# The names of the devices of namespace NS ("" this one), sorted, but lo.
devs() { ip ${1:+-n "$1"} -j link show | jq -r '[.[].ifname | select(. != "lo")] | sort | join(" ")'; }

# ---- the lock, held by the test -------------------------------------------------------

# flock(1) holding /run/netns (MODE: -x or -s) until release_lock, its pid
# in $HOLDER and its command line in $HELD; returns once the lock is held.
hold_lock() { # MODE
	FIFO=$BATS_TEST_TMPDIR/hold
	mkfifo "$FIFO"
	flock "$1" /run/netns cat "$FIFO" &
	HOLDER=$!
	HELD="flock $1 /run/netns cat $FIFO"
	for _ in $(seq 600); do
		flock -n -x /run/netns true || return 0
		sleep 0.05
	done
	fail "flock did not take /run/netns"
}

release_lock() {
	[ -n "${HOLDER:-}" ] || return 0
	: >"$FIFO" # cat reads its end, and flock ends with it
	wait "$HOLDER" || true
	HOLDER=
	rm -f "$FIFO"
}

# Wait until FILE has a line matching REGEX (a bounded poll for an event the
# test caused, never a guess at how long something takes).
wait_line() { # FILE REGEX
	for _ in $(seq 1200); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	fail "no line /$2/ in $1: $(cat "$1")"
}

# The line of a run waiting for the holder.
waiting() { # VERB FILE SECONDS
	echo "vnetctl: topo $1 $2: waiting up to $3 s for /run/netns, the lock of topology runs, held by pid $HOLDER ($HELD)"
}

@test "a run waits for the lock: one line names the holder's pid and command, and the run goes on once it is free" {
	hold_lock -x
	"$VNETCTL" topo up "$A" 2>"$BATS_TEST_TMPDIR/err" &
	up=$!
	wait_line "$BATS_TEST_TMPDIR/err" waiting
	line=$(waiting up "$A" 60)
	# still waiting: nothing made
	assert_equal "$(ls /run/netns)" ""
	release_lock
	wait "$up"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" "$line"
	assert_equal "$(devs cx)" "brA ca va0 va1"
	assert_equal "$(ip -j route show 10.3.0.0/24 | jq -r '.[0].gateway')" 10.9.0.2
}

@test "the lock held past wait SECONDS: the wait line, then the error line, status 1, nothing changed" {
	hold_lock -x
	before=$(full_snap)
	run vn topo up "$A" wait 1
	assert_equal "$status" 1
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 "$(waiting up "$A" 1)"
	assert_line --index 1 "vnetctl: topo up $A: /run/netns, the lock of topology runs, is still held by pid $HOLDER ($HELD) after 1 s (wait SECONDS waits longer)"
	assert_equal "$(full_snap)" "$before"
}

@test "wait 0: no wait, one line, status 1; down and save refused alike" {
	hold_lock -x
	before=$(full_snap)
	run vn topo up "$A" wait 0
	assert_error 1 "topo up $A: /run/netns, the lock of topology runs, is held by pid $HOLDER \\(flock -x /run/netns cat .*\\) \\(wait SECONDS waits for it\\)$"
	run vn topo down "$A" wait 0
	assert_error 1 "topo down $A: /run/netns, the lock"
	run vn topo save cx wait 0
	assert_error 1 "topo save: /run/netns, the lock"
	run vn topo plan "$A" wait 0
	assert_error 1 "topo plan $A: /run/netns, the lock"
	assert_equal "$(full_snap)" "$before"
}

@test "plan, diff, save and -N share the lock: they run while another reader holds it, up and down wait" {
	vn topo up "$B"
	hold_lock -s
	run vn topo plan "$A" wait 0
	assert_success
	assert_line "vnetctl -n cx bridge add brA"
	run vn topo diff "$B" wait 0
	assert_success
	run vn topo save wait 0
	assert_success
	assert_line "  - cx"
	run vn -N topo up "$A" wait 0
	assert_success
	run vn -N topo down "$B" wait 0
	assert_success
	before=$(full_snap)
	run vn topo up "$A" wait 0
	assert_error 1 "topo up $A: /run/netns, the lock of topology runs, is held by pid $HOLDER"
	run vn topo down "$B" wait 0
	assert_error 1 "topo down $B: /run/netns, the lock of topology runs, is held by pid $HOLDER"
	assert_equal "$(full_snap)" "$before"
}

@test "SIGTERM while waiting for the lock ends the run: one line, status 143, nothing done" {
	hold_lock -x
	before=$(full_snap)
	"$VNETCTL" topo up "$A" 2>"$BATS_TEST_TMPDIR/err" &
	up=$!
	wait_line "$BATS_TEST_TMPDIR/err" waiting
	kill -TERM "$up"
	status=0
	wait "$up" || status=$?
	assert_equal "$status" 143
	assert_equal "$(sed -n 2p "$BATS_TEST_TMPDIR/err")" \
		"vnetctl: topo up $A: interrupted (SIGTERM) while waiting for the lock: nothing was done"
	release_lock
	assert_equal "$(full_snap)" "$before"
}

@test "two ups of files that share a namespace take turns: both wait, both succeed, both labs stand" {
	hold_lock -x
	"$VNETCTL" topo up "$A" 2>"$BATS_TEST_TMPDIR/err-a" &
	a=$!
	"$VNETCTL" topo up "$B" 2>"$BATS_TEST_TMPDIR/err-b" &
	b=$!
	wait_line "$BATS_TEST_TMPDIR/err-a" waiting
	wait_line "$BATS_TEST_TMPDIR/err-b" waiting
	release_lock
	wait "$a"
	wait "$b"
	# one line each, the wait: neither saw the other's namespace half made
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err-a" "$BATS_TEST_TMPDIR/err-b" | wc -l)" 2
	assert_equal "$(devs cx)" "brA brB ca va0 va1 vb0"
	assert_equal "$(devs)" "ext0 ext0p ha hb"
	run vn topo plan "$A"
	assert_output ""
	run vn topo plan "$B"
	assert_output ""
}

@test "the lock is the names': a run with a /run/netns of its own does not wait for it" {
	hold_lock -x
	printf 'namespaces: [own]\n' >"$BATS_TEST_TMPDIR/own.yaml"
	run unshare --mount --propagation private sh -c \
		'mount -t tmpfs tmpfs /run/netns && "$0" topo up "$1" wait 0 && ls /run/netns' \
		"$VNETCTL" "$BATS_TEST_TMPDIR/own.yaml"
	assert_success
	assert_output own
	assert_equal "$(ls /run/netns)" ""
}

@test "a batch's topo lines each take the lock and give it back" {
	printf 'topo up %s\ntopo down %s\ntopo up %s\n' "$B" "$B" "$B" >"$BATS_TEST_TMPDIR/batch"
	run vn -b "$BATS_TEST_TMPDIR/batch"
	assert_success
	assert_output ""
	assert_equal "$(devs cx)" "brB vb0"
	assert_equal "$(devs)" "ext0 ext0p hb"
	run flock -n -x /run/netns true
	assert_success
}

# ---- the undo takes back only what its run made ----------------------------------------

# Run A until its last request (the route) and stop it there (SIGSTOP, by
# strace, once that request is sent): cx and A's devices are made.  Its
# strace's pid in $TRACER, its own in $STOPPED, its stderr in $ERR.  The
# stop is seen in strace's log (a tracee is in a tracing stop at each
# traced call too: its state says nothing).
stop_a_before_route() {
	local n
	require_tool strace
	# A's requests from nothing, counted, then taken down again
	n=$(ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -c -e trace=sendto "$VNETCTL" topo up "$A" 2>&1 >/dev/null |
		awk '$NF == "sendto" {print $4}')
	vn topo down "$A"
	ip route add blackhole 10.3.0.0/24
	ERR=$BATS_TEST_TMPDIR/err-a
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -o "$BATS_TEST_TMPDIR/trace" -e trace=sendto \
		-e inject=sendto:signal=SIGSTOP:when=$n "$VNETCTL" topo up "$A" 2>"$ERR" &
	TRACER=$!
	wait_line "$BATS_TEST_TMPDIR/trace" '^[0-9]+ +--- stopped by SIGSTOP ---$'
	STOPPED=$(awk '/--- stopped by SIGSTOP ---/ {print $1}' "$BATS_TEST_TMPDIR/trace")
	assert_equal "$(devs cx)" "brA ca va0 va1"
}

# A let go on to its end; its status in $status.
resume_a() {
	kill -CONT "$STOPPED"
	status=0
	wait "$TRACER" || status=$?
}

@test "A fails while another tool uses A's namespace: the other's devices survive, A's are gone, one line says why" {
	stop_a_before_route
	# someone else, not a topology run, puts devices in cx meanwhile
	ip -n cx link add brB type bridge
	ip -n cx link add vb0 type veth peer name vb1
	resume_a
	assert_equal "$status" 1
	run cat "$ERR"
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 "vnetctl: topo up $A:10: route add 10.3.0.0/24: File exists (the route exists already)"
	# in the kernel's order
	assert_line --index 1 --regexp "^vnetctl: topo up $A:1: undoing: netns del cx: kept, emptied of this run's devices: it holds 3 this run did not make \\((brB|vb0|vb1), (brB|vb0|vb1), (brB|vb0|vb1)\\)$"
	assert_equal "$(ls /run/netns)" cx
	assert_equal "$(devs cx)" "brB vb0 vb1"
	assert_equal "$(devs)" "ext0 ext0p"
}

@test "A fails while B waits for the lock: A's undo takes its namespace whole, then B makes it for itself" {
	stop_a_before_route
	"$VNETCTL" topo up "$B" 2>"$BATS_TEST_TMPDIR/err-b" &
	b=$!
	# B waits for A, named by its command line
	wait_line "$BATS_TEST_TMPDIR/err-b" "waiting up to 60 s for /run/netns, the lock of topology runs, held by pid $STOPPED \\($VNETCTL topo up $A\\)"
	resume_a
	assert_equal "$status" 1
	wait "$b"
	assert_equal "$(devs cx)" "brB vb0"
	assert_equal "$(devs)" "ext0 ext0p hb"
	run vn topo diff "$B"
	assert_success
}

@test "A's namespace deleted and its name given to another meanwhile: A's undo leaves the new one alone" {
	stop_a_before_route
	# ip netns add would wait for A: it takes the same flock of /run/netns
	# while it sets the directory up
	vn netns del cx
	vn netns add cx
	ip -n cx link add keep0 type veth peer name keep1
	resume_a
	assert_equal "$status" 1
	run cat "$ERR"
	assert_line --index 0 --partial "route add 10.3.0.0/24: File exists"
	# once, at the first step undone there
	assert_equal "$(grep -c 'no longer' "$ERR")" 1
	assert_line --regexp "^vnetctl: topo up $A:[0-9]+: undoing: cx is no longer the namespace this run made: left as it is$"
	refute_line --partial "netns del cx"
	assert_equal "$(devs cx)" "keep0 keep1"
	# A's veth end here went with A's namespace
	assert_equal "$(devs)" "ext0 ext0p"
}

@test "a batch never deletes a namespace it made: the lines before a failing one stand, another's devices too" {
	cat >"$BATS_TEST_TMPDIR/batch" <<EOF
netns add bx
veth add bv0 peer bv1 netns bx
netns exec bx ip link add o0 type veth peer name o1
veth add bv2 peer bv3
veth add bv0 peer bv9
EOF
	run vn -b "$BATS_TEST_TMPDIR/batch"
	assert_error 1 "batch:5: veth add bv0: File exists"
	assert_equal "$(ls /run/netns)" bx
	assert_equal "$(devs bx)" "bv1 o0 o1"
	assert_equal "$(devs)" "bv0 bv2 bv3 ext0 ext0p"
}

# ---- leftovers of a killed run ------------------------------------------------------------

# Four namespaces, each with a veth to a bridge here and an address.
write_tl() {
	local i
	echo "namespaces: [tl0, tl1, tl2, tl3]"
	echo "bridges:"
	echo "  tb: {ports: [t0, t1, t2, t3], up: true}"
	echo "veths:"
	for i in 0 1 2 3; do echo "  - {a: t$i, b: tl$i/e0, up: true}"; done
	echo "addresses:"
	for i in 0 1 2 3; do echo "  tl$i/e0: [10.6.0.$((i + 1))/24]"; done
}

# topo up of the file F killed (SIGKILL) as it makes its third namespace,
# between the file under /run/netns and the mount on it: two namespaces
# whole, tl2 a leftover.
killed_up() { # F
	require_tool strace
	run strace -f -o /dev/null -e trace=unshare -e inject=unshare:signal=SIGKILL:when=3 \
		"$VNETCTL" topo up "$1"
	assert_equal "$status" 137
	assert_equal "$(ls /run/netns | tr '\n' ' ')" "tl0 tl1 tl2 "
	run ip netns exec tl2 true
	assert_failure
}

@test "down after a killed up: the leftover named in one line, and everything removed" {
	f=$BATS_TEST_TMPDIR/tl.yaml
	write_tl >"$f"
	before=$(full_snap)
	killed_up "$f"
	run vn topo diff "$f"
	assert_equal "$status" 1
	assert_line "differs netns tl2: a leftover of a killed run, no namespace (topo down or netns del removes it)"
	run vn topo down "$f"
	assert_success
	assert_output "vnetctl: topo down $f:1: tl2 was a leftover (a file in /run/netns with no namespace behind it, as a killed run leaves one): removed"
	assert_equal "$(full_snap)" "$before"
}

@test "up after a killed up: the leftover named, removed and made a namespace; the lab made whole" {
	f=$BATS_TEST_TMPDIR/tl.yaml
	write_tl >"$f"
	killed_up "$f"
	run vn topo plan "$f"
	assert_line --index 0 "vnetctl netns del tl2"
	assert_line --index 1 "vnetctl netns add tl2"
	run vn topo up "$f"
	assert_success
	assert_output "vnetctl: topo up $f:1: tl2 was a leftover (a file in /run/netns with no namespace behind it, as a killed run leaves one): removed, and the namespace made again"
	run vn topo diff "$f"
	assert_success
	assert_equal "$(ip -n tl2 -j addr show dev e0 | jq -r '.[0].addr_info[] | select(.family == "inet") | .local')" 10.6.0.3
}

@test "an empty file among real namespaces: down removes all, up says so and makes the lab" {
	f=$BATS_TEST_TMPDIR/tl.yaml
	write_tl >"$f"
	before=$(full_snap)
	vn topo up "$f"
	ip netns del tl1
	touch /run/netns/tl1
	# t1 goes with its peer in tl1, when the kernel frees tl1
	for _ in $(seq 1200); do dev_exists t1 || break; sleep 0.05; done
	run vn topo down "$f"
	assert_success
	assert_output --regexp "^vnetctl: topo down $f:1: tl1 was a leftover .*: removed$"
	assert_equal "$(full_snap)" "$before"
	vn netns add tl3
	touch /run/netns/tl0
	run vn topo up "$f"
	assert_success
	assert_output --regexp "^vnetctl: topo up $f:1: tl0 was a leftover .*: removed, and the namespace made again$"
	run vn topo diff "$f"
	assert_success
}

@test "save leaves a leftover out with a comment; named, it is an error with the way to remove it" {
	vn netns add s1
	touch /run/netns/s0
	run vn topo save
	assert_success
	assert_line "# not saved: s0, a leftover of a killed run (no namespace behind the file)"
	assert_line "  - s1"
	refute_line "  - s0"
	run vn topo save s0
	assert_error 1 "topo save s0: a leftover of a killed run, no namespace \\(vnetctl netns del s0 removes it\\)$"
}

@test "a leftover under a namespace the file only uses is not the file's: up fails there saying how to remove it" {
	touch /run/netns/ux
	printf 'veths:\n  - {a: ux/u0, b: u1}\n' >"$BATS_TEST_TMPDIR/u.yaml"
	before=$(full_snap)
	run vn topo up "$BATS_TEST_TMPDIR/u.yaml"
	assert_error 1 "topo up $BATS_TEST_TMPDIR/u.yaml:2: veth add u0: ux is a leftover, not a namespace \\(vnetctl netns del ux removes it\\)$"
	assert_equal "$(full_snap)" "$before"
	assert [ -e /run/netns/ux ]
}

# ---- down at the cost of deleting the namespaces ----------------------------------------

# A lab of N namespaces on one bridge here, as the bench's: veth hI here on
# br0, cI in labI with an address, all up.
write_lab() { # N
	local i
	printf 'namespaces: ['
	for ((i = 0; i < $1; i++)); do printf '%slab%d' "$([ "$i" = 0 ] || echo ', ')" "$i"; done
	printf ']\nbridges:\n  br0: {ports: ['
	for ((i = 0; i < $1; i++)); do printf '%sh%d' "$([ "$i" = 0 ] || echo ', ')" "$i"; done
	printf '], up: true}\nveths:\n'
	for ((i = 0; i < $1; i++)); do echo "  - {a: h$i, b: lab$i/c$i, up: true}"; done
	echo "addresses:"
	for ((i = 0; i < $1; i++)); do echo "  lab$i/c$i: [10.1.$((i / 250)).$((i % 250 + 1))/16]"; done
}

# The requests (sendto) and namespace entries (setns) of topo down of F.
down_calls() { # F
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -c -e trace=sendto,setns "$VNETCTL" topo down "$1" 2>&1 >/dev/null |
		awk '$NF == "sendto" || $NF == "setns" {printf "%s %s ", $NF, $4}'
}

@test "down of a lab leaves exactly the state before up: devices, addresses, routes, names, nsids" {
	f=$BATS_TEST_TMPDIR/lab.yaml
	write_lab 12 >"$f"
	wait_nsids_gone
	before=$(full_snap; ip netns list-id)
	run vn topo up "$f"
	assert_success
	run vn topo down "$f"
	assert_success
	assert_output ""
	wait_nsids_gone
	assert_equal "$(full_snap; ip netns list-id)" "$before"
}

@test "down sends nothing into a namespace it deletes whole: as many requests for 20 namespaces as for 2" {
	require_tool strace
	write_lab 2 >"$BATS_TEST_TMPDIR/lab2.yaml"
	write_lab 20 >"$BATS_TEST_TMPDIR/lab20.yaml"
	vn topo up "$BATS_TEST_TMPDIR/lab2.yaml"
	two=$(down_calls "$BATS_TEST_TMPDIR/lab2.yaml")
	assert_equal "$(ls /run/netns)" ""
	vn topo up "$BATS_TEST_TMPDIR/lab20.yaml"
	twenty=$(down_calls "$BATS_TEST_TMPDIR/lab20.yaml")
	assert_equal "$(ls /run/netns)" ""
	assert_equal "$(devs)" "ext0 ext0p"
	assert_equal "$twenty" "$two"
}

@test "down takes a namespace the file makes whole, a device there the file does not name too; elsewhere only the file's" {
	f=$BATS_TEST_TMPDIR/lab.yaml
	write_lab 3 >"$f"
	vn topo up "$f"
	ip -n lab1 link add other0 type veth peer name other1
	ip link add keep0 type veth peer name keep1
	ip link set keep0 master br0
	run vn topo down "$f"
	assert_success
	assert_equal "$(ls /run/netns)" ""
	assert_equal "$(devs)" "ext0 ext0p keep0 keep1"
}
