#!/usr/bin/env bats
# vnetctl neigh under ip's name: ip-neighbour(8)'s grammar and output, each
# command compared with iproute2's own ip (its status and what it printed)
# on the same table, and flush's kernel state read through ip after each.

load helpers

setup() {
	clean_netns
	shim_setup
	ip link add dev va type veth peer name vb
	ip link set dev va addrgenmode none
	ip link set dev vb addrgenmode none
	ip link set dev va up
	ip link set dev vb up
	ip addr add 10.0.0.2/24 dev va
	ip addr add 2001:db8::2/64 dev va nodad
}

# -s's ages (seconds since used, confirmed, updated) as placeholders: a
# second may pass between ip's run and vnetctl's.
ages() { sed -E 's#used [0-9]+/[0-9]+/[0-9]+#used A/B/C#g; s#"(used|confirmed|updated)":[0-9]+#"\1":N#g'; }
# same_as_ip for -s: the same but for the ages.
same_as_ip_aged() {
	run "$REALIP" "$@"
	local want_status=$status want_output
	want_output=$(ages <<<"$output")
	run vip "$@"
	assert_equal "$status" "$want_status"
	assert_equal "$(ages <<<"$output")" "$want_output"
}

# Every entry, proxy ones too, sorted (the kernel's own multicast ones
# left out): the table a flush leaves.
table() {
	{
		"$REALIP" neigh show nud all
		"$REALIP" neigh show proxy
	} | grep -v '^ff' | sort
}

several() {
	ip neigh flush nud noarp
	ip neigh flush proxy
	ip neigh flush nud all
	ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev va nud permanent
	ip neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev va nud reachable
	ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev va nud stale router
	ip neigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev va nud noarp
	ip neigh add 10.0.0.11 lladdr 02:00:00:00:00:0b dev va nud failed
	ip neigh add 10.0.0.12 lladdr 02:00:00:00:00:0c dev va extern_learn protocol static
	ip neigh add 10.0.0.13 dev va nud none
	ip neigh add 2001:db8::5 lladdr 02:00:00:00:00:15 dev va router
	ip neigh add 2001:db8::6 lladdr 02:00:00:00:00:16 dev vb nud stale
	ip neigh add proxy 10.0.0.9 dev va
	ip neigh add proxy 2001:db8::9 dev vb
}

# The table ip leaves with this command line, and vnetctl's as ip, from
# the same start: the same, with the same status and output.
same_change() {
	several
	run "$REALIP" "$@"
	local want_status=$status want_output=$output want_table
	want_table=$(table)
	several
	run vip "$@"
	assert_equal "$status" "$want_status"
	assert_equal "$output" "$want_output"
	assert_equal "$(table)" "$want_table"
}
same_flush() { same_change neigh flush "$@"; }

@test "flush nud all keeps the noarp entries, as ip does" {
	same_flush nud all
	assert_success
	# the witness: noarp stays, permanent and the rest go
	assert_equal "$(table)" "10.0.0.8 dev va lladdr 02:00:00:00:00:08 NOARP 
10.0.0.9 dev va proxy 
2001:db8::9 dev vb proxy "
	# and so under vnetctl's name
	several
	run vn neigh flush nud all
	assert_success
	assert_equal "$("$REALIP" -j neigh show nud all | jq -c '[.[] | select(.dst | startswith("ff") | not) | .dst]')" '["10.0.0.8"]'
}

@test "flush selects as ip's: dev, all, to, nud, proxy, nomaster, -4 and -6" {
	same_flush dev va
	# an entry learned outside the kernel goes whatever its state, as in ip
	assert_equal "$(table | grep -c 10.0.0.12)" 0
	assert_equal "$(table | grep -c 10.0.0.5)" 1
	same_flush all
	same_flush to 10.0.0.0/24
	same_flush 10.0.0.6
	same_flush to 2001:db8::/64 nud all
	same_flush nud noarp
	same_flush nud none
	same_flush nud failed
	same_flush nud permanent
	same_flush proxy
	same_flush proxy dev vb
	same_flush nomaster
	same_flush dev vb nud stale
	same_change -6 neigh flush all
	same_change -4 neigh flush dev va nud all
}

@test "flush -s counts its rounds, -s -s prints each entry, as ip" {
	same_change -s neigh flush nud permanent
	assert_output --partial '*** Round 1, deleting 3 entries ***'
	same_change -s neigh flush dev vb nud permanent
	assert_output 'Nothing to flush.'
	several
	run "$REALIP" -s -s neigh flush dev va
	local want=$output
	several
	run vip -s -s neigh flush dev va
	assert_success
	# the entries come in the kernel's hash order, which may differ
	assert_equal "$(ages <<<"$output" | sort)" "$(ages <<<"$want" | sort)"
	assert_output --partial '*** Flush is complete after 1 round ***'
}

@test "flush with no word is refused as ip refuses it, and changes nothing" {
	several
	local before
	before=$(table)
	same_as_ip neigh flush
	assert_equal "$status" 1
	assert_output 'Flush requires arguments.'
	assert_equal "$(table)" "$before"
}

@test "show prints as ip: plain, -s, -br, -j, -s -j, -br -j" {
	several
	same_as_ip neigh show
	assert_output --partial '10.0.0.12 dev va lladdr 02:00:00:00:00:0c extern_learn PERMANENT proto static '
	same_as_ip_aged -s neigh show
	assert_output --regexp 'lladdr 02:00:00:00:00:05  used [0-9]+/[0-9]+/[0-9]+probes 0 PERMANENT '
	same_as_ip -br neigh show
	assert_output --partial '10.0.0.5                                va               02:00:00:00:00:05'
	same_as_ip -j neigh show
	same_as_ip_aged -s -j neigh show
	same_as_ip -br -j neigh show
	same_as_ip -br neigh show dev va
	same_as_ip_aged -4 -s neigh show dev va nud all
	same_as_ip -4 neigh show nud all
	same_as_ip neigh show proxy
	same_as_ip -j neigh show proxy
}

@test "show selects as ip's: PREFIX, to P nud S, dev, nomaster, master" {
	several
	ip link add br0 type bridge
	ip link set vb master br0
	ip neigh add 10.0.0.30 lladdr 02:00:00:00:00:30 dev vb
	same_as_ip neigh show 10.0.0.0/24
	same_as_ip neigh show to 10.0.0.5 nud permanent
	same_as_ip neigh show to 2001:db8::/32
	same_as_ip neigh show all
	same_as_ip neigh show dev va nud stale
	same_as_ip neigh show nud none
	same_as_ip neigh show unused
	same_as_ip -4 neigh show unused nud all
	same_as_ip neigh show nomaster
	refute_output --partial 10.0.0.30
	same_as_ip neigh show master br0
	assert_output --partial '10.0.0.30 dev vb lladdr 02:00:00:00:00:30 PERMANENT '
	refute_output --partial ' va '
	same_as_ip -4 neigh show
	same_as_ip -6 neigh list
	same_as_ip neigh lst dev vb
}

@test "get prints the one entry as ip, text even under -j" {
	several
	same_as_ip neigh get 10.0.0.5 dev va
	assert_output '10.0.0.5 dev va lladdr 02:00:00:00:00:05 PERMANENT '
	same_as_ip -j neigh get 10.0.0.7 dev va
	same_as_ip neigh get to 2001:db8::5 dev va
	same_as_ip neigh get proxy 10.0.0.9 dev va
	assert_output '10.0.0.9 dev va proxy '
	# and vnetctl's own name prints JSON
	run vn -j neigh get 10.0.0.5 dev va
	assert_success
	assert_equal "$(jq -r '.[0].lladdr' <<<"$output")" 02:00:00:00:00:05
}

@test "get's refusals read as ip's" {
	several
	same_as_ip neigh get 10.0.0.99 dev va
	assert_output 'Error: Neighbour entry not found.'
	assert_equal "$status" 2
	same_as_ip neigh get proxy 10.0.0.5 dev va
	assert_output 'Error: Proxy neighbour entry not found.'
	same_as_ip neigh get 10.0.0.5
	assert_output 'Device and address are required arguments.'
	assert_equal "$status" 1
	same_as_ip neigh get 10.0.0.5 dev nosuch
	assert_equal "$status" 1
	run vn neigh get 10.0.0.5
	assert_error 2 'neigh get 10.0.0.5: dev NAME is needed'
}

@test "master and vrf name devices that are so, or are refused as ip refuses them" {
	several
	local before
	before=$(table)
	run vip neigh flush master nosuch
	assert_equal "$status" 255
	assert_output 'Error: argument "nosuch" is wrong: Device does not exist'
	run vip neigh show vrf va
	assert_equal "$status" 255
	assert_output 'Error: argument "va" is wrong: Not a valid VRF name'
	run vn neigh flush vrf va
	assert_error 2 'va is not a vrf'
	assert_equal "$(table)" "$before"
}

# A new entry made by ip and by vnetctl as ip: the same entry.
same_add() {
	local dst=$1 want
	shift
	"$REALIP" neigh add "$dst" "$@"
	want=$("$REALIP" -j neigh show to "$dst" nud all | jq -c '.[] | del(.state)')
	"$REALIP" neigh del "$dst" dev va
	run vip neigh add "$dst" "$@"
	assert_success
	assert_equal "$("$REALIP" -j neigh show to "$dst" nud all | jq -c '.[] | del(.state)')" "$want"
	[ -n "$want" ]
}

@test "add takes use, managed, extern_learn, protocol and every state, as ip" {
	same_add 10.0.0.40 lladdr 02:00:00:00:00:40 dev va extern_learn protocol static
	assert_equal "$("$REALIP" -j neigh show to 10.0.0.40 | jq -r '.[0].protocol')" static
	same_add 10.0.0.41 lladdr 02:00:00:00:00:41 dev va protocol 99 nud stale
	same_add 10.0.0.42 dev va managed
	assert_equal "$("$REALIP" -j neigh show to 10.0.0.42 nud all | jq -r '.[0] | has("managed")')" true
	same_add 10.0.0.43 lladdr 02:00:00:00:00:43 dev va use nud reachable
	local i=50
	for s in incomplete delay probe failed none; do
		same_add "10.0.0.$i" lladdr 02:00:00:00:00:50 dev va nud "$s"
		i=$((i + 1))
	done
	run vn neigh add 10.0.0.60 lladdr 02:00:00:00:00:60 dev va nud delay protocol boot
	assert_success
	assert_equal "$("$REALIP" -j neigh show to 10.0.0.60 nud all | jq -r '.[0].protocol')" boot
}

@test "add without lladdr does under ip's name what ip does" {
	run "$REALIP" neigh add 10.0.0.70 dev va
	local want_status=$status want_output=$output want
	want=$("$REALIP" -j neigh show nud all to 10.0.0.70)
	"$REALIP" neigh del 10.0.0.70 dev va
	run vip neigh add 10.0.0.70 dev va
	assert_equal "$status" "$want_status"
	assert_equal "$output" "$want_output"
	assert_equal "$("$REALIP" -j neigh show nud all to 10.0.0.70)" "$want"
}

@test "lladdr as ip reads it: hex numbers as many as typed, the kernel judges the length" {
	same_add 10.0.0.80 lladdr 0x10:2:3:4:5:6 dev va
	assert_equal "$("$REALIP" -j neigh show to 10.0.0.80 | jq -r '.[0].lladdr')" 10:02:03:04:05:06
	same_add 10.0.0.81 lladdr 1:2:3:4:5:6:7 dev va
	assert_equal "$("$REALIP" -j neigh show to 10.0.0.81 | jq -r '.[0].lladdr')" 01:02:03:04:05:06
	local before
	before=$("$REALIP" -j neigh show nud all)
	# "bogus" is one byte, 0x0b: too short for the kernel
	same_as_ip neigh add 10.0.0.82 lladdr bogus dev va
	assert_equal "$status" 2
	assert_output 'Error: Invalid link address.'
	same_as_ip neigh add 10.0.0.82 lladdr 1.2.3.4 dev va
	assert_equal "$status" 2
	same_as_ip neigh add 10.0.0.82 lladdr 1:2:3:4:5:zz dev va
	assert_equal "$status" 1
	assert_output '"zz" is invalid lladdr.'
	same_as_ip neigh add 10.0.0.82 lladdr 100 dev va
	assert_equal "$status" 1
	assert_equal "$("$REALIP" -j neigh show nud all)" "$before"
	# under vnetctl's name a MAC is six bytes
	run vn neigh add 10.0.0.82 lladdr bogus dev va
	assert_failure 2
	assert_output 'vnetctl: neigh add 10.0.0.82: invalid lladdr "bogus" (expected xx:xx:xx:xx:xx:xx)'
	assert_equal "$("$REALIP" -j neigh show nud all)" "$before"
}
