#!/usr/bin/env bats
# The argument tables and the request builders, in dry run: what a command
# line becomes, attribute by attribute, and what a wrong one is told.

load helpers

@test "veth add becomes one RTM_NEWLINK holding both ends" {
	run vn -N link add v0 type veth peer name v1
	assert_success
	assert_line --index 0 "RTM_NEWLINK flags REQUEST|ACK|CREATE|EXCL"
	assert_line '  IFLA_IFNAME "v0"'
	assert_line '    IFLA_INFO_KIND "veth"'
	assert_line '        IFLA_IFNAME "v1"'
}

@test "link set puts each keyword's attribute and the flags it changes" {
	run vn -N link set v0 mtu 1400 up
	assert_success
	assert_line '  ifinfomsg family unspec index 0 flags 0x1 change 0x1'
	assert_line '  IFLA_MTU 1400'
}

@test "addr add puts the prefix length in the header and the address twice" {
	run vn -N addr add 10.0.0.1/24 dev eth0
	assert_success
	assert_line '  ifaddrmsg family inet prefixlen 24 index 7 scope 0'
	assert_line '  IFA_LOCAL 10.0.0.1'
	assert_line '  IFA_ADDRESS 10.0.0.1'
}

@test "a number out of a keyword's range is a usage error" {
	run vn link set v0 mtu 99999999999
	assert_failure 2
	assert_output 'vnetctl: link set v0: invalid mtu "99999999999": not a number'
}

@test "an unknown kind names the kinds there are" {
	run vn link add v0 type nosuchkind
	assert_failure 2
	assert_output --partial 'vnetctl: link add v0: unknown kind "nosuchkind" (kinds: '
	assert_output --partial ' veth,'
}

@test "an unknown keyword points at the verb's help" {
	run vn link set v0 frobnicate
	assert_failure 2
	assert_output 'vnetctl: link set v0: unknown keyword "frobnicate" (see: vnetctl link set help)'
}

@test "a required keyword left out is named" {
	run vn addr add 10.0.0.1/24
	assert_failure 2
	assert_output 'vnetctl: addr add 10.0.0.1/24: missing dev'
}

@test "a prefix longer than the family's is refused" {
	run vn addr add 10.0.0.1/33 dev eth0
	assert_failure 2
	assert_output 'vnetctl: addr add: invalid prefix "10.0.0.1/33"'
}

@test "a malformed gateway is refused before anything is sent" {
	run vn route add 10.0.0.0/24 via 1.2.3
	assert_failure 2
	assert_output 'vnetctl: route add 10.0.0.0/24: invalid address "1.2.3"'
}

@test "every object and verb of the tables has a help that exits 0" {
	local n=0 obj verb out
	while read -r _ obj verb _; do
		# an object that is its one verb ("-") takes help alone
		if [ "$verb" = - ]; then set -- "$obj" help; else set -- "$obj" "$verb" help; fi
		out=$(vn "$@" 2>&1) || fail "$*: status $?: $out"
		[[ "$out" == *"vnetctl $obj"* ]] || fail "$*: no usage line: $out"
		n=$((n + 1))
	done < <(vn __dump | awk '$1 == "verb"')
	[ "$n" -gt 50 ] || fail "only $n verbs in __dump"
}

@test "link add index goes in the header; the alias follows by name under vnetctl's name" {
	run vn -N link add v0 index 50 alias x type veth
	assert_success
	assert_line --index 1 '  ifinfomsg family unspec index 50 flags 0x0 change 0x0'
	assert_line '  IFLA_IFALIAS "x"'
	assert_equal "$(grep -c '^RTM_NEWLINK' <<<"$output")" 2
}

@test "a keyword that may come again keeps each value: two altnames in one request" {
	run vn -N link property add v0 altname a1 altname a2
	assert_success
	assert_equal "$(grep -c '^message type' <<<"$output")" 1
	# IFLA_ALT_IFNAME (53) "a1", then "a2", in the one IFLA_PROP_LIST
	assert_output --partial '07 00 35 00
   61 31 00 00 07 00 35 00 61 32 00 00'
	run vn -N link property add v0 altname a1 dev v1
	assert_failure 2
}

@test "an address that may be a MAC (bridge mdb's grp) takes one, proto 0 in the entry" {
	run vn -N bridge mdb add dev br0 port p0 grp 01:00:5e:01:01:01 permanent
	assert_success
	assert_line '   01 00 00 00 01 00 5e 01 01 01 00 00 00 00 00 00'
	run vn -N bridge mdb add dev br0 port p0 grp 239.1.1.1
	assert_success
	assert_line '   00 00 00 00 08 00 00 00'
	run vn -N bridge mdb add dev br0 port p0 grp 01:00:5e:01:01
	assert_failure 2
	assert_output 'vnetctl: bridge mdb: add: invalid address "01:00:5e:01:01"'
}
