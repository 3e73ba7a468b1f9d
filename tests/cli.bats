#!/usr/bin/env bats
# The command line itself: global options, prefixes, errors, batch, dry run,
# JSON output.  Objects' own verbs are tested in their own files.

load helpers

@test "--version prints the version and exits 0" {
	run vn -V
	assert_success
	# the release, or what the Makefile makes of `git describe`:
	# 0.1.0, 0.1.0-12-gabc1234, 0.1.0+gabc1234, each maybe -dirty
	assert_output --regexp '^vnetctl [0-9]+\.[0-9]+\.[0-9]+(-[0-9]+-g[0-9a-f]+|\+g[0-9a-f]+)?(-dirty)?$'
	run vn --version
	assert_success
}

@test "help lists every object and the global options" {
	run vn help
	assert_success
	for o in addr link route tuntap; do assert_output --partial "  $o "; done
	assert_output --partial -- "--dry-run"
	run vn -h
	assert_success
	assert_output --partial "Objects:"
}

@test "OBJECT help and help OBJECT print the object's usage" {
	run vn tuntap help
	assert_success
	assert_output --partial "vnetctl tuntap add"
	assert_output --partial "mode { tun | tap }"
	run vn help tuntap
	assert_success
	assert_output --partial "vnetctl tuntap del"
}

@test "no command with a pipe on standard input runs the pipe as a batch" {
	run bash -c "echo 'tuntap add t0 mode tun' | $VNETCTL"
	assert_success
	dev_exists t0
	run vn </dev/null
	assert_success
	assert_output ""
}

@test "an unknown object suggests the closest one" {
	run vn tuntp show
	assert_error 2 'unknown object "tuntp" \(did you mean "tuntap"\?\)'
}

@test "an unknown verb suggests the closest one" {
	run vn link shwo
	assert_error 2 'link: unknown verb "shwo" \(did you mean "show"\?\)'
}

@test "an ambiguous verb prefix is an error listing the candidates" {
	run vn link s
	assert_error 2 'ambiguous verb "s": (set, show|show, set)'
}

@test "objects, verbs and keywords accept unique prefixes" {
	run vn tunt a t0 mo ta
	assert_success
	run ip -j -d link show dev t0
	assert_equal "$(echo "$output" | jq -r '.[0].linkinfo.info_data.type')" tap
	run vn tunt sh
	assert_success
	assert_output --partial t0
}

@test "an unknown keyword is a usage error with a suggestion, and nothing is made" {
	run vn tuntap add t0 mode tun persistt
	assert_error 2 'unknown keyword "persistt"'
	run vn tuntap add t0 mdoe tun
	assert_error 2 'did you mean "mode"\?'
	! dev_exists t0
}

@test "an unknown global option is a usage error" {
	run vn --jsno link show
	assert_error 2 'unknown option "--jsno"'
}

@test "iproute2's single-dash long options work" {
	run vn -json link show lo
	assert_success
	echo "$output" | jq -e '.[0].ifname == "lo"'
	run vn -details link show lo
	assert_success
}

@test "-j prints one valid JSON array" {
	ip link add name a type veth peer name b
	run vn -j link show
	assert_success
	assert_equal "$(echo "$output" | jq -r 'type')" array
	assert_equal "$(echo "$output" | jq -r '[.[].ifname] | sort | join(",")')" "a,b,lo"
	assert_equal "$(printf '%s\n' "$output" | wc -l)" 1
}

@test "-j -p prints the same JSON indented" {
	run vn -j -p link show lo
	assert_success
	[ "$(printf '%s\n' "$output" | wc -l)" -gt 3 ]
	assert_equal "$(echo "$output" | jq -c '.[0].ifname')" '"lo"'
	assert_equal "$(echo "$output" | jq -c .)" "$(vn -j link show lo | jq -c .)"
}

@test "-br prints one line per device" {
	ip link add name a type veth peer name b
	run vn -br link show
	assert_success
	assert_equal "${#lines[@]}" 3
	assert_line --regexp '^a@b +DOWN +'
}

@test "JSON escapes every byte an interface name can hold" {
	# quote, backslash, a control byte, and a byte that is not UTF-8
	local q=$'q"\\x' c=$'c\x01x' h=$'h\xffx' u='ü€x'
	ip link add name "$q" type veth peer name "$c"
	ip link add name "$h" type veth peer name "$u"
	run vn -j link show
	assert_success
	echo "$output" | jq -e . >/dev/null
	names=$(echo "$output" | jq -r '.[].ifname')
	echo "$names" | grep -qxF "$q"
	echo "$names" | grep -qxF "$c"
	echo "$names" | grep -qxF "$u"
	# the stray byte comes out as its Latin-1 character
	echo "$names" | grep -qxF 'hÿx'
}

@test "JSON escapes an alias with quotes and newlines" {
	ip link add name a type veth peer name b
	ip link set dev a alias $'say "hi"\tnow\\'
	run vn -j link show a
	assert_success
	assert_equal "$(echo "$output" | jq -r '.[0].ifalias')" $'say "hi"\tnow\\'
}

@test "-n runs the command inside the named namespace" {
	ip netns add ns1
	run vn -n ns1 tuntap add t0 mode tun
	assert_success
	refute dev_exists t0
	run ip -n ns1 -j link show t0
	assert_success
	run vn -n ns1 -j link show
	assert_equal "$(echo "$output" | jq -r '[.[].ifname] | sort | join(",")')" "lo,t0"
}

@test "-n with a missing namespace fails with one line" {
	run vn -n nosuch link show
	assert_error 1 'nosuch: no network namespace named "nosuch"'
}

@test "colour is off when output is not a terminal, on with -c" {
	run vn link show lo
	refute_output --partial $'\033['
	run vn -c link show lo
	assert_output --partial $'\033['
	run vn --color=always link show lo
	assert_output --partial $'\033['
	run vn -c=never link show lo
	refute_output --partial $'\033['
	run vn -c=sometimes link show lo
	assert_error 2 'invalid colour "sometimes"'
}

@test "without CAP_NET_ADMIN the error says so" {
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$VNETCTL" link set lo mtu 1400
	assert_error 1 'link set lo: Operation not permitted \(run as root: CAP_NET_ADMIN is needed\)'
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$VNETCTL" tuntap add t0 mode tun
	# EPERM from the kernel, or EACCES where /dev/net/tun is mode 0600
	assert_error 1 'tuntap add t0: (Operation not permitted|Permission denied) \(run as root: CAP_NET_ADMIN is needed\)'
	! dev_exists t0
}

@test "a kernel refusal shows the kernel's extended ACK message" {
	ip link add name a type veth peer name b
	run vn link set a mtu 10
	assert_error 1 'link set a: .*(MTU|mtu)'
	assert_equal "$(cat /sys/class/net/a/mtu)" 1500
}

# ---- dry run ----------------------------------------------------------------

@test "dry run prints the decoded request and changes nothing" {
	ip link add name a type veth peer name b
	run vn -N link set a mtu 1400 up
	assert_success
	assert_output --partial "RTM_NEWLINK"
	assert_output --regexp "IFLA_MTU 1400"
	assert_equal "$(cat /sys/class/net/a/mtu)" 1500
	run ip -j link show a
	assert_equal "$(echo "$output" | jq -r '.[0].flags | index("UP")')" null
}

@test "dry run of tuntap add makes no device" {
	run vn --dry-run tuntap add t0 mode tap
	assert_success
	assert_output --partial TUNSETIFF
	! dev_exists t0
}

# ---- batch ------------------------------------------------------------------

@test "batch runs every line of a file, skipping comments and blank lines" {
	cat >"$BATS_TEST_TMPDIR/cmds" <<-'EOF'
	# make two taps
	tuntap add t0 mode tap

	tuntap add t1 mode tap   # and a comment after
	link set t1 mtu 1400
	EOF
	run vn -b "$BATS_TEST_TMPDIR/cmds"
	assert_success
	dev_exists t0
	assert_equal "$(cat /sys/class/net/t1/mtu)" 1400
}

@test "batch reads standard input with -b -" {
	run bash -c "printf 'tuntap add t0 mode tun\nlink set t0 alias \"from stdin\"\n' | $VNETCTL -b -"
	assert_success
	assert_equal "$(cat /sys/class/net/t0/ifalias)" "from stdin"
}

@test "batch stops at the first failing line and names it" {
	printf 'tuntap add t0 mode tun\nlink set nosuch up\ntuntap add t1 mode tun\n' \
		>"$BATS_TEST_TMPDIR/cmds"
	run vn -b "$BATS_TEST_TMPDIR/cmds"
	assert_error 1 "cmds:2: link set nosuch: "
	dev_exists t0
	! dev_exists t1
}

@test "batch reports a usage error with its line number and exit 2" {
	printf 'tuntap add t0 mode tun\ntuntap add t1 mode bogus\n' >"$BATS_TEST_TMPDIR/cmds"
	run vn -b "$BATS_TEST_TMPDIR/cmds"
	assert_error 2 'cmds:2: tuntap add t1: invalid mode "bogus"'
}

@test "batch with --force goes on and reports every failing line" {
	ip link add name a type veth peer name b
	printf 'link set a mtu 1400\nlink set a mtu 10\nlink set b mtu 1300\nlink set a alias ok\n' \
		>"$BATS_TEST_TMPDIR/cmds"
	run vn --force -b "$BATS_TEST_TMPDIR/cmds"
	assert_error 1 'cmds:2: link set a: '
	assert_equal "$(cat /sys/class/net/a/mtu)" 1400
	assert_equal "$(cat /sys/class/net/b/mtu)" 1300
	assert_equal "$(cat /sys/class/net/a/ifalias)" ok
}

@test "batch with --force pipelines many changes and each lands" {
	for i in $(seq 0 9); do ip link add name "a$i" type veth peer name "b$i"; done
	for i in $(seq 0 9); do
		echo "link set a$i mtu $((1300 + i)) alias pipe$i"
	done >"$BATS_TEST_TMPDIR/cmds"
	echo "link set a3 mtu 1" >>"$BATS_TEST_TMPDIR/cmds"
	echo "link show a9" >>"$BATS_TEST_TMPDIR/cmds"
	run vn --force -b "$BATS_TEST_TMPDIR/cmds"
	assert_equal "$status" 1
	assert_output --regexp 'cmds:11: link set a3: '
	for i in $(seq 0 9); do
		assert_equal "$(cat /sys/class/net/a$i/mtu)" "$((1300 + i))"
		assert_equal "$(cat /sys/class/net/a$i/ifalias)" "pipe$i"
	done
}

@test "a --force batch words a missing device and a taken name as a plain run does" {
	ip link add name a type veth peer name b
	printf 'link set nosuch up\nlink del nosuch\nlink add a type veth peer name c\nlink show nosuch\nlink set a mtu 1400\n' \
		>"$BATS_TEST_TMPDIR/cmds"
	run vn --force -b "$BATS_TEST_TMPDIR/cmds"
	assert_equal "$status" 1
	assert_line 'vnetctl: '"$BATS_TEST_TMPDIR"'/cmds:1: link set nosuch: no device named "nosuch"'
	assert_line 'vnetctl: '"$BATS_TEST_TMPDIR"'/cmds:2: link del nosuch: no device named "nosuch"'
	assert_line 'vnetctl: '"$BATS_TEST_TMPDIR"'/cmds:3: link add a: File exists (a device named a exists already)'
	assert_line 'vnetctl: '"$BATS_TEST_TMPDIR"'/cmds:4: link show nosuch: no device named "nosuch"'
	# the same lines one at a time say the same
	run vn link set nosuch up
	assert_error 1 'link set nosuch: no device named "nosuch"$'
	run vn link add a type veth peer name c
	assert_error 1 'link add a: File exists \(a device named a exists already\)$'
	# and the batch went on to its last line
	assert_equal "$(cat /sys/class/net/a/mtu)" 1400
	refute dev_exists c
}

@test "a --force batch words a kernel without the kind as a plain run does: the module to load" {
	local kind module
	# a kind vnetctl knows and this kernel lacks, and the module it names
	for kind in dummy:dummy gre:ip_gre ipip:ipip vrf:vrf ifb:ifb; do
		kernel_knows_kind "${kind%%:*}" || break
	done
	module=${kind#*:}
	kind=${kind%%:*}
	kernel_knows_kind "$kind" && skip "this kernel has every kind the test could use (the host lacks them)"
	printf 'link add k0 type %s\nlink add k1 type %s\nlink add a type veth peer name b\n' \
		"$kind" "$kind" >"$BATS_TEST_TMPDIR/cmds"
	run vn --force -b "$BATS_TEST_TMPDIR/cmds"
	assert_equal "$status" 1
	assert_equal "$output" "vnetctl: $BATS_TEST_TMPDIR/cmds:1: link add k0: the kernel has no $kind support (load the module: modprobe $module)
vnetctl: $BATS_TEST_TMPDIR/cmds:2: link add k1: the kernel has no $kind support (load the module: modprobe $module)"
	# the line alone, and in a plain batch, say the same
	run vn link add k0 type "$kind"
	assert_error 1 "link add k0: the kernel has no $kind support \\(load the module: modprobe $module\\)$"
	ip link del dev a
	run vn -b "$BATS_TEST_TMPDIR/cmds"
	assert_error 1 "cmds:1: link add k0: the kernel has no $kind support \\(load the module: modprobe $module\\)$"
	# --force went on to the last line; the plain batch stopped at the first
	refute dev_exists k0
	refute dev_exists a
}

@test "batch of a missing file fails with one line" {
	run vn -b /nonexistent
	assert_error 1 "batch /nonexistent: No such file or directory"
}

@test "an unterminated quote in a batch line is a usage error" {
	printf 'link set lo alias "oops\n' >"$BATS_TEST_TMPDIR/cmds"
	run vn -b "$BATS_TEST_TMPDIR/cmds"
	assert_error 2 "cmds:1: unterminated quote"
}

@test "dry run decodes a kind's own attributes by name, a veth peer as a link" {
	run vn -N veth add v0 peer v1 mtu 1400
	assert_success
	assert_output --partial 'IFLA_INFO_KIND "veth"'
	assert_output --regexp 'VETH_INFO_PEER \{'
	assert_output --regexp 'IFLA_IFNAME "v1"'
	run vn -N bridge add br0 stp on
	assert_success
	assert_output --partial 'IFLA_BR_STP_STATE 1'
	refute dev_exists v0
	refute dev_exists v1
	refute dev_exists br0
}
