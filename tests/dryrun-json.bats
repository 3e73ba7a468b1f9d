#!/usr/bin/env bats
# -j -N: the dry run as JSON, one object per request (type, flags, header,
# attributes by the kernel's names) or per step that is no request, one per
# line (-p: indented); nothing is sent.

load helpers

@test "-j -N prints a request as one JSON object by the kernel's names, and sends nothing" {
	run vn -j -N link add br0 type bridge stp_state 1
	assert_success
	assert_equal "${#lines[@]}" 1
	assert_equal "$(jq -c '[.type, .flags]' <<<"$output")" '["RTM_NEWLINK",["REQUEST","ACK","CREATE","EXCL"]]'
	assert_equal "$(jq -c '.header' <<<"$output")" \
		'{"struct":"ifinfomsg","family":"unspec","index":0,"flags":0,"change":0}'
	assert_equal "$(jq -c '.attributes[] | select(.type == "IFLA_IFNAME") | .value' <<<"$output")" '"br0"'
	assert_equal "$(jq -c '.attributes[] | select(.type == "IFLA_LINKINFO") | .attributes' <<<"$output")" \
		'[{"type":"IFLA_INFO_KIND","value":"bridge"},{"type":"IFLA_INFO_DATA","attributes":[{"type":"IFLA_BR_STP_STATE","value":1}]}]'
	refute dev_exists br0
}

@test "-j -N of a veth gives the peer as a link inside the link, with its header" {
	ip netns add n0
	run vn -j -N veth add a0 mtu 1400 peer b0 netns n0
	assert_success
	local peer
	peer=$(jq -c '.. | objects | select(.type? == "VETH_INFO_PEER")' <<<"$output")
	assert_equal "$(jq -c '.header.struct' <<<"$peer")" '"ifinfomsg"'
	assert_equal "$(jq -c '[.attributes[] | select(.type == "IFLA_IFNAME") | .value]' <<<"$peer")" '["b0"]'
	assert_equal "$(jq -c '[.attributes[] | select(.type == "IFLA_MTU") | .value]' <<<"$output")" '[1400]'
	refute dev_exists a0
}

@test "-j -N of a batch: one object per line per request, each valid JSON" {
	printf 'link add br0 type bridge\nlink add br1 type bridge\naddr add 10.0.0.1/24 dev lo\n' |
		vn -j -N -b - >"$BATS_TEST_TMPDIR/out"
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/out")" 3
	assert_equal "$(jq -c -s 'map(.type)' "$BATS_TEST_TMPDIR/out")" '["RTM_NEWLINK","RTM_NEWLINK","RTM_NEWADDR"]'
	assert_equal "$(jq -c -s '.[2].header | [.struct, .family, .prefixlen]' "$BATS_TEST_TMPDIR/out")" '["ifaddrmsg","inet",24]'
	assert_equal "$(jq -c -s '[.[2].attributes[] | select(.type == "IFA_LOCAL") | .value]' "$BATS_TEST_TMPDIR/out")" '["10.0.0.1"]'
	refute dev_exists br0
	assert_equal "$(ip -j addr show dev lo | jq '[.[0].addr_info[] | select(.local == "10.0.0.1")] | length')" 0
}

@test "-j -p -N indents each object; -j -N of steps that are no request gives each as a step" {
	run vn -j -p -N link add br0 type bridge
	assert_success
	assert [ "${#lines[@]}" -gt 5 ]
	assert_equal "$(jq -s -c 'map(.type)' <<<"$output")" '["RTM_NEWLINK"]'
	run vn -j -N tuntap add tap0 mode tap
	assert_success
	assert_equal "$(jq -s -c 'map(.step)' <<<"$output")" \
		'["open /dev/net/tun","ioctl TUNSETIFF name tap0 flags TAP|NO_PI|TUN_EXCL","ioctl TUNSETPERSIST 1","close"]'
	refute dev_exists tap0
}

@test "-j -N of bytes, and of a name that is no UTF-8, is still valid JSON" {
	run vn -j -N link add $'a\xffb' type bridge
	assert_success
	assert_equal "$(jq -r '.attributes[] | select(.type == "IFLA_IFNAME") | .value' <<<"$output")" 'a\xffb'
	run vn -j -N link set lo address 02:00:00:00:00:01
	assert_success
	assert_equal "$(jq -c '[.attributes[] | select(.type == "IFLA_ADDRESS") | .value]' <<<"$output")" '["02:00:00:00:00:01"]'
}

@test "-N without -j still prints the text form" {
	run vn -N link add br0 type bridge
	assert_success
	assert_line 'RTM_NEWLINK flags REQUEST|ACK|CREATE|EXCL'
	assert_line '  ifinfomsg family unspec index 0 flags 0x0 change 0x0'
	assert_line '  IFLA_IFNAME "br0"'
}
