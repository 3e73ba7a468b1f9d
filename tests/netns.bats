#!/usr/bin/env bats
# vnetctl netns: named namespaces under /run/netns, shared with ip netns.
# Every change is checked through a second witness: ip netns, /run/netns,
# /proc, /sys.  tests/run gives the suite a private tmpfs on /run/netns, so
# no namespace made here is the machine's.

load helpers
bats_require_minimum_version 1.5.0

# Background processes a test starts (sleepers to identify, a monitor).
BG=()
bg() {
	"$@" &
	BG+=($!)
}

# /etc seen through an overlay whose changes live in a tmpfs: a test may
# write /etc/netns/NAME/hosts without touching the machine's /etc.
etc_overlay() {
	ETC_TMP=$(mktemp -d)
	mount -t tmpfs tmpfs "$ETC_TMP"
	mkdir "$ETC_TMP/upper" "$ETC_TMP/work"
	mount -t overlay overlay \
		-o "lowerdir=/etc,upperdir=$ETC_TMP/upper,workdir=$ETC_TMP/work" /etc
}

teardown() {
	local p
	for p in "${BG[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	if [ -n "${ETC_TMP:-}" ]; then
		umount -l /etc
		umount -l "$ETC_TMP"
		rmdir "$ETC_TMP"
	fi
	clean_netns
	wait_nsids_gone
}

# The namespace's identity: nsfs gives each namespace one inode.
ns_inode() { stat -L -c %i "/run/netns/$1"; }
# The pids of processes in NAME, one per line, as ip sees them.
wait_for_pid_in() { # NAME
	local i
	for i in $(seq 50); do
		[ -n "$(ip netns pids "$1")" ] && return 0
		sleep 0.1
	done
	return 1
}

# ---- add, del, list --------------------------------------------------------

@test "netns add makes a namespace ip netns list shows" {
	run vn netns add net0
	assert_success
	assert_output ""
	run ip netns list
	assert_output "net0"
	# a namespace is mounted on the file, not just a file
	run findmnt -n -o FSTYPE --mountpoint /run/netns/net0
	assert_output "nsfs"
}

@test "the namespace netns add makes is a new one, not this one" {
	vn netns add net0
	[ "$(ns_inode net0)" != "$(stat -L -c %i /proc/self/ns/net)" ]
	run ip netns exec net0 ip -j link show
	assert_equal "$(echo "$output" | jq -r '[.[].ifname] | join(" ")')" "lo"
}

@test "netns add of a name that exists fails with one line and changes nothing" {
	vn netns add net0
	local before
	before=$(ns_inode net0)
	run vn netns add net0
	assert_error 1 'netns add net0: /run/netns/net0: File exists'
	assert_equal "$(ns_inode net0)" "$before"
	run ip netns list
	assert_output "net0"
}

@test "netns add names may be numbers, as ip allows" {
	run vn netns add 42
	assert_success
	run ip netns list
	assert_output "42"
}

@test "netns del removes the name and the namespace" {
	vn netns add net0
	run vn netns del net0
	assert_success
	run ip netns list
	assert_output ""
	[ ! -e /run/netns/net0 ]
}

@test "netns del of a missing namespace fails with one line and exit 1" {
	run vn netns del nosuch
	assert_error 1 'netns del nosuch: no network namespace named "nosuch"'
}

@test "netns del -all removes every named namespace" {
	vn netns add net0
	ip netns add net1
	run vn netns del -all
	assert_success
	run ip netns list
	assert_output ""
	assert_equal "$(ls -A /run/netns)" ""
}

@test "netns list shows every name, sorted, as ip netns list does" {
	ip netns add net1
	vn netns add net0
	run vn netns list
	assert_success
	assert_output "$(printf 'net0\nnet1')"
	assert_equal "$output" "$(ip netns list | sort)"
}

@test "netns with no verb lists the namespaces" {
	vn netns add net0
	run vn netns
	assert_success
	assert_output "net0"
}

@test "netns list -j gives what ip -j netns list gives" {
	ip netns add net0
	ip netns add net1
	ip netns set net1 4
	run vn -j netns list
	assert_success
	assert_equal "$(echo "$output" | jq -c 'sort_by(.name)')" \
		"$(ip -j netns list | jq -c 'sort_by(.name)')"
	assert_output '[{"name":"net0"},{"name":"net1","id":4}]'
}

@test "netns list -br prints the name and the id in columns" {
	ip netns add net0
	ip netns add net1
	ip netns set net1 4
	run vn -br netns list
	assert_success
	assert_output "$(printf 'net0\n%-16s 4' net1)"
}

@test "netns list of no namespaces prints nothing, and [] with -j" {
	run vn netns list
	assert_success
	assert_output ""
	run vn -j netns list
	assert_output "[]"
}

# ---- set, list-id ----------------------------------------------------------

@test "an nsid set by netns set is the one ip netns list-id shows" {
	vn netns add net0
	run vn netns set net0 7
	assert_success
	run ip -j netns list-id
	assert_output '[{"nsid":7,"name":"net0"}]'
	run ip netns list
	assert_output "net0 (id: 7)"
}

@test "an nsid set by ip netns set is shown by netns list" {
	ip netns add net0
	ip netns set net0 3
	run vn netns list
	assert_success
	assert_output "net0 (id: 3)"
}

@test "netns set NAME auto lets the kernel pick the next free nsid" {
	vn netns add net0
	run vn netns set net0 auto
	assert_success
	run ip -j netns list-id
	assert_output --regexp '^\[\{"nsid":[0-9]+,"name":"net0"\}\]$'
}

@test "netns set of a namespace that has an nsid already fails with the kernel's reason" {
	vn netns add net0
	vn netns set net0 1
	run vn netns set net0 2
	assert_error 1 'netns set net0: .*already'
	run ip -j netns list-id
	assert_output '[{"nsid":1,"name":"net0"}]'
}

@test "netns set with a bad nsid word is a usage error" {
	vn netns add net0
	run vn netns set net0 seven
	assert_error 2 'netns set net0: invalid NSID "seven" \(expected a number or auto\)$'
	run vn netns set net0 -1
	assert_error 2 'invalid NSID "-1"'
	run vn netns set net0 2147483648
	assert_error 2 'NSID 2147483648 is out of range \(0..2147483647, or auto\)$'
	run ip netns list-id
	assert_output ""
}

@test "netns list-id gives what ip netns list-id gives, plain and -j" {
	ip netns add net0
	ip netns add net1
	ip netns set net1 5
	vn netns set net0 2
	run vn netns list-id
	assert_success
	assert_output "$(ip netns list-id)"
	assert_line --index 0 "nsid 2 (iproute2 netns name: net0)"
	run vn -j netns list-id
	assert_output "$(ip -j netns list-id)"
}

@test "netns list-id shows an nsid whose namespace has no name any more without a name" {
	vn netns add net0
	vn netns set net0 6
	# a process keeps the namespace, and its nsid, alive after the name goes
	bg ip netns exec net0 sleep 30
	wait_for_pid_in net0
	ip netns del net0
	run vn -j netns list-id
	assert_success
	assert_output '[{"nsid":6}]'
	assert_output "$(ip -j netns list-id)"
}

# ---- interop ---------------------------------------------------------------

@test "a namespace made by ip netns add is one netns exec runs in" {
	ip netns add net0
	run vn netns exec net0 readlink /proc/self/ns/net
	assert_success
	assert_output "net:[$(ns_inode net0)]"
}

@test "a namespace made by netns add is one ip netns exec runs in" {
	vn netns add net0
	run ip netns exec net0 readlink /proc/self/ns/net
	assert_success
	assert_output "net:[$(ns_inode net0)]"
}

@test "a namespace made by netns add is deleted by ip netns del" {
	vn netns add net0
	run ip netns del net0
	assert_success
	run vn netns list
	assert_output ""
}

# ---- exec ------------------------------------------------------------------

@test "netns exec passes the command's exit status through" {
	vn netns add net0
	run vn netns exec net0 sh -c 'exit 7'
	assert_equal "$status" 7
}

@test "netns exec gives the status of a command killed by a signal as 128+N" {
	vn netns add net0
	run vn netns exec net0 sh -c 'kill -TERM $$'
	assert_equal "$status" 143
}

@test "netns exec: the command's /sys/class/net shows only that namespace's devices" {
	ip tuntap add hostdev mode tun
	vn netns add net0
	ip -n net0 tuntap add nsdev mode tun
	run vn netns exec net0 ls /sys/class/net
	assert_success
	assert_output "$(printf 'lo\nnsdev')"
}

@test "netns exec shows /etc/netns/NAME/hosts as /etc/hosts" {
	etc_overlay
	mkdir -p /etc/netns/net0
	echo "10.9.8.7 only-in-net0" >/etc/netns/net0/hosts
	vn netns add net0
	run vn netns exec net0 cat /etc/hosts
	assert_success
	assert_output "10.9.8.7 only-in-net0"
	# and nothing of it leaks back here
	run grep -c only-in-net0 /etc/hosts
	assert_output "0"
}

@test "netns exec of a missing namespace fails with one line and exit 1" {
	run vn netns exec nosuch true
	assert_error 1 'netns exec nosuch: no network namespace named "nosuch"'
}

@test "netns exec of a missing command fails with one line and exit 127" {
	vn netns add net0
	run -127 vn netns exec net0 no-such-command-here
	assert_error 127 'netns exec net0: no-such-command-here: command not found'
}

@test "netns exec of something that cannot be run exits 126" {
	vn netns add net0
	run vn netns exec net0 /etc
	assert_error 126 'netns exec net0: /etc: Permission denied'
}

@test "netns exec takes the command's words as they are, never as keywords" {
	vn netns add net0
	run vn netns exec net0 echo -all del net0 help
	assert_success
	assert_output "-all del net0 help"
}

@test "netns exec without a command is a usage error" {
	vn netns add net0
	run vn netns exec net0
	assert_error 2 'netns exec net0: missing CMD'
}

@test "netns exec -all runs the command in each namespace, headed by its name" {
	vn netns add net0
	vn netns add net1
	run vn netns exec -all sh -c 'readlink /proc/self/ns/net'
	assert_success
	assert_output "$(printf '\nnetns: net0\nnet:[%s]\n\nnetns: net1\nnet:[%s]' \
		"$(ns_inode net0)" "$(ns_inode net1)")"
}

@test "netns exec -all goes on past a failing command and succeeds, as ip -all does" {
	vn netns add net0
	vn netns add net1
	run vn netns exec -all sh -c 'echo ran; [ "$(ip netns identify)" = net1 ]'
	assert_success
	assert_equal "$(echo "$output" | grep -c '^ran$')" 2
	refute_line --partial 'vnetctl:'
}

@test "netns exec in a batch: later lines run here again, in this namespace" {
	vn netns add net0
	run vn -b - <<-'EOF'
		netns exec net0 true
		netns add net1
		tuntap add t1 mode tun
	EOF
	assert_success
	dev_exists t1
	run ip netns exec net0 ls /sys/class/net
	assert_output "lo"
	[ -e /run/netns/net1 ]
}

@test "netns exec in a batch turns a failing command into a failed line" {
	vn netns add net0
	run vn -b - <<-'EOF'
		netns exec net0 sh -c "exit 3"
		netns add never
	EOF
	assert_error 1 '<stdin>:1: netns exec net0: sh exited with status 3'
	[ ! -e /run/netns/never ]
}

@test "netns exec in a batch of a missing command fails with one line" {
	vn netns add net0
	run vn -b - <<<'netns exec net0 no-such-command-here'
	assert_error 1 '<stdin>:1: netns exec net0: no-such-command-here: command not found$'
}

@test "netns exec in a batch passes a kill of vnetctl on to the command, and the batch stops" {
	vn netns add net0
	printf '%s\n' 'netns exec net0 sleep 60' 'netns add never' >"$BATS_TEST_TMPDIR/batch"
	bg "$VNETCTL" -b "$BATS_TEST_TMPDIR/batch" 2>"$BATS_TEST_TMPDIR/err"
	wait_for_pid_in net0
	kill -TERM "${BG[0]}"
	local st=0
	wait "${BG[0]}" || st=$?
	assert_equal "$st" 143
	run ip netns pids net0
	assert_output ""
	[ ! -e /run/netns/never ]
	run cat "$BATS_TEST_TMPDIR/err"
	assert_output "vnetctl: interrupted (SIGTERM): lines up to $BATS_TEST_TMPDIR/batch:1 took effect, $BATS_TEST_TMPDIR/batch:2 and after did not"
}

# ---- identify, pids, attach ------------------------------------------------

@test "netns identify without PID names this process's namespace" {
	vn netns add net0
	run ip netns exec net0 "$VNETCTL" netns identify
	assert_success
	assert_output "net0"
	run vn netns identify
	assert_output ""
}

@test "netns identify PID names the namespace of that process" {
	ip netns add net0
	bg ip netns exec net0 sleep 30
	wait_for_pid_in net0
	run vn netns identify "${BG[0]}"
	assert_success
	assert_output "net0"
	assert_equal "$output" "$(ip netns identify "${BG[0]}")"
}

@test "netns identify of a missing process fails with one line" {
	run vn netns identify 2147483647
	assert_error 1 'no process with id 2147483647'
	run vn netns identify abc
	assert_error 2 'invalid PID "abc"'
}

@test "netns pids lists the processes in the namespace, as ip netns pids does" {
	ip netns add net0
	bg ip netns exec net0 sleep 30
	wait_for_pid_in net0
	run vn netns pids net0
	assert_success
	assert_output "${BG[0]}"
	assert_output "$(ip netns pids net0)"
	run vn -j netns pids net0
	assert_output "[{\"pid\":${BG[0]}}]"
}

@test "netns pids of a missing namespace fails with one line" {
	run vn netns pids nosuch
	assert_error 1 'netns pids nosuch: no network namespace named "nosuch"'
}

@test "netns attach names the namespace of a running process" {
	bg unshare --net sleep 30
	local pid=${BG[0]} i
	for i in $(seq 50); do
		[ "$(readlink /proc/$pid/ns/net)" != "$(readlink /proc/self/ns/net)" ] && break
		sleep 0.1
	done
	run vn netns attach net0 "$pid"
	assert_success
	run ip netns identify "$pid"
	assert_output "net0"
	assert_equal "net:[$(ns_inode net0)]" "$(readlink /proc/$pid/ns/net)"
}

@test "netns attach of a missing process fails and leaves no name" {
	run vn netns attach net0 2147483647
	assert_error 1 'netns attach net0: no process with id 2147483647'
	[ ! -e /run/netns/net0 ]
}

# ---- monitor ---------------------------------------------------------------

@test "netns monitor prints add and delete as namespaces come and go" {
	local out=$BATS_TEST_TMPDIR/monitor i
	bg "$VNETCTL" netns monitor >"$out"
	# ready once its inotify watch is in place
	for i in $(seq 50); do
		grep -qs 'inotify wd' /proc/"${BG[0]}"/fdinfo/* && break
		sleep 0.1
	done
	vn netns add net0
	ip netns add net1
	ip netns del net0
	vn netns del net1
	for i in $(seq 50); do
		[ "$(wc -l <"$out")" -ge 4 ] && break
		sleep 0.1
	done
	run cat "$out"
	assert_output "$(printf 'add net0\nadd net1\ndelete net0\ndelete net1')"
}

# ---- -n NAME ---------------------------------------------------------------

@test "-n NAME runs link show inside that namespace" {
	ip tuntap add hostdev mode tun
	vn netns add net0
	run vn -n net0 -j link show
	assert_success
	assert_equal "$(echo "$output" | jq -r '[.[].ifname] | join(" ")')" "lo"
}

@test "-n NAME makes a tuntap device inside that namespace" {
	vn netns add net0
	run vn -n net0 tuntap add t0 mode tun
	assert_success
	run ip -n net0 -j link show dev t0
	assert_success
	run dev_exists t0
	assert_failure
}

# ---- dry run ---------------------------------------------------------------

@test "-N netns add prints the steps and makes nothing" {
	run vn -N netns add net0
	assert_success
	assert_line "mount --bind /proc/thread-self/ns/net /run/netns/net0"
	assert_line "unshare --net"
	[ ! -e /run/netns/net0 ]
}

@test "-N netns del prints the steps and deletes nothing" {
	vn netns add net0
	run vn -N netns del net0
	assert_success
	assert_output "$(printf 'umount -l /run/netns/net0\nrm /run/netns/net0')"
	run ip netns list
	assert_output "net0"
}

@test "-N netns set prints the request and sets nothing" {
	vn netns add net0
	run vn -N netns set net0 5
	assert_success
	assert_line --index 0 --partial "RTM_NEWNSID"
	run ip netns list-id
	assert_output ""
}

@test "-N netns exec prints what it would set up and runs nothing" {
	vn netns add net0
	run vn -N netns exec net0 touch "$BATS_TEST_TMPDIR/ran"
	assert_success
	assert_line "mount -t sysfs net0 /sys"
	assert_line "exec touch $BATS_TEST_TMPDIR/ran"
	[ ! -e "$BATS_TEST_TMPDIR/ran" ]
}

# ---- bad input -------------------------------------------------------------

@test "a name with '/' is a usage error, and nothing is made" {
	run vn netns add a/b
	assert_error 2 'invalid namespace name "a/b"'
	assert_equal "$(ls -A /run/netns)" ""
}

@test "an empty name, . and .. are usage errors" {
	run vn netns add ''
	assert_error 2 'invalid namespace name ""'
	run vn netns add .
	assert_error 2 'invalid namespace name "."'
	run vn netns del ..
	assert_error 2 'invalid namespace name ".."'
}

@test "a name too long for the file system fails with one line, as with ip" {
	local long
	long=$(printf 'n%.0s' $(seq 300))
	run vn netns add "$long"
	assert_error 1 'File name too long'
	run ip netns add "$long"
	assert_failure
	assert_equal "$(ls -A /run/netns)" ""
}

@test "a missing name is a usage error with one line" {
	run vn netns add
	assert_error 2 'netns add: missing NAME'
	run vn netns del
	assert_error 2 'netns del: missing NAME \(or -all\)'
	run vn netns pids
	assert_error 2 'netns pids: missing NAME'
	run vn netns set net0
	assert_error 2 'netns set net0: missing NSID|auto'
	run vn netns attach net0
	assert_error 2 'netns attach net0: missing PID'
}

@test "netns enter outside the shell is a usage error" {
	vn netns add net0
	run vn netns enter net0
	assert_error 2 'only the interactive shell'
}

# ---- leftovers: a name's file without its namespace mounted on it -----------
# What an add killed by SIGKILL between its two steps would leave (signals
# that can be caught wait until both are done: tests/interrupt.bats).

leftover() { touch "/run/netns/$1"; }
LEFT='ns1 is a leftover, not a namespace \(vnetctl netns del ns1 removes it\)$'

@test "netns list marks a leftover, plain, -br and -j" {
	vn netns add net0
	leftover ns1
	run vn netns list
	assert_success
	assert_output "$(printf 'net0\nns1 (leftover, not a namespace: netns del removes it)')"
	run vn -br netns list
	assert_output "$(printf 'net0\n%-16s leftover' ns1)"
	run vn -j netns list
	assert_output '[{"name":"net0"},{"name":"ns1","leftover":true}]'
}

@test "netns add over a leftover names it and changes nothing" {
	leftover ns1
	run vn netns add ns1
	assert_error 1 "netns add ns1: $LEFT"
	assert_equal "$(stat -f -c %T /run/netns/ns1)" tmpfs
	assert_equal "$(ls -A /run/netns)" ns1
}

@test "netns attach, pids, set and exec name a leftover" {
	leftover ns1
	run vn netns attach ns1 $$
	assert_error 1 "netns attach ns1: $LEFT"
	run vn netns pids ns1
	assert_error 1 "netns pids ns1: $LEFT"
	run vn netns set ns1 5
	assert_error 1 "netns set ns1: $LEFT"
	assert_equal "$(ip netns list-id)" ""
	run vn netns exec ns1 true
	assert_error 1 "netns exec ns1: $LEFT"
	assert_equal "$(stat -f -c %T /run/netns/ns1)" tmpfs
}

@test "-n and a device's netns name a leftover" {
	leftover ns1
	run vn -n ns1 link show
	assert_error 1 "-n ns1: $LEFT"
	run vn link add va type veth peer vb netns ns1
	assert_error 1 "link add va: $LEFT"
	run ip -j link show
	assert_equal "$(echo "$output" | jq -r '[.[].ifname] | join(" ")')" lo
}

@test "netns del removes a leftover, and the name can be added again" {
	leftover ns1
	run vn netns del ns1
	assert_success
	assert_equal "$(ls -A /run/netns)" ""
	vn netns add ns1
	assert_equal "$(stat -f -c %T /run/netns/ns1)" nsfs
}

@test "netns del -all removes leftovers with the namespaces" {
	vn netns add net0
	leftover ns1
	run vn netns del -all
	assert_success
	assert_equal "$(ls -A /run/netns)" ""
}
