#!/usr/bin/env bats
# bridge fdb with bridge(8)'s grammar: show and its selectors, add, append,
# replace, del and flush.  Under bridge's name (a link called bridge to the
# binary) each command line is compared with iproute2's own bridge on the
# same state: status, standard output and error; the kernel's state is read
# back through iproute2's `bridge -j fdb show`.  Under vnetctl's name the
# same words work, in vnetctl's messages and statuses.

load helpers

setup() {
	clean_netns
	shim_setup
}

# The same, with the seconds -s prints (used N/N, "used" and "updated") as T:
# they may tick between the two runs.
same_as_bridge_untimed() {
	local untime='s/used [0-9]+\/[0-9]+/used T\/T/g; s/"(used|updated)":[0-9]+/"\1":"T"/g'
	run "$REALBRIDGE" "$@"
	local want_status=$status want_output
	want_output=$(sed -E "$untime" <<<"$output")
	run vbridge "$@"
	assert_equal "$status" "$want_status"
	assert_equal "$(sed -E "$untime" <<<"$output")" "$want_output"
}

# The kernel's entries of the bridge and its ports, without the multicast
# addresses of the devices' own tables, one JSON object a line, sorted.
entries() {
	"$REALBRIDGE" -j fdb show | jq -c '[.[] | select(.mac | test("^(33:33|01:00:5e)") | not)]
		| sort_by(.mac, .ifname, .dst) | .[]'
}

# br0 (02:aa::1) with port p0 (02:aa::2, peer q0) and a vxlan port vx0,
# fixed addresses so that two runs list the same entries; up, for a port
# takes a dynamic entry only while it forwards, and learning nothing.
fdb_lab() {
	ip link add name br0 address 02:aa:00:00:00:01 type bridge
	ip link add name p0 address 02:aa:00:00:00:02 type veth peer name q0 address 02:aa:00:00:00:03
	ip link set dev p0 master br0
	ip link add name vx0 address 02:aa:00:00:00:04 type vxlan id 42 dstport 4789 nolearning
	ip link set dev vx0 master br0
	ip link set dev p0 type bridge_slave learning off
	ip link set dev vx0 type bridge_slave learning off
	ip link set dev br0 up
	ip link set dev p0 up
	ip link set dev q0 up
	# p0 forwards once the bridge hears of its carrier, which the kernel's
	# link watch tells it later (up to a second): until then a dynamic
	# entry is refused, by bridge and by vnetctl alike, which made the two
	# runs of a line differ under load.
	local i
	for i in $(seq 100); do
		[ "$(cat /sys/class/net/p0/brport/state)" = 3 ] && return 0
		sleep 0.05
	done
	echo "p0 never forwarded" >&2
	return 1
}

# The entries a show selects among: static, dynamic, sticky, extern_learn,
# a vxlan's remote ends.
fdb_entries() {
	"$REALBRIDGE" fdb add 02:00:00:00:00:01 dev p0 master static
	"$REALBRIDGE" fdb add 02:00:00:00:00:02 dev p0 master dynamic
	"$REALBRIDGE" fdb add 02:00:00:00:00:05 dev p0 master static sticky
	"$REALBRIDGE" fdb add 02:00:00:00:00:03 dev p0 master extern_learn
	"$REALBRIDGE" fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.1 vni 7 port 4790 via q0
	"$REALBRIDGE" fdb add 02:00:00:00:00:04 dev vx0 dst 10.0.0.9 src_vni 9 self router
}

# ---- show ----------------------------------------------------------------------

@test "bridge fdb show prints what bridge prints, with each selector" {
	fdb_lab
	fdb_entries
	same_as_bridge fdb
	assert_line "02:00:00:00:00:01 dev p0 master br0 static"
	assert_line "00:00:00:00:00:00 dev vx0 dst 10.0.0.1 port 4790 vni 7 via q0 self permanent"
	same_as_bridge fdb show
	same_as_bridge fdb show br br0
	same_as_bridge fdb show brport p0
	assert_line "02:00:00:00:00:01 master br0 static"
	same_as_bridge fdb show dev vx0
	same_as_bridge fdb show br br0 brport p0
	same_as_bridge fdb show state static
	assert_line "02:00:00:00:00:01 dev p0 master br0 static"
	refute_line "02:00:00:00:00:02 dev p0 master br0 "
	same_as_bridge fdb show state permanent
	same_as_bridge fdb show state dynamic
	same_as_bridge fdb show state 2
	same_as_bridge fdb show dynamic
	same_as_bridge fdb show vlan 1
	same_as_bridge fdb show br q0
	assert_output ""
	same_as_bridge fdb s
	same_as_bridge fdb list
}

@test "bridge -j, -s and -s -j fdb show print bridge's keys and times" {
	fdb_lab
	fdb_entries
	same_as_bridge -j fdb show
	assert_equal "$(jq -c '.[] | select(.mac == "02:00:00:00:00:04")' <<<"$output")" \
		'{"mac":"02:00:00:00:00:04","ifname":"vx0","dst":"10.0.0.9","flags":["self","router"],"state":"permanent"}'
	same_as_bridge -j fdb show dev vx0
	same_as_bridge_untimed -s fdb show br br0
	assert_line --regexp "^02:00:00:00:00:01 dev p0 used [0-9]+/[0-9]+ master br0 static$"
	same_as_bridge_untimed -s -j fdb show br br0
	assert_equal "$(jq -c '.[] | select(.mac == "02:00:00:00:00:01") | keys' <<<"$output")" \
		'["flags","ifname","mac","master","state","updated","used"]'
}

@test "a missing bridge or device reads as bridge says it, exit 255" {
	fdb_lab
	same_as_bridge fdb show br nosuch
	assert_output 'Cannot find bridge device "nosuch"'
	assert_equal "$status" 255
	same_as_bridge fdb show dev nosuch
	assert_output 'Cannot find device "nosuch"'
}

@test "vnetctl bridge fdb show takes the bridge by name, br, and every device with none" {
	fdb_lab
	fdb_entries
	run vn bridge fdb show br0
	assert_success
	assert_line "02:00:00:00:00:01 dev p0 master br0 static"
	refute_output --partial "dev q0"
	assert_equal "$output" "$(vn bridge fdb show br br0)"
	run vn bridge fdb show
	assert_success
	assert_line "00:00:00:00:00:00 dev vx0 dst 10.0.0.1 port 4790 vni 7 via q0 self permanent"
	assert_line "02:00:00:00:00:01 dev p0 master br0 static"
	assert_line --partial "dev q0 self permanent"
	run vn bridge fdb show br0 state static
	assert_line "02:00:00:00:00:01 dev p0 master br0 static"
	refute_line --partial "02:00:00:00:00:02"
}

@test "vnetctl bridge fdb show names the bridge once, and its state words" {
	fdb_lab
	run vn bridge fdb show br0 br br0
	assert_error 2 'bridge fdb: show: br and BRIDGE cannot be used together$|bridge fdb: show: BRIDGE and br cannot be used together$'
	run vn bridge fdb show state stale
	assert_error 2 'bridge fdb: show: invalid state "stale"'
	run vn bridge fdb show vlan 4096
	assert_error 2 'bridge fdb: show: .*vlan'
}

# ---- get ------------------------------------------------------------------------

@test "bridge fdb get prints the entry bridge prints, by bridge, by port, and lst lists" {
	fdb_lab
	fdb_entries
	same_as_bridge fdb get 02:00:00:00:00:01 br br0
	assert_success
	assert_output "02:00:00:00:00:01 dev p0 master br0 static"
	same_as_bridge fdb get 02:00:00:00:00:01 dev p0
	same_as_bridge fdb get 02:00:00:00:00:01 brport p0 master
	same_as_bridge fdb get 02:00:00:00:00:01 dev p0 dynamic
	same_as_bridge fdb get 02:aa:00:00:00:02 br br0 dynamic
	same_as_bridge fdb get 00:00:00:00:00:00 dev vx0 self
	same_as_bridge -j fdb get 02:00:00:00:00:01 br br0
	assert_output '[{"mac":"02:00:00:00:00:01","ifname":"p0","flags":[],"master":"br0","state":"static"}]'
	same_as_bridge fdb g 02:00:00:00:00:01 br br0
	same_as_bridge fdb ls
	same_as_bridge fdb lst br br0
}

@test "bridge fdb get's errors read as bridge's, nothing changed" {
	fdb_lab
	fdb_entries
	local before
	before=$(entries)
	same_as_bridge fdb get 02:00:00:00:00:01
	assert_output "Device or master and address are required arguments."
	assert_equal "$status" 255
	same_as_bridge fdb get br br0
	same_as_bridge fdb get 02:00:00:00:00:01 dev nosuch
	assert_output 'Cannot find device "nosuch"'
	same_as_bridge fdb get 02:00:00:00:00:01 br nosuch
	assert_output 'Cannot find bridge device "nosuch"'
	# bridge's fdb get exits 254 when the kernel refuses it (its -2)
	same_as_bridge fdb get 02:00:00:00:00:09 br br0
	assert_output "Error: Fdb entry not found."
	assert_equal "$status" 254
	# and the next line of a batch fails with bridge's usual 255
	printf 'fdb get 02:00:00:00:00:09 br br0\nfdb del 02:00:00:00:00:09 dev p0 master\n' |
		{ run vbridge -force -batch -; echo "$status" >"$BATS_TEST_TMPDIR/st"; }
	run "$REALBRIDGE" -force -batch - < <(printf 'fdb get 02:00:00:00:00:09 br br0\nfdb del 02:00:00:00:00:09 dev p0 master\n')
	assert_equal "$(cat "$BATS_TEST_TMPDIR/st")" "$status"
	assert_equal "$(entries)" "$before"
}

@test "vnetctl bridge fdb get: the entry, -j, and its errors in vnetctl's words" {
	fdb_lab
	fdb_entries
	local before
	before=$(entries)
	run vn bridge fdb get 02:00:00:00:00:01 br br0
	assert_success
	assert_output "02:00:00:00:00:01 dev p0 master br0 static"
	run vn -j bridge fdb get 02:00:00:00:00:01 dev p0
	assert_success
	assert_equal "$(jq -c '.[0]' <<<"$output")" \
		"$("$REALBRIDGE" -j fdb get 02:00:00:00:00:01 dev p0 | jq -c '.[0]')"
	run vn bridge fdb get 00:00:00:00:00:00 dev vx0 self
	assert_success
	assert_output "00:00:00:00:00:00 dev vx0 dst 10.0.0.1 port 4790 vni 7 via q0 self permanent"
	run vn bridge fdb ls br0
	assert_success
	assert_line "02:00:00:00:00:01 dev p0 master br0 static"
	run vn bridge fdb get 02:00:00:00:00:09 br br0
	assert_error 1 'bridge fdb br0: Fdb entry not found$'
	run vn bridge fdb get 02:00:00:00:00:01
	assert_error 2 'bridge fdb: missing br or brport$'
	run vn bridge fdb get br br0
	assert_error 2 'bridge fdb br0: missing LLADDR$'
	run vn bridge fdb get 02:00:00:00:00:zz br br0
	assert_error 2 'bridge fdb: get: invalid LLADDR "02:00:00:00:00:zz"'
	run vn bridge fdb get 02:00:00:00:00:01 br br0 dev p0
	assert_error 2 'cannot be used together$'
	run vn bridge fdb get 02:00:00:00:00:01 br br0 vlan 4096
	assert_error 2 'vlan'
	run vn bridge fdb get 02:00:00:00:00:01 br p0
	assert_error 1 'bridge fdb p0: not a bridge'
	run vn bridge fdb get 02:00:00:00:00:01 dev nosuch
	assert_error 1 'bridge fdb nosuch: no device named "nosuch"$'
	assert_equal "$(entries)" "$before"
}

# ---- add, append, replace, del ------------------------------------------------

@test "bridge fdb add, replace, del leave the kernel's state bridge leaves" {
	local line
	for line in \
		"add 02:00:00:00:00:09 dev p0" \
		"add 02:00:00:00:00:09 dev p0 master static" \
		"add 02:00:00:00:00:09 dev p0 master dynamic" \
		"add 02:00:00:00:00:09 dev p0 master local" \
		"add 02:00:00:00:00:09 dev p0 master static sticky" \
		"add 02:00:00:00:00:09 dev p0 master extern_learn" \
		"a 02:00:00:00:00:09 dev p0 self master" \
		"replace 02:00:00:00:00:01 dev p0 master dynamic" \
		"del 02:00:00:00:00:01 dev p0 master" \
		"delete 02:00:00:00:00:01 dev p0 master" \
		"append 00:00:00:00:00:00 dev vx0 dst 10.0.0.2 vni 9 port 99 via q0" \
		"add 02:00:00:00:00:08 dev vx0 dst 2001:db8::2 self router" \
		"add 02:00:00:00:00:08 dev vx0 dst 10.0.0.1 src_vni 5"; do
		fdb_lab
		fdb_entries
		# shellcheck disable=SC2086
		run "$REALBRIDGE" fdb $line
		local want_status=$status want_output=$output want_state
		want_state=$(entries)
		clean_netns
		fdb_lab
		fdb_entries
		# shellcheck disable=SC2086
		run vbridge fdb $line
		assert_equal "$line: $status $output" "$line: $want_status $want_output"
		assert_equal "$line: $(entries)" "$line: $want_state"
		clean_netns
	done
}

@test "bridge fdb add makes the entry, and a second add is refused as bridge refuses it" {
	fdb_lab
	run vbridge fdb add 02:00:00:00:00:09 dev p0 master static
	assert_success
	assert_output ""
	assert_equal "$(entries | jq -c 'select(.mac == "02:00:00:00:00:09")')" \
		'{"mac":"02:00:00:00:00:09","ifname":"p0","flags":[],"master":"br0","state":"static"}'
	same_as_bridge fdb add 02:00:00:00:00:09 dev p0 master static
	assert_output "RTNETLINK answers: File exists"
	assert_equal "$status" 255
	same_as_bridge fdb del 02:00:00:00:00:77 dev p0 master
	assert_output "RTNETLINK answers: No such file or directory"
}

@test "bridge fdb add without its address or device is bridge's line, nothing sent" {
	fdb_lab
	local before
	before=$(entries)
	same_as_bridge fdb add 02:00:00:00:00:09
	assert_output "Device and address are required arguments."
	assert_equal "$status" 255
	same_as_bridge fdb add dev p0
	same_as_bridge fdb add 02:00:00:00:00:09 dev nosuch
	assert_output 'Cannot find device "nosuch"'
	assert_equal "$(entries)" "$before"
}

@test "vnetctl bridge fdb add and del: the entry, and its errors in vnetctl's words" {
	fdb_lab
	run vn bridge fdb add 02:00:00:00:00:09 dev p0 master static
	assert_success
	assert_equal "$(entries | jq -r 'select(.mac == "02:00:00:00:00:09") | .state')" static
	run vn bridge fdb add 02:00:00:00:00:09 dev p0 master static
	assert_error 1 'bridge fdb p0: File exists'
	run vn bridge fdb del 02:00:00:00:00:09 dev p0 master
	assert_success
	assert_equal "$(entries | jq -r 'select(.mac == "02:00:00:00:00:09") | .state')" ""
	run vn bridge fdb add 02:00:00:00:00:09
	assert_error 2 'bridge fdb: missing dev$'
	run vn bridge fdb add dev p0
	assert_error 2 'bridge fdb p0: missing LLADDR$'
	run vn bridge fdb add 02:00:00:00:00:zz dev p0
	assert_error 2 'bridge fdb: add: invalid LLADDR "02:00:00:00:00:zz"'
	run vn bridge fdb add 02:00:00:00:00:09 dev p0 static dynamic
	assert_error 2 'cannot be used together$'
	run vn bridge fdb add 02:00:00:00:00:09 dev p0 vni 16777216
	assert_error 2 'vni'
	run vn bridge fdb add 02:00:00:00:00:09 dev nosuch
	assert_error 1 'bridge fdb nosuch: no device named "nosuch"$'
	assert_equal "$(entries | jq -r 'select(.mac == "02:00:00:00:00:09") | .state')" ""
}

# ---- flush ------------------------------------------------------------------------

@test "bridge fdb flush deletes what bridge's flush deletes, for each selector" {
	local line
	for line in "dev br0" "dev br0 static" "dev br0 nostatic" "dev br0 permanent" \
		"dev br0 nopermanent" "dev br0 dynamic" "dev br0 nodynamic" "dev br0 sticky" \
		"dev br0 extern_learn" "dev br0 noextern_learn nosticky" "dev br0 added_by_user" \
		"dev br0 brport p0 static" "dev p0 master" "dev br0 self master" "dev br0 vlan 3"; do
		fdb_lab
		fdb_entries
		# shellcheck disable=SC2086
		run "$REALBRIDGE" fdb flush $line
		local want_status=$status want_output=$output want_state
		want_state=$(entries)
		clean_netns
		fdb_lab
		fdb_entries
		# shellcheck disable=SC2086
		run vbridge fdb flush $line
		assert_equal "$line: $status $output" "$line: $want_status $want_output"
		assert_equal "$line: $(entries)" "$line: $want_state"
		clean_netns
	done
}

@test "bridge fdb flush deletes the static entries only, and needs its device" {
	fdb_lab
	fdb_entries
	run vbridge fdb flush dev br0 static
	assert_success
	assert_equal "$(entries | jq -r 'select(.state == "static") | .mac')" ""
	assert_equal "$(entries | jq -r 'select(.mac == "02:00:00:00:00:02") | .state')" ""
	assert_equal "$(entries | jq -r 'select(.mac == "02:00:00:00:00:02") | .ifname')" p0
	same_as_bridge fdb flush
	assert_output "Device is a required argument."
	same_as_bridge fdb flush dev nosuch
	assert_output 'Cannot find bridge device "nosuch"'
	run vn bridge fdb flush
	assert_error 2 'bridge fdb: missing dev$'
	run vn bridge fdb flush dev br0 static nostatic
	assert_error 2 'cannot be used together$'
}
