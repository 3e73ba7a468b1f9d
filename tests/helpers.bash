# Common setup for every vnetctl test file: `load helpers` at the top.
#
# The suite runs inside tests/run's private network and mount namespaces, so
# nothing here can reach the machine's real interfaces.  Each test starts from
# a clean namespace: teardown removes every device but lo and every named
# namespace.

export BATS_LIB_PATH=${BATS_LIB_PATH:-/usr/lib/bats}
bats_load_library bats-support
bats_load_library bats-assert

: "${VNETCTL:?tests/run sets VNETCTL to the binary under test}"

# Refuse to run outside the private namespace tests/run makes.
if [ -z "${VNETCTL_TEST_NETNS:-}" ]; then
	echo "tests must be run through tests/run (private namespaces)" >&2
	exit 1
fi

vn() { "$VNETCTL" "$@"; }

# The kernel's view, through iproute2: `ipj link show dev X` → JSON.
ipj() { ip -j -d "$@"; }

# True when a device of that name exists (sysfs is this namespace's).
dev_exists() { [ -e "/sys/class/net/$1" ]; }

# Kinds the running kernel can make; tests of other kinds skip with a reason.
kernel_has_kind() {
	local k=$1 n="probe$$"
	ip link add "$n" type "$k" >/dev/null 2>&1 || return 1
	ip link del dev "$n" >/dev/null 2>&1
	return 0
}

clean_netns() {
	local l d
	# sysfs, not `ip -j`: iproute2's JSON breaks on names with control bytes
	for d in /sys/class/net/*; do
		l=${d##*/}
		[ "$l" = lo ] && continue
		[ -e "$d" ] && ip link del dev "$l" >/dev/null 2>&1 || true
	done
	if [ -d /run/netns ]; then
		for l in /run/netns/*; do
			[ -e "$l" ] || continue
			umount "$l" >/dev/null 2>&1 || true
			rm -f "$l"
		done
	fi
	clean_rules
	clean_sysctls
}

# The policy rules a namespace starts with (0 local, 32766 main, 32767
# default) and no other: a rule outlives the test that added it, and the
# suite's files share one namespace.
# The namespace-wide settings tests change (bridge-mdb.bats turns IPv6 off,
# monitor.bats turns IPv6 forwarding on) back to a new namespace's, so
# that no test sees another's: a device made later would inherit them.
clean_sysctls() {
	sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.default.disable_ipv6=0 \
		net.ipv6.conf.all.forwarding=0 net.ipv6.conf.default.forwarding=0 \
		net.ipv4.conf.all.forwarding=0 net.ipv4.conf.default.forwarding=0 2>/dev/null || true
}

clean_rules() {
	local f pref rest
	for f in -4 -6; do
		ip "$f" rule show 2>/dev/null | while read -r pref rest; do
			case $pref in 0: | 32766: | 32767:) ;; *) ip "$f" rule del pref "${pref%:}" 2>/dev/null || true ;; esac
		done
	done
}

# The kernel frees a deleted namespace, and the nsid it had here, in the
# background: wait until every nsid has gone (up to 10 s: on a loaded
# machine the kernel's cleanup work runs late).
wait_nsids_gone() {
	local i
	for i in $(seq 100); do
		[ -z "$(ip netns list-id)" ] && return 0
		sleep 0.1
	done
}

setup() { clean_netns; }
teardown() { clean_netns; }

# ---- what the kinds' tests share -----------------------------------------------------
# The lower device tests put their devices on: l0, a veth end (peer l1).
lower() { ip link add name l0 type veth peer name l1; }
# A field of `ip -j -d link show dev NAME` (a jq path after .[0]), as jq -r prints it.
ipfield() { ip -j -d link show dev "$1" | jq -r ".[0].$2"; }
# A field of the kind's data there (linkinfo.info_data).
kdata() { ipfield "$1" "linkinfo.info_data.$2"; }
# The index of DEV [in namespace NS].
ifindex() { ip ${2:+-n "$2"} -j link show dev "$1" | jq -r '.[0].ifindex'; }
# An ipvlan's flag as ip -j gives it: a key set to true.
ipflag() {
	ip -j -d link show dev "$1" |
		jq -r '.[0].linkinfo.info_data | [("bridge", "private", "vepa") as $f | select(.[$f] == true) | $f] | join(",")'
}
# A fresh namespace has lo and, for each tunnel module loaded (all of them
# in the VM suite), its fallback device: tunl0, gre0, sit0...  setup_fresh
# notes them; made then lists what a test made: the devices besides those
# and the lower pair.
setup_fresh() {
	clean_netns
	fresh=$(ip -j link show | jq -c '[.[].ifname]')
}
made() {
	ip -j link show | jq -r --argjson fresh "$fresh" '[.[].ifname | select(. as $n |
		($fresh | any(. == $n) | not) and $n != "l0" and $n != "l1")] | sort | join(",")'
}
# A command line vnetctl must refuse: exit 2, the one error line REGEX, and
# nothing made (after setup_fresh).
refuses() { # REGEX ARGS...
	local re=$1
	shift
	run vn "$@"
	assert_error 2 "$re"
	assert_equal "$(made)" ""
}

# Assert the one-line error format: exit status, then a single stderr line
# that starts with "vnetctl: ".  Usage: assert_error STATUS 'regex'
assert_error() {
	local want=$1 re=$2
	assert_equal "$status" "$want"
	local lines
	lines=$(printf '%s\n' "$output" | grep -c .)
	assert_equal "$lines" 1
	assert_output --regexp "^vnetctl: .*$re"
}

# True when the running kernel knows the link kind KIND: it makes a device of
# that kind, or refuses one for a reason other than "Unknown device type"
# (a kind that needs a lower device or an id is refused for want of it).
kernel_knows_kind() {
	local out n="kk$$"
	if out=$(ip link add name "$n" type "$1" 2>&1); then
		ip link del dev "$n" >/dev/null 2>&1
		return 0
	fi
	! grep -q 'Unknown device type' <<<"$out"
}

# Skip the test where the kernel lacks a link kind.  The VM suite
# (tests/vm/run, part of make check) boots a kernel with every module, so
# the test runs there.  Usage: require_kind KIND...
require_kind() {
	local k
	for k in "$@"; do
		kernel_knows_kind "$k" || skip "the kernel lacks $k (runs in the VM suite)"
	done
}

# Skip the test where a program it runs is not installed (the VM suite's
# initramfs holds only what tests/vm/build-initramfs puts there).
# Usage: require_tool NAME...
require_tool() {
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 || skip "$t is not installed here"
	done
}

# ---- what the bridge tests share -----------------------------------------------------
veth() { ip link add name "$1" type veth peer name "$2"; }

# A process in a network namespace of its own, which has no name under
# /run/netns, for SECONDS (60); its pid goes to $holder.  Returns once
# unshare has made the namespace (a bounded poll), so the pid can be used
# at once.
unnamed_netns() {
	unshare --net sleep "${1:-60}" >/dev/null 2>&1 &
	holder=$!
	for _ in $(seq 100); do
		[ "$(readlink /proc/$holder/ns/net)" != "$(readlink /proc/self/ns/net)" ] && return
		sleep 0.05
	done
	echo "unshare made no namespace for pid $holder" >&2
	return 1
}
# A bridge's setting as sysfs shows it.
brattr() { cat "/sys/class/net/$1/bridge/$2"; }
# The device's master, "" when it has none.
master_of() { ip -j link show dev "$1" | jq -r '.[0].master // ""'; }
kind_of() { ip -j -d link show dev "$1" | jq -r '.[0].linkinfo.info_kind'; }
# This kernel may be built without bridge VLAN filtering.
has_vlan_filtering() {
	ip link add name vfprobe type bridge
	local rc=0
	[ -e /sys/class/net/vfprobe/bridge/vlan_filtering ] || rc=1
	ip link del dev vfprobe
	return $rc
}
require_vlan_filtering() {
	has_vlan_filtering || skip "this kernel has no bridge VLAN filtering (runs in the VM suite)"
}
# br0 with ports p0 and p1 (peers q0, q1), STP off: up, or with "vlans"
# not up but VLAN filtering on where the kernel has it.
lab() {
	if [ "${1:-}" = vlans ] && has_vlan_filtering; then
		ip link add name br0 type bridge vlan_filtering 1
	else
		ip link add name br0 type bridge
	fi
	veth p0 q0
	veth p1 q1
	ip link set dev p0 master br0
	ip link set dev p1 master br0
	[ "${1:-}" = vlans ] || ip link set dev br0 up
}

# The seeds' lab (examples/lab): namespaces net0 and net1, each with one end
# of a veth pair, the other ends ports of bridge br in namespace "bridge",
# with the tutorial's addresses; "up" sets every device of it up too.
seeds_lab() {
	vn netns add net0
	vn netns add net1
	vn netns add bridge
	vn veth add net0-bridge netns net0 peer bridge-net0 netns bridge
	vn veth add net1-bridge netns net1 peer bridge-net1 netns bridge
	vn -n bridge bridge add br
	vn -n bridge bridge addif br bridge-net0 bridge-net1
	vn -n net0 addr add 10.0.1.1/24 dev net0-bridge
	vn -n net1 addr add 10.0.1.2/24 dev net1-bridge
	[ "${1:-}" = up ] || return 0
	vn -n bridge link set br up
	vn -n bridge link set bridge-net0 up
	vn -n bridge link set bridge-net1 up
	vn -n net0 link set net0-bridge up
	vn -n net1 link set net1-bridge up
}

# ---- what the route, neigh and rule files share -------------------------------
# A command line vnetctl must refuse: exit 2, the one line REGEX, and the
# state the test file's own kall prints unchanged.
refused() { # REGEX ARGS...
	local re=$1 before
	shift
	before=$(kall)
	run vn "$@"
	assert_error 2 "$re"
	assert_equal "$(kall)" "$before"
}
# Routes through no device outlive the devices clean_netns deletes.
clean_routes() {
	local t
	for t in blackhole unreachable prohibit throw; do
		ip -4 route flush table all type "$t" 2>/dev/null || true
		ip -6 route flush table all type "$t" 2>/dev/null || true
	done
}
# A veth pair va/vb, both ends up.
pair_up() {
	ip link add dev va type veth peer name vb
	ip link set dev va up
	ip link set dev vb up
}
# The route files' setup: a veth pair va/vb, both up, with 10.0.0.2/24 and
# 2001:db8::2/64 on va, so that 10.0.0.1 and 2001:db8::1 are gateways on a
# connected network.  (iproute2 6.1 takes a bare "a" in `ip link del a` for
# "address", hence names that abbreviate no keyword.)
route_setup() {
	clean_routes
	clean_netns
	pair_up
	ip addr add 10.0.0.2/24 dev va
	ip addr add 2001:db8::2/64 dev va nodad
}
route_teardown() {
	clean_routes
	clean_netns
}

# ---- vnetctl under iproute2's names (issue 20) ---------------------------------
# A test's setup links $VNETCTL as ip and bridge in $SHIM, a directory of
# their own as the package ships them; these call them so, by name from
# PATH, and compare with iproute2's own, called by absolute path.
REALIP=/usr/sbin/ip
REALBRIDGE=/usr/sbin/bridge
# $SHIM: vnetctl under iproute2's names (ip, bridge), put first on PATH by
# vip and vbridge only.
shim_setup() {
	SHIM="$BATS_TEST_TMPDIR/shim"
	mkdir -p "$SHIM"
	ln -sf "$VNETCTL" "$SHIM/ip"
	ln -sf "$VNETCTL" "$SHIM/bridge"
}
vip() { PATH="$SHIM:$PATH" ip "$@"; }
vbridge() { PATH="$SHIM:$PATH" bridge "$@"; }

# The same command line given to iproute2's program and to vnetctl under its
# name, on the same state (a refusal changes nothing): the status, and what
# each printed (stdout and stderr), must be the same.
same_as_ip() {
	run "$REALIP" "$@"
	local want_status=$status want_output=$output
	run vip "$@"
	assert_equal "$status" "$want_status"
	assert_equal "$output" "$want_output"
}
same_as_bridge() {
	run "$REALBRIDGE" "$@"
	local want_status=$status want_output=$output
	run vbridge "$@"
	assert_equal "$status" "$want_status"
	assert_equal "$output" "$want_output"
}

# ---- what the qdisc and impairment files share ---------------------------------------
# Skip where the kernel has no qdisc KIND (it says "Specified qdisc kind is
# unknown").
# kernel_has_qdisc KIND: status 0 when this kernel makes a KIND qdisc (tried
# on a veth made for it and deleted).
kernel_has_qdisc() {
	local out rc=0
	ip link add name qp0 type veth peer name qp1
	if ! out=$(tc qdisc add dev qp0 root "$1" 2>&1) && grep -q 'kind is unknown' <<<"$out"; then
		rc=1
	fi
	ip link del dev qp0
	return $rc
}
require_qdisc() {
	local k
	for k in "$@"; do
		kernel_has_qdisc "$k" || skip "the kernel lacks the $k qdisc (runs in the VM suite)"
	done
}
# q1 in a namespace of its own (qn), 10.9.0.1 on q0 and 10.9.0.2 on q1, both up.
peer_in_netns() {
	ip netns add qn
	ip link set q1 netns qn
	ip link set q0 up
	ip addr add 10.9.0.1/24 dev q0
	ip -n qn addr add 10.9.0.2/24 dev q1
	ip -n qn link set q1 up
}
# Send $1 KiB by TCP from q0's side to qn's 10.9.0.2 (peer_in_netns) and
# print the seconds from the connect to the receiver's having every byte
# (its end: the sender's FIN follows the last byte through the shaper), or
# fail.  busybox's nc receives (in the VM's initramfs and here); bash's
# /dev/tcp sends.
xfer_secs() {
	local kb=$1 rx="$BATS_TEST_TMPDIR/rx" rp t0 t1 i
	: >"$rx"
	ip netns exec qn timeout 60 busybox nc -l -p 5001 >"$rx" &
	rp=$!
	for ((i = 0; i < 100; i++)); do
		[ -n "$(ip netns exec qn ss -Hltn 'sport = :5001')" ] && break
		sleep 0.05
	done
	t0=$EPOCHREALTIME
	dd if=/dev/zero bs=1024 count="$kb" status=none >/dev/tcp/10.9.0.2/5001 || return 1
	wait "$rp" || return 1
	t1=$EPOCHREALTIME
	[ "$(stat -c %s "$rx")" -eq $((kb * 1024)) ] || return 1
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}
# Fail unless $1 seconds for $2 KiB is within 0.6x to 3x of what $3 bits a
# second take: the lower bound proves the shaping (unshaped, the veth moves
# 250 KiB in ~10 ms), the upper is generous for a loaded machine.  The
# figure goes to the TAP as a comment.
assert_rate_held() {
	local secs=$1 kb=$2 bps=$3 want
	want=$(awk -v k="$kb" -v r="$bps" 'BEGIN { printf "%.3f", k * 1024 * 8 / r }')
	echo "# $BATS_TEST_DESCRIPTION: ${kb} KiB in ${secs} s (${want} s at the rate)" >&3
	awk -v s="$secs" -v w="$want" 'BEGIN { exit !(s >= 0.6 * w && s <= 3 * w) }' ||
		fail "${kb} KiB took ${secs} s; at the rate it is ${want} s (0.6x-3x allowed)"
}
