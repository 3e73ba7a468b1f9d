#!/usr/bin/env bats
# vnetctl addrlabel: IPv6 address labels, as ip addrlabel.  Each command
# line is also given to iproute2's ip on the same state; the labels after
# are read through iproute2 (`ip -j addrlabel`), the second witness.
load helpers

setup() {
	clean_netns
	shim_setup
	"$REALIP" link add v0 type veth peer name v1
	saved=$("$REALIP" -j addrlabel)
}

# The labels of JSON $1 (ip -j addrlabel's) and no others, in its order: the
# kernel puts a label before those of its length added earlier.
restore_to() {
	local p
	"$REALIP" addrlabel flush
	while read -r p; do
		# shellcheck disable=SC2086
		"$REALIP" addrlabel add $p
	done < <(jq -r 'reverse | .[] | "prefix \(.address)/\(.prefixlen) \(if .ifname then "dev " + .ifname else "" end) label \(.label)"' <<<"$1")
}

# the kernel's labels as a namespace starts, for the files after this one
teardown() { restore_to "$saved"; }

labels() { "$REALIP" -j addrlabel | jq -c '[.[] | "\(.address)/\(.prefixlen) \(.ifname // "-") \(.label)"]'; }

# ARGS to ip, then (on the same state again) to vnetctl as ip: the same
# status, output and labels after.
same_as_ip() {
	local before after want_status want_output raw
	before=$(labels)
	raw=$("$REALIP" -j addrlabel)
	run "$REALIP" "$@"
	want_status=$status want_output=$output
	after=$(labels)
	restore_to "$raw"
	[ "$(labels)" = "$before" ] || fail "the state was not restored"
	run vip "$@"
	assert_equal "$status" "$want_status"
	assert_equal "$output" "$want_output"
	assert_equal "$(labels)" "$after"
}

@test "list prints the kernel's labels as ip, text and JSON" {
	"$REALIP" addrlabel add prefix 2001:db8:1::/48 dev v0 label 98
	for o in "" -j; do
		# shellcheck disable=SC2086
		same_as_ip $o addrlabel
		# shellcheck disable=SC2086
		same_as_ip $o addrlabel list
	done
	assert_line --partial '"address":"2001:db8:1::","prefixlen":48,"ifname":"v0","label":98'
	same_as_ip addrlabel s
	same_as_ip -6 addrlabel lst
	run vn addrlabel
	assert_success
	assert_line 'prefix 2001:db8:1::/48 dev v0 label 98 '
	assert_line 'prefix ::/0 label 1 '
}

@test "add and del change the kernel's labels as ip's do" {
	same_as_ip addrlabel add prefix 2001:db8::/32 label 99
	assert_success
	run labels
	assert_output --partial '"2001:db8::/32 - 99"'
	same_as_ip addrlabel del prefix 2001:db8::/32 label 99
	assert_success
	refute_output --partial '2001:db8::/32'
	run labels
	refute_output --partial '"2001:db8::/32 - 99"'
	same_as_ip addrlabel a prefix 2001:db8:a::/48 dev v0 label 5
	same_as_ip addrlabel delete prefix 2001:db8:9::/48 label 5
	assert_output "RTNETLINK answers: No such process"
	assert_equal "$status" 2
}

@test "flush removes every label, the defaults too, as ip" {
	same_as_ip addrlabel flush
	assert_success
	assert_equal "$(labels)" "[]"
}

@test "refusals: what ip refuses, vnetctl as ip refuses, and nothing changes" {
	"$REALIP" addrlabel add prefix 2001:db8:1::/48 label 98
	same_as_ip addrlabel add prefix 2001:db8:1::/48 label 98
	assert_output "RTNETLINK answers: File exists"
	same_as_ip addrlabel add prefix 2001:db8::/32
	assert_output 'Not enough information: "label" argument is required.'
	same_as_ip addrlabel add label 9
	assert_output 'Not enough information: "prefix" argument is required.'
	same_as_ip addrlabel add prefix 10.0.0.0/8 label 3
	assert_equal "$status" 2
	same_as_ip addrlabel foo
	assert_equal "$status" 255
	# under vnetctl's name: exit 2, one line, nothing changed
	local before
	before=$(labels)
	run vn addrlabel add prefix 2001:db8::/32
	assert_error 2 'label is required'
	run vn addrlabel add prefix 2001:db8::/32 label 4294967295
	assert_error 2 'label 4294967295 is out of range'
	run vn addrlabel add prefix 2001:db8::/32 label 5 dev nosuch
	assert_failure 1
	assert_equal "$(labels)" "$before"
}
