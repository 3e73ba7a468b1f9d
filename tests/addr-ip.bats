#!/usr/bin/env bats
# ip address's grammar under ip's name: each command line is given to
# iproute2's ip (by its absolute path) and to vnetctl called ip, each on the
# same fresh state; what each prints, its exit status and the addresses it
# leaves, read through iproute2's `ip -j addr show`, must be the same.
load helpers

setup() {
	clean_netns
	shim_setup
}

# A show's output with the seconds left of each lifetime blanked: they
# tick between the two runs.
norm() { sed -E 's/[0-9]+sec/Nsec/g; s/_life_time":[0-9]{1,9}([,}])/_life_time":N\1/g' <<<"$1"; }

# ARGS given to ip and to vnetctl as ip on the same state: the same status
# and output, lifetimes aside.
same_show_as_ip() {
	run "$REALIP" "$@"
	local want_status=$status want_output
	want_output=$(norm "$output")
	run vip "$@"
	assert_equal "$status" "$want_status"
	assert_equal "$(norm "$output")" "$want_output"
}

# lo as a namespace starts, for the files that run after this one
teardown() {
	"$REALIP" link set lo up
	"$REALIP" addr replace 127.0.0.1/8 dev lo scope host
	"$REALIP" addr replace ::1/128 dev lo
}

# The same state each time: v0/v1 a veth pair with fixed addresses (so that
# the link-local addresses agree), v0 with primary, secondary, labelled and
# timed addresses of both families, v1 a point-to-point one, bridge br0.
fixture() {
	clean_netns
	"$REALIP" link set lo up
	"$REALIP" link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
	# no duplicate address detection: the link-local addresses stay as they are
	echo 0 >/proc/sys/net/ipv6/conf/v0/accept_dad
	echo 0 >/proc/sys/net/ipv6/conf/v1/accept_dad
	"$REALIP" link set v0 up
	"$REALIP" link set v1 up
	"$REALIP" addr add 10.1.0.1/24 brd + dev v0 label v0:a
	"$REALIP" addr add 10.1.0.2/24 dev v0
	"$REALIP" addr add 10.2.0.1/16 dev v0 valid_lft 100 preferred_lft 50
	"$REALIP" addr add 2001:db8::1/64 dev v0 nodad
	"$REALIP" addr add 2001:db8:1::1/64 dev v0 valid_lft 300 preferred_lft 200 nodad noprefixroute
	"$REALIP" addr add 2001:db8:2::1/64 dev v0 mngtmpaddr nodad
	"$REALIP" addr add 10.9.0.1 peer 10.9.0.2/32 dev v1
	"$REALIP" link add br0 address 02:00:00:00:00:0b type bridge
}

# Every address, its flags, and whether it has a lifetime (the seconds tick).
kstate() {
	"$REALIP" -j addr show | jq -c '[.[] | {ifname, a: [.addr_info[] |
		.valid_life_time |= (. == 4294967295) | .preferred_life_time |= (. == 4294967295)]}]'
}

# ARGS given to ip and to vnetctl as ip, each on a fresh fixture: the same
# status, output and addresses after.  Sets $before, $after for more checks.
same_change_as_ip() {
	fixture
	before=$(kstate)
	run "$REALIP" "$@"
	local want_status=$status want_output=$output
	after=$(kstate)
	fixture
	run vip "$@"
	assert_equal "$status" "$want_status"
	assert_equal "$output" "$want_output"
	assert_equal "$(kstate)" "$after"
}

# As same_change_as_ip, and the command changed something (a test that
# would pass if the words did nothing fails here).
changes_as_ip() {
	same_change_as_ip "$@"
	assert_equal "$status" 0
	[ "$after" != "$before" ] || fail "ip $* changed nothing"
}

# As same_change_as_ip, for a line both refuse: nothing changed.
refused_as_ip() {
	same_change_as_ip "$@"
	[ "$status" -ne 0 ] || fail "ip $* was taken"
	assert_equal "$after" "$before"
}

@test "a dotted netmask, as ifupdown and dhclient-script write it" {
	changes_as_ip addr add 10.5.0.1/255.255.255.0 broadcast 10.5.0.255 dev v0 label v0
	assert_equal "$("$REALIP" -j addr show dev v0 | jq -r '.[0].addr_info[] | select(.local == "10.5.0.1") | .prefixlen')" 24
	changes_as_ip -4 addr add 10.5.0.1/255.255.255.0 brd + dev v0
	changes_as_ip addr del 10.1.0.2/255.255.255.0 dev v0
}

@test "a netmask that is not ones then zeros, or a length too long, is refused as ip" {
	fixture
	before=$(kstate)
	run vip addr add 10.5.0.1/255.0.255.0 dev v0
	assert_failure
	assert_output --partial '10.5.0.1/255.0.255.0'
	assert_equal "$(kstate)" "$before"
	run vip addr add 10.5.0.1/33 dev v0
	assert_failure
	assert_equal "$(kstate)" "$before"
	# under vnetctl's name too: exit 2, one line
	run vn addr add 10.5.0.1/255.255.0.255 dev v0
	assert_error 2 'invalid prefix "10.5.0.1/255.255.0.255"'
	run vn addr add 10.5.0.1/255.255.0.0 dev v0
	assert_success
	assert_equal "$("$REALIP" -j addr show dev v0 | jq -r '.[0].addr_info[] | select(.local == "10.5.0.1") | .prefixlen')" 16
}

@test "brd + and brd - set and clear the prefix's host bits, as ip" {
	changes_as_ip addr add 10.5.0.1/24 brd + dev v0
	assert_equal "$("$REALIP" -j addr show dev v0 | jq -r '.[0].addr_info[] | select(.local == "10.5.0.1") | .broadcast')" 10.5.0.255
	changes_as_ip addr add 10.5.0.1/24 brd - dev v0
	assert_equal "$("$REALIP" -j addr show dev v0 | jq -r '.[0].addr_info[] | select(.local == "10.5.0.1") | .broadcast')" 10.5.0.0
	changes_as_ip addr add 10.5.0.1/24 dev v0 br 10.5.0.7
	refused_as_ip addr add 2001:db8:7::1/64 dev v0 brd +
	assert_output "Broadcast can be set only for IPv4 addresses"
}

@test "scope link, host, global and a number on add, change and replace" {
	changes_as_ip addr add 10.5.0.1/24 scope link dev v0
	changes_as_ip addr add 10.5.0.1/24 scope host dev v0
	changes_as_ip addr add 10.5.0.1/24 scope global dev v0
	changes_as_ip addr add 10.5.0.1/24 scope 200 dev v0
	assert_equal "$("$REALIP" -j addr show dev v0 | jq -r '.[0].addr_info[] | select(.local == "10.5.0.1") | .scope')" site
	changes_as_ip addr replace 10.2.0.1/16 dev v0 scope link
	# ip's own wording for a bad value is not ours: the status and the state
	fixture
	before=$(kstate)
	run vip addr add 10.5.0.1/24 dev v0 scope bogus
	assert_equal "$status" 255
	assert_output --partial '"bogus"'
	assert_equal "$(kstate)" "$before"
}

@test "anycast, mngtmpaddr, optimistic, home, nodad, autojoin, metric as ip" {
	changes_as_ip addr add 2001:db8:5::1/64 anycast 2001:db8:5:: dev v0
	changes_as_ip addr add 2001:db8:5::1/64 dev v0 mngtmpaddr
	assert_equal "$("$REALIP" -j addr show dev v0 | jq -r '.[0].addr_info[] | select(.local == "2001:db8:5::1") | .mngtmpaddr')" true
	changes_as_ip addr add 2001:db8:5::1/64 dev v0 optimistic
	changes_as_ip addr add 2001:db8:5::1/64 dev v0 home nodad
	changes_as_ip addr add 224.1.1.1/32 dev v0 autojoin
	assert_equal "$("$REALIP" -j addr show dev v0 | jq -r '.[0].addr_info[] | select(.local == "224.1.1.1") | .autojoin')" true
	refused_as_ip addr add 10.5.0.1/24 dev v0 autojoin
	assert_output "autojoin needs multicast address"
	changes_as_ip addr add 10.5.0.1/24 dev v0 metric 7
	changes_as_ip addr add 10.5.0.1/24 dev v0 met 7
	changes_as_ip addr add 10.5.0.1/24 dev v0 prio 7
}

@test "label, lifetimes, remote, and their refusals as ip" {
	changes_as_ip addr add local 10.5.0.1/24 dev v0 label v0:1
	changes_as_ip addr add dev v0 10.5.0.1/24
	changes_as_ip addr add 10.7.0.1/24 dev v0 valid_lft 100 preferred_lft 100
	refused_as_ip addr add 10.7.0.1/24 dev v0 valid_lft 100 preferred_lft forever
	changes_as_ip addr change 10.2.0.1/16 dev v0 valid_lft forever preferred_lft forever
	changes_as_ip addr add 10.0.0.9/24 dev v0 remote 10.0.0.10
	refused_as_ip addr add 10.3.0.1/24 dev v0 valid_lft 10 preferred_lft 20
	assert_output "preferred_lft is greater than valid_lft"
	refused_as_ip addr add 10.3.0.1/24 dev v0 valid_lft 0
	assert_output "valid_lft is zero"
	refused_as_ip addr add 10.3.0.1/24 dev v0 label v0:with-long-label
	refused_as_ip addr add 10.1.0.1/24 dev v0
	refused_as_ip addr add 10.1.0.1/24 dev v9
	refused_as_ip addr del 2001:db8::1 dev v0
}

@test "-4 and -6 before address add, as wg-quick writes them" {
	changes_as_ip -4 address add 10.6.0.1/32 dev v0
	changes_as_ip -6 address add 2001:db8:6::1/128 dev v0
	changes_as_ip a a 10.8.0.1/24 dev v0
}

@test "flush with each flag and selector removes what ip removes" {
	local sel
	for sel in "dev v0 mngtmpaddr" "dev v0 -tentative" "dev v0 noprefixroute" "dev v0 nodad" \
		"dev v0 secondary" "dev v0 primary" "dev v0 -dynamic" "dev v0 dynamic" \
		"dev v0 permanent" "dev v0 -nodad" "label v0:a" "to 10.0.0.0/8" "dev v0 up" \
		"dev v0 scope global" "dev v0 -primary"; do
		# shellcheck disable=SC2086
		changes_as_ip addr flush $sel
	done
	changes_as_ip -6 addr flush dev v0
	changes_as_ip -4 addr flush dev v0
	same_change_as_ip addr flush dev v0 dadfailed
	same_change_as_ip addr flush dev v0 temporary
	refused_as_ip addr flush
	assert_output "Flush requires arguments."
}

@test "show with each flag and selector lists what ip lists" {
	local sel
	fixture
	for sel in "tent" "-primary" "-dynamic" "optimistic" "nomaster" "-home" "master br0" \
		"type bridge" "type veth" "dev v0 -deprecated" "deprecated" "dadfailed" "temporary" \
		"permanent" "dynamic" "noprefixroute" "-tentative" "up" "label v0*" "mngtmpaddr" \
		"autojoin" "dev v0 scope link" "to 10.1.0.0/16" "secondary" "primary"; do
		# shellcheck disable=SC2086
		same_show_as_ip addr show $sel
	done
	run vip addr show master v9
	assert_equal "$status" 255
	assert_output --partial 'Error: argument "v9" is wrong: Device does not exist'
	run vip addr show vrf v0
	assert_equal "$status" 255
	assert_output --partial 'Error: argument "v0" is wrong: Not a valid VRF name'
}

@test "under vnetctl's name the new words work too" {
	fixture
	run vn addr add 10.5.0.1/24 brd + scope link dev v0 label v0:b
	assert_success
	run "$REALIP" -j addr show dev v0
	assert_equal "$(jq -r '.[0].addr_info[] | select(.local == "10.5.0.1") | "\(.broadcast) \(.scope) \(.label)"' <<<"$output")" "10.5.0.255 link v0:b"
	run vn addr flush dev v0 -primary
	assert_success
	assert_equal "$("$REALIP" -j addr show dev v0 secondary | jq '[.[].addr_info[]] | length')" 0
	assert_equal "$("$REALIP" -j addr show dev v0 primary | jq -r '[.[].addr_info[].local] | sort | join(" ")')" \
		"10.1.0.1 10.2.0.1 10.5.0.1 2001:db8:1::1 2001:db8:2::1 2001:db8::1 fe80::ff:fe00:1"
	run vn addr add 10.5.0.9/24 dev v0 valid_lft 0
	assert_error 2 'valid_lft 0'
	run vn addr add 2001:db8:7::1/64 dev v0 anycast 10.0.0.1
	assert_error 2 'anycast 10.0.0.1 is inet but the address is inet6'
}

# ---- show's output -------------------------------------------------------------

@test "show prints what ip prints: text, -4, -6, to, -s, -br, -o, -j, -0" {
	local opts
	fixture
	"$REALIP" link property add dev v0 altname vzero
	"$REALIP" link set v0 alias hello
	"$REALIP" link set v1 master br0
	for opts in "addr show" "-4 addr show" "-6 addr show" "addr show dev v0" "-6 addr show dev v0" \
		"-s addr show dev br0" "-s -4 addr show dev lo" "-br addr" "-br -6 addr" "-br -4 addr" \
		"-o addr" "-o -6 addr" "-j addr show" "-j -6 addr show" "-j -4 addr show" \
		"-j -s -4 addr show dev br0" "addr show to 10.1.0.0/16" "addr show to 2001:db8::/32" \
		"-j addr show to 2001:db8::/32" "-j addr show dev v0 secondary" "-0 addr show" "-j -0 addr" "-0 -o addr" "-j -0 -br addr" "-6 addr show up" \
		"-6 addr show master br0" "-j -br addr" "addr show label v0:a"; do
		# shellcheck disable=SC2086
		same_show_as_ip $opts
	done
}

@test "-6 addr show reads the IPv6 layer's links, as ip: ports and kinds are not in them" {
	fixture
	"$REALIP" link set v1 master br0
	run vip -6 addr show
	assert_success
	assert_line --regexp '^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN qlen 1000$'
	refute_output --partial 'link/ether'
	refute_output --partial 'qdisc'
	run vip -6 addr show master br0
	assert_success
	assert_output ""
	# under vnetctl's name, every device as link show has it
	run vn -6 addr show master br0
	assert_success
	assert_line --regexp '^[0-9]+: v1@v0: .* master br0 state UP group default qlen 1000$'
}

@test "-s addr show ends each device with its counters, as ip" {
	fixture
	run vip -s addr show dev v0
	assert_success
	assert_line --index 0 --regexp '^[0-9]+: v0@v1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000$'
	refute_output --partial 'mode DEFAULT'
	assert_line --index -4 '    RX:  bytes packets errors dropped  missed   mcast           '
	assert_line --index -2 '    TX:  bytes packets errors dropped carrier collsns           '
	run vip -j -s addr show dev v0
	assert_equal "$(jq -c '.[0] | keys_unsorted | .[-2:]' <<<"$output")" '["addr_info","stats64"]'
	assert_equal "$(jq '.[0] | has("linkmode")' <<<"$output")" false
}

# ---- save, showdump, restore ------------------------------------------------------

@test "save writes ip's dump: ip's showdump reads it, and vnetctl's reads ip's" {
	fixture
	run bash -c "PATH='$SHIM:\$PATH' ip addr save dev v0 >'$BATS_TEST_TMPDIR/v.dump'"
	assert_success
	"$REALIP" addr save dev v0 >"$BATS_TEST_TMPDIR/i.dump"
	run "$REALIP" addr showdump <"$BATS_TEST_TMPDIR/v.dump"
	local want
	want=$(norm "$output")
	assert_line --partial 'inet 10.1.0.1/24 brd 10.1.0.255 scope global v0:a'
	run vip addr showdump <"$BATS_TEST_TMPDIR/i.dump"
	assert_success
	assert_equal "$(norm "$output")" "$want"
	# under vnetctl's name the selectors pick what is saved
	run bash -c "'$VNETCTL' -4 addr save dev v0 secondary | '$REALIP' addr showdump"
	assert_success
	assert_equal "$(grep -c inet <<<"$output")" 1
	assert_line --partial 'inet 10.1.0.2/24 scope global secondary v0'
	# under ip's name, as ip 6.1: the device and the family alone
	run bash -c "'$REALIP' -4 addr save dev v0 secondary | '$REALIP' addr showdump"
	want=$(norm "$output")
	run bash -c "PATH='$SHIM:\$PATH' ip -4 addr save dev v0 secondary | '$REALIP' addr showdump"
	assert_equal "$(norm "$output")" "$want"
	assert_equal "$(grep -c inet <<<"$output")" 3
}

@test "restore adds a dump's addresses back, as ip's restore" {
	fixture
	"$REALIP" addr save dev v0 >"$BATS_TEST_TMPDIR/i.dump"
	local want
	want=$(kstate)
	"$REALIP" addr flush dev v0
	[ "$(kstate)" != "$want" ] || fail "the flush removed nothing"
	run vip addr restore <"$BATS_TEST_TMPDIR/i.dump"
	assert_success
	assert_output ""
	# the link-local address comes back tentative, the rest as it was (the
	# kernel lists the IPv6 ones in the order they came)
	local q='map(.a |= (map(select(.scope != "link")) | sort_by(.local)))'
	assert_equal "$(kstate | jq -c "$q")" "$(jq -c "$q" <<<"$want")"
	# again: each address is refused, said as ip says it, and the next tried
	run vip addr restore <"$BATS_TEST_TMPDIR/i.dump"
	assert_failure
	assert_line --index 0 "Error: ipv4: Address already assigned."
	assert_equal "$(grep -c 'already assigned' <<<"$output")" 7
}

@test "a dump that is none, or damaged, is refused and nothing is added" {
	fixture
	local before
	before=$(kstate)
	run bash -c "echo garbage | PATH='$SHIM:\$PATH' ip addr restore"
	assert_failure 1
	assert_output "Magic mismatch (1 elems, 62726167 magic)"
	run bash -c "echo garbage | '$VNETCTL' addr restore"
	assert_error 1 'stdin is no address dump'
	"$REALIP" addr save dev v0 | head -c 100 >"$BATS_TEST_TMPDIR/cut.dump"
	run vn addr showdump <"$BATS_TEST_TMPDIR/cut.dump"
	assert_failure 1
	assert_output --partial 'the dump is damaged at byte'
	assert_equal "$(kstate)" "$before"
}

# ---- flush -s, -s -s; del's wildcard warning (issue 20) --------------------------

@test "flush -s counts the rounds, -s -s lists each address first, as ip" {
	local a want_status want_output after
	for a in "-s addr flush dev v0" "-s -s addr flush dev v0" "-s addr flush dev br0" \
		"-s -s addr flush dev v0 secondary" "-s -s -6 addr flush dev v0"; do
		fixture
		# shellcheck disable=SC2086
		run "$REALIP" $a
		want_status=$status
		# the device's index differs between the fixtures
		want_output=$(norm "$(sed -E 's/^[0-9]+: /N: /' <<<"$output")")
		after=$(kstate)
		fixture
		# shellcheck disable=SC2086
		run vip $a
		assert_equal "$status" "$want_status"
		assert_equal "$(norm "$(sed -E 's/^[0-9]+: /N: /' <<<"$output")")" "$want_output"
		assert_equal "$(kstate)" "$after"
	done
	assert_output --partial '*** Round 1, deleting'
}

@test "del of an IPv4 address without its length: ip's warning under ip's name only" {
	changes_as_ip addr del 10.1.0.2 dev v0
	assert_line --index 0 'Warning: Executing wildcard deletion to stay compatible with old scripts.'
	changes_as_ip addr del 10.1.0.2/24 dev v0
	assert_output ''
	same_change_as_ip addr del 10.1.0.7 dev nosuchdev
	# under vnetctl's name the same delete, silent
	fixture
	run vn addr del 10.1.0.2 dev v0
	assert_success
	assert_output ''
	assert_equal "$("$REALIP" -j addr show dev v0 | jq -c '[.[0].addr_info[] | select(.local == "10.1.0.2")]')" '[]'
}

@test "show -d prints the link's details but not its addrgenmode, as ip address" {
	fixture
	same_show_as_ip -d addr show dev v0
	same_show_as_ip -d -j addr show dev v0
	same_show_as_ip -d addr show
	run vn -d addr show dev v0
	assert_success
	refute_output --partial addrgenmode
	# link show -d keeps it, as ip link does
	run vn -d link show dev v0
	assert_output --partial 'addrgenmode eui64'
}

@test "del with no address: ip sends it as it is, the kernel deletes the first or refuses" {
	# -4: the kernel deletes the device's first IPv4 address (and its secondary)
	changes_as_ip -4 addr del dev v0
	assert_output ''
	assert_equal "$("$REALIP" -j -4 addr show dev v0 | jq -c '[.[0].addr_info[].local]')" '["10.2.0.1"]'
	# no family: the kernel has no handler for it
	refused_as_ip addr del dev v0
	assert_equal "$status" 2
	assert_output 'RTNETLINK answers: Operation not supported'
	refused_as_ip addr add dev v0
	assert_output 'RTNETLINK answers: Operation not supported'
	# under vnetctl's name the address is required
	fixture
	run vn addr del dev v0
	assert_failure 2
	assert_output 'vnetctl: addr del: missing local'
	assert_equal "$(kstate)" "$before"
}
