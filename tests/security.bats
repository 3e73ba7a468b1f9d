#!/usr/bin/env bats
# What vnetctl guarantees a hostile caller and a careless terminal
# (SECURITY.md): a setuid or setgid copy refuses to run before it opens
# anything; file capabilities are the way to grant it; names and reasons
# from the kernel or the user reach the terminal with their control bytes
# escaped.
#
# The copies live on a tmpfs mounted in the suite's own mount namespace
# (no nosuid there), where the unprivileged user nobody can run them.

load helpers

# LeakSanitizer cannot stop the threads of a setuid or setgid process (the
# kernel makes it non-dumpable): leaks are left to the other tests there.
as_nobody() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}

# $copy: a copy of vnetctl, owned by root, with MODE, that nobody can run.
copy_with_mode() { # MODE
	[ -z "${VNETCTL_VALGRIND:-}" ] || skip "under valgrind the binary is a script, which setuid and setcap ignore"
	copydir=$(mktemp -d)
	mount -t tmpfs -o mode=755 tmpfs "$copydir"
	cp "$VNETCTL" "$copydir/vnetctl"
	chmod "$1" "$copydir/vnetctl"
	copy=$copydir/vnetctl
}

teardown() {
	if [ -n "${copydir:-}" ]; then
		umount "$copydir"
		rmdir "$copydir"
	fi
	clean_netns
}

# ---- setuid and setgid --------------------------------------------------------------

@test "a setuid-root copy run by nobody refuses, in one line, and makes nothing" {
	copy_with_mode 4755
	run as_nobody "$copy" link add v0 type veth peer name v1
	assert_error 1 'refusing to run setuid or setgid \(uid 65534, euid 0, gid 65534, egid 65534\): grant capabilities instead \(setcap cap_net_admin\+ep\)$'
	refute dev_exists v0
	run as_nobody "$copy" netns add ns1
	assert_error 1 'refusing to run setuid'
	assert_equal "$(ls /run/netns)" ""
}

@test "a setgid-root copy refuses too" {
	# the sanitizers read no options in a setgid process, and LeakSanitizer
	# cannot stop its threads: the exit status would be theirs
	if ldd "$VNETCTL" 2>/dev/null | grep -q libasan; then
		skip "LeakSanitizer cannot run in a setgid process (the normal build runs it)"
	fi
	copy_with_mode 2755
	run as_nobody "$copy" link show
	assert_error 1 'refusing to run setuid or setgid \(uid 65534, euid 65534, gid 65534, egid 0\)'
}

@test "a setuid copy opens no file: -b names a root-only file and its words are not echoed" {
	copy_with_mode 4755
	printf 's3cretword and more\n' >"$BATS_TEST_TMPDIR/secret"
	chmod 600 "$BATS_TEST_TMPDIR/secret"
	chmod 755 "$BATS_TEST_TMPDIR"
	run as_nobody "$copy" -b "$BATS_TEST_TMPDIR/secret"
	assert_error 1 'refusing to run setuid'
	refute_output --partial s3cret
}

@test "a setuid copy gives no root shell through netns exec" {
	vn netns add ns1
	copy_with_mode 4755
	run as_nobody "$copy" netns exec ns1 id -u
	assert_error 1 'refusing to run setuid'
	refute_output 0
}

@test "the normal binary run as root is not refused" {
	copy_with_mode 755
	run "$copy" link add v0 type veth peer name v1
	assert_success
	assert_equal "$(ip -j link show dev v0 | jq -r '.[0].ifname')" v0
}

# ---- capabilities --------------------------------------------------------------------

@test "a copy with the file capability cap_net_admin changes links for nobody" {
	copy_with_mode 755
	setcap cap_net_admin+ep "$copy"
	run as_nobody "$copy" link add v0 type veth peer name v1
	assert_success
	assert_equal "$(ip -j link show dev v0 | jq -r '.[0].link')" v1
	run as_nobody "$copy" link set v0 up mtu 1400
	assert_success
	assert_equal "$(ip -j link show dev v0 | jq -r '.[0].mtu')" 1400
	run as_nobody "$copy" link del v0
	assert_success
	refute dev_exists v1
}

@test "without the capability nobody is told what is missing, and nothing changes" {
	copy_with_mode 755
	run as_nobody "$copy" link add v0 type veth peer name v1
	assert_error 1 'link add v0: Operation not permitted \(run as root: CAP_NET_ADMIN is needed\)$'
	refute dev_exists v0
}

@test "-n as an unprivileged user names the capability setns needs: CAP_SYS_ADMIN" {
	vn netns add ns1
	copy_with_mode 755
	setcap cap_net_admin+ep "$copy"
	run as_nobody "$copy" -n ns1 link show
	assert_error 1 '-n ns1: Operation not permitted \(run as root: entering a namespace needs CAP_SYS_ADMIN\)$'
}

# ---- the terminal ----------------------------------------------------------------------

@test "a name with an escape sequence is printed escaped, in plain and brief output" {
	ip link add name $'a\e[31mR' type veth peer name b
	run vn link show
	assert_success
	assert_line --regexp '^[0-9]+: a\\x1b\[31mR@b: '
	assert_line --regexp '^[0-9]+: b@a\\x1b\[31mR: '
	refute_output --partial $'\e'
	run vn -br link show
	assert_success
	assert_line --regexp '^a\\x1b\[31mR@b '
	refute_output --partial $'\e'
}

@test "JSON keeps the name's bytes, as its own escaping" {
	ip link add name $'a\e[31mR' type veth peer name b
	run vn -j link show dev $'a\e[31mR'
	assert_success
	assert_output --partial '"ifname":"a\u001B[31mR"'
	refute_output --partial $'\e'
	assert_equal "$(jq -r '.[0].ifname' <<<"$output")" $'a\e[31mR'
}

@test "C1 controls and bytes that are not UTF-8 are escaped; UTF-8 text is not" {
	ip link add name $'c\xc2\x9bx' type veth peer name $'n\xc3\xa9'
	run vn -br link show
	assert_success
	assert_line --regexp '^c\\xc2\\x9bx@né '
	assert_line --regexp '^né@c\\xc2\\x9bx '
	ip link add name $'\xffz' type veth peer name $'\x7fz'
	run vn -br link show
	assert_line --regexp '^\\xffz@\\x7fz '
}

@test "an error line escapes what the user typed" {
	run vn link show $'x\e[2J'
	assert_error 1 'link show x\\x1b\[2J: no device named "x\\x1b\[2J"$'
	refute_output --partial $'\e'
	run vn link add $'\e]0;t\a' type bogus
	assert_error 2 'link add \\x1b\]0;t\\x07: unknown kind "bogus"'
	refute_output --partial $'\e'
}
