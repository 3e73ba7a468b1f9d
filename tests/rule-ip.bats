#!/usr/bin/env bats
# vnetctl rule under ip's name: ip-rule(8)'s selectors, actions, show
# selectors and flush, each compared with iproute2's own ip (status and
# output on the same rules), the kernel's rules read through ip -d -j.

load helpers
bats_require_minimum_version 1.5.0

default_rules() {
	# a test deletes the local table's rule: it comes back
	[ "$("$REALIP" -j rule show | jq '[.[] | select(.priority == 0)] | length')" = 1 ] ||
		"$REALIP" rule add priority 0 lookup local
	"$REALIP" rule flush
	"$REALIP" -6 rule flush
	"$REALIP" rule add priority 32766 lookup main
	"$REALIP" rule add priority 32767 lookup default
	"$REALIP" -6 rule add priority 32766 lookup main
}
setup() {
	clean_netns
	default_rules
	ip link add dev va type veth peer name vb
	shim_setup
}
teardown() {
	clean_netns
	default_rules
}

# Both families' rules, every attribute, as ip reads them.
krules() { echo "$("$REALIP" -d -j rule show)$("$REALIP" -d -j -6 rule show)"; }

# The rules ip leaves after this command line and those vnetctl as ip
# leaves, from the same start ($START, a function): the same, with the same
# status and output.
START=default_rules
same_change() {
	$START
	run "$REALIP" "$@"
	local want_status=$status want_output=$output want
	want=$(krules)
	$START
	run vip "$@"
	assert_equal "$status" "$want_status"
	assert_equal "$output" "$want_output"
	assert_equal "$(krules)" "$want"
}

several() {
	default_rules
	ip rule add from 10.1.0.0/16 tos 0x10 table 100 pref 100
	ip rule add to 10.2.0.1 dsfield 8 table 101 pref 101
	ip rule add fwmark 0x10/0xff table 102 pref 102 protocol static
	ip rule add from all unreachable pref 103
	ip rule add prohibit pref 104
	ip rule add blackhole pref 105
	ip rule add nop pref 106
	ip rule add goto 200 pref 107
	ip rule add realms 1/2 table 103 pref 108
	ip rule add ipproto tcp sport 1000-2000 dport 80 table 104 pref 109
	ip rule add uidrange 1000-2000 table 105 pref 110
	ip rule add l3mdev pref 111
	ip rule add protocol static table 106 pref 112
	ip rule add table 107 suppress_prefixlength 0 suppress_ifgroup 5 pref 113
	ip rule add not from 10.0.0.0/8 iif va oif vb table 108 pref 114
	ip rule add ipproto udp dport 53 table 109 pref 115
	ip rule add fwmark 7 table 109 pref 117
	ip rule add from 10.9.0.1 type unreachable pref 118
	ip rule add to 10.0.0.0/8 realms 5 table 5 pref 121
	ip rule add table 5 suppress_ifgroup default pref 122
	ip -6 rule add from 2001:db8::/32 ipproto ipv6-icmp table 5 pref 5
}

@test "add takes ip-rule(8)'s selectors and actions, and makes ip's rule" {
	same_change rule add from 10.1.0.0/16 tos 0x10 table 100 pref 100
	assert_equal "$("$REALIP" -j rule show pref 100 | jq -r '.[0].tos')" 0x10
	same_change rule add to 10.2.0.1 dsfield 8 table 101
	same_change rule add fwmark 0x10/0xff table 102 pref 102 protocol static
	same_change rule add from all unreachable pref 103
	assert_equal "$("$REALIP" -j rule show pref 103 | jq -r '.[0].action')" unreachable
	same_change rule add prohibit
	same_change rule add blackhole pref 105
	same_change rule add nop pref 106
	same_change rule add type prohibit pref 106
	same_change rule add goto 200 pref 107
	same_change rule add realms 1/2 table 103 pref 108
	assert_equal "$("$REALIP" -j rule show pref 108 | jq -c '.[0] | [.flow_from, .flow_to]')" '["1","2"]'
	same_change rule add ipproto tcp sport 1000-2000 dport 80 table 104 pref 109
	assert_equal "$("$REALIP" -j rule show pref 109 | jq -c '.[0] | [.ipproto, .sport_start, .sport_end, .dport]')" '["tcp",1000,2000,80]'
	same_change rule add ipproto 132 sport 22 table 5
	same_change rule add uidrange 1000-2000 table 105
	same_change rule add l3mdev pref 111
	same_change rule add protocol static table 106
	same_change rule add table 107 suppress_prefixlength 0 suppress_ifgroup 5
	same_change rule add table 5 suppress_ifgroup default
	same_change rule add not from 10.0.0.0/8 iif va oif vb table 108 pref 114
	same_change rule add from 10.9.0.1 type unreachable pref 118
	same_change rule add to 10.0.0.0/8 realms 5 table 5
	same_change rule add from 10.0.0.0/8 lookup main realms cosmos/5
	same_change rule add dev va table 5
	same_change rule add tun_id 7 table 5 pref 9
	assert_equal "$("$REALIP" -j rule show pref 9 | jq -r '.[0].tun_id')" 7
	same_change -6 rule add from 2001:db8::/32 ipproto ipv6-icmp table 5 pref 5
}

@test "del removes the rule ip's del removes" {
	START=several
	same_change rule del pref 0
	same_change rule del blackhole
	same_change rule del ipproto tcp sport 1000-2000 dport 80
	same_change rule del uidrange 1000-2000
	same_change rule del realms 1/2
	same_change rule del table 107 suppress_ifgroup 5
	same_change rule del tos 0x10
}

@test "show prints every rule as ip: text, -j, -d, -6" {
	several
	same_as_ip rule show
	assert_output --partial '109:	from all ipproto tcp sport 1000-2000 dport 80 lookup 104'
	assert_output --partial '113:	from all lookup 107 suppress_prefixlength 0 suppress_ifgroup 5'
	same_as_ip -j rule show
	same_as_ip -d rule show
	same_as_ip -6 rule show
	same_as_ip -j -6 -d rule list
}

@test "show selects as ip's: pref, from, to, iif, oif, fwmark, table, not, tos, ..." {
	several
	local s
	for s in "pref 100" "pr 104" "priority 104" "preference 105" "from 10.1.0.0/16" \
		"from 10.1.0.0/8" "from all" "to 10.2.0.1" "to all" "iif va" "dev va" "oif vb" \
		"fwmark 0x10/0xff" "fwmark 0x10" "fwmark 7" "table 100" "lookup 104" "table main" \
		"protocol static" "not" "tos 0x10" "dsfield 0x10" "l3mdev" "uidrange 1000-2000" \
		"ipproto tcp" "sport 1000-2000" "dport 80" "dport 53" "table 999"; do
		# shellcheck disable=SC2086
		same_as_ip rule show $s
	done
	same_as_ip -j rule show fwmark 0x10
	same_as_ip -6 rule show from 2001:db8::/16
}

@test "flush removes every rule but priority 0's, or those selected, as ip" {
	START=several
	same_change rule flush
	assert_equal "$("$REALIP" -j rule show | jq -c '[.[].priority]')" '[0]'
	# the IPv6 rules stay
	assert_equal "$("$REALIP" -j -6 rule show | jq -c '[.[].priority]')" '[0,5,32766]'
	same_change -6 rule flush
	same_change rule flush protocol static
	assert_equal "$("$REALIP" -j rule show | jq -c '[.[] | select(.protocol == "static")]')" '[]'
	same_change rule flush table 100
	same_change rule flush pref 32766
	same_change rule flush from 10.0.0.0/8
	same_change rule flush fwmark 0x10
	same_change rule flush iif va
}

@test "refusals read as ip's and change nothing" {
	several
	local before
	before=$(krules)
	same_as_ip rule add uidrange 5 table 5
	assert_equal "$status" 255
	run vip rule add sport 5-2 table 5
	assert_equal "$status" 255
	run vip rule add ipproto bogus table 5
	assert_equal "$status" 255
	same_as_ip rule add from 10.1.0.0/16 tos 0x10 table 100 pref 100
	assert_output 'RTNETLINK answers: File exists'
	same_as_ip rule del pref 4242
	assert_equal "$status" 2
	assert_equal "$(krules)" "$before"
	# under vnetctl's name one number is a range of one
	run vn rule add uidrange 5 table 5 pref 7
	assert_success
	assert_equal "$("$REALIP" -j rule show pref 7 | jq -c '.[0] | [.uid_start, .uid_end]')" '[5,5]'
}

# ---- ip's other spellings: order, nat (issue 20) --------------------------------

@test "add order N is priority N, under both names; show selects by it" {
	same_change rule add order 100 table 100
	same_change rule add from 10.3.0.0/16 priority 101 table 101
	default_rules
	run vn rule add order 100 table 100
	assert_success
	assert_equal "$("$REALIP" -j rule show pref 100 | jq -c '.[0] | [.priority, .table]')" '[100,"100"]'
	run vn rule show order 100
	assert_success
	assert_output '100:	from all lookup 100'
	run vn rule del order 100
	assert_success
	assert_equal "$("$REALIP" -j rule show pref 100)" '[]'
}

@test "add nat ADDR makes ip's deprecated nat rule: masquerade, ip's warning only under ip" {
	same_change rule add from 193.233.7.83 nat 192.203.80.144 table 1 prio 320
	same_change rule add from 10.4.0.1 map-to 10.5.0.1 prio 321
	default_rules
	run vn rule add from 193.233.7.83 nat 192.203.80.144 table 1 prio 320
	assert_success
	assert_output ''
	assert_equal "$("$REALIP" -j rule show pref 320 | jq -c '.[0] | [.src, .table, has("masquerade")]')" \
		'["193.233.7.83","1",true]'
	run vn rule show pref 320
	assert_output '320:	from 193.233.7.83 lookup 1 masquerade'
}

@test "bad order and nat are refused in one line and change nothing" {
	local before
	before=$(krules)
	run vn rule add order x table 100
	assert_error 2 'invalid order "x"|invalid priority "x"'
	run vn rule add nat 2001:db8::1 table 5
	assert_error 2 'nat 2001:db8::1 is not an IPv4 address'
	run vn rule add nat 10.0.0.1 goto 5
	assert_error 2 'cannot be used together'
	run vn rule add nat bogus
	assert_error 2 'bogus'
	run vn rule add order 5 priority 6 table 5
	assert_error 2 'given twice'
	assert_equal "$(krules)" "$before"
}

# ---- save: ip's binary stream ----------------------------------------------------

# A saved stream in hex, a message a line, each one's seq and port id zeroed.
unseq() {
	python3 -c '
import struct, sys
d = sys.stdin.buffer.read()
print(d[:4].hex())
o = 4
while o + 16 <= len(d):
    n = struct.unpack_from("<I", d, o)[0]
    m = bytearray(d[o:o + n])
    m[8:16] = bytes(8)
    print(m.hex())
    o += (n + 3) & ~3
'
}

@test "rule save writes ip's stream: ip rule restore makes the same rules again" {
	several
	local want
	want=$(krules)
	vn rule save >"$BATS_TEST_TMPDIR/saved"
	assert_equal "$(head -c 4 "$BATS_TEST_TMPDIR/saved" | od -An -tx4 | tr -d ' ')" 71706986
	"$REALIP" rule flush
	"$REALIP" rule restore <"$BATS_TEST_TMPDIR/saved"
	# flush keeps priority 0's rule, which restore adds again
	"$REALIP" rule del priority 0
	assert_equal "$(krules)" "$want"
	# under ip's name, the same messages ip writes (but seq and pid)
	"$REALIP" rule save >"$BATS_TEST_TMPDIR/ip"
	vip rule save >"$BATS_TEST_TMPDIR/vip"
	assert_equal "$(unseq <"$BATS_TEST_TMPDIR/vip")" "$(unseq <"$BATS_TEST_TMPDIR/ip")"
	# ip saves every rule: no words (vnetctl's name selects, as show)
	same_as_ip rule save pref 100
	assert_equal "$status" 1
	vn rule save pref 100 >"$BATS_TEST_TMPDIR/one"
	"$REALIP" rule flush
	"$REALIP" rule restore <"$BATS_TEST_TMPDIR/one"
	assert_equal "$("$REALIP" -j rule show | jq -c '[.[] | .priority]')" '[0,100]'
}

@test "bad rule save words are refused in one line, nothing written" {
	run --separate-stderr vn rule save order x
	assert_equal "$status" 2
	assert_equal "$output" ""
	assert_equal "$(grep -c . <<<"$stderr")" 1
	run script -qec "$VNETCTL rule save" /dev/null
	assert_equal "$status" 2
	assert_output --partial 'vnetctl: rule save: not writing a binary dump to a terminal'
}

@test "an IPv6 prefix without -6 goes as IPv4's, and the kernel refuses it, as ip" {
	same_change rule add from 2001:db8::/32 table 100
	assert_equal "$status" 2
	assert_output 'Error: Invalid source address.'
	same_change rule add to 2001:db8::/32 table 100
	assert_equal "$status" 2
	same_change -6 rule add from 2001:db8::/32 table 100
	assert_success
	assert_equal "$("$REALIP" -j -6 rule show | jq -c '[.[] | select(.table == "100") | .src]')" '["2001:db8::"]'
	# under vnetctl's name the prefix says the family
	default_rules
	run vn rule add from 2001:db8::/32 table 100
	assert_success
	assert_equal "$("$REALIP" -j -6 rule show | jq -c '[.[] | select(.table == "100") | .src]')" '["2001:db8::"]'
}
