#!/usr/bin/env bats
# vnetctl addr: add, del, show and flush of IPv4 and IPv6 addresses.  The
# kernel's view is checked through iproute2 (`ip -j addr`), never only
# through vnetctl's own output.
load helpers

# Every test gets a veth pair va/vb, both up.  (iproute2 6.1 takes a bare "a" in
# `ip link del a` for "address", hence names that abbreviate no keyword.)
setup() {
	clean_netns
	pair_up
}

# The kernel's addresses on a device, one "local/prefixlen" a line, sorted.
kaddrs() { ip -j addr show dev "$1" | jq -r '.[0].addr_info[] | "\(.local)/\(.prefixlen)"' | sort; }
# One field of the kernel's address $2 on device $1.
kfield() {
	ip -j addr show dev "$1" | jq -r --arg a "$2" ".[0].addr_info[] | select(.local == \$a) | .$3"
}
# The kernel's global (not link-local) addresses on a device, counted.
nglobal() { ip -j addr show dev "$1" | jq '[.[0].addr_info[] | select(.scope != "link")] | length'; }
# Proof that nothing changed: the device's addresses are still exactly $2.
assert_kaddrs() { assert_equal "$(kaddrs "$1" | grep -v '^fe80:' | paste -sd' ')" "$2"; }

# ---- add --------------------------------------------------------------------

@test "add puts an IPv4 address with its prefix length on the device" {
	run vn addr add 10.0.0.1/24 dev va
	assert_success
	assert_output ''
	assert_kaddrs va "10.0.0.1/24"
	assert_equal "$(kfield va 10.0.0.1 scope)" global
}

@test "add puts an IPv6 address on the device" {
	run vn addr add 2001:db8::1/64 dev va
	assert_success
	assert_equal "$(kfield va 2001:db8::1 prefixlen)" 64
}

@test "add without a prefix length adds a host address" {
	vn addr add 10.0.0.1 dev va
	vn addr add 2001:db8::1 dev va
	assert_kaddrs va "10.0.0.1/32 2001:db8::1/128"
}

@test "add with peer makes a point-to-point address with the peer's prefix length" {
	run vn addr add 10.0.0.1 peer 10.0.0.2/32 dev va
	assert_success
	assert_equal "$(kfield va 10.0.0.1 address)" 10.0.0.2
	assert_equal "$(kfield va 10.0.0.1 prefixlen)" 32
}

@test "add with an IPv6 peer makes a point-to-point IPv6 address" {
	run vn addr add 2001:db8::1 peer 2001:db8::2/128 dev va
	assert_success
	assert_equal "$(kfield va 2001:db8::1 address)" 2001:db8::2
}

@test "add with broadcast sets the broadcast address" {
	run vn addr add 10.0.0.1/24 dev va broadcast 10.0.0.255
	assert_success
	assert_equal "$(kfield va 10.0.0.1 broadcast)" 10.0.0.255
}

@test "add takes iproute2's brd spelling of broadcast" {
	run vn addr add 10.0.0.1/24 dev va brd 10.0.0.255
	assert_success
	assert_equal "$(kfield va 10.0.0.1 broadcast)" 10.0.0.255
}

@test "add takes the address after the optional local keyword" {
	run vn addr add local 10.0.0.1/24 dev va
	assert_success
	assert_kaddrs va "10.0.0.1/24"
}

@test "add accepts unique prefixes of its keywords" {
	run vn addr a 10.0.0.1/24 d va b 10.0.0.255
	assert_success
	assert_equal "$(kfield va 10.0.0.1 broadcast)" 10.0.0.255
}

@test "add of an address the device has already fails with exit 1" {
	vn addr add 10.0.0.1/24 dev va
	run vn addr add 10.0.0.1/24 dev va
	assert_error 1 'addr add 10.0.0.1/24: .*already'
	assert_kaddrs va "10.0.0.1/24"
}

@test "add to a missing device fails with exit 1" {
	run vn addr add 10.0.0.1/24 dev nosuch
	assert_error 1 'addr add 10.0.0.1/24: no device named "nosuch"'
}

# ---- bad input: exit 2, one line, nothing changed ----------------------------

@test "a malformed address is a usage error" {
	run vn addr add 10.0.0.300/24 dev va
	assert_error 2 'invalid prefix "10.0.0.300/24"'
	assert_kaddrs va ""
}

@test "an IPv4 prefix length over 32 is a usage error" {
	run vn addr add 10.0.0.1/33 dev va
	assert_error 2 'invalid prefix "10.0.0.1/33"'
	assert_kaddrs va ""
}

@test "an IPv6 prefix length over 128 is a usage error" {
	run vn addr add 2001:db8::1/129 dev va
	assert_error 2 'invalid prefix "2001:db8::1/129"'
	assert_kaddrs va ""
}

@test "an unknown keyword is a usage error" {
	run vn addr add 10.0.0.1/24 dev va nosuchword x
	assert_error 2 'unknown keyword "nosuchword"'
	assert_kaddrs va ""
}

@test "add without dev is a usage error" {
	run vn addr add 10.0.0.1/24
	assert_error 2 'addr add 10.0.0.1/24: missing dev'
}

@test "add without an address is a usage error" {
	run vn addr add dev va
	assert_error 2 'missing local'
}

@test "a peer of the other family is a usage error" {
	run vn addr add 10.0.0.1 peer 2001:db8::2 dev va
	assert_error 2 'peer 2001:db8::2 is inet6 but the address is inet'
	assert_kaddrs va ""
}

@test "a broadcast address of the other family is a usage error" {
	run vn addr add 10.0.0.1/24 dev va broadcast 2001:db8::ff
	assert_error 2 'broadcast 2001:db8::ff is inet6 but the address is inet'
	assert_kaddrs va ""
}

@test "broadcast on an IPv6 address is a usage error" {
	run vn addr add 2001:db8::1/64 dev va broadcast 2001:db8::ff
	assert_error 2 'broadcast is IPv4 only'
	assert_kaddrs va ""
}

@test "a prefix length on both the address and the peer is a usage error" {
	run vn addr add 10.0.0.1/24 peer 10.0.0.2/32 dev va
	assert_error 2 'the prefix length goes on the peer'
	assert_kaddrs va ""
}

@test "an IPv4 address under -6 is a usage error" {
	run vn -6 addr add 10.0.0.1/24 dev va
	assert_error 2 'invalid prefix "10.0.0.1/24"'
	assert_kaddrs va ""
}

@test "an invalid device name is a usage error" {
	run vn addr add 10.0.0.1/24 dev a/b
	assert_error 2 'invalid .*"a/b"'
}

# ---- del --------------------------------------------------------------------

@test "del removes an IPv4 address given with its prefix length" {
	vn addr add 10.0.0.1/24 dev va
	vn addr add 10.0.1.1/24 dev va
	run vn addr del 10.0.0.1/24 dev va
	assert_success
	assert_kaddrs va "10.0.1.1/24"
}

@test "del of an IPv4 address without a prefix length matches any length" {
	vn addr add 10.0.0.1/24 dev va
	run vn addr del 10.0.0.1 dev va
	assert_success
	assert_kaddrs va ""
}

@test "del removes an IPv6 address given with its prefix length" {
	vn addr add 2001:db8::1/64 dev va
	run vn addr delete 2001:db8::1/64 dev va
	assert_success
	assert_kaddrs va ""
}

@test "del of an IPv6 address without a prefix length finds the length itself" {
	vn addr add 2001:db8::1/56 dev va
	vn addr add 2001:db8::2/64 dev va
	run vn addr del 2001:db8::1 dev va
	assert_success
	assert_kaddrs va "2001:db8::2/64"
}

@test "del of a point-to-point address names it by its peer" {
	vn addr add 10.0.0.1 peer 10.0.0.2/32 dev va
	run vn addr del 10.0.0.1 peer 10.0.0.2/32 dev va
	assert_success
	assert_kaddrs va ""
}

@test "del takes an add line's broadcast too, so the line undoes by its verb" {
	vn addr add 10.0.0.1/24 dev va broadcast 10.0.0.255
	run vn addr del 10.0.0.1/24 dev va broadcast 10.0.0.255
	assert_success
	assert_kaddrs va ""
}

@test "del of an absent IPv4 address fails with exit 1" {
	vn addr add 10.0.0.1/24 dev va
	run vn addr del 10.0.0.9/24 dev va
	assert_error 1 'addr del 10.0.0.9/24: '
	assert_kaddrs va "10.0.0.1/24"
}

@test "del of an absent IPv6 address without a length fails with exit 1" {
	run vn addr del 2001:db8::9 dev va
	assert_error 1 'addr del 2001:db8::9: va has no such address'
}

@test "del with the wrong prefix length leaves the address alone" {
	vn addr add 10.0.0.1/24 dev va
	run vn addr del 10.0.0.1/16 dev va
	assert_error 1 'addr del 10.0.0.1/16: '
	assert_kaddrs va "10.0.0.1/24"
}

# ---- show -------------------------------------------------------------------

@test "show prints each address as ip does, with its lifetimes" {
	vn addr add 10.0.0.1/24 dev va broadcast 10.0.0.255
	vn addr add 2001:db8::1/64 dev va
	run vn addr show dev va
	assert_success
	assert_line --index 0 --regexp '^[0-9]+: va@vb: <.*UP.*> mtu 1500 '
	assert_line '    inet 10.0.0.1/24 brd 10.0.0.255 scope global va'
	assert_line --regexp '^    inet6 2001:db8::1/64 scope global'
	assert_line '       valid_lft forever preferred_lft forever'
}

@test "show prints a peer as ip does" {
	vn addr add 10.0.0.1 peer 10.0.0.2/32 dev va
	run vn addr show va
	assert_success
	assert_line '    inet 10.0.0.1 peer 10.0.0.2/32 scope global va'
}

@test "show without a device lists every device, and show is the default verb" {
	vn addr add 10.0.0.1/24 dev va
	run vn addr
	assert_success
	assert_line --regexp '^1: lo: '
	assert_line '    inet 127.0.0.1/8 scope host lo'
	assert_line --regexp '^[0-9]+: vb@va: '
	assert_line '    inet 10.0.0.1/24 scope global va'
}

@test "show dev lists only that device" {
	vn addr add 10.0.0.1/24 dev va
	run vn addr show dev vb
	assert_success
	assert_line --index 0 --regexp '^[0-9]+: vb@va: '
	refute_output --partial '10.0.0.1'
	refute_output --partial 'lo:'
}

@test "show of a missing device fails with exit 1 and prints nothing else" {
	run vn -j addr show dev nosuch
	assert_error 1 'no device named "nosuch"'
}

@test "show -4 lists only IPv4 addresses and only devices that have one" {
	vn addr add 10.0.0.1/24 dev va
	vn addr add 2001:db8::1/64 dev va
	run vn -4 addr show
	assert_success
	assert_line '    inet 10.0.0.1/24 scope global va'
	refute_output --partial 'inet6'
	refute_output --regexp 'vb@va'
}

@test "show -6 lists only IPv6 addresses" {
	vn addr add 10.0.0.1/24 dev va
	vn addr add 2001:db8::1/64 dev va
	run vn -6 addr show dev va
	assert_success
	assert_line --regexp '^    inet6 2001:db8::1/64 '
	refute_output --partial 'inet 10.0.0.1'
}

@test "show -br prints one line a device: name, state, addresses" {
	vn addr add 10.0.0.1/24 dev va
	vn addr add 2001:db8::1/64 dev va
	run vn -br addr show dev va
	assert_success
	assert_equal "${#lines[@]}" 1
	assert_output --regexp '^va@vb +UP +10\.0\.0\.1/24 2001:db8::1/64'
}

@test "show -br prints a peer after its address, as ip -br does" {
	vn addr add 10.0.0.1 peer 10.0.0.2/32 dev va
	run vn -br addr show va
	assert_success
	assert_output --regexp '^va@vb +UP +10\.0\.0\.1 peer 10\.0\.0\.2/32'
}

@test "show -j gives iproute2's addr_info keys" {
	vn addr add 10.0.0.1/24 dev va broadcast 10.0.0.255
	run vn -j addr show dev va
	assert_success
	local ai
	ai=$(echo "$output" | jq -c '.[0].addr_info[] | select(.family == "inet")')
	assert_equal "$(echo "$output" | jq -r '.[0].ifname')" va
	assert_equal "$(echo "$ai" | jq -r .local)" 10.0.0.1
	assert_equal "$(echo "$ai" | jq -r .prefixlen)" 24
	assert_equal "$(echo "$ai" | jq -r .broadcast)" 10.0.0.255
	assert_equal "$(echo "$ai" | jq -r .scope)" global
	assert_equal "$(echo "$ai" | jq -r .label)" va
	assert_equal "$(echo "$ai" | jq -r .valid_life_time)" 4294967295
	assert_equal "$(echo "$ai" | jq -r .preferred_life_time)" 4294967295
}

@test "show -j names a peer as address, as iproute2 does" {
	vn addr add 10.0.0.1 peer 10.0.0.2/32 dev va
	run vn -j addr show dev va
	assert_success
	assert_equal "$(echo "$output" | jq -r '.[0].addr_info[0].address')" 10.0.0.2
}

@test "show -j agrees with ip -j on every address" {
	vn addr add 10.0.0.1/24 dev va
	vn addr add 10.0.0.2/24 dev va
	vn addr add 2001:db8::1/64 dev va
	local mine theirs
	mine=$(vn -j addr show dev va | jq -c '[.[0].addr_info[] | {family, local, prefixlen, scope}] | sort')
	theirs=$(ip -j addr show dev va | jq -c '[.[0].addr_info[] | {family, local, prefixlen, scope}] | sort')
	assert_equal "$mine" "$theirs"
}

@test "show -j -br gives name, state and addresses" {
	vn addr add 10.0.0.1/24 dev va
	run vn -j -br addr show dev va
	assert_success
	assert_equal "$(echo "$output" | jq -r '.[0].ifname')" va
	assert_equal "$(echo "$output" | jq -r '.[0].operstate')" UP
	assert_equal "$(echo "$output" | jq -r '.[0].addr_info[0].local')" 10.0.0.1
}

@test "show in a batch with --force lists the addresses the lines before it added" {
	printf '%s\n' "addr add 10.0.0.1/24 dev va" "addr show" >"$BATS_TEST_TMPDIR/batch"
	run vn --force -b "$BATS_TEST_TMPDIR/batch"
	assert_success
	assert_line '    inet 10.0.0.1/24 scope global va'
}

@test "show marks a secondary address" {
	vn addr add 10.0.0.1/24 dev va
	vn addr add 10.0.0.2/24 dev va
	run vn addr show dev va
	assert_line '    inet 10.0.0.2/24 scope global secondary va'
}

# ---- flush ------------------------------------------------------------------

@test "flush removes every IPv4 and IPv6 address of the device" {
	local i
	for i in $(seq 1 40); do
		echo "addr add 10.1.0.$i/16 dev va"
		echo "addr add 10.2.$i.1/24 dev va"
		echo "addr add 2001:db8::$i/64 dev va"
	done >"$BATS_TEST_TMPDIR/batch"
	vn -b "$BATS_TEST_TMPDIR/batch"
	assert_equal "$(nglobal va)" 120
	run vn addr flush dev va
	assert_success
	assert_equal "$(ip -j addr show dev va | jq '.[0].addr_info | length')" 0
}

@test "flush in a batch with --force removes the addresses the lines before it added" {
	printf '%s\n' "addr add 10.0.0.1/24 dev va" "addr add 2001:db8::1/64 dev va" \
		"addr flush dev va" "addr add 10.0.0.9/24 dev va" >"$BATS_TEST_TMPDIR/batch"
	run vn --force -b "$BATS_TEST_TMPDIR/batch"
	assert_success
	assert_kaddrs va "10.0.0.9/24"
}

@test "flush leaves the other devices' addresses alone" {
	vn addr add 10.0.0.1/24 dev va
	vn addr add 10.0.1.1/24 dev vb
	run vn addr flush va
	assert_success
	assert_kaddrs va ""
	assert_kaddrs vb "10.0.1.1/24"
}

@test "flush -4 removes only the IPv4 addresses" {
	vn addr add 10.0.0.1/24 dev va
	vn addr add 2001:db8::1/64 dev va
	run vn -4 addr flush dev va
	assert_success
	assert_kaddrs va "2001:db8::1/64"
}

@test "flush of a device without addresses succeeds" {
	ip link set dev va down
	ip addr flush dev va
	run vn addr flush dev va
	assert_success
	assert_output ''
}

@test "flush without a selector is a usage error and flushes nothing" {
	vn addr add 10.0.0.1/24 dev va
	run vn addr flush
	assert_error 2 'addr flush: flush needs a selector'
	assert_kaddrs va "10.0.0.1/24"
}

@test "flush of a missing device fails with exit 1" {
	run vn addr flush dev nosuch
	assert_error 1 'no device named "nosuch"'
}

# ---- dry run ----------------------------------------------------------------

@test "dry-run add prints the decoded request and changes nothing" {
	run vn -N addr add 10.0.0.1/24 dev va broadcast 10.0.0.255
	assert_success
	assert_output --partial 'RTM_NEWADDR'
	assert_output --partial 'IFA_LOCAL 10.0.0.1'
	assert_output --partial 'IFA_BROADCAST 10.0.0.255'
	assert_kaddrs va ""
}

@test "dry-run del prints the decoded request and removes nothing" {
	vn addr add 10.0.0.1/24 dev va
	run vn -N addr del 10.0.0.1/24 dev va
	assert_success
	assert_output --partial 'RTM_DELADDR'
	assert_kaddrs va "10.0.0.1/24"
}

@test "dry-run flush prints one delete per address and removes nothing" {
	vn addr add 10.0.0.1/24 dev va
	vn addr add 2001:db8::1/64 dev va
	run vn -N addr flush dev va
	assert_success
	assert_equal "$(grep -c RTM_DELADDR <<<"$output")" "$(ip -j addr show dev va | jq '.[0].addr_info | length')"
	assert_kaddrs va "10.0.0.1/24 2001:db8::1/64"
}
