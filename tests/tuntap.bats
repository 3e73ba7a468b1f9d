#!/usr/bin/env bats
# vnetctl tuntap: add, del and show of tun and tap devices.  The kernel's
# view is checked through iproute2 and sysfs, never only through vnetctl.
load helpers

# TUNSETIFF flag bits, as /sys/class/net/X/tun_flags shows them.
IFF_TUN=0x0001
IFF_TAP=0x0002
IFF_MULTI_QUEUE=0x0100
IFF_PERSIST=0x0800
IFF_NO_PI=0x1000
IFF_VNET_HDR=0x4000

# A field of the device's linkinfo.info_data, as iproute2 reports it.
tun_data() { ipj link show dev "$1" | jq -r ".[0].linkinfo.info_data.$2"; }
# The device's tun_flags ANDed with a mask, as a decimal number.
tun_flags() { echo $(($(cat "/sys/class/net/$1/tun_flags") & $2)); }
# The number of devices other than lo.
ndevs() { ip -j link show | jq '[.[] | select(.ifname != "lo")] | length'; }

# Attach a background process to device $1 (TUNSETIFF with flags $2), the
# way a VPN daemon or a VM does; its pid goes to $holder.
hold_open() {
	local ready="$BATS_TEST_TMPDIR/holder"
	perl -e '
		open(my $fh, "+<", "/dev/net/tun") or die "open: $!";
		# struct ifreq: 16 bytes of name, the flags, padding to 40 bytes
		ioctl($fh, 0x400454ca, pack("a16 s x22", $ARGV[0], $ARGV[1]))
			or die "TUNSETIFF: $!";
		open(my $r, ">", "$ARGV[2].tmp") or die; print $r "$$\n"; close $r;
		rename("$ARGV[2].tmp", $ARGV[2]);
		sleep 60;' "$1" "$2" "$ready" >/dev/null 2>&1 3>&- &
	for _ in $(seq 300); do # up to 30 s: these machines are shared
		[ -e "$ready" ] && break
		sleep 0.1
	done
	holder=$(cat "$ready")
}

# Give everyone access to /dev/net/tun, as distributions do (0666), by
# bind-mounting a node of our own over it: the mount namespace is private.
tun_open_to_all() {
	tunnode="$BATS_TEST_TMPDIR/node"
	mkdir -p "$tunnode"
	mount -t tmpfs tmpfs "$tunnode"
	mknod -m 666 "$tunnode/tun" c 10 200
	mount --bind "$tunnode/tun" /dev/net/tun
}

# Run vnetctl as user nobody, without capabilities.
vn_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$VNETCTL" "$@"; }

teardown() {
	if [ -n "${holder:-}" ]; then
		kill "$holder" 2>/dev/null || true
		wait 2>/dev/null || true
	fi
	if [ -n "${tunnode:-}" ]; then
		umount /dev/net/tun
		umount "$tunnode"
	fi
	clean_netns
}

# ---- add ------------------------------------------------------------------

@test "add makes a persistent tun device without packet information" {
	run vn tuntap add tun0 mode tun
	assert_success
	assert_output ''
	assert_equal "$(ipj link show dev tun0 | jq -r '.[0].linkinfo.info_kind')" tun
	assert_equal "$(tun_data tun0 type)" tun
	assert_equal "$(tun_data tun0 persist)" true
	assert_equal "$(tun_data tun0 pi)" false
	assert_equal "$(tun_flags tun0 $((IFF_TUN | IFF_NO_PI | IFF_PERSIST)))" \
		"$((IFF_TUN | IFF_NO_PI | IFF_PERSIST))"
}

@test "add with mode tap makes a tap device" {
	run vn tuntap add tap0 mode tap
	assert_success
	assert_equal "$(tun_data tap0 type)" tap
	assert_equal "$(tun_flags tap0 $((IFF_TAP | IFF_TUN)))" "$((IFF_TAP))"
	assert_equal "$(ipj link show dev tap0 | jq -r '.[0].link_type')" ether
}

@test "pi keeps the packet information header" {
	run vn tuntap add tun0 mode tun pi
	assert_success
	assert_equal "$(tun_data tun0 pi)" true
	assert_equal "$(tun_flags tun0 $IFF_NO_PI)" 0
}

@test "vnet_hdr asks for the virtio-net header" {
	run vn tuntap add tap0 mode tap vnet_hdr
	assert_success
	assert_equal "$(tun_data tap0 vnet_hdr)" true
	assert_equal "$(tun_flags tap0 $IFF_VNET_HDR)" "$((IFF_VNET_HDR))"
}

@test "multi_queue makes a multiqueue device" {
	run vn tuntap add tap0 mode tap multi_queue
	assert_success
	assert_equal "$(tun_data tap0 multi_queue)" true
	assert_equal "$(tun_flags tap0 $IFF_MULTI_QUEUE)" "$((IFF_MULTI_QUEUE))"
}

@test "one_queue is accepted for compatibility" {
	run vn tuntap add tun0 mode tun one_queue
	assert_success
	assert dev_exists tun0
}

@test "without user or group the device has no owner" {
	vn tuntap add tun0 mode tun
	assert_equal "$(cat /sys/class/net/tun0/owner)" -1
	assert_equal "$(cat /sys/class/net/tun0/group)" -1
}

@test "user by name sets the owner" {
	run vn tuntap add tun0 mode tun user nobody
	assert_success
	assert_equal "$(cat /sys/class/net/tun0/owner)" "$(id -u nobody)"
}

@test "user by number sets the owner, even one with no account" {
	run vn tuntap add tun0 mode tun user 4242
	assert_success
	assert_equal "$(cat /sys/class/net/tun0/owner)" 4242
}

@test "group by name sets the group" {
	run vn tuntap add tun0 mode tun group nogroup
	assert_success
	assert_equal "$(cat /sys/class/net/tun0/group)" "$(getent group nogroup | cut -d: -f3)"
}

@test "group by number sets the group" {
	run vn tuntap add tap0 mode tap user 1000 group 4243
	assert_success
	assert_equal "$(cat /sys/class/net/tap0/owner)" 1000
	assert_equal "$(cat /sys/class/net/tap0/group)" 4243
}

@test "name NAME names the device, as iproute2 allows" {
	run vn tuntap add name tun7 mode tun
	assert_success
	assert_equal "$(tun_data tun7 type)" tun
}

@test "dev NAME names the device" {
	run vn tuntap add dev tap7 mode tap
	assert_success
	assert_equal "$(tun_data tap7 type)" tap
}

@test "dev and name together are a usage error" {
	run vn tuntap add dev tun1 name tun2 mode tun
	assert_error 2 'cannot be used together'
	assert_equal "$(ndevs)" 0
}

@test "object, verb, keywords and mode may all be abbreviated" {
	run vn tunt a t0 mo ta
	assert_success
	assert_equal "$(tun_data t0 type)" tap
}

@test "adding an existing name fails with one line and changes nothing" {
	vn tuntap add tun0 mode tun user 1000
	run vn tuntap add tun0 mode tap pi
	assert_error 1 'tuntap add tun0: File exists \(a device named tun0 exists already\)'
	assert_equal "$(tun_data tun0 type)" tun
	assert_equal "$(tun_data tun0 pi)" false
	assert_equal "$(cat /sys/class/net/tun0/owner)" 1000
	assert_equal "$(ndevs)" 1
}

@test "adding the name of a device of another kind fails and leaves it alone" {
	ip link add name v0 type veth peer name v1
	run vn tuntap add v0 mode tun
	assert_error 1 'File exists'
	assert_equal "$(ipj link show dev v0 | jq -r '.[0].linkinfo.info_kind')" veth
}

@test "a failure before persist leaves no device behind" {
	# uid 4294967295 is (uid_t)-1, which the kernel refuses in TUNSETOWNER
	run vn tuntap add tun0 mode tun user 4294967295
	assert_error 1 'tuntap add tun0: ioctl TUNSETOWNER: Invalid argument'
	refute dev_exists tun0
}

@test "add without mode is a usage error and makes nothing" {
	run vn tuntap add tun0
	assert_error 2 'missing mode \(tun\|tap\)'
	refute dev_exists tun0
}

@test "add without a name is a usage error" {
	run vn tuntap add mode tun
	assert_error 2 'missing device'
	assert_equal "$(ndevs)" 0
}

@test "a mode other than tun or tap is a usage error" {
	run vn tuntap add tun0 mode tan
	assert_error 2 'invalid mode "tan" \(expected tun\|tap\)'
	refute dev_exists tun0
}

@test "an unknown keyword is a usage error that suggests the right one" {
	run vn tuntap add tun0 mode tun vnet_hbr
	assert_error 2 'unknown keyword "vnet_hbr" \(did you mean "vnet_hdr"\?\)'
	refute dev_exists tun0
}

@test "an unknown user is a usage error" {
	run vn tuntap add tun0 mode tun user no-such-user-here
	assert_error 2 'unknown user "no-such-user-here"'
	refute dev_exists tun0
}

@test "an unknown group is a usage error" {
	run vn tuntap add tun0 mode tun group no-such-group-here
	assert_error 2 'unknown group "no-such-group-here"'
	refute dev_exists tun0
}

@test "a name of 16 bytes is refused before anything is made" {
	run vn tuntap add abcdefghijklmnop mode tun
	assert_error 2 'longer than 15 bytes'
	assert_equal "$(ndevs)" 0
}

@test "a name with a slash is refused" {
	run vn tuntap add tun/0 mode tun
	assert_error 2 "'/' and ':' are not allowed"
	assert_equal "$(ndevs)" 0
}

@test "a name with a colon is refused" {
	run vn tuntap add name tun:0 mode tun
	assert_error 2 "'/' and ':' are not allowed"
	assert_equal "$(ndevs)" 0
}

@test "a name with a space is refused" {
	run vn tuntap add "tun 0" mode tun
	assert_error 2 'white space is not allowed'
	assert_equal "$(ndevs)" 0
}

@test "dry run prints the steps and makes nothing" {
	run vn -N tuntap add tun0 mode tun user 1000 group 1000
	assert_success
	assert_output "open /dev/net/tun
ioctl TUNSETIFF name tun0 flags TUN|NO_PI|TUN_EXCL
ioctl TUNSETOWNER 1000
ioctl TUNSETGROUP 1000
ioctl TUNSETPERSIST 1
close"
	refute dev_exists tun0
}

@test "dry run shows every flag the kernel would get" {
	run vn -N tuntap add tap0 mode tap pi one_queue vnet_hdr multi_queue
	assert_success
	assert_line 'ioctl TUNSETIFF name tap0 flags TAP|ONE_QUEUE|VNET_HDR|MULTI_QUEUE|TUN_EXCL'
	refute dev_exists tap0
}

@test "in a --force batch, add comes after the changes queued before it" {
	vn tuntap add tun0 mode tun
	printf 'link set tun0 name old0\ntuntap add tun0 mode tap\n' >"$BATS_TEST_TMPDIR/cmds"
	run vn --force -b "$BATS_TEST_TMPDIR/cmds"
	assert_success
	assert_equal "$(tun_data old0 type)" tun
	assert_equal "$(tun_data tun0 type)" tap
}

# ---- del ------------------------------------------------------------------

@test "del removes a tun device" {
	vn tuntap add tun0 mode tun
	run vn tuntap del tun0
	assert_success
	assert_output ''
	refute dev_exists tun0
}

@test "del removes a multi_queue tap with its flags, given the right mode" {
	ip tuntap add tap0 mode tap multi_queue vnet_hdr pi
	run vn tuntap del dev tap0 mode tap
	assert_success
	refute dev_exists tap0
}

@test "del accepts name NAME" {
	vn tuntap add tun0 mode tun
	run vn tuntap del name tun0
	assert_success
	refute dev_exists tun0
}

@test "del with the wrong mode is refused and the device stays" {
	vn tuntap add tun0 mode tun
	run vn tuntap del tun0 mode tap
	assert_error 1 'tuntap del tun0: it is a tun device, not a tap one'
	assert dev_exists tun0
}

@test "del refuses a device that is not a tun or tap, and it stays" {
	ip link add name a type veth peer name b
	run vn tuntap del a
	assert_error 1 'tuntap del a: not a tun/tap device \(it is a veth; use link del\)'
	assert dev_exists a
	assert dev_exists b
}

@test "del of a missing device fails" {
	run vn tuntap del tun9
	assert_error 1 'tuntap del tun9: (No such device|no device named "tun9")'
}

@test "del refuses a device a process holds open, and names the process" {
	vn tuntap add tun0 mode tun
	hold_open tun0 $((IFF_TUN | IFF_NO_PI))
	run vn tuntap del tun0
	assert_error 1 "Device or resource busy \(held open by [^ ]+\($holder\)"
	assert dev_exists tun0
	assert_equal "$(tun_data tun0 persist)" true
}

@test "the owner of a device may delete it without CAP_NET_ADMIN" {
	tun_open_to_all
	vn tuntap add tun0 mode tun user nobody
	run vn_nobody tuntap del tun0
	assert_success
	refute dev_exists tun0
	# in a batch too, where root's del lines would go together
	vn tuntap add tun1 mode tun user nobody
	vn tuntap add tun2 mode tun user nobody
	printf 'tuntap del tun1\ntuntap del tun2\n' | vn_nobody -b -
	refute dev_exists tun1
	refute dev_exists tun2
}

@test "another user may not delete an owned device" {
	tun_open_to_all
	vn tuntap add tun0 mode tun user 1000
	run vn_nobody tuntap del tun0
	assert_error 1 'tuntap del tun0: Operation not permitted \(run as root: CAP_NET_ADMIN is needed\)'
	assert_equal "$(tun_data tun0 persist)" true
}

@test "dry run of del prints the steps and deletes nothing" {
	vn tuntap add tap0 mode tap vnet_hdr
	run vn -N tuntap del tap0
	assert_success
	assert_output "open /dev/net/tun
ioctl TUNSETIFF name tap0 flags TAP|NO_PI|VNET_HDR
ioctl TUNSETPERSIST 0
close"
	assert dev_exists tap0
}

# ---- show -----------------------------------------------------------------

@test "show prints each device with its mode, flags and owner" {
	vn tuntap add tun0 mode tun user 1000 group 1000
	vn tuntap add tap0 mode tap pi vnet_hdr
	ip link add name v0 type veth peer name v1
	run vn tuntap show
	assert_success
	assert_line 'tun0: tun persist user 1000 group 1000'
	assert_line 'tap0: tap pi vnet_hdr persist'
	assert_equal "${#lines[@]}" 2
}

@test "show is the default verb and list an alias" {
	vn tuntap add tun0 mode tun
	run vn tuntap
	assert_success
	assert_output 'tun0: tun persist'
	run vn tuntap list
	assert_success
	assert_output 'tun0: tun persist'
}

@test "show NAME shows only that device" {
	vn tuntap add tun0 mode tun
	vn tuntap add tun1 mode tun multi_queue
	run vn tuntap show tun1
	assert_success
	assert_output 'tun1: tun multi_queue persist'
}

@test "show mode tap shows only tap devices" {
	vn tuntap add tun0 mode tun
	vn tuntap add tap0 mode tap
	run vn tuntap show mode tap
	assert_success
	assert_output 'tap0: tap persist'
}

@test "show of a device that is not a tun or tap fails" {
	ip link add name v0 type veth peer name v1
	run vn tuntap show v0
	assert_error 1 'not a tun/tap device \(it is a veth'
}

@test "show with no tun devices prints nothing" {
	run vn tuntap show
	assert_success
	assert_output ''
}

@test "brief show prints one line per device" {
	vn tuntap add tun0 mode tun
	vn tuntap add tap0 mode tap vnet_hdr
	run vn -br tuntap show
	assert_success
	assert_line --regexp '^tun0 +tun +persist$'
	assert_line --regexp '^tap0 +tap +vnet_hdr persist$'
	assert_equal "${#lines[@]}" 2
}

@test "JSON show is an array of objects with the device's state" {
	vn tuntap add tun0 mode tun user 1000 group 1001
	vn tuntap add tap0 mode tap pi multi_queue
	run vn -j tuntap show
	assert_success
	echo "$output" | jq -e . >/dev/null
	assert_equal "$(echo "$output" | jq -c '[.[].ifname] | sort')" '["tap0","tun0"]'
	assert_equal "$(echo "$output" | jq -c '.[] | select(.ifname == "tun0")')" \
		'{"ifname":"tun0","mode":"tun","flags":["tun","persist"],"user":1000,"group":1001,"owner":1000,"processes":[]}'
	assert_equal "$(echo "$output" | jq -c '.[] | select(.ifname == "tap0")')" \
		'{"ifname":"tap0","mode":"tap","flags":["tap","pi","multi_queue","persist"],"owner":null,"processes":[]}'
	# ip's keys, types and flags (but "filter", which ip prints for the bit
	# IFF_NO_PI shares with IFF_NOFILTER: an ip quirk not copied)
	assert_equal "$(ip -j tuntap show | jq -c 'sort_by(.ifname) | map(.flags -= ["filter"])')" \
		"$(echo "$output" | jq -c 'sort_by(.ifname) | map({ifname, flags} + (if .user then {user} else {} end) + (if .group then {group} else {} end))')"
}

@test "JSON show with no devices is an empty array" {
	run vn -j tuntap show
	assert_success
	assert_equal "$(echo "$output" | jq -c .)" '[]'
}

@test "show names the processes that hold a device open" {
	vn tuntap add tun0 mode tun
	hold_open tun0 $((IFF_TUN | IFF_NO_PI))
	comm=$(cat "/proc/$holder/comm")
	run vn tuntap show
	assert_success
	assert_output "tun0: tun persist Attached to processes: $comm($holder)"
	run vn -j tuntap show tun0
	assert_success
	assert_equal "$(echo "$output" | jq -c '.[0].processes')" \
		"[{\"pid\":$holder,\"comm\":\"$comm\"}]"
}

@test "link show -d prints the tun details as ip -d does" {
	vn tuntap add tap0 mode tap vnet_hdr user 4242
	vn tuntap add tun1 mode tun multi_queue user nobody
	run vn -d link show tap0
	assert_success
	assert_output --partial 'type tap pi off vnet_hdr on persist on user 4242'
	assert_output --partial "$(ip -d link show tap0 | grep -o 'tun type.*user 4242')"
	run vn -d link show tun1
	assert_output --partial 'type tun pi off vnet_hdr off multi_queue numqueues 0 numdisabled 0 persist on user nobody'
	assert_output --partial "$(ip -d link show tun1 | grep -o 'tun type.*user nobody')"
}

@test "link show -d -j gives the tun details as JSON, with ip's keys and types" {
	vn tuntap add tun0 mode tun pi group 4243
	vn tuntap add tun1 mode tun multi_queue user nobody
	run vn -d -j link show tun0
	assert_success
	assert_equal "$(echo "$output" | jq -c '.. | objects | select(has("vnet_hdr"))')" \
		'{"type":"tun","pi":true,"vnet_hdr":false,"multi_queue":false,"persist":true,"group":4243,"owner":null}'
	for d in tun0 tun1; do
		assert_equal "$(vn -d -j link show $d | jq -c '.[0].linkinfo.info_data | del(.owner)')" \
			"$(ip -d -j link show $d | jq -c '.[0].linkinfo.info_data')"
	done
}

# ---- del in a batch: gathered into one pass of the kernel ---------------------

@test "a batch's tuntap del lines all go, and a held device fails at its line" {
	printf 'tuntap add t%s mode tap\n' 1 2 3 4 | vn -b -
	hold_open t3 $((IFF_TAP | IFF_NO_PI))
	printf 'tuntap del t%s mode tap\n' 1 2 3 4 >"$BATS_TEST_TMPDIR/b"
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 "$BATS_TEST_TMPDIR/b:3: tuntap del t3: Device or resource busy \(held open by [^ ]+\($holder\)"
	refute dev_exists t1
	refute dev_exists t2
	assert dev_exists t3
	assert dev_exists t4
	assert_equal "$(tun_data t4 persist)" true
}

@test "a batch's tuntap del lines: a wrong mode or a device deleted twice fails at its line" {
	printf 'tuntap add t1 mode tap\ntuntap add t2 mode tun\ntuntap add t3 mode tap\n' | vn -b -
	printf 'tuntap del t1 mode tap\ntuntap del t2 mode tap\ntuntap del t3\n' >"$BATS_TEST_TMPDIR/b"
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 "$BATS_TEST_TMPDIR/b:2: tuntap del t2: it is a tun device, not a tap one"
	assert_equal "$(ndevs)" 2
	printf 'tuntap del t2\ntuntap del t2\ntuntap del t3\n' >"$BATS_TEST_TMPDIR/b"
	run vn -b "$BATS_TEST_TMPDIR/b"
	assert_error 1 "$BATS_TEST_TMPDIR/b:2: tuntap del t2: "
	refute dev_exists t2
	assert dev_exists t3
	run vn --force -b "$BATS_TEST_TMPDIR/b"
	assert_equal "$status" 1
	assert_equal "$(ndevs)" 0
}
