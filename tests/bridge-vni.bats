#!/usr/bin/env bats
# bridge vni show|add|del: the VNIs of a vxlan device that carries several
# (external, vnifilter), with bridge(8)'s grammar and output.  Under bridge's
# name each command line is compared with iproute2's own bridge on the same
# state; the kernel's VNIs are read back through `bridge -j vni show`.  Under
# vnetctl's name the same words work, in vnetctl's messages and statuses.

load helpers

setup() {
	clean_netns
	shim_setup
}

# Every vxlan's VNIs, one JSON object a line.
vnis() { "$REALBRIDGE" -j vni show | jq -c '.[] | {ifname, vnis}'; }

# vx0 and vx1 carry VNIs (one, a remote end, a range; IPv6), vx2 none; br0 is
# no vxlan.
vni_lab() {
	ip link add name vx0 type vxlan dstport 4789 external vnifilter ||
		skip "this kernel has no vxlan vnifilter (runs in the VM suite)"
	ip link add name vx1 type vxlan dstport 4790 external vnifilter
	ip link add name vx2 type vxlan dstport 4791 external vnifilter
	ip link add name br0 type bridge
	"$REALBRIDGE" vni add dev vx0 vni 100
	"$REALBRIDGE" vni add dev vx0 vni 300 remote 10.0.0.2
	"$REALBRIDGE" vni add dev vx0 vni 400-410
	"$REALBRIDGE" vni add dev vx1 vni 5 remote 2001:db8::1
	"$REALBRIDGE" vni add dev vx1 vni 7-9 remote 10.0.0.9
}

@test "bridge vni show prints what bridge prints: text, -j, -s, dev" {
	vni_lab
	same_as_bridge vni show
	assert_line --index 0 "dev               vni              group/remote   "
	assert_line "                   300            10.0.0.2"
	same_as_bridge vni
	same_as_bridge vni lst
	same_as_bridge vni list
	same_as_bridge -j vni show
	same_as_bridge vni show dev vx1
	same_as_bridge vni show dev vx2
	assert_output "dev               vni              group/remote   "
	same_as_bridge -j vni show dev vx2
	assert_output "[]"
	same_as_bridge -s vni show dev vx0
	same_as_bridge -s -j vni show dev vx1
	same_as_bridge vni show dev nosuch
	assert_output 'Cannot find device "nosuch"'
	assert_equal "$status" 255
}

@test "bridge vni add and delete change the VNIs as bridge's do" {
	local line
	for line in "add dev vx2 vni 7" "add dev vx2 vni 20-25 remote 10.0.0.5" \
		"add dev vx2 vni 8 remote 2001:db8::5" "add dev vx0 vni 100" \
		"delete dev vx0 vni 100" "delete dev vx0 vni 400-410" "delete dev vx0 vni 999" \
		"add dev br0 vni 100" "add dev nosuch vni 100" "add dev vx2" \
		"add dev vx2 vni 7 group 10.1.1.1"; do
		vni_lab
		# shellcheck disable=SC2086
		run "$REALBRIDGE" vni $line
		local want_status=$status want_output=$output want_state
		want_state=$(vnis)
		clean_netns
		vni_lab
		# shellcheck disable=SC2086
		run vbridge vni $line
		assert_equal "$line: $status $output" "$line: $want_status $want_output"
		assert_equal "$line: $(vnis)" "$line: $want_state"
		clean_netns
	done
}

@test "vnetctl bridge vni: show, add and del in vnetctl's words" {
	vni_lab
	run vn bridge vni show vx0
	assert_success
	assert_equal "$output" "$("$REALBRIDGE" vni show dev vx0)"
	run vn -j bridge vni
	assert_success
	assert_equal "$output" "$("$REALBRIDGE" -j vni show)"
	run vn bridge vni add dev vx2 vni 20-25 remote 10.0.0.5
	assert_success
	assert_output ""
	assert_equal "$(vnis | jq -c 'select(.ifname == "vx2") | .vnis')" \
		'[{"vni":20,"vniEnd":25,"remote":"10.0.0.5"}]'
	run vn bridge vni del dev vx2 vni 20-25
	assert_success
	assert_equal "$(vnis | jq -c 'select(.ifname == "vx2")')" ""
}

@test "vnetctl bridge vni: bad input is exit 2, one line, nothing changed" {
	vni_lab
	local before
	before=$(vnis)
	run vn bridge vni add dev vx2 vni 16777216
	assert_error 2 'bridge vni: add: vni 16777216 is out of range'
	run vn bridge vni add dev vx2 vni 9-3
	assert_error 2 'bridge vni: add: invalid vni "9-3"'
	run vn bridge vni add dev vx2 vni 9 group 10.0.0.1
	assert_error 2 'bridge vni vx2: group 10.0.0.1 is no multicast address'
	run vn bridge vni add dev vx2 vni 9 group 239.1.1.1 remote 10.0.0.1
	assert_error 2 'cannot be used together$'
	run vn bridge vni add vni 9
	assert_error 2 'bridge vni: missing dev$'
	run vn bridge vni add dev vx2
	assert_error 2 'bridge vni vx2: missing vni$'
	run vn bridge vni bogus
	assert_error 2 'bridge vni: unknown keyword "bogus"'
	run vn bridge vni add dev br0 vni 9
	assert_error 1 'bridge vni br0: vxlan: The device is not a vxlan device$'
	run vn bridge vni add dev nosuch vni 9
	assert_error 1 'bridge vni nosuch: no device named "nosuch"$'
	run vn bridge vni show dev nosuch
	assert_error 1 'bridge vni nosuch: no device named "nosuch"$'
	assert_equal "$(vnis)" "$before"
}
