#!/usr/bin/env bats
# vnetctl netns del of several names and patterns, and -a/--all (netns del,
# netns exec), compared with ip -all.  The witnesses are ip netns list and
# the files under /run/netns (tests/run gives the suite a private tmpfs
# there).

load helpers
bats_require_minimum_version 1.5.0

# The names under /run/netns, blank-separated, sorted.
names() { ls -A /run/netns | sort | xargs; }
# The same through ip, sorted.
ip_names() { ip netns list | awk '{print $1}' | sort | xargs; }
mk() { local n; for n in "$@"; do ip netns add "$n"; done; }
leftover() { touch "/run/netns/$1"; }

# ---- several names and patterns --------------------------------------------

@test "netns del of several names removes each of them and nothing else" {
	mk a b c d
	run vn netns del a c d
	assert_success
	assert_output ""
	assert_equal "$(ip_names)" "b"
	assert_equal "$(names)" "b"
}

@test "netns del of a pattern removes every name it matches" {
	mk lab1 lab2 lab10 lib other
	run vn netns del 'lab*'
	assert_success
	assert_equal "$(ip_names)" "lib other"
	assert_equal "$(names)" "lib other"
	run vn netns del 'l?b' 'ot[a-h]er'
	assert_success
	assert_equal "$(names)" ""
}

@test "netns del takes names and patterns together, each namespace once" {
	mk lab1 lab2 x y
	run vn netns del lab1 'lab*' x x
	assert_success
	assert_equal "$(ip_names)" "y"
}

@test "netns del: a name with * that a namespace has is that name, not a pattern" {
	mk 'x*' xa
	run vn netns del 'x*'
	assert_success
	assert_equal "$(names)" "xa"
}

@test "netns del of a pattern removes leftovers it matches too" {
	mk lab1
	leftover lab2
	run vn netns del 'lab*'
	assert_success
	assert_equal "$(names)" ""
}

@test "netns del with one missing name among several deletes nothing" {
	mk a b c
	run vn netns del a nosuch c
	assert_error 1 'netns del nosuch: no network namespace named "nosuch"$'
	assert_equal "$(ip_names)" "a b c"
	assert_equal "$(names)" "a b c"
}

@test "netns del with a pattern that matches nothing deletes nothing" {
	mk lab1 lab2
	run vn netns del lab1 'zz*'
	assert_error 1 'netns del zz\*: no network namespace matches "zz\*"$'
	assert_equal "$(names)" "lab1 lab2"
	run vn netns del 'zz*'
	assert_error 1 'no network namespace matches "zz\*"$'
	assert_equal "$(ip_names)" "lab1 lab2"
}

@test "netns del with an invalid name among several is a usage error and deletes nothing" {
	mk a b
	run vn netns del a 'x/y'
	assert_error 2 'netns del x/y: invalid namespace name "x/y"$'
	run vn netns del a ..
	assert_error 2 'invalid namespace name "\.\."$'
	assert_equal "$(names)" "a b"
}

@test "netns del -N of several names prints the steps and deletes nothing" {
	mk a b
	run vn -N netns del 'a' 'b'
	assert_success
	assert_line 'umount -l /run/netns/a'
	assert_line 'rm /run/netns/b'
	assert_equal "$(names)" "a b"
}

@test "netns del lines in a batch: those before a failing line took effect, none after" {
	mk a b c d e
	run vn -b - <<-'EOF'
		netns del a b
		netns del 'c*'
		netns del d nosuch
		netns del e
	EOF
	assert_error 1 '<stdin>:3: netns del nosuch: no network namespace named "nosuch"$'
	assert_equal "$(ip_names)" "d e"
	assert_equal "$(names)" "d e"
}

# ---- -a / --all ------------------------------------------------------------

@test "-a netns del removes every named namespace, as ip -all netns del does" {
	mk a b
	vn netns add c
	leftover d
	run vn -a netns del
	assert_success
	assert_output ""
	assert_equal "$(names)" ""
	mk a b
	run vn --all netns del
	assert_success
	assert_equal "$(ip_names)" ""
}

@test "-a netns del with a name is a usage error and deletes nothing" {
	mk a b
	run vn -a netns del a
	assert_error 2 'netns del: -all and NAME cannot be used together$'
	run vn -a netns del -all
	assert_error 2 'netns del: -all given twice$'
	run vn netns del a -all
	assert_error 2 'netns del a: -all and NAME cannot be used together$'
	run vn netns del -all a
	assert_error 2 'netns del: -all and NAME cannot be used together$'
	assert_equal "$(names)" "a b"
}

@test "-a with any other verb is a usage error naming what -a applies to" {
	mk a
	run vn -a netns add b
	assert_error 2 'netns add: -a/--all applies to netns del, netns exec only$'
	run vn -a link show
	assert_error 2 'link show: -a/--all applies to netns del, netns exec only$'
	run vn --all netns list
	assert_error 2 'netns list: -a/--all applies to netns del, netns exec only$'
	run vn -a netns pids a
	assert_error 2 'netns pids: -a/--all applies to netns del, netns exec only$'
	assert_equal "$(ip_names)" "a"
	assert_equal "$(names)" "a"
}

@test "-a netns exec runs the command in each namespace with ip -all's headers" {
	mk b a c
	run vn -a netns exec sh -c 'ip netns identify'
	assert_success
	assert_output "$(printf '\nnetns: a\na\n\nnetns: b\nb\n\nnetns: c\nc')"
	# ip walks the directory in its own order: the same blocks, each headed
	local ipout
	ipout=$(ip -all netns exec sh -c 'ip netns identify')
	assert_equal "$(echo "$ipout" | grep -c '^netns: ')" 3
	for n in a b c; do
		echo "$ipout" | grep -qx "netns: $n"
		assert_line "netns: $n"
	done
}

@test "-a netns exec: commands' own failures do not fail it, as with ip -all" {
	mk a b
	run ip -all netns exec false
	assert_success
	run vn -a netns exec false
	assert_success
	assert_output "$(printf '\nnetns: a\n\nnetns: b')"
	run vn -a netns exec sh -c 'echo ran; exit 130'
	assert_success
	assert_equal "$(echo "$output" | grep -c '^ran$')" 2
}

@test "-a netns exec: a command that cannot be run is said so for each namespace, status 0 as ip" {
	mk a b
	run ip -all netns exec nosuch-command-here
	assert_success
	run vn -a netns exec nosuch-command-here
	assert_success
	assert_line 'vnetctl: netns exec a: nosuch-command-here: command not found'
	assert_line 'vnetctl: netns exec b: nosuch-command-here: command not found'
}

@test "-a netns exec stops where a signal ended a command, status 1 as ip" {
	mk a b c
	local cmd='echo in; [ "$(ip netns identify)" = b ] && kill -TERM $$; echo out'
	run ip -all netns exec sh -c "$cmd"
	assert_failure 1
	run vn -a netns exec sh -c "$cmd"
	assert_failure 1
	assert_equal "$(echo "$output" | grep -c '^in$')" 2
	assert_equal "$(echo "$output" | grep -c '^out$')" 1
	assert_equal "$(echo "$output" | grep -c '^vnetctl: ')" 1
	assert_line 'vnetctl: netns exec b: sh was killed by signal 15 (Terminated)'
	refute_line 'netns: c'
}

@test "-a netns exec goes on past a leftover, then fails with one line for it" {
	mk a c
	leftover b
	run vn -a netns exec true
	assert_failure 1
	assert_output "$(printf '\nnetns: a\n\nnetns: b\n%s\n\nnetns: c' \
		'vnetctl: netns exec b: b is a leftover, not a namespace (vnetctl netns del b removes it)')"
}

@test "-a netns exec with no command is a usage error" {
	mk a
	run vn -a netns exec
	assert_error 2 'netns exec: missing CMD$'
}

@test "-a with a batch applies to each line: a line of another verb fails, none after it runs" {
	mk a b
	run vn -a -b - <<-'EOF'
		netns del
		netns add c
		netns add d
	EOF
	assert_error 2 '<stdin>:2: netns add: -a/--all applies to netns del, netns exec only$'
	assert_equal "$(names)" ""
	assert_equal "$(ip_names)" ""
}
