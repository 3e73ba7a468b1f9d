#!/usr/bin/env bats
# vnetctl macsec add|set|del DEV tx|rx ...: a macsec device's secure
# channels and associations, over the macsec generic netlink family, and
# macsec show, checked with ip -j macsec show and against ip's own text.
# Keys come from files only and are never printed.  Where the kernel lacks
# macsec (this host) the tests that need it skip and run in the VM suite.
load helpers

setup() {
	setup_fresh
	shim_setup
	K16=$BATS_TEST_TMPDIR/k16
	K32=$BATS_TEST_TMPDIR/k32
	K2=$BATS_TEST_TMPDIR/k2
	printf '00112233445566778899aabbccddeeff\n' >"$K16"
	printf '%s\n' 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f >"$K32"
	printf 'ffeeddccbbaa99887766554433221100' >"$K2"
	chmod 600 "$K16" "$K32" "$K2"
}

# ms0 on l0, made by ip (the second witness makes the device too).
msdev() {
	lower
	ip link add link l0 name ms0 type macsec port 7 "$@"
}
# A field of ip -j macsec show ms0's object (a jq path after .[0]).
msfield() { ip -j macsec show ms0 | jq -c ".[0].$1"; }
PEER=52:54:00:98:76:54
PEER_SCI=0x52540098765404d2

# What ip macsec shows (nothing where the kernel lacks macsec).
mssnap() { ip -j macsec show 2>/dev/null || true; }
# A command vnetctl must refuse with exit 2 and one line, the keys ip
# shows left as they were.
refuses_sa() { # REGEX ARGS...
	local re=$1 before
	shift
	before=$(mssnap)
	run vn "$@"
	assert_error 2 "$re"
	assert_equal "$(mssnap)" "$before"
}

@test "macsec add|set|del DEV tx sa: the transmit association as ip -j macsec show has it" {
	require_kind macsec
	msdev
	run vn macsec add ms0 tx sa 0 pn 5 on key 01 "$K16"
	assert_success
	assert_output ""
	assert_equal "$(msfield 'sa_list | map([.an, .pn, .active, .key])')" \
		'[[0,5,true,"01000000000000000000000000000000"]]'
	run vn macsec set ms0 tx sa 0 pn 9 off
	assert_success
	assert_equal "$(msfield 'sa_list[0] | [.pn, .active]')" '[9,false]'
	run vn macsec set ms0 tx sa 0 on
	assert_success
	assert_equal "$(msfield 'sa_list[0] | [.pn, .active]')" '[9,true]'
	# the kernel keeps an association in use
	run vn macsec del ms0 tx sa 0
	assert_error 1 "ms0's tx sa 0 is on: set it off first$"
	run vn macsec set ms0 tx sa 0 off
	assert_success
	run vn macsec del ms0 tx sa 0
	assert_success
	assert_equal "$(msfield sa_list)" '[]'
	# the device itself is still there
	run dev_exists ms0
	assert_success
}

@test "macsec add|set|del DEV rx: a peer's channel by port and address, or by sci" {
	require_kind macsec
	msdev
	run vn macsec add ms0 rx port 1234 address $PEER
	assert_success
	assert_equal "$(msfield 'rx_sc | map([.sci, .active])')" "[[\"$PEER_SCI\",true]]"
	run vn macsec set ms0 rx sci $PEER_SCI off
	assert_success
	assert_equal "$(msfield 'rx_sc[0].active')" false
	run vn macsec add ms0 rx sci 0102030405060708 off
	assert_success
	assert_equal "$(msfield 'rx_sc | map(.sci) | sort')" "[\"0x102030405060708\",\"$PEER_SCI\"]"
	run vn macsec del ms0 rx port 1234 address $PEER
	assert_success
	assert_equal "$(msfield 'rx_sc | map(.sci)')" '["0x102030405060708"]'
}

@test "macsec add|set|del DEV rx ... sa: a peer's association, a 32-byte key for gcm-aes-256" {
	require_kind macsec
	msdev cipher gcm-aes-256
	run vn macsec add ms0 rx port 1234 address $PEER
	assert_success
	run vn macsec add ms0 rx port 1234 address $PEER sa 2 pn 1 on key 0a0b "$K32"
	assert_success
	assert_equal "$(msfield 'rx_sc[0].sa_list | map([.an, .pn, .active, .key])')" \
		'[[2,1,true,"0a0b0000000000000000000000000000"]]'
	run vn macsec set ms0 rx sci $PEER_SCI sa 2 pn 7 off
	assert_success
	assert_equal "$(msfield 'rx_sc[0].sa_list[0] | [.pn, .active]')" '[7,false]'
	run vn macsec del ms0 rx sci $PEER_SCI sa 2
	assert_success
	assert_equal "$(msfield 'rx_sc[0].sa_list')" '[]'
	assert_equal "$(msfield 'rx_sc | length')" 1
}

@test "macsec show prints what ip macsec show prints, text and -j, the same state" {
	require_kind macsec
	msdev encrypt on
	ip link add link l1 name ms1 type macsec sci 0a0b0c0d0e0f0001 replay on window 16
	run vn macsec add ms0 tx sa 0 pn 5 on key 01 "$K16"
	assert_success
	run vn macsec add ms0 tx sa 3 pn 2 key ab "$K2"
	assert_success
	run vn macsec add ms0 rx port 1234 address $PEER
	assert_success
	run vn macsec add ms0 rx port 1234 address $PEER sa 1 pn 3 on key 02 "$K16"
	assert_success
	same_as_ip macsec show
	same_as_ip macsec show ms0
	same_as_ip macsec show ms1
	same_as_ip -j macsec show
	same_as_ip -j -p macsec show ms0
	# under vnetctl's name, without ip's sc and sa (read from encodingsa)
	run vn macsec show
	assert_success
	assert_equal "$output" "$(ip macsec show | sed 's/ sc o[nf]* sa o[nf]* / /')"
	assert_output --partial '        0: PN 5, state on, key 01000000000000000000000000000000'
	run vn -j macsec show ms0
	assert_equal "$output" "$(ip -j macsec show ms0 | jq -c 'map(del(.sc, .sa))')"
	# no key's bytes anywhere
	refute_output --partial 00112233
}

@test "macsec show of no macsec device: nothing; of a device of another kind: exit 1" {
	require_kind macsec
	lower
	run vn macsec show
	assert_success
	assert_output ""
	run vn -j macsec show
	assert_success
	assert_output "[]"
	run vn macsec show l0
	assert_error 1 "l0 is not a macsec device$"
	run vn macsec show nosuch
	assert_error 1 'no device named "nosuch"'
	# under ip's name, ip's answers: nothing for another kind's device
	same_as_ip macsec show l0
	same_as_ip macsec show nosuch
}

@test "macsec tx|rx words refused before anything is read or sent: exit 2, one line" {
	lower
	# on a device that is none: the words are read before it is looked up
	refuses_sa 'tx: sa 4 is out of range \(0..3\)$' macsec add l0 tx sa 4 pn 1 key 01 "$K16"
	refuses_sa 'tx: pn 0 is out of range' macsec add l0 tx sa 0 pn 0 key 01 "$K16"
	refuses_sa 'missing key \(an association is made with its key\)$' macsec add l0 tx sa 0 pn 1
	refuses_sa 'missing pn ' macsec add l0 tx sa 0 key 01 "$K16"
	refuses_sa 'tx: missing sa$' macsec add l0 tx pn 1 key 01 "$K16"
	refuses_sa 'tx: invalid key id "0g"' macsec add l0 tx sa 0 pn 1 key 0g "$K16"
	refuses_sa 'tx: invalid key id "0102030405060708090a0b0c0d0e0f1011"' \
		macsec add l0 tx sa 0 pn 1 key 0102030405060708090a0b0c0d0e0f1011 "$K16"
	refuses_sa 'tx: key needs two values' macsec add l0 tx sa 0 pn 1 key 01
	refuses_sa 'key cannot be changed' macsec set l0 tx sa 0 key 01 "$K16"
	refuses_sa 'nothing to change: give pn or on\|off$' macsec set l0 tx sa 0
	refuses_sa 'pn is for add and set, not del$' macsec del l0 tx sa 0 pn 3
	refuses_sa 'port needs address$' macsec add l0 rx port 5
	refuses_sa 'address needs port$' macsec add l0 rx address $PEER
	refuses_sa 'missing the peer.s channel' macsec add l0 rx on
	refuses_sa 'rx: port and sci cannot be used together' macsec add l0 rx sci 1 port 2
	refuses_sa 'pn needs sa' macsec add l0 rx sci 1 pn 4
	refuses_sa 'link cannot be used with tx$' macsec add l0 link l1 tx sa 0 pn 1 key 01 "$K16"
	refuses_sa 'encrypt cannot be used with rx$' macsec add l0 encrypt on rx sci 1
	refuses_sa 'tx needs a value' macsec set l0 tx
	refuses_sa 'nothing to change: give tx$' macsec set l0
	assert_equal "$(made)" ""
}

@test "macsec key files: missing, unreadable, no key, a key typed: exit 2, the key never said" {
	lower
	printf 'not a key\n' >"$BATS_TEST_TMPDIR/bad"
	chmod 600 "$BATS_TEST_TMPDIR/bad"
	refuses_sa "key $BATS_TEST_TMPDIR/nosuch: No such file or directory$" \
		macsec add l0 tx sa 0 pn 1 key 01 "$BATS_TEST_TMPDIR/nosuch"
	refuses_sa "key $BATS_TEST_TMPDIR/bad: not a key \(expected 16 or 32 bytes in hexadecimal\)$" \
		macsec add l0 tx sa 0 pn 1 key 01 "$BATS_TEST_TMPDIR/bad"
	refuses_sa "key $BATS_TEST_TMPDIR: a directory, not a regular file$" \
		macsec add l0 tx sa 0 pn 1 key 01 "$BATS_TEST_TMPDIR"
	refuses_sa 'key takes the name of a file that holds the key, never the key itself$' \
		macsec add l0 tx sa 0 pn 1 key 01 00112233445566778899aabbccddeeff
	refute_output --partial 0011223344
	printf '00112233445566778899aabbccddee\n' >"$BATS_TEST_TMPDIR/short"
	chmod 600 "$BATS_TEST_TMPDIR/short"
	refuses_sa 'not a key' macsec add l0 tx sa 0 pn 1 key 01 "$BATS_TEST_TMPDIR/short"
	refute_output --partial 00112233
}

@test "macsec key of the wrong length for the cipher suite, on a device that is none: refused" {
	require_kind macsec
	msdev
	run vn macsec add ms0 rx sci 1
	assert_success
	refuses_sa 'key: the key is 32 bytes, ms0.s cipher suite takes 16$' \
		macsec add ms0 tx sa 0 pn 1 on key 01 "$K32"
	refuses_sa 'key: the key is 32 bytes' macsec add ms0 rx sci 1 sa 0 pn 1 key 01 "$K32"
	run vn macsec add l0 tx sa 0 pn 1 key 01 "$K16"
	assert_error 1 'l0 is not a macsec device$'
	run vn macsec add nosuch tx sa 0 pn 1 key 01 "$K16"
	assert_error 1 'no device named "nosuch"'
}

@test "macsec: an association or channel the device has not, or has already: exit 1, said" {
	require_kind macsec
	msdev
	run vn macsec del ms0 tx sa 3
	assert_error 1 'ms0 has no tx sa 3$'
	run vn macsec add ms0 tx sa 1 pn 1 key 01 "$K16"
	assert_success
	run vn macsec add ms0 tx sa 1 pn 1 key 01 "$K16"
	assert_error 1 'ms0 has tx sa 1 already$'
	run vn macsec set ms0 rx sci 5 on
	assert_error 1 'ms0 has no rx channel 0000000000000005$'
	run vn macsec add ms0 rx sci 5 sa 0 pn 1 key 01 "$K16"
	assert_error 1 'ms0 has no rx sa 0 on channel 0000000000000005$'
}

@test "dry-run macsec add tx sa decodes the request; the key is its length, never its bytes" {
	require_kind macsec
	msdev
	run vn -N macsec add ms0 tx sa 1 pn 3 on key 0a0b "$K16"
	assert_success
	assert_output --partial MACSEC_CMD_ADD_TXSA
	assert_line --regexp '^ +MACSEC_ATTR_IFINDEX [0-9]+$'
	assert_line --regexp '^ +MACSEC_SA_ATTR_AN 1$'
	assert_line --regexp '^ +MACSEC_SA_ATTR_PN 3$'
	assert_line --regexp '^ +MACSEC_SA_ATTR_ACTIVE 1$'
	assert_line --regexp '^ +MACSEC_SA_ATTR_KEYID \(16 bytes\) 0a 0b 00 00 00 00 00 00 00 00 00 00 00 00 00 00$'
	assert_line --regexp '^ +MACSEC_SA_ATTR_KEY \(16 bytes, hidden\)$'
	refute_output --partial '00 11 22'
	refute_output --partial 0011
	assert_equal "$(msfield sa_list)" '[]'
	run vn -N macsec add ms0 rx sci 0102030405060708 sa 0 pn 1 key 01 "$K16"
	assert_success
	assert_output --partial MACSEC_CMD_ADD_RXSA
	assert_line --regexp '^ +MACSEC_RXSC_ATTR_SCI \(8 bytes\) 01 02 03 04 05 06 07 08$'
	run vn -N macsec del ms0 rx sci 0102030405060708
	assert_success
	assert_output --partial MACSEC_CMD_DEL_RXSC
	assert_equal "$(msfield rx_sc)" '[]'
}

@test "ip macsec under ip's name is vnetctl's: add, show and del as ip reads them" {
	require_kind macsec
	msdev
	run vip macsec add ms0 tx sa 0 pn 1 on key 01 "$K16"
	assert_success
	run vip macsec add ms0 rx port 1234 address $PEER
	assert_success
	same_as_ip macsec show ms0
	same_as_ip mac sh ms0
	run vip macsec del ms0 rx port 1234 address $PEER
	assert_success
	assert_equal "$(msfield rx_sc)" '[]'
}

@test "macsec show where the kernel lacks macsec: one line, exit 1, in dry run too (no wait)" {
	kernel_knows_kind macsec && skip "the kernel has macsec"
	run timeout 10 "$VNETCTL" macsec show
	assert_error 1 'the kernel has no macsec support \(load the module: modprobe macsec\)$'
	run timeout 10 "$VNETCTL" -N macsec show
	assert_error 1 'the kernel has no macsec support \(load the module: modprobe macsec\)$'
}
