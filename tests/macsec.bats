#!/usr/bin/env bats
# vnetctl macsec: the MACsec device (the link kind; its keys are ip
# macsec's).  Made, shown, changed and deleted by vnetctl, checked with
# ip -j -d, and -j -d and -d under ip's name against ip's own.  Where the
# kernel lacks macsec (this host) the tests that need it skip and run in
# the VM suite.
load helpers

setup() {
	setup_fresh
	shim_setup
}

@test "macsec add makes a device on its lower device with every word, as ip -j -d shows it" {
	require_kind macsec
	lower
	run vn macsec add ms0 link l0 port 7 cipher gcm-aes-256 icvlen 12 encrypt on send_sci on \
		protect on replay on window 32 validate check encodingsa 2
	assert_success
	assert_output ""
	run ip -j -d link show dev ms0
	assert_equal "$(jq -r '.[0].linkinfo.info_data | [.cipher_suite, .icv_len, .encrypt, .inc_sci,
		.protect, .replay_protect, .window, .validation, .encoding_sa] | join(" ")' <<<"$output")" \
		"GCM-AES-256 12 true true true true 32 check 2"
	assert_equal "$(kdata ms0 sci)" "$(ipfield l0 address | tr -d :)0007"
	run vn -j -d link show dev ms0
	assert_equal "$(jq -c '.[0].linkinfo' <<<"$output")" \
		"$(ip -j -d link show dev ms0 | jq -c '.[0].linkinfo')"
	same_as_ip -j -d link show dev ms0
	same_as_ip -d link show dev ms0
}

@test "macsec add with sci and validate disabled; show reads back as add" {
	require_kind macsec
	lower
	run vn macsec add ms0 link l0 sci 0x5254001234560009 validate disabled
	assert_success
	assert_equal "$(kdata ms0 sci)" 5254001234560009
	assert_equal "$(kdata ms0 validation)" disabled
	run vn -d link show ms0
	assert_output --partial ' sci 5254001234560009 '
	assert_output --partial ' validate disabled '
}

@test "macsec add with send_sci off and end_station on sets the ES bit" {
	require_kind macsec
	lower
	run vn macsec add ms0 link l0 send_sci off end_station on
	assert_success
	assert_equal "$(kdata ms0 es)" true
	assert_equal "$(kdata ms0 inc_sci)" false
}

@test "link add type macsec, link set type macsec encrypt on changes it, macsec del deletes it" {
	require_kind macsec
	lower
	run vn link add link l0 ms0 type macsec
	assert_success
	assert_equal "$(kdata ms0 encrypt)" false
	run vn link set ms0 type macsec encrypt on
	assert_success
	assert_equal "$(kdata ms0 encrypt)" true
	run vn macsec del ms0
	assert_success
	run dev_exists ms0
	assert_failure
}

@test "macsec add with bad words fails with exit 2, one line, nothing made" {
	lower
	refuses 'window needs replay$' macsec add ms0 link l0 window 5
	refuses 'replay on needs window$' macsec add ms0 link l0 replay on
	refuses 'end_station on and scb on cannot be used together$' \
		macsec add ms0 link l0 end_station on scb on
	refuses 'send_sci on cannot be used with scb on$' macsec add ms0 link l0 send_sci on scb on
	refuses 'port and sci cannot be used together$' macsec add ms0 link l0 port 2 sci 1
	refuses 'invalid sci "123456789abcdef01"' macsec add ms0 link l0 sci 123456789abcdef01
	refuses 'icvlen 17 is out of range \(8..16\)$' macsec add ms0 link l0 icvlen 17
	refuses 'port 0 is out of range' macsec add ms0 link l0 port 0
	refuses 'invalid cipher "aes"' macsec add ms0 link l0 cipher aes
	refuses 'invalid validate "loose"' macsec add ms0 link l0 validate loose
	refuses 'encodingsa 4 is out of range' macsec add ms0 link l0 encodingsa 4
	refuses 'invalid encrypt "yes"' macsec add ms0 link l0 encrypt yes
}

@test "dry-run macsec add prints each attribute, the SCI and cipher in network order" {
	lower
	run vn -N macsec add ms0 link l0 sci 0102030405060708 cipher gcm-aes-xpn-128 offload off \
		replay off window 0 scb on
	assert_success
	assert_line '      IFLA_MACSEC_SCI (8 bytes) 01 02 03 04 05 06 07 08'
	assert_line '      IFLA_MACSEC_CIPHER_SUITE (8 bytes) 03 00 00 01 00 c2 80 00'
	assert_line '      IFLA_MACSEC_OFFLOAD 0'
	assert_line '      IFLA_MACSEC_SCB 1'
	assert_line '      IFLA_MACSEC_WINDOW 0'
	assert_line '      IFLA_MACSEC_REPLAY_PROTECT 0'
	assert_equal "$(made)" ""
}
