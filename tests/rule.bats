#!/usr/bin/env bats
# vnetctl rule: add, del and show of IPv4 and IPv6 policy routing rules.
# The kernel's view is checked through iproute2 (`ip -j rule show`), and
# show's output against ip's for the same rules.
load helpers

# Rules outlive devices: each test starts from a namespace's own rules, and
# leaves them so for the files after it (flush keeps the local rule, of
# priority 0; the tests give their rules priorities from 1).
default_rules() {
	ip rule flush
	ip -6 rule flush
	ip rule add priority 32766 lookup main
	ip rule add priority 32767 lookup default
	ip -6 rule add priority 32766 lookup main
}
setup() {
	clean_netns
	default_rules
	ip link add dev va type veth peer name vb
}
teardown() {
	clean_netns
	default_rules
}

# The kernel's IPv4 (or $2: -6) rule of priority $1 as JSON, or nothing.
krule() { ip -j ${2:-} rule show | jq -c --argjson p "$1" '.[] | select(.priority == $p)'; }
kfield() { krule "$1" | jq -r ".$2"; }
# Every rule of both families: proof that nothing changed.
kall() { echo "$(ip -j rule show)$(ip -j -6 rule show)"; }
# Rules of every shape, made by ip.
several() {
	ip rule add from 10.1.0.0/16 table 100 priority 49
	ip rule add to 10.2.0.0/16 lookup 101 priority 50
	ip rule add iif va oif vb table 102 priority 51
	ip rule add fwmark 0x10/0xff table 103 priority 52
	ip rule add fwmark 7 table 104 priority 53
	ip rule add not from 10.3.0.0/16 table 105 priority 54
	ip rule add goto 32766 priority 60
	ip rule add table main suppress_prefixlength 0 priority 70
	ip rule add from 10.4.0.1 table 300 priority 71
	ip rule add table 106 iif nosuchdev priority 72
	ip rule add goto 99 priority 80
	ip rule add unreachable from 10.9.0.0/16 priority 81
	ip rule add prohibit from 10.9.1.0/24 priority 82
	ip rule add blackhole from 10.9.2.0/24 priority 83
	ip rule add nop priority 90
	ip rule add from 10.9.9.0/24 table 5 proto static priority 91
	ip -6 rule add from 2001:db8::/32 table 200 priority 100
	ip -6 rule add to 2001:db8:1::1 fwmark 3 table 201 priority 101
}

# ---- add ------------------------------------------------------------------------

@test "add from a prefix looks up a table" {
	run vn rule add from 10.1.0.0/16 table 100 priority 10
	assert_success
	assert_output ''
	assert_equal "$(krule 10)" '{"priority":10,"src":"10.1.0.0","srclen":16,"table":"100"}'
}

@test "add takes lookup for table, and main when neither is given" {
	run vn rule add to 10.2.0.1 lookup 101 priority 10
	assert_success
	assert_equal "$(krule 10)" '{"priority":10,"src":"all","dst":"10.2.0.1","table":"101"}'
	run vn rule add iif va priority 11
	assert_success
	assert_equal "$(kfield 11 table)" main
}

@test "add with devices, a mark and its mask" {
	run vn rule add iif va oif vb fwmark 0x10/0xff table 102 priority 10
	assert_success
	assert_equal "$(krule 10)" \
		'{"priority":10,"src":"all","fwmark":"0x10","fwmask":"0xff","iif":"va","oif":"vb","table":"102"}'
	run vn rule add fwmark 7 table local priority 11
	assert_success
	assert_equal "$(krule 11)" '{"priority":11,"src":"all","fwmark":"0x7","table":"local"}'
}

@test "add not inverts the selection" {
	run vn rule add not from 10.3.0.0/16 table 105 priority 10
	assert_success
	assert_equal "$(krule 10 | jq -r 'has("not")')" true
}

@test "add goto jumps to another rule" {
	run vn rule add goto 20 priority 10
	assert_success
	assert_equal "$(kfield 10 goto)" 20
	assert_equal "$(kfield 10 table)" null
}

@test "add suppress_prefixlength rejects the default route's answer" {
	run vn rule add table main suppress_prefixlength 0 priority 10
	assert_success
	assert_equal "$(kfield 10 suppress_prefixlen)" 0
	assert_equal "$(kfield 10 table)" main
}

@test "add of a table above 255 uses it whole" {
	run vn rule add from 10.4.0.1 table 100000 preference 10
	assert_success
	assert_equal "$(kfield 10 table)" 100000
}

@test "add of an IPv6 rule, by its prefix or by -6" {
	run vn rule add from 2001:db8::/32 table 200 priority 10
	assert_success
	assert_equal "$(krule 10 -6)" '{"priority":10,"src":"2001:db8::","srclen":32,"table":"200"}'
	assert_equal "$(krule 10)" ''
	run vn -6 rule add fwmark 3 table 201 priority 11
	assert_success
	assert_equal "$(krule 11 -6 | jq -r .fwmark)" 0x3
}

@test "add of a rule that exists fails with exit 1" {
	ip rule add from 10.1.0.0/16 table 100 priority 10
	run vn rule add from 10.1.0.0/16 table 100 priority 10
	assert_error 1 'rule add: File exists'
	assert_equal "$(ip -j rule show | jq '[.[] | select(.priority == 10)] | length')" 1
}

# ---- del ------------------------------------------------------------------------

@test "del removes the rule that matches, and delete is the same verb" {
	ip rule add from 10.1.0.0/16 table 100 priority 10
	ip rule add from 10.2.0.0/16 table 100 priority 11
	run vn rule del from 10.1.0.0/16 table 100
	assert_success
	assert_equal "$(krule 10)" ''
	assert_equal "$(kfield 11 table)" 100
	run vn rule delete priority 11
	assert_success
	assert_equal "$(krule 11)" ''
}

@test "del of an IPv6 rule" {
	ip -6 rule add from 2001:db8::/32 table 200 priority 10
	run vn rule del from 2001:db8::/32 table 200
	assert_success
	assert_equal "$(krule 10 -6)" ''
}

@test "del of a rule that is not there fails with exit 1" {
	ip rule add from 10.1.0.0/16 table 100 priority 10
	run vn rule del from 10.1.0.0/16 table 101
	assert_error 1 'rule del: No such file or directory \(no such rule\)'
	assert_equal "$(kfield 10 table)" 100
}

# ---- show -----------------------------------------------------------------------

@test "show prints what ip rule show prints, in text and JSON" {
	several
	run vn rule show
	assert_success
	assert_output "$(ip rule show)"
	assert_line $'52:\tfrom all fwmark 0x10/0xff lookup 103'
	assert_line $'72:\tfrom all iif nosuchdev [detached] lookup 106'
	assert_equal "$(vn -j rule show | jq -S .)" "$(ip -j rule show | jq -S .)"
	assert_equal "$(vn -d rule show)" "$(ip -d rule show)"
}

@test "show -6 lists the IPv6 rules, as ip -6 does" {
	several
	run vn -6 rule show
	assert_success
	assert_output "$(ip -6 rule show)"
	assert_equal "$(vn -6 -j rule show | jq -S .)" "$(ip -6 -j rule show | jq -S .)"
}

@test "show table lists the rules of one table; list and no verb are show" {
	several
	ip rule add from 10.5.0.0/16 table main priority 92
	run vn rule show table main
	assert_success
	assert_output "$(ip rule show table main)"
	assert_line --partial '92:'
	run vn rule list table 100
	assert_output "$(ip rule show table 100)"
	run vn rule
	assert_output "$(ip rule show)"
}

@test "the default rules show as ip shows them" {
	run vn rule show
	assert_output $'0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default'
	assert_equal "$(vn -j rule show | jq -S .)" "$(ip -j rule show | jq -S .)"
}

# ---- the command line -----------------------------------------------------------

@test "dry run prints the request and sends nothing" {
	run vn -N rule add from 10.1.0.0/16 fwmark 3/7 table 1000 priority 10
	assert_success
	assert_line 'RTM_NEWRULE flags REQUEST|ACK|CREATE|EXCL'
	assert_line '  fib_rule_hdr family inet dst_len 0 src_len 16 table 0 action 1 flags 0x0'
	assert_line '  FRA_SRC 10.1.0.0'
	assert_line '  FRA_FWMARK 3'
	assert_line '  FRA_FWMASK 7'
	assert_line '  FRA_TABLE 1000'
	assert_line '  FRA_PRIORITY 10'
	assert_equal "$(krule 10)" ''
}

@test "bad command lines are refused with exit 2 and change nothing" {
	several
	refused 'unknown keyword "bogus"' rule add from 10.1.0.0/16 bogus
	refused 'invalid prefix "10.1.0.0/33"' rule add from 10.1.0.0/33 table 100
	refused 'invalid prefix "10.1.0"' rule add to 10.1.0 table 100
	refused 'to 2001:db8::1 is IPv6 but from 10.1.0.1 is IPv4' \
		rule add from 10.1.0.1 to 2001:db8::1 table 100
	refused 'invalid prefix "2001:db8::/32"' -4 rule add from 2001:db8::/32 table 100
	refused 'invalid prefix "10.1.0.0/16"' -6 rule del from 10.1.0.0/16
	refused 'invalid table "bogus" \(expected a number or main\|local\|default\)' \
		rule add table bogus
	refused 'table 0 is out of range' rule add table 0
	refused 'invalid table "4294967296"' rule add table 4294967296
	refused 'invalid table "x"' rule show table x
	refused 'invalid fwmark "0x10/" \(expected N or N/MASK' rule add fwmark 0x10/ table 1
	refused 'invalid fwmark "mark"' rule add fwmark mark table 1
	refused 'invalid fwmark "1/4294967296"' rule add fwmark 1/4294967296 table 1
	refused 'invalid priority "high": not a number' rule add priority high
	refused 'invalid goto "x": not a number' rule add goto x
	refused 'table and goto cannot be used together' rule add goto 10 table 100
	refused 'suppress_prefixlength and goto cannot be used together' \
		rule add goto 10 suppress_prefixlength 0
	refused 'suppress_prefixlength 129 is out of range' rule add suppress_prefixlength 129
	refused 'invalid interface name "abcdefghijklmnopq"' rule add iif abcdefghijklmnopq
	refused 'table given twice' rule add table 1 lookup 2
	refused 'which rule\? \(give its priority, or what it selects\)' rule del
	refused 'unknown keyword "frob"' rule show frob
	refused 'blackhole and goto cannot be used together' rule add goto 10 blackhole
	refused 'prohibit and unreachable cannot be used together' rule add unreachable prohibit
	refused 'type and nop cannot be used together' rule add type blackhole nop
	refused 'invalid type "frob"' rule add type frob
	refused 'invalid sport "5-2": the range' rule add sport 5-2 table 5
	refused 'dport 70000 is out of range' rule add dport 70000 table 5
	refused 'invalid ipproto "bogus"' rule add ipproto bogus table 5
	refused 'invalid realms "1/"' rule add realms 1/ table 5
	refused 'l3mdev and table cannot be used together' rule add l3mdev table 5
	refused 'invalid protocol "bogus"' rule flush protocol bogus
}
