#!/usr/bin/env bats
# wireguard: keys (genkey, pubkey), the device made and configured over
# generic netlink, its peers, show.  Keys and bad input run anywhere; the
# tests that need the kernel's wireguard module skip where it is missing
# and run in the VM suite, whose kernel has it.  `wg` (wireguard-tools) is
# the second witness: it reads the same state with its own code.
load helpers

# RFC 7748 section 6.1's X25519 key pairs, in hex as the RFC prints them.
ALICE_PRIV=77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a
ALICE_PUB=8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a
BOB_PRIV=5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb
BOB_PUB=de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f

# hex -> base64 (the form wg and vnetctl write keys in)
b64() { printf "$(sed 's/../\\x&/g' <<<"$1")" | base64 -w0; }
# base64 -> hex
hex() { base64 -d <<<"$1" | od -An -tx1 -v | tr -d ' \n'; }

setup() {
	setup_fresh
	keys=$BATS_TEST_TMPDIR
	# key files made as wg's man page makes them: their owner's alone (the
	# tests of looser ones chmod them)
	umask 077
}

require_wireguard() { require_kind wireguard; }

# A key file of a new private key, and its public key, through vnetctl.
newkey() { # NAME
	vn wireguard genkey >"$keys/$1.key"
	vn wireguard pubkey <"$keys/$1.key" >"$keys/$1.pub"
}

# ---- keys --------------------------------------------------------------------------

@test "genkey prints a private key: 32 bytes in base64, clamped for X25519" {
	run vn wireguard genkey
	assert_success
	assert_output --regexp '^[A-Za-z0-9+/]{43}=$'
	h=$(hex "$output")
	assert_equal "${#h}" 64
	# clamped as wg genkey clamps: low 3 bits of the first byte clear, the
	# top bit of the last clear and the next one set
	assert_equal $((0x${h:0:2} & 7)) 0
	assert_equal $((0x${h:62:2} & 0xc0)) $((0x40))
}

@test "two genkeys differ" {
	a=$(vn wireguard genkey)
	b=$(vn wireguard genkey)
	[ "$a" != "$b" ]
}

@test "pubkey gives RFC 7748's public keys for its private keys" {
	run vn wireguard pubkey <<<"$(b64 $ALICE_PRIV)"
	assert_success
	assert_output "$(b64 $ALICE_PUB)"
	run vn wireguard pubkey <<<"$(b64 $BOB_PRIV)"
	assert_success
	assert_output "$(b64 $BOB_PUB)"
}

@test "pubkey of a new key is stable and agrees with wg pubkey" {
	require_tool wg
	newkey a
	run vn wireguard pubkey <"$keys/a.key"
	assert_success
	assert_output "$(cat "$keys/a.pub")"
	assert_output "$(wg pubkey <"$keys/a.key")"
}

@test "pubkey agrees with python's cryptography where it is installed" {
	python3 -c 'import cryptography.hazmat.primitives.asymmetric.x25519' 2>/dev/null ||
		skip "python3 with cryptography is not installed here"
	newkey a
	run python3 -c '
import base64, sys
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives import serialization as s
k = X25519PrivateKey.from_private_bytes(base64.b64decode(sys.stdin.read().strip()))
print(base64.b64encode(k.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)).decode())' <"$keys/a.key"
	assert_success
	assert_output "$(cat "$keys/a.pub")"
}

@test "pubkey refuses what is not a key: exit 2, one line" {
	for bad in "" "abc" "$(b64 $ALICE_PRIV | cut -c1-43)" "$(b64 $ALICE_PRIV)A" \
		"pUbja/BSfJ07FhVLgkZe3WIUTArB/FoYUGoiRLpEmsR=" "$(b64 ${ALICE_PRIV}00)"; do
		run vn wireguard pubkey <<<"$bad"
		assert_error 2 'wireguard pubkey: standard input holds no private key'
	done
}

@test "pubkey does not print the private key it read, even when it is refused" {
	k=$(b64 $ALICE_PRIV)
	run vn wireguard pubkey <<<"$k"
	refute_output --partial "$k"
	run vn wireguard pubkey <<<"${k}x"
	refute_output --partial "$k"
}

@test "genkey into a file makes it its owner's alone, whatever the umask" {
	for mask in 000 022 027; do
		rm -f "$keys/k"
		(umask $mask && vn wireguard genkey >"$keys/k")
		assert_equal "$(stat -c %a "$keys/k")" 600
		run vn wireguard pubkey <"$keys/k"
		assert_success
	done
	# a file emptied for it (> on one that was there) too
	echo old >"$keys/k"
	chmod 666 "$keys/k"
	vn wireguard genkey >"$keys/k"
	assert_equal "$(stat -c %a "$keys/k")" 600
}

@test "genkey appending to a file others can read warns as wg genkey does, and writes the key" {
	echo "# keys" >"$keys/k"
	chmod 644 "$keys/k"
	run sh -c '"$VNETCTL" wireguard genkey >>"$1"' - "$keys/k"
	assert_success
	assert_output "vnetctl: wireguard genkey: warning: writing to a file that is world accessible (set the umask to 077 and try again)"
	# its mode is the file's owner's business: left as it was
	assert_equal "$(stat -c %a "$keys/k")" 644
	assert_equal "$(sed -n 2p "$keys/k" | grep -Ec '^[A-Za-z0-9+/]{43}=$')" 1
	chmod 640 "$keys/k"
	run sh -c '"$VNETCTL" wireguard genkey >>"$1"' - "$keys/k"
	assert_output --partial "warning: writing to a file that is readable by its group"
	# to a pipe or a file its owner alone reads: no word
	run sh -c '"$VNETCTL" wireguard genkey | wc -l'
	assert_output 1
	chmod 600 "$keys/k"
	run sh -c '"$VNETCTL" wireguard genkey >>"$1"' - "$keys/k"
	assert_output ""
	assert_equal "$(wc -l <"$keys/k")" 4
}

# ---- bad input: exit 2, one line, nothing made ------------------------------------

# Each key word, given a file that is no regular file: refused before
# anything is read, never waiting (a FIFO with no writer would block open()
# and read(): timeout turns a hang into a failure, it times nothing).
refuses_key_file() { # REGEX FILE
	local re=$1 file=$2
	run timeout 60 "$VNETCTL" wireguard add wg0 private-key "$file"
	assert_error 2 "wireguard add wg0: private-key .*: $re, not a regular file"
	run timeout 60 "$VNETCTL" wireguard set wg0 private-key "$file"
	assert_error 2 "private-key .*: $re, not a regular file"
	run timeout 60 "$VNETCTL" wireguard peer add wg0 "$(b64 $BOB_PUB)" preshared-key "$file"
	assert_error 2 "preshared-key .*: $re, not a regular file"
	assert_equal "$(made)" ""
}

@test "a key file that is no regular file is refused: exit 2, one line, nothing made" {
	mkfifo "$keys/fifo"
	refuses_key_file 'a FIFO' "$keys/fifo"
	[ -p "$keys/fifo" ]
	refuses_key_file 'a directory' "$keys"
	refuses_key_file 'a character device' /dev/null
	perl -MSocket -e 'socket(S, PF_UNIX, SOCK_STREAM, 0) && bind(S, pack_sockaddr_un($ARGV[0])) or die $!' "$keys/sock"
	refuses_key_file 'a socket' "$keys/sock"
	# a link to one is the file it names
	ln -s "$keys/fifo" "$keys/link"
	refuses_key_file 'a FIFO' "$keys/link"
}

@test "a key file others or its group can read is used, with wg's warning" {
	b64 $ALICE_PRIV >"$keys/a.key"
	for mode in 644 666 604 640; do
		chmod $mode "$keys/a.key"
		vn -N wireguard add wg0 private-key "$keys/a.key" >"$keys/out" 2>"$keys/err"
		grep -qx '  WGDEVICE_A_PRIVATE_KEY (32 bytes, hidden)' "$keys/out"
		case $mode in
		640) reach='readable by its group' ;;
		*) reach='world accessible' ;;
		esac
		assert_equal "$(cat "$keys/err")" "vnetctl: wireguard add wg0: warning: private-key \`$keys/a.key' is $reach (only its owner should read it: chmod 600)"
	done
	chmod 644 "$keys/a.key"
	run vn -N wireguard peer add wg0 "$(b64 $BOB_PUB)" preshared-key "$keys/a.key"
	assert_success
	assert_line --index 0 --regexp "^vnetctl: wireguard peer wg0: warning: preshared-key \`.*a.key' is world accessible"
	# its owner's alone: not a word
	chmod 600 "$keys/a.key"
	vn -N wireguard add wg0 private-key "$keys/a.key" >/dev/null 2>"$keys/err"
	assert_equal "$(cat "$keys/err")" ""
	assert_equal "$(made)" ""
}


@test "a malformed private key file is refused: exit 2, one line, nothing made" {
	echo "not a key" >"$keys/bad.key"
	refuses 'private-key .*bad.key: not a key' wireguard add wg0 private-key "$keys/bad.key"
	b64 $ALICE_PRIV | cut -c1-43 >"$keys/short.key"
	refuses 'short.key: not a key' wireguard add wg0 private-key "$keys/short.key"
	: >"$keys/empty.key"
	refuses 'empty.key: not a key' wireguard add wg0 private-key "$keys/empty.key"
	refuses 'no-such.key: No such file' wireguard add wg0 private-key "$keys/no-such.key"
	refuses 'bad.key: not a key' wireguard set wg0 private-key "$keys/bad.key"
}

@test "a malformed preshared key file is refused: exit 2, one line" {
	echo "$(b64 $ALICE_PRIV)x" >"$keys/bad.psk"
	refuses 'preshared-key .*bad.psk: not a key' \
		wireguard peer add wg0 "$(b64 $BOB_PUB)" preshared-key "$keys/bad.psk"
}

@test "a key given where a key file belongs is refused, and not echoed" {
	k=$(b64 $ALICE_PRIV)
	refuses 'private-key takes the name of a file that holds the key, never the key itself' \
		wireguard add wg0 private-key "$k"
	refute_output --partial "$k"
}

@test "a malformed public key is refused: exit 2, one line" {
	refuses 'invalid public-key "abc" \(expected a key' wireguard peer add wg0 abc
	refuses 'invalid public-key' wireguard peer del wg0 "$(b64 $ALICE_PUB | cut -c2-)"
	refuses 'invalid public-key' wireguard peer add wg0 "$(b64 ${ALICE_PUB}00)"
}

@test "bad numbers, endpoints and prefixes are refused: exit 2, one line" {
	k=$(b64 $BOB_PUB)
	refuses 'listen-port 65536 is out of range \(0\.\.65535\)' wireguard add wg0 listen-port 65536
	refuses 'invalid fwmark "nope" \(expected a number or off\)' wireguard add wg0 fwmark nope
	refuses 'persistent-keepalive 65536 is out of range' wireguard peer add wg0 "$k" persistent-keepalive 65536
	refuses 'invalid endpoint "10.0.0.1" \(expected HOST:PORT' wireguard peer add wg0 "$k" endpoint 10.0.0.1
	refuses 'invalid endpoint' wireguard peer add wg0 "$k" endpoint 10.0.0.1:0
	refuses 'invalid endpoint' wireguard peer add wg0 "$k" endpoint 10.0.0.1:65536
	refuses 'invalid endpoint' wireguard peer add wg0 "$k" endpoint fd00::1:51820
	refuses 'invalid endpoint' wireguard peer add wg0 "$k" endpoint '[fd00::1]51820'
	refuses 'cannot resolve' wireguard peer add wg0 "$k" endpoint no-such-host.invalid:51820
	refuses '"10.0.0.0/33" is not a prefix' wireguard peer add wg0 "$k" allowed-ips 10.0.0.0/33
	refuses 'an empty prefix' wireguard peer add wg0 "$k" allowed-ips 10.0.0.0/8,
	refuses 'listed twice' wireguard peer add wg0 "$k" allowed-ips 10.0.0.0/8,10.0.0.0/8
}

@test "the command line's other mistakes are refused: exit 2, one line" {
	k=$(b64 $BOB_PUB)
	refuses 'endpoint is for peer add, not del' wireguard peer del wg0 "$k" endpoint 10.0.0.1:1
	refuses 'nothing to change' wireguard set wg0
	refuses 'wireguard peer wg0: missing public-key' wireguard peer add wg0
	refuses 'invalid COMMAND "swap" \(expected add\|del\)' wireguard peer swap wg0 "$k"
	refuses 'unknown keyword "nosuchword"' wireguard add wg0 nosuchword 1
	refuses 'wireguard add: missing dev' wireguard add
}

# ---- dry run: the generic netlink messages, decoded, nothing sent -----------------

@test "add -N prints RTM_NEWLINK then WG_CMD_SET_DEVICE, the private key hidden" {
	b64 $ALICE_PRIV >"$keys/a.key"
	run vn -N wireguard add wg0 private-key "$keys/a.key" listen-port 51820 fwmark 0x10
	assert_success
	assert_line --index 0 --regexp '^RTM_NEWLINK flags REQUEST\|ACK\|CREATE\|EXCL'
	assert_line '    IFLA_INFO_KIND "wireguard"'
	assert_line --regexp '^WG_CMD_SET_DEVICE flags REQUEST\|ACK$'
	assert_line --regexp '^  genlmsghdr family wireguard( id [0-9]+)? cmd 1 version 1$'
	assert_line '  WGDEVICE_A_IFNAME "wg0"'
	assert_line '  WGDEVICE_A_PRIVATE_KEY (32 bytes, hidden)'
	assert_line '  WGDEVICE_A_LISTEN_PORT 51820'
	assert_line '  WGDEVICE_A_FWMARK 16'
	# neither the key's text nor its bytes
	refute_output --partial "$(b64 $ALICE_PRIV)"
	refute_output --partial "77 07 6d 0a"
	assert_equal "$(made)" ""
}

@test "peer add -N -j: the peer nested as the kernel reads it" {
	b64 $BOB_PRIV >"$keys/psk"
	run vn -N -j wireguard peer add wg0 "$(b64 $ALICE_PUB)" endpoint '[fd00::1]:51820' \
		allowed-ips 10.0.0.0/24,fd00::/64 persistent-keepalive 25 preshared-key "$keys/psk"
	assert_success
	assert_equal "$(jq -r .type <<<"$output")" WG_CMD_SET_DEVICE
	assert_equal "$(jq -r .header.family <<<"$output")" wireguard
	peer='.attributes[] | select(.type == "WGDEVICE_A_PEERS") | .attributes[0].attributes[]'
	# the public key as wg writes it, in base64
	assert_equal "$(jq -r "$peer | select(.type == \"WGPEER_A_PUBLIC_KEY\") | .value" <<<"$output")" "$(b64 $ALICE_PUB)"
	assert_equal "$(jq -r "$peer | select(.type == \"WGPEER_A_ENDPOINT\") | .value" <<<"$output")" '[fd00::1]:51820'
	assert_equal "$(jq -r "$peer | select(.type == \"WGPEER_A_FLAGS\") | .value" <<<"$output")" 2
	assert_equal "$(jq -r "$peer | select(.type == \"WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL\") | .value" <<<"$output")" 25
	assert_equal "$(jq -r "$peer | select(.type == \"WGPEER_A_PRESHARED_KEY\") | .value // \"none\"" <<<"$output")" none
	ips=$(jq -r "$peer | select(.type == \"WGPEER_A_ALLOWEDIPS\") | .attributes[] | [.attributes[].value] | join(\" \")" <<<"$output")
	assert_equal "$ips" "2 10.0.0.0 24
10 fd00:: 64"
	refute_output --partial "$(b64 $BOB_PRIV)"
	refute_output --partial "$BOB_PRIV"
}

@test "peer del -N sends the peer with WGPEER_F_REMOVE_ME" {
	run vn -N wireguard peer del wg0 public-key "$(b64 $ALICE_PUB)"
	assert_success
	assert_line '      WGPEER_A_FLAGS 1'
	assert_line "      WGPEER_A_PUBLIC_KEY $(b64 $ALICE_PUB)"
	assert_equal "$(made)" ""
}

# ---- the kernel's devices (the VM suite) --------------------------------------------

@test "add makes a wireguard device configured as asked, as wg and ip see it" {
	require_wireguard
	require_tool wg
	newkey a
	run vn wireguard add wg0 private-key "$keys/a.key" listen-port 51820 fwmark 0x10
	assert_success
	assert_output ""
	assert_equal "$(kind_of wg0)" wireguard
	assert_equal "$(wg show wg0 public-key)" "$(cat "$keys/a.pub")"
	assert_equal "$(wg show wg0 private-key)" "$(cat "$keys/a.key")"
	assert_equal "$(wg show wg0 listen-port)" 51820
	assert_equal "$(wg show wg0 fwmark)" 0x10
}

@test "a key file others can read configures the device, with wg's warning" {
	require_wireguard
	require_tool wg
	newkey a
	chmod 644 "$keys/a.key"
	run vn wireguard add wg0 private-key "$keys/a.key"
	assert_success
	assert_output "vnetctl: wireguard add wg0: warning: private-key \`$keys/a.key' is world accessible (only its owner should read it: chmod 600)"
	assert_equal "$(wg show wg0 private-key)" "$(cat "$keys/a.key")"
}

@test "show -j gives what wg reads, and never the private key" {
	require_wireguard
	require_tool wg
	newkey a
	newkey b
	vn wireguard add wg0 private-key "$keys/a.key" listen-port 51821
	vn wireguard peer add wg0 "$(cat "$keys/b.pub")" endpoint 192.0.2.7:4500 \
		allowed-ips 10.20.0.0/16,fd00:20::/64 persistent-keepalive 30
	run vn -j wireguard show wg0
	assert_success
	refute_output --partial "$(cat "$keys/a.key")"
	assert_equal "$(jq -r '.[0].ifname' <<<"$output")" wg0
	assert_equal "$(jq -r '.[0].public_key' <<<"$output")" "$(wg show wg0 public-key)"
	assert_equal "$(jq -r '.[0].private_key_set' <<<"$output")" true
	assert_equal "$(jq -r '.[0].listen_port' <<<"$output")" "$(wg show wg0 listen-port)"
	assert_equal "$(jq -r '.[0].peers[0].public_key' <<<"$output")" "$(wg show wg0 peers)"
	assert_equal "$(jq -r '.[0].peers[0].endpoint' <<<"$output")" "$(wg show wg0 endpoints | cut -f2)"
	assert_equal "$(jq -r '.[0].peers[0].allowed_ips | join(" ")' <<<"$output")" "$(wg show wg0 allowed-ips | cut -f2)"
	assert_equal "$(jq -r '.[0].peers[0].persistent_keepalive' <<<"$output")" "$(wg show wg0 persistent-keepalive | cut -f2)"
	assert_equal "$(jq -r '.[0].peers[0].preshared_key_set' <<<"$output")" false
}

@test "show's text reads as wg show's, private key hidden" {
	require_wireguard
	require_tool wg
	newkey a
	newkey b
	echo "$(vn wireguard genkey)" >"$keys/psk"
	vn wireguard add wg0 private-key "$keys/a.key" listen-port 51822
	vn wireguard peer add wg0 "$(cat "$keys/b.pub")" allowed-ips 10.30.0.1/32 preshared-key "$keys/psk"
	run vn wireguard show wg0
	assert_success
	refute_output --partial "$(cat "$keys/a.key")"
	refute_output --partial "$(cat "$keys/psk")"
	# the lines wg prints for the same state (its colours off)
	want=$(WG_COLOR_MODE=never wg show wg0)
	assert_equal "$output" "$want"
}

@test "set changes the port, the mark and the key of a device" {
	require_wireguard
	require_tool wg
	newkey a
	newkey b
	vn wireguard add wg0 private-key "$keys/a.key"
	run vn wireguard set wg0 private-key "$keys/b.key" listen-port 40000 fwmark 7
	assert_success
	assert_equal "$(wg show wg0 public-key)" "$(cat "$keys/b.pub")"
	assert_equal "$(wg show wg0 listen-port)" 40000
	assert_equal "$(wg show wg0 fwmark)" 0x7
	run vn wireguard set wg0 fwmark off
	assert_success
	assert_equal "$(wg show wg0 fwmark)" off
}

@test "peer add then peer del, as wg sees it" {
	require_wireguard
	require_tool wg
	newkey b
	vn wireguard add wg0
	run vn wireguard peer add wg0 "$(cat "$keys/b.pub")" allowed-ips 10.40.0.0/24
	assert_success
	assert_equal "$(wg show wg0 peers)" "$(cat "$keys/b.pub")"
	# add again: the peer changed, its allowed ips replaced
	run vn wireguard peer add wg0 "$(cat "$keys/b.pub")" allowed-ips 10.41.0.0/24
	assert_success
	assert_equal "$(wg show wg0 allowed-ips | cut -f2)" 10.41.0.0/24
	run vn wireguard peer del wg0 "$(cat "$keys/b.pub")"
	assert_success
	assert_equal "$(wg show wg0 peers)" ""
}

@test "peer del of a peer the device lacks fails: exit 1, one line" {
	require_wireguard
	vn wireguard add wg0
	run vn wireguard peer del wg0 "$(b64 $ALICE_PUB)"
	assert_error 1 "wg0 has no peer $(b64 $ALICE_PUB)"
}

@test "add of a name taken fails: exit 1, one line, the device left alone" {
	require_wireguard
	ip link add wg0 type veth peer name wgp
	run vn wireguard add wg0
	assert_error 1 'exists'
	assert_equal "$(kind_of wg0)" veth
}

@test "a device that is no wireguard one is refused by set, peer, show and del" {
	require_wireguard
	ip link add v0 type veth peer name v1
	run vn wireguard set v0 listen-port 1
	assert_error 1 'v0 is not a wireguard device'
	run vn wireguard peer add v0 "$(b64 $ALICE_PUB)"
	assert_error 1 'v0 is not a wireguard device'
	run vn wireguard show v0
	assert_error 1 'v0 is not a wireguard device'
	run vn wireguard del v0
	assert_error 1 'not a wireguard device'
	dev_exists v0
}

@test "set, show and del of no device fail: exit 1, one line" {
	require_wireguard
	run vn wireguard set wg9 listen-port 1
	assert_error 1 'no device named "wg9"'
	run vn wireguard show wg9
	assert_error 1 'no device named "wg9"'
	run vn wireguard del wg9
	assert_error 1 'wg9'
}

@test "del removes the device; show lists only wireguard devices" {
	require_wireguard
	ip link add v0 type veth peer name v1
	vn wireguard add wg0
	vn wireguard add wg1
	run vn -j wireguard show
	assert_success
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" wg0,wg1
	run vn wireguard del wg0
	assert_success
	refute dev_exists wg0
	assert_equal "$(vn -j wireguard show | jq -r '[.[].ifname] | join(",")')" wg1
}

# ---- a tunnel between two namespaces, made with vnetctl alone -----------------------

@test "two namespaces joined by a veth ping each other through a wireguard tunnel" {
	require_wireguard
	require_tool wg
	newkey a
	newkey b
	vn netns add wa
	vn netns add wb
	vn veth add va peer vb
	vn link set va netns wa
	vn link set vb netns wb
	vn -n wa addr add 192.168.77.1/24 dev va
	vn -n wb addr add 192.168.77.2/24 dev vb
	vn -n wa link set va up
	vn -n wb link set vb up
	vn -n wa wireguard add wg0 private-key "$keys/a.key" listen-port 51820
	vn -n wb wireguard add wg0 private-key "$keys/b.key" listen-port 51820
	vn -n wa wireguard peer add wg0 "$(cat "$keys/b.pub")" endpoint 192.168.77.2:51820 allowed-ips 10.99.0.2/32
	vn -n wb wireguard peer add wg0 "$(cat "$keys/a.pub")" endpoint 192.168.77.1:51820 allowed-ips 10.99.0.1/32
	vn -n wa addr add 10.99.0.1/24 dev wg0
	vn -n wb addr add 10.99.0.2/24 dev wg0
	vn -n wa link set wg0 up
	vn -n wb link set wg0 up
	run ip netns exec wa ping -c 2 -W 5 10.99.0.2
	assert_success
	# the kernel's own dump, through wg: a handshake and traffic both ways
	hs=$(ip netns exec wa wg show wg0 latest-handshakes | cut -f2)
	[ "$hs" -gt 0 ]
	rx=$(ip netns exec wa wg show wg0 transfer | cut -f2)
	tx=$(ip netns exec wa wg show wg0 transfer | cut -f3)
	[ "$rx" -gt 0 ] && [ "$tx" -gt 0 ]
	# vnetctl's show agrees with it
	run vn -n wa -j wireguard show wg0
	assert_success
	assert_equal "$(jq -r '.[0].peers[0].latest_handshake' <<<"$output")" "$hs"
	[ "$(jq -r '.[0].peers[0].rx_bytes' <<<"$output")" -ge "$rx" ]
	[ "$(jq -r '.[0].peers[0].tx_bytes' <<<"$output")" -ge "$tx" ]
	assert_equal "$(jq -r '.[0].peers[0].endpoint' <<<"$output")" 192.168.77.2:51820
	# neither namespace's show prints a private key, text nor JSON
	for ns in wa wb; do
		for fmt in "" -j; do
			run vn -n $ns $fmt wireguard show
			assert_success
			refute_output --partial "$(cat "$keys/a.key")"
			refute_output --partial "$(cat "$keys/b.key")"
		done
	done
	run vn -n wa wireguard show wg0
	assert_line --regexp '^  latest handshake: '
	assert_line --regexp '^  transfer: .* received, .* sent$'
}
