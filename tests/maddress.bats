#!/usr/bin/env bats
# vnetctl maddress: the multicast groups of devices, as ip maddress.  Each
# command line is also given to iproute2's ip on the same state; the groups
# after are read through iproute2 and /proc/net/dev_mcast (the witnesses).
load helpers

setup() {
	clean_netns
	shim_setup
	"$REALIP" link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
	"$REALIP" link set v0 up
	"$REALIP" link set v1 up
	"$REALIP" maddr add 33:33:00:00:00:09 dev v0
}

# v0's link-layer groups, as the kernel lists them
kgroups() { awk '$2 == "v0" { print $5 "/" $4 }' /proc/net/dev_mcast | sort | paste -sd' '; }

@test "show prints every device's groups as ip: text, JSON, -4, -6, -0, -o, dev" {
	local o
	for o in "maddr" "-j maddr" "maddr show dev v0" "maddr show v0" "-4 maddr" "-6 maddr show dev v0" \
		"-0 maddr" "-j -4 maddr" "-o maddr" "-o maddr show dev v0" "-j maddr show dev v0" \
		"maddr show dev nosuch" "m" "maddress list" "maddr lst"; do
		# shellcheck disable=SC2086
		same_as_ip $o
	done
	run vn maddress show dev v0
	assert_line $'\tlink  33:33:00:00:00:09 static'
	assert_line $'\tinet  224.0.0.1'
}

@test "add and del join and leave a link-layer group, as ip" {
	local before
	before=$(kgroups)
	run vip maddr add 01:00:5e:01:02:03 dev v0
	assert_success
	assert_output ""
	assert_equal "$(kgroups)" "$(echo "$before 01005e010203/1" | tr ' ' '\n' | sort | paste -sd' ')"
	run "$REALIP" maddr show dev v0
	assert_line $'\tlink  01:00:5e:01:02:03 static'
	run vip maddr del 01:00:5e:01:02:03 dev v0
	assert_success
	assert_equal "$(kgroups)" "$before"
	run vn maddress delete 33:33:00:00:00:09 dev v0
	assert_success
	refute_output
	run kgroups
	refute_output --partial 333300000009
}

@test "refusals: ip's words and statuses, vnetctl's own, and nothing changes" {
	local before
	before=$(kgroups)
	"$REALIP" maddr del 33:33:00:00:00:09 dev v0
	run "$REALIP" maddr del 33:33:00:00:00:09 dev v0
	local want_status=$status want_output=$output
	run vip maddr del 33:33:00:00:00:09 dev v0
	assert_equal "$status" "$want_status"
	assert_equal "$output" "$want_output"
	assert_output "ioctl: No such file or directory"
	same_as_ip maddr add 01:00:5e:01:02:03 dev nosuch
	assert_output "ioctl: No such device"
	run vn maddress del 33:33:00:00:00:09 dev v0
	assert_error 1 'v0 has not joined that group'
	run vn maddress add 01:00:5e:01:02:03 dev nosuch
	assert_error 1 'nosuch'
	run vn maddress add zz dev v0
	assert_error 2 'invalid address "zz"'
	run vn maddress add 01:00:5e:01:02:03
	assert_error 2 'dev'
	"$REALIP" maddr add 33:33:00:00:00:09 dev v0
	assert_equal "$(kgroups)" "$before"
}
