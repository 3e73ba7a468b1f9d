#!/usr/bin/env bats
# vnetctl under iproute2's names (vnetctl(8), UNDER IP'S NAME): links named
# ip and bridge to the binary under test, in a directory of their own as the
# package ships them.  Each behaviour is compared with iproute2's own ip,
# called by its absolute path, and the kernel's state read through it; under
# vnetctl's name the old behaviour stays.

load helpers

setup() {
	clean_netns
	shim_setup
}

# What vnetctl as ip writes on stdout alone, with nothing on stdin.
vip_stdout() { vip "$@" </dev/null 2>/dev/null; }

# The kernel's devices, their kinds, masters and MTUs, read by iproute2.
devices() { "$REALIP" -j -d link show | jq -c '[.[] | {ifname, kind: .linkinfo.info_kind, master, mtu}] | sort_by(.ifname)'; }

pair() { "$REALIP" link add name "$1" type veth peer name "$2"; }

# ---- the names -------------------------------------------------------------

@test "called ip or bridge, vnetctl says it is that program; called vnetctl, itself" {
	run vip -V
	assert_success
	assert_output --regexp '^ip utility, vnetctl-[0-9][^ ]* \(iproute2 6\.1.s grammar\)$'
	run vip -Version
	assert_success
	assert_output --regexp '^ip utility, vnetctl-'
	run vbridge -V
	assert_success
	assert_output --regexp '^bridge utility, vnetctl-'
	run "$SHIM/ip" -V
	assert_output --regexp '^ip utility, vnetctl-'
	run vn -V
	assert_output --regexp '^vnetctl [0-9]'
}

# ---- the kernel's refusals ---------------------------------------------------

@test "a bare EEXIST reads RTNETLINK answers: File exists, exit 2, as ip" {
	pair v0 v1
	same_as_ip link add name v0 type veth peer name v2
	assert_output "RTNETLINK answers: File exists"
	assert_equal "$status" 2
	assert_equal "$(devices | jq -r '[.[].ifname] | join(" ")')" "lo v0 v1"
}

@test "a refusal with an extended ACK reads Error: MSG., exit 2, as ip" {
	pair v0 v1
	same_as_ip link set dev v0 mtu 10
	assert_output "Error: mtu less than device minimum."
	assert_equal "$status" 2
	assert_equal "$("$REALIP" -j link show v0 | jq .[0].mtu)" 1500
	"$REALIP" addr add 10.9.0.1/24 dev v0
	same_as_ip addr add 10.9.0.1/24 dev v0
	assert_output "Error: ipv4: Address already assigned."
	assert_equal "$status" 2
}

@test "a device that does not exist reads Cannot find device, exit 1, as ip" {
	same_as_ip link set dev nosuch up
	assert_output 'Cannot find device "nosuch"'
	assert_equal "$status" 1
	same_as_ip link del dev nosuch
	assert_output 'Cannot find device "nosuch"'
	same_as_ip addr add 10.9.0.1/24 dev nosuch
	assert_output 'Cannot find device "nosuch"'
	assert_equal "$status" 1
}

@test "a show of a device that does not exist reads Device does not exist., exit 1, as ip" {
	same_as_ip link show dev nosuch
	assert_output 'Device "nosuch" does not exist.'
	assert_equal "$status" 1
	same_as_ip addr show dev nosuch
	assert_equal "$status" 1
}

@test "an unknown object, command or option is ip's line with ip's status" {
	same_as_ip foo
	assert_output 'Object "foo" is unknown, try "ip help".'
	assert_equal "$status" 1
	same_as_ip link foo
	assert_output 'Command "foo" is unknown, try "ip link help".'
	assert_equal "$status" 255
	same_as_ip -foo link
	assert_output 'Option "-foo" is unknown, try "ip -help".'
	assert_equal "$status" 255
	same_as_ip -c=bad link
	assert_equal "$status" 255
}

@test "a wrong command line exits 255 as ip, and changes nothing" {
	pair v0 v1
	run "$REALIP" link set dev v0 mt 1400
	assert_equal "$status" 255
	run vip link set dev v0 mt 1400
	assert_equal "$status" 255
	assert_output --regexp '^vnetctl: link set v0: unknown keyword "mt"'
	assert_equal "$("$REALIP" -j link show v0 | jq .[0].mtu)" 1500
}

@test "-n with a namespace that does not exist is ip's line, exit 255" {
	same_as_ip -n nosuch link show
	assert_output 'Cannot open network namespace "nosuch": No such file or directory'
	assert_equal "$status" 255
}

@test "under vnetctl's name a refusal is still vnetctl's one line, exit 1 or 2" {
	pair v0 v1
	run vn link add name v0 type veth peer name v2
	assert_error 1 'File exists'
	run vn link set dev nosuch up
	assert_error 1 'no device named "nosuch"'
	run vn foo
	assert_error 2 'unknown object "foo"'
	# vnetctl's unique prefix: mt is mtu (ip reads mtu only whole)
	run vn link set dev v0 mt 1400
	assert_success
	assert_equal "$("$REALIP" -j link show v0 | jq .[0].mtu)" 1400
}

# ---- objects, verbs and keywords in ip's order --------------------------------

@test "ip's object abbreviations, in ip's order: ip a, l, r, ru, n, tu, tap" {
	pair v0 v1
	"$REALIP" addr add 10.9.0.1/24 dev v0
	"$REALIP" link set v0 up
	"$REALIP" rule add from 10.7.0.0/16 table 7
	"$REALIP" neigh add 10.9.0.7 lladdr 02:00:00:00:00:07 dev v0
	run vip a
	assert_success
	assert_output "$(vn addr show)"
	assert_output --partial "inet 10.9.0.1/24"
	run vip l
	assert_output "$(vn link show)"
	run vip -4 r s
	assert_success
	assert_output "$("$REALIP" -4 route show)"
	assert_output --partial "10.9.0.0/24 dev v0"
	run vip ru
	assert_output "$(vn rule show)"
	assert_output --partial "from 10.7.0.0/16 lookup 7"
	run vip n
	assert_output "$("$REALIP" neigh show)"
	assert_output --partial "10.9.0.7 dev v0 lladdr 02:00:00:00:00:07"
	run vip tap
	assert_success
	assert_output "$(vn tuntap show)"
	run vip -j tu
	assert_success
	assert_output "$(vn -j tunnel show)"
}

@test "ip m is maddress, ip x xfrm, which vnetctl has not: said in one line, exit 1" {
	run vip m
	assert_success
	assert_output "$("$REALIP" m)"
	run vip x
	assert_failure 1
	assert_output "vnetctl: ip xfrm: iproute2's ip has it, vnetctl has not (run iproute2's own ip for it)"
	# ip mac is ip macsec (macsec-sa.bats), not monitor, macvlan or macvtap
	run vip mac help
	assert_failure 255
	assert_output --partial "macsec add"
}

@test "ip's spellings of objects are vnetctl's too: address, neighbour, neighbor, tunl" {
	pair v0 v1
	"$REALIP" addr add 10.9.0.1/24 dev v0
	run vn address show dev v0
	assert_success
	assert_output --partial "inet 10.9.0.1/24"
	run vn neighbour show
	assert_success
	run vn neighbor show
	assert_success
	run vn tunl show
	assert_success
	assert_output "$(vn tunnel show)"
	# and under vnetctl's name an abbreviation is still unique or refused
	# (addrlabel and address begin with a too)
	run vn addr
	assert_success
	run vn a
	assert_error 2 'ambiguous object "a"'
	run vn t
	assert_error 2 'ambiguous object "t"'
}

@test "ip link s is set, ip link change too; under vnetctl's name s is ambiguous" {
	pair v0 v1
	run vip link s dev v0 up
	assert_success
	assert_output ""
	run "$REALIP" -j link show v0
	assert_output --partial '"UP"'
	run vip link change dev v0 mtu 1400
	assert_success
	assert_equal "$("$REALIP" -j link show v0 | jq .[0].mtu)" 1400
	run vn link s v0 down
	assert_error 2 'ambiguous verb "s"'
	run "$REALIP" -j link show v0
	assert_output --partial '"UP"'
}

@test "each object's verbs in ip's order: addr s, route d, neigh f, netns l, rule a" {
	pair v0 v1
	"$REALIP" link set v0 up
	"$REALIP" addr add 10.9.0.1/24 dev v0
	run vip addr s dev v0
	assert_success
	assert_output --partial "inet 10.9.0.1/24"
	"$REALIP" route add 10.8.0.0/24 dev v0
	run vip route d 10.8.0.0/24 dev v0
	assert_success
	assert_equal "$("$REALIP" -j route show 10.8.0.0/24)" "[]"
	run vip route l
	assert_output "$("$REALIP" route show)"
	run vip rule a from 10.6.0.0/16 table 6
	assert_success
	assert_equal "$("$REALIP" -j rule show | jq '[.[] | select(.src == "10.6.0.0")] | length')" 1
	run vip netns l
	assert_success
	run vip netns a lab0
	assert_success
	assert [ -e /run/netns/lab0 ]
	run vip tuntap lst
	assert_success
	run vip addr chg 10.9.0.1/24 dev v0 valid_lft 100 preferred_lft 100
	assert_success
	assert_equal "$("$REALIP" -j addr show dev v0 | jq '.[0].addr_info[0].valid_life_time <= 100')" true
}

@test "a keyword abbreviation is ip's parser's: ip link set dev x m br0 is master" {
	pair v0 v1
	"$REALIP" link add name br0 type bridge
	run "$REALIP" link set dev v0 m br0
	assert_success
	assert_equal "$("$REALIP" -j link show v0 | jq -r .[0].master)" br0
	"$REALIP" link set dev v0 nomaster
	run vip link set dev v0 m br0
	assert_success
	assert_equal "$("$REALIP" -j link show v0 | jq -r .[0].master)" br0
	# under vnetctl's name it is refused, naming both words, and nothing
	# changes
	"$REALIP" link set dev v0 nomaster
	run vn link set dev v0 m br0
	assert_error 2 'ambiguous keyword "m": mtu, master'
	assert_equal "$("$REALIP" -j link show v0 | jq -r .[0].master)" null
}

@test "a word where a name is expected is a name under both names" {
	run vip link add a type veth peer name b
	assert_success
	dev_exists a
	dev_exists b
}

@test "a value's words resolve in their list's order under ip's name, refused when ambiguous under vnetctl's" {
	# ip's tuntap reads tun before tap: mode t is tun
	run vip tuntap add t0 mode t
	assert_success
	assert_equal "$("$REALIP" -j -d link show t0 | jq -r .[0].linkinfo.info_data.type)" tun
	run vn tuntap add t1 mode t
	assert_error 2 'ambiguous mode "t"'
	refute dev_exists t1
}

# ---- global options ------------------------------------------------------------

@test "-json in every spelling ip takes: -j -js -json --json" {
	for o in -j -js -json --json; do
		run vip "$o" link show lo
		assert_success
		assert_equal "$(jq -r '.[0].ifname' <<<"$output")" lo
	done
}

@test "-details, -stats, -oneline, -brief, -pretty, -resolve in ip's spellings" {
	for o in -d -det -details; do
		run vip "$o" link show lo
		assert_output --partial "minmtu"
	done
	for o in -s -stats -statistics -sta; do
		run vip "$o" link show lo
		assert_output --partial "RX:"
	done
	run vip -s -s link show lo
	assert_output --partial "RX errors:"
	for o in -o -oneline; do
		run vip "$o" link show lo
		assert_equal "${#lines[@]}" 1
	done
	for o in -br -brief; do
		run vip "$o" link show lo
		assert_output --regexp '^lo +UNKNOWN'
	done
	for o in -p -pretty; do
		run vip -j "$o" link show lo
		assert [ "${#lines[@]}" -gt 3 ]
		assert_equal "$(jq -r '.[0].ifname' <<<"$output")" lo
	done
	for o in -r -resolve; do
		run vip "$o" link show lo
		assert_success
	done
}

@test "-h is -human under ip's name (help under vnetctl's), as ip: counters as ip prints them" {
	ping -q -c 20 -i 0.01 -s 2000 127.0.0.1 >/dev/null
	for o in -h -human -human-readable "-h -iec" "-h -s" -iec; do
		# shellcheck disable=SC2086
		run "$REALIP" $o -s link show lo
		local want=$output
		# shellcheck disable=SC2086
		run vip $o -s link show lo
		assert_success
		assert_equal "$output" "$want"
	done
	run vip -h -s link show lo
	assert_output --regexp ' [0-9.]+k '
	run vn -h
	assert_success
	assert_output --partial "Objects:"
	run vn -human -s link show lo
	assert_output --regexp ' [0-9.]+k '
}

@test "-N is -Numeric under ip's name (the dry run under vnetctl's), as ip prints numbers" {
	pair v0 v1
	run vip -N route show table all
	assert_success
	assert_output --partial "table 255 proto 2 scope 254"
	# ip ends its route lines in a blank, and so does vnetctl as ip
	run "$REALIP" -N route show table all
	assert_equal "$(vip -Numeric route show table all)" "$output"
	run "$REALIP" -N -j route show table all
	assert_equal "$(vip -N -j route show table all)" "$output"
	run vip -N link show v0
	assert_output --partial "group 0"
	assert_output --partial "link/[1]"
	# vnetctl's -N: the request printed, nothing made
	run vn -N link add name v9 type veth peer name v8
	assert_success
	assert_output --partial "RTM_NEWLINK"
	refute dev_exists v9
}

@test "-family and -4, -6, -0 as ip reads them" {
	pair v0 v1
	"$REALIP" addr add 10.9.0.1/24 dev v0
	"$REALIP" addr add fd00::1/64 dev v0 nodad
	run vip -f inet addr show dev v0
	assert_output --partial "inet 10.9.0.1/24"
	refute_output --partial "fd00::1"
	run vip -family inet6 addr show dev v0
	assert_output --partial "inet6 fd00::1/64"
	refute_output --partial "10.9.0.1"
	run vip -4 addr show dev v0
	refute_output --partial "fd00::1"
	run vip -6 addr show dev v0
	refute_output --partial "10.9.0.1"
	for o in "-0" "-f link" "-family link"; do
		# shellcheck disable=SC2086
		run vip $o addr show dev v0
		assert_success
		refute_output --partial "inet"
		assert_output --partial "link/ether"
	done
	run "$REALIP" -f foo addr
	assert_equal "$status" 255
	run vip -f foo addr
	assert_equal "$status" 255
	assert_output --partial 'invalid protocol family "foo"'
	run vn -f foo addr
	assert_error 2 'invalid protocol family "foo"'
	run vn -f inet6 addr show dev v0
	refute_output --partial "10.9.0.1"
}

@test "-netns, -color, -force, -loops, -rcvbuf, -Version, -all, -timestamp in ip's spellings" {
	vn netns add lab0
	"$REALIP" -n lab0 link add name w0 type veth peer name w1
	for o in -n -netns -net; do
		run vip "$o" lab0 link show w0
		assert_success
		assert_output --partial "w0@w1"
	done
	for o in -c -color -col -color=always -c=always; do
		run vip "$o" link show lo
		assert_output --partial $'\e['
	done
	run vip link show lo
	refute_output --partial $'\e['
	run vip -c=never link show lo
	refute_output --partial $'\e['
	run vip -c -j link show lo
	refute_output --partial $'\e['
	for o in "-l 3" "-loops 3" "-rc 65536" "-rcvbuf 65536" "-t" "-timestamp" "-ts" "-tshort" "-force"; do
		# shellcheck disable=SC2086
		run vip $o link show lo
		assert_success
		assert_output --partial "1: lo:"
	done
	run vip -l
	assert_equal "$status" 255
	run vip -rcvbuf x link show lo
	assert_equal "$status" 255
	# ip reads -all where it means something and ignores it elsewhere
	# (wg-quick's ip -all -brief address show)
	run "$REALIP" -all -brief address show
	assert_success
	run vip -all -brief address show
	assert_success
	assert_output "$(vn -brief address show)"
	run vn -all -brief address show
	assert_error 2 'applies to'
}

@test "-rcvbuf sets the sockets' receive buffer as ip sets it" {
	command -v strace >/dev/null || skip "strace is not installed"
	# LeakSanitizer cannot run under ptrace
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		run strace -f -e trace=setsockopt "$SHIM/ip" -rcvbuf 123456 link show lo
	assert_success
	assert_output --partial "SO_RCVBUF, [123456]"
}

@test "-help, help and no command print the usage on stderr and exit 255, as ip" {
	for w in -help help "link help" ""; do
		# shellcheck disable=SC2086
		run "$REALIP" $w
		assert_equal "$status" 255
		# shellcheck disable=SC2086
		run vip $w </dev/null
		assert_equal "$status" 255
		# shellcheck disable=SC2086
		run vip_stdout $w
		assert_output ""
		# shellcheck disable=SC2086
		assert [ -n "$(vip $w 2>&1 >/dev/null </dev/null)" ]
	done
	# no batch from a pipe, no shell
	run bash -c "echo 'link add name v9 type veth peer name v8' | PATH='$SHIM:$PATH' ip"
	assert_equal "$status" 255
	refute dev_exists v9
}

@test "-echo prints each change as the kernel echoes it, as ip -echo" {
	pair v0 v1
	"$REALIP" link set v0 up
	run "$REALIP" -echo addr add 10.9.0.1/24 dev v0
	local want=$output
	"$REALIP" addr del 10.9.0.1/24 dev v0
	run vip -echo addr add 10.9.0.1/24 dev v0
	assert_success
	assert_equal "$output" "$want"
	assert_output --partial "inet 10.9.0.1/24 scope global v0"
	run "$REALIP" -echo route add 10.8.0.0/24 dev v0
	want=$output
	"$REALIP" route del 10.8.0.0/24 dev v0
	run vip -echo route add 10.8.0.0/24 dev v0
	assert_equal "$(sed 's/ *$//' <<<"$output")" "$(sed 's/ *$//' <<<"$want")"
	# a refused change echoes nothing
	run vip -echo addr add 10.9.0.1/24 dev v0
	assert_failure 2
	assert_output "Error: ipv4: Address already assigned."
	run vn --echo addr del 10.9.0.1/24 dev v0
	assert_success
	assert_output --partial "Deleted"
}

# ---- -batch in ip's grammar ------------------------------------------------------------

# Run a batch file with iproute2's ip and with vnetctl as ip, each from the
# same clean state: status, output and the devices left must match.
same_batch_as_ip() { # OPTIONS... (the file is $BATS_TEST_TMPDIR/b)
	run "$REALIP" "$@" -batch "$BATS_TEST_TMPDIR/b"
	local want_status=$status want_output=$output want_devs
	want_devs=$(devices | jq -c '[.[] | del(.mtu)]')
	clean_netns
	run vip "$@" -batch "$BATS_TEST_TMPDIR/b"
	assert_equal "$output" "$want_output"
	assert_equal "$status" "$want_status"
	assert_equal "$(devices | jq -c '[.[] | del(.mtu)]')" "$want_devs"
}

@test "a batch in ip's grammar: comments anywhere, quoted words, continued lines" {
	cat >"$BATS_TEST_TMPDIR/b" <<'EOF'
# a comment
link add name v0 type veth peer name v1   # and another
link add name "v2" type \
    veth peer name 'v3'

link set dev v0 mtu 1400 # the end
EOF
	same_batch_as_ip
	assert_success
	assert_equal "$("$REALIP" -j link show v0 | jq .[0].mtu)" 1400
	dev_exists v3
}

@test "a failing batch line: its error, then Command failed FILE:LINE, exit 1; -force goes on" {
	cat >"$BATS_TEST_TMPDIR/b" <<'EOF'
link add name v0 type veth peer name v1
link add name v0 type veth peer name v2
link add name v4 type veth peer name v5
link set dev v4 mtu 10
link add name v6 type veth peer name v7
EOF
	same_batch_as_ip
	assert_output "RTNETLINK answers: File exists
Command failed $BATS_TEST_TMPDIR/b:2"
	assert_failure 1
	refute dev_exists v4
	clean_netns
	same_batch_as_ip -force
	assert_output "RTNETLINK answers: File exists
Command failed $BATS_TEST_TMPDIR/b:2
Error: mtu less than device minimum.
Command failed $BATS_TEST_TMPDIR/b:4"
	assert_failure 1
	dev_exists v6
}

@test "a wrong batch line ends ip's batch at once with 255, even with -force" {
	cat >"$BATS_TEST_TMPDIR/b" <<'EOF'
link add name v0 type veth peer name v1
link sat dev v0 up
link add name v2 type veth peer name v3
EOF
	same_batch_as_ip -force
	assert_output 'Command "sat" is unknown, try "ip link help".'
	assert_equal "$status" 255
	dev_exists v0
	refute dev_exists v2
}

@test "an unknown object in a batch fails its line, and -force goes on" {
	cat >"$BATS_TEST_TMPDIR/b" <<'EOF'
foo bar
link add name v0 type veth peer name v1
EOF
	same_batch_as_ip -force
	assert_output "Object \"foo\" is unknown, try \"ip help\".
Command failed $BATS_TEST_TMPDIR/b:1"
	assert_failure 1
	dev_exists v0
}

@test "an unterminated quote in a batch ends it, exit 1, as ip" {
	printf 'link add name v0 type veth peer name v1\nlink add name "v2 type veth\nlink add name v4 type veth peer name v5\n' >"$BATS_TEST_TMPDIR/b"
	same_batch_as_ip -force
	assert_output "Unterminated quoted string"
	assert_failure 1
	dev_exists v0
	refute dev_exists v4
}

@test "a batch from stdin is named - as ip names it; a missing file is ip's line" {
	run bash -c "printf 'link show dev nosuch\n' | PATH='$SHIM:$PATH' ip -batch -"
	assert_failure 1
	assert_output 'Device "nosuch" does not exist.
Command failed -:1'
	same_as_ip -batch "$BATS_TEST_TMPDIR/nonexistent"
	assert_output "Cannot open file \"$BATS_TEST_TMPDIR/nonexistent\" for reading: No such file or directory"
	assert_failure 1
}

@test "under vnetctl's name a batch keeps vnetctl's grammar and messages" {
	cat >"$BATS_TEST_TMPDIR/b" <<'EOF'
link add name v0 type veth peer name v1
link add name v0 type veth peer name v2
EOF
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 "$BATS_TEST_TMPDIR/b:2: link add v0: File exists"
	clean_netns
	# a backslash escapes, # starts a comment only at a word's start
	printf 'link add name v\\0 type veth peer name w#1\n' >"$BATS_TEST_TMPDIR/b"
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_success
	dev_exists v0
	dev_exists 'w#1'
}

# ---- bridge -------------------------------------------------------------------

@test "bridge's fdb, vlan and link are vnetctl bridge's fdb, vlan and port" {
	"$REALIP" link add name br0 type bridge
	pair v0 v1
	"$REALIP" link set v0 master br0
	run vbridge fdb show br0
	assert_success
	assert_output "$(vn bridge fdb show br0)"
	run vbridge vlan show
	assert_success
	assert_output "$(/usr/sbin/bridge vlan show)"
	run vbridge link show
	assert_success
	assert_output "$(/usr/sbin/bridge link show)"
	run vbridge l set dev v0 cost 7
	assert_success
	assert_equal "$("$REALIP" -j -d link show v0 | jq .[0].linkinfo.info_slave_data.cost)" 7
	run vn bridge link show
	assert_success
	assert_output "$(vn bridge port show)"
}

@test "bridge vn is vni; mon is monitor, which vnetctl has not; an unknown object is bridge's line, exit 255" {
	run vbridge vn
	assert_success
	assert_output "$(/usr/sbin/bridge vni)"
	run vbridge mon
	assert_failure 255
	assert_output --partial "bridge monitor: iproute2's bridge has it"
	run vbridge foo
	assert_failure 255
	assert_output 'Object "foo" is unknown, try "bridge help".'
	run /usr/sbin/bridge foo
	assert_failure 255
	assert_output 'Object "foo" is unknown, try "bridge help".'
	run vbridge -foo fdb
	assert_failure 255
	assert_output 'Option "-foo" is unknown, try "bridge help".'
}

@test "a vxlan without dstport: the kernel's port and ip's warning under ip's name, 4789 under vnetctl's" {
	require_kind vxlan
	pair l0 l1
	run "$REALIP" link add vx0 type vxlan id 42 dev l0
	local want=$output
	local port
	port=$("$REALIP" -j -d link show vx0 | jq .[0].linkinfo.info_data.port)
	"$REALIP" link del vx0
	run vip link add vx0 type vxlan id 42 dev l0
	assert_success
	assert_equal "$output" "$want"
	assert_equal "$("$REALIP" -j -d link show vx0 | jq .[0].linkinfo.info_data.port)" "$port"
	"$REALIP" link del vx0
	run vn link add vx0 type vxlan id 42 dev l0
	assert_success
	assert_output ""
	assert_equal "$("$REALIP" -j -d link show vx0 | jq .[0].linkinfo.info_data.port)" 4789
}
