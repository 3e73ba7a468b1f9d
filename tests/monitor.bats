#!/usr/bin/env bats
# vnetctl monitor: the kernel's events as they happen.  Each test starts the
# monitor in the background with its output in a file, makes and deletes
# things, and reads the file once the events are there (a bounded poll,
# never a sleep that hopes).  `ip monitor`, started beside it on the same
# events, is the second witness: both read the same multicast messages, in
# the same order.

load helpers
bats_require_minimum_version 1.5.0

BG=()
# The binary itself in the background, so that $! is its pid.
bg() { # OUTFILE CMD...
	local out=$1
	shift
	"$@" >"$out" 2>"$out.err" &
	BG+=($!)
}

teardown() {
	local p
	for p in "${BG[@]}"; do
		# a background job ignores SIGINT (bash): TERM ends it
		kill -TERM "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	[ -z "${TMUX_SOCK:-}" ] || tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
	clean_netns
}

# Until process $1 listens: a netlink socket of its own joined to groups
# (/proc/PID/net/netlink: Eth 0 is NETLINK_ROUTE, the 4th column the groups).
wait_listening() {
	local pid=$1 i ino
	for i in $(seq 100); do
		for ino in $(ls -l /proc/"$pid"/fd 2>/dev/null | sed -n 's/.*socket:\[\([0-9]*\)\]$/\1/p'); do
			awk -v ino="$ino" '$2 == "0" && $4 != "00000000" && $10 == ino { f = 1 }
				END { exit !f }' /proc/"$pid"/net/netlink && return 0
		done
		sleep 0.1
	done
	echo "process $pid never listened" >&2
	return 1
}

# Until FILE has a line matching REGEX (ERE), 10 s at most.
wait_for() { # FILE REGEX
	local i
	for i in $(seq 100); do
		grep -qE -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "never seen in $1: $2" >&2
	cat "$1" >&2
	return 1
}

# Both monitors started and listening: vnetctl's (OPTIONS... then words)
# output in $VN, ip's in $IP.
both() { # "VNETCTL ARGS" "IP ARGS"
	VN=$BATS_TEST_TMPDIR/vn IP=$BATS_TEST_TMPDIR/ip
	# shellcheck disable=SC2086
	bg "$VN" "$VNETCTL" $1
	wait_listening "${BG[-1]}"
	# shellcheck disable=SC2086
	bg "$IP" ip $2
	wait_listening "${BG[-1]}"
}

# The lines of FILE matching REGEX, trailing blanks dropped (ip ends route
# and neighbour lines with one).
lines_of() { grep -E -- "$2" "$1" | sed 's/ *$//'; }

# A command that must end at once (refused): a monitor wrongly started would
# run forever, so it is stopped, and fails the test, after 10 s.
vn_ends() { timeout 10 "$VNETCTL" "$@"; }

# ---- text, as ip prints it --------------------------------------------------

@test "monitor link prints a veth's events, the same devices in the same order as ip monitor link" {
	both "monitor link" "monitor link"
	ip link add va type veth peer name vb
	ip link set va up
	# a device's peer is named by asking the kernel when the event is
	# printed: once the peer is gone that gives "if2" (ip keeps a cache)
	wait_for "$VN" '^[0-9]+: va@vb: <.*UP'
	ip link del va
	wait_for "$VN" '^Deleted [0-9]+: vb@'
	wait_for "$IP" '^Deleted [0-9]+: vb@'
	# each event's first words: "[Deleted ]N: name@peer:"
	heads() { grep -oE '^(Deleted )?[0-9]+: [^ ]+' "$1"; }
	assert_equal "$(heads "$VN")" "$(heads "$IP")"
	run grep -cE "^$(ifindex lo) " "$VN"
	assert_output 0
	run grep -E '^[0-9]+: va@vb: <.*UP' "$VN"
	assert_success
	run grep -E '^    link/ether ' "$VN"
	assert_success
}

@test "monitor addr prints an address added and deleted exactly as ip monitor address" {
	ip link add va type veth peer name vb
	both "monitor addr" "monitor address"
	ip addr add 10.9.0.1/24 dev va
	ip addr del 10.9.0.1/24 dev va
	wait_for "$VN" '^Deleted [0-9]+: va +inet 10\.9\.0\.1/24'
	wait_for "$IP" '^Deleted [0-9]+: va +inet 10\.9\.0\.1/24'
	run diff <(lines_of "$VN" '10\.9\.0\.1|_lft') <(lines_of "$IP" '10\.9\.0\.1|_lft')
	assert_success
	run lines_of "$VN" '10\.9\.0\.1'
	assert_output "$(printf '%s: va    inet 10.9.0.1/24 scope global va\nDeleted %s: va    inet 10.9.0.1/24 scope global va' \
		"$(ifindex va)" "$(ifindex va)")"
}

@test "monitor addr and route name a device made after they began, as ip does (asked of the kernel)" {
	both "monitor addr route" "monitor address route"
	ip link add name vnew type veth peer name vpeer
	ip addr add 10.9.1.1/24 dev vnew
	ip link set dev vnew up
	ip route add 10.9.7.0/24 via 10.9.1.2 dev vnew
	wait_for "$VN" '10\.9\.7\.0/24'
	wait_for "$IP" '10\.9\.7\.0/24'
	run lines_of "$VN" '10\.9\.1\.1/24 scope|10\.9\.7\.0'
	assert_output "$(printf '%s: vnew    inet 10.9.1.1/24 scope global vnew\n10.9.7.0/24 via 10.9.1.2 dev vnew linkdown' "$(ifindex vnew)")"
	run diff <(lines_of "$VN" '10\.9\.') <(lines_of "$IP" '10\.9\.')
	assert_success
}

@test "monitor route prints a route added and deleted as ip monitor route" {
	ip link add va type veth peer name vb
	ip link set va up
	ip link set vb up
	ip addr add 10.9.0.1/24 dev va
	both "monitor route" "monitor route"
	ip route add 10.10.0.0/16 via 10.9.0.2 dev va
	ip route del 10.10.0.0/16
	wait_for "$VN" '^Deleted 10\.10\.0\.0/16'
	wait_for "$IP" '^Deleted 10\.10\.0\.0/16'
	run lines_of "$VN" '10\.10\.0\.0'
	assert_output "$(printf '10.10.0.0/16 via 10.9.0.2 dev va\nDeleted 10.10.0.0/16 via 10.9.0.2 dev va')"
	assert_equal "$output" "$(lines_of "$IP" '10\.10\.0\.0')"
}

@test "monitor neigh prints a neighbour added and deleted as ip monitor neigh" {
	ip link add va type veth peer name vb
	ip link set va up
	both "monitor neigh" "monitor neigh"
	ip neigh add 10.9.0.7 lladdr 02:00:00:00:00:07 dev va
	ip neigh del 10.9.0.7 dev va
	wait_for "$VN" '^Deleted 10\.9\.0\.7 '
	wait_for "$IP" '^Deleted 10\.9\.0\.7 '
	run lines_of "$VN" '10\.9\.0\.7'
	assert_line --index 0 '10.9.0.7 dev va lladdr 02:00:00:00:00:07 PERMANENT'
	assert_equal "$output" "$(lines_of "$IP" '10\.9\.0\.7')"
}

@test "monitor with no word watches every object, label puts ip's banners first" {
	ip link add va type veth peer name vb
	both "monitor label link addr route neigh" "monitor label link address route neigh"
	bg "$BATS_TEST_TMPDIR/all" "$VNETCTL" monitor
	wait_listening "${BG[-1]}"
	ip addr add 10.9.0.1/24 dev va
	ip link set va up
	ip route add 10.10.0.0/16 via 10.9.0.2 dev va
	ip neigh add 10.9.0.7 lladdr 02:00:00:00:00:07 dev va
	wait_for "$VN" '^\[NEIGH\]10\.9\.0\.7'
	wait_for "$IP" '^\[NEIGH\]10\.9\.0\.7'
	wait_for "$BATS_TEST_TMPDIR/all" '^10\.9\.0\.7'
	banners() { grep -oE '^\[[A-Z]+\]' "$1"; }
	assert_equal "$(banners "$VN")" "$(banners "$IP")"
	for b in LINK ADDR ROUTE NEIGH; do
		run grep -c "^\[$b\]" "$VN"
		refute_output 0
	done
	run grep -E '^10\.10\.0\.0/16 via 10\.9\.0\.2 dev va|^[0-9]+: va +inet 10\.9\.0\.1/24' \
		"$BATS_TEST_TMPDIR/all"
	assert_equal "${#lines[@]}" 2
}

@test "monitor netns prints an nsid given and taken back as ip monitor nsid does" {
	vn netns add n1
	both "monitor netns" "monitor nsid"
	ip netns set n1 7
	wait_for "$VN" '^nsid 7'
	# taken back when the namespace goes (the kernel's cleanup, later)
	vn netns del n1
	wait_for "$VN" '^Deleted nsid 7'
	wait_for "$IP" '^Deleted nsid 7'
	run cat "$VN"
	assert_output "$(printf '%s\n' 'nsid 7 (iproute2 netns name: n1)' 'Deleted nsid 7 (iproute2 netns name: n1)')"
	assert_equal "$output" "$(cat "$IP")"
}

@test "-o puts each event on one line, as ip -o monitor" {
	ip link add va type veth peer name vb
	both "-o monitor link addr" "-o monitor link address"
	ip addr add 10.9.0.1/24 dev va
	ip link set va mtu 1400
	wait_for "$VN" '^[0-9]+: va@vb: .* mtu 1400 '
	wait_for "$IP" '^[0-9]+: va@vb: .* mtu 1400 '
	run lines_of "$VN" 'inet 10\.9\.0\.1'
	assert_output "$(ifindex va): va    inet 10.9.0.1/24 scope global va\       valid_lft forever preferred_lft forever"
	assert_equal "$output" "$(lines_of "$IP" 'inet 10\.9\.0\.1')"
	run grep -cE '^[0-9]+: va@vb: .* mtu 1400 .*\\    link/ether ' "$VN"
	assert_output 1
}

# ---- timestamps ---------------------------------------------------------------

@test "-t puts ip's Timestamp line before each event, -ts its short form at the start" {
	both "-t monitor link" "-t monitor link"
	bg "$BATS_TEST_TMPDIR/ts" "$VNETCTL" -ts monitor link
	wait_listening "${BG[-1]}"
	bg "$BATS_TEST_TMPDIR/ipts" ip -ts monitor link
	wait_listening "${BG[-1]}"
	ip link add va type veth peer name vb
	wait_for "$VN" '^[0-9]+: va@vb'
	wait_for "$IP" '^[0-9]+: va@vb'
	wait_for "$BATS_TEST_TMPDIR/ts" '\] [0-9]+: va@vb'
	wait_for "$BATS_TEST_TMPDIR/ipts" '\] [0-9]+: va@vb'
	# the form, with the time taken out: "Timestamp: Sun Nov 29 19:03:21 2026 345959 usec"
	form() { sed -E 's/^Timestamp: [A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} [0-9]{4} [0-9]{1,6} usec$/TIME/; s/^\[[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{6}\] /[TIME] /' "$1" |
		grep -oE '^(TIME$|\[TIME\] )?([0-9]+: [^ ]+)?'; }
	run form "$VN"
	assert_line --index 0 TIME
	assert_equal "$output" "$(form "$IP")"
	run form "$BATS_TEST_TMPDIR/ts"
	assert_line --index 0 --regexp '^\[TIME\] [0-9]+: vb@NONE:$'
	assert_equal "$output" "$(form "$BATS_TEST_TMPDIR/ipts")"
}

# ---- JSON -------------------------------------------------------------------------

@test "-j prints one JSON object a line, each event's record as show -j prints it" {
	ip link add va type veth peer name vb
	ip link set va up
	VN=$BATS_TEST_TMPDIR/vn
	bg "$VN" "$VNETCTL" -j -ts monitor
	wait_listening "${BG[-1]}"
	ip addr add 10.9.0.1/24 dev va
	ip route add 10.10.0.0/16 via 10.9.0.2 dev va
	ip neigh add 10.9.0.7 lladdr 02:00:00:00:00:07 dev va
	ip neigh del 10.9.0.7 dev va
	idx=$(ifindex va)
	ip link del va
	wait_for "$VN" '"deleted":true.*"ifname":"va"'
	# every line parses alone
	while read -r line; do
		jq -e . <<<"$line" >/dev/null
	done <"$VN"
	q() { jq -c "$1" "$VN"; }
	run q 'select(.event == "addr" and .deleted == false) | .addr[0] | [.ifname, .addr_info[0].local, .addr_info[0].prefixlen]'
	assert_output '["va","10.9.0.1",24]'
	run q 'select(.event == "route" and .deleted == false and .route[0].dst == "10.10.0.0/16") | .route[0] | [.gateway, .dev]'
	assert_output '["10.9.0.2","va"]'
	run q 'select(.event == "neigh") | [.deleted, .neigh[0].dst, .neigh[0].dev]'
	assert_line --index 0 '[false,"10.9.0.7","va"]'
	assert_line --partial '[true,"10.9.0.7","va"]'
	run q 'select(.event == "link" and .deleted) | .link[0] | select(.ifname == "va") | .ifindex'
	assert_output "$idx"
	run jq -r '.timestamp // "none"' "$VN"
	refute_line none
	assert_line --index 0 --regexp '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{6}$'
}

# ---- namespaces ---------------------------------------------------------------

@test "-n NS watches that namespace's events, not the one it was started in" {
	vn netns add n1
	VN=$BATS_TEST_TMPDIR/vn
	bg "$VN" "$VNETCTL" -n n1 monitor link
	wait_listening "${BG[-1]}"
	ip link add here type veth peer name here2
	ip -n n1 link add xa type veth peer name xb
	wait_for "$VN" '^[0-9]+: xa@xb'
	run grep -c here "$VN"
	assert_output 0
}

@test "--all-netns prints the events of two namespaces at once, each with its nsid and name" {
	vn netns add n1
	vn netns add n2
	ip netns set n1 5
	ip netns set n2 6
	both "monitor --all-netns link addr" "monitor all-nsid link address"
	ip -n n1 link add xa type veth peer name xb
	ip -n n2 link add ya type veth peer name yb
	ip -n n1 addr add 10.1.0.1/24 dev xa
	ip -n n2 addr add 10.2.0.1/24 dev ya
	ip link add za type veth peer name zb
	# the peers are asked for when printed: there still (see the first test)
	wait_for "$VN" '^\[nsid 6\]\[netns n2\][0-9]+: ya +inet'
	wait_for "$VN" '^\[nsid current\][0-9]+: za@zb'
	ip -n n1 link del xa
	ip -n n2 link del ya
	wait_for "$VN" '^\[nsid 6\]\[netns n2\]Deleted [0-9]+: yb@'
	wait_for "$IP" '^\[nsid 6\]Deleted [0-9]+: yb@'
	# ip's prefix and the event's index, ip's view beside ours (ip names
	# another namespace's devices from this one's: not comparable)
	# each namespace's events in their order: --all-netns reads each
	# namespace on a socket of its own, not interleaved as they happened
	heads() { sed -E 's/^(\[nsid [^]]*\])(\[netns [^]]*\])?/\1/' "$1" | grep -oE '^\[nsid [^]]*\](Deleted )?[0-9]+:' |
		sort -s -t']' -k1,1; }
	assert_equal "$(heads "$VN")" "$(heads "$IP")"
	run grep -E '^\[nsid 5\]\[netns n1\][0-9]+: xa@xb: ' "$VN"
	assert_success
	# the names are each namespace's own (ip asks this one, and says ya@xb)
	run grep -E '^\[nsid 6\]\[netns n2\][0-9]+: ya@yb: ' "$VN"
	assert_success
	run grep -E '^\[nsid 6\]\[netns n2\][0-9]+: ya +inet 10\.2\.0\.1/24 scope global ya$' "$VN"
	assert_success
	run grep -E '^\[nsid current\][0-9]+: za@zb: ' "$VN"
	assert_success
}

@test "all-nsid -j gives each event the nsid and namespace name it came from" {
	vn netns add n1
	vn netns add n2
	ip netns set n1 5
	ip netns set n2 6
	VN=$BATS_TEST_TMPDIR/vn
	bg "$VN" "$VNETCTL" -j monitor all-nsid link
	wait_listening "${BG[-1]}"
	ip -n n1 link add xa type veth peer name xb
	ip -n n2 link add ya type veth peer name yb
	wait_for "$VN" '"ifname":"ya"'
	run jq -c 'select(.link[0].ifname | test("^[xy]a$")) | [.nsid, .netns, .link[0].ifname, .link[0].link]' "$VN"
	assert_output "$(printf '%s\n' '[5,"n1","xa","xb"]' '[6,"n2","ya","yb"]')"
}

# Until process $1 listens inside namespace $2 too (--all-netns: a socket
# made there, in that namespace's /proc/net/netlink); with "not", until it
# no longer does.  $2: a name under /run/netns, or a path.
wait_listening_in() { # PID NS [not]
	local pid=$1 ns=$2 i ino found want=yes
	[[ $ns == /* ]] || ns=/run/netns/$ns
	[ "${3:-}" != not ] || want=no
	for i in $(seq 100); do
		found=no
		for ino in $(ls -l /proc/"$pid"/fd 2>/dev/null | sed -n 's/.*socket:\[\([0-9]*\)\]$/\1/p'); do
			nsenter --net="$ns" awk -v ino="$ino" \
				'$2 == "0" && $4 != "00000000" && $10 == ino { f = 1 } END { exit !f }' \
				/proc/self/net/netlink && found=yes
		done
		[ "$found" = "$want" ] && return 0
		sleep 0.1
	done
	echo "process $pid: listening in $ns never became $want" >&2
	return 1
}

# Whether this namespace has an nsid for NS (ip netns list says "(id: N)").
has_nsid() { ip netns list | grep -q "^$1 (id: "; }

@test "--all-netns prints the events of a namespace this one has no nsid for, named; ip's all-nsid none" {
	ipshim
	ip netns add net1
	refute has_nsid net1
	both "monitor --all-netns link" "monitor all-nsid link"
	bg "$BATS_TEST_TMPDIR/shimout" "$SHIM/ip" monitor all-nsid link
	wait_listening "${BG[-1]}"
	ip -n net1 link add xa type veth peer name xb
	ip link add za type veth peer name zb
	wait_for "$VN" '^\[netns net1\][0-9]+: xa@xb: '
	wait_for "$VN" '^\[nsid current\][0-9]+: za@zb: '
	wait_for "$IP" '^\[nsid current\][0-9]+: za@zb: '
	wait_for "$BATS_TEST_TMPDIR/shimout" '^\[nsid current\][0-9]+: za@zb: '
	run grep -E "^\[netns net1\]$(ifindex xa net1): xa@xb: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 " "$VN"
	assert_success
	# ip's all-nsid, and vnetctl's under ip's name, see none of net1's
	run grep -c 'xa\|xb' "$IP" "$BATS_TEST_TMPDIR/shimout"
	assert_output "$(printf '%s:0\n' "$IP" "$BATS_TEST_TMPDIR/shimout")"
	# the monitor gave no nsid (the kernel's own list, the witness)
	refute has_nsid net1
	run ip netns list-id
	assert_output ''
}

@test "--all-netns watches a namespace added while it runs, with its nsid once it has one" {
	VN=$BATS_TEST_TMPDIR/vn
	bg "$VN" "$VNETCTL" monitor --all-netns link
	wait_listening "${BG[-1]}"
	ip netns add late
	wait_listening_in "${BG[-1]}" late
	ip -n late link add la type veth peer name lb
	wait_for "$VN" '^\[netns late\][0-9]+: la@lb: '
	ip netns set late 9
	ip -n late link set la mtu 1400
	wait_for "$VN" '^\[nsid 9\]\[netns late\][0-9]+: la@lb: .* mtu 1400 '
	# a name made by vnetctl, mounted the same way
	vn netns add late2
	wait_listening_in "${BG[-1]}" late2
	ip -n late2 link add name ma type veth peer name mb
	wait_for "$VN" '^\[netns late2\][0-9]+: ma@mb: '
	assert_equal "$(ip netns list-id | grep -c nsid)" 1
}

@test "--all-netns survives a namespace deleted while it runs, alive or not; the others' events go on" {
	ip netns add gone
	ip netns add kept
	ip netns add held
	VN=$BATS_TEST_TMPDIR/vn
	bg "$VN" "$VNETCTL" monitor --all-netns link
	pid=${BG[-1]}
	wait_listening "$pid"
	wait_listening_in "$pid" held
	ip -n gone link add ga type veth peer name gb
	wait_for "$VN" '^\[netns gone\][0-9]+: ga@gb: '
	ip netns del gone
	# held lives on without its name: a process is in it
	ip netns exec held sleep 60 &
	holder=$!
	BG+=("$holder")
	for i in $(seq 100); do
		[ "$(readlink /proc/$holder/ns/net)" != "$(readlink /proc/self/ns/net)" ] && break
		sleep 0.1
	done
	ip netns del held
	wait_listening_in "$pid" /proc/"$holder"/ns/net not
	ip -n kept link add ka type veth peer name kb
	wait_for "$VN" '^\[netns kept\][0-9]+: ka@kb: '
	# the monitor's socket in held is closed: nothing of it is printed
	nsenter --net=/proc/"$holder"/ns/net ip link add ha type veth peer name hb
	ip -n kept link set ka mtu 1400
	wait_for "$VN" '^\[netns kept\][0-9]+: ka@kb: .* mtu 1400 '
	run grep -c 'held\|ha@hb' "$VN"
	assert_output 0
	kill -0 "$pid"
	run cat "$VN.err"
	assert_output ''
}

@test "--all-netns watches a name made before its namespace is mounted on it, once mounted" {
	VN=$BATS_TEST_TMPDIR/vn
	# as ip netns add does it, in two steps: the file (here before the
	# monitor starts, so that it finds it empty), then the mount
	mkdir -p /run/netns
	touch /run/netns/slow
	bg "$VN" "$VNETCTL" monitor --all-netns link
	wait_listening "${BG[-1]}"
	unshare --net mount --bind /proc/self/ns/net /run/netns/slow
	wait_listening_in "${BG[-1]}" slow
	ip -n slow link add name sa type veth peer name sb
	wait_for "$VN" '^\[netns slow\][0-9]+: sa@sb: '
	run cat "$VN.err"
	assert_output ''
}

@test "--all-netns watches a namespace of two names once, and under the other when one goes" {
	ip netns add one
	touch /run/netns/two
	mount --bind /run/netns/one /run/netns/two
	VN=$BATS_TEST_TMPDIR/vn
	bg "$VN" "$VNETCTL" monitor --all-netns link
	pid=${BG[-1]}
	wait_listening "$pid"
	ip -n one link add name oa type veth peer name ob
	ip link add za type veth peer name zb
	wait_for "$VN" '^\[netns (one|two)\][0-9]+: oa@ob: '
	wait_for "$VN" '^\[nsid current\][0-9]+: za@zb: '
	run grep -c 'oa@ob' "$VN"
	assert_output 1
	# the name it is watched under goes; the other is left
	used=$(grep -oE '^\[netns (one|two)\]' "$VN" | head -1 | tr -d '[]' | cut -d' ' -f2)
	other=one
	[ "$used" = one ] && other=two
	umount /run/netns/"$used" # plain, not lazy: the monitor holds no mount
	rm /run/netns/"$used"
	# until its socket under the other name is open: set again, bounded
	for i in $(seq 50); do
		ip -n "$other" link set oa mtu $((1400 + i))
		grep -qE "^\[netns $other\][0-9]+: oa@ob: " "$VN" && break
		sleep 0.1
	done
	wait_for "$VN" "^\[netns $other\][0-9]+: oa@ob: "
	kill -0 "$pid"
	run cat "$VN.err"
	assert_output ''
}

@test "--all-netns -j names each event's namespace, with its nsid where there is one" {
	ip netns add n1
	ip netns add n2
	ip netns set n2 6
	VN=$BATS_TEST_TMPDIR/vn
	bg "$VN" "$VNETCTL" -j monitor --all-netns link
	wait_listening "${BG[-1]}"
	ip -n n1 link add xa type veth peer name xb
	ip -n n2 link add ya type veth peer name yb
	ip link add za type veth peer name zb
	wait_for "$VN" '"ifname":"ya"'
	wait_for "$VN" '"ifname":"za"'
	run jq -c 'select(.link[0].ifname | test("^[xyz]a$")) | [.nsid, .netns, .link[0].ifname, .link[0].link]' "$VN"
	assert_line '[null,"n1","xa","xb"]'
	assert_line '[6,"n2","ya","yb"]'
	assert_line '[null,null,"za","zb"]'
	refute has_nsid n1
}

@test "--all-netns in a batch ended by SIGTERM, namespaces come and gone: nothing leaks under valgrind" {
	[ -z "${VNETCTL_VALGRIND:-}" ] || skip "the valgrind run runs vnetctl under valgrind already"
	require_tool valgrind
	grep -q __asan_init "$VNETCTL" && skip "an ASan build does not run under valgrind (the normal build's run has it)"
	local log=$BATS_TEST_TMPDIR/vg i
	VN=$BATS_TEST_TMPDIR/vn
	ip netns add n1
	ip netns add n2
	echo 'monitor --all-netns link addr' >"$BATS_TEST_TMPDIR/batch"
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --log-file="$log" \
		"$VNETCTL" -b "$BATS_TEST_TMPDIR/batch" >"$VN" 2>"$VN.err" &
	pid=$!
	BG+=("$pid")
	for i in 1 2 3 4 5; do wait_listening "$pid" 2>/dev/null && break; done
	wait_listening "$pid"
	ip netns add n3
	wait_listening_in "$pid" n3
	ip -n n3 link add ca type veth peer name cb
	ip netns del n1
	ip -n n2 link add ba type veth peer name bb
	wait_for "$VN" '^\[netns n3\][0-9]+: ca@cb: '
	wait_for "$VN" '^\[netns n2\][0-9]+: ba@bb: '
	kill -TERM "$pid"
	status=0
	wait "$pid" || status=$?
	assert_equal "$status" 143
	run cat "$log"
	assert_output ""
}

# ---- ending, and bad input ---------------------------------------------------

@test "a signal in a batch ends monitor there, as netns monitor: the lines before took effect" {
	VN=$BATS_TEST_TMPDIR/vn
	printf '%s\n' 'link add va type veth peer vb' 'monitor link' 'link add wa type veth peer wb' >"$BATS_TEST_TMPDIR/batch"
	"$VNETCTL" -b "$BATS_TEST_TMPDIR/batch" >"$VN" 2>"$VN.err" &
	pid=$!
	BG+=("$pid")
	wait_listening "$pid"
	ip link set va up
	wait_for "$VN" '^[0-9]+: va@vb: <.*UP'
	# a background job ignores SIGINT (bash): the batch's other signal
	kill -TERM "$pid"
	status=0
	wait "$pid" || status=$?
	assert_equal "$status" 143
	run cat "$VN.err"
	assert_output --partial 'interrupted (SIGTERM)'
	assert dev_exists va
	refute dev_exists wa
}

@test "monitor ended by SIGINT leaves nothing of its stream's thread: no leak under valgrind, not a possible one" {
	[ -z "${VNETCTL_VALGRIND:-}" ] || skip "the valgrind run runs vnetctl under valgrind already"
	require_tool valgrind
	grep -q __asan_init "$VNETCTL" && skip "an ASan build does not run under valgrind (the normal build's run has it)"
	local log=$BATS_TEST_TMPDIR/vg i
	VN=$BATS_TEST_TMPDIR/vn
	# its names are read by a streamed dump, whose receiver thread is made
	# and joined before it listens; SIGINT then ends the process
	env --default-signal=INT valgrind -q --leak-check=full \
		--show-leak-kinds=definite,indirect,possible --log-file="$log" \
		"$VNETCTL" monitor link >"$VN" 2>"$VN.err" &
	pid=$!
	BG+=("$pid")
	# valgrind starts slowly: a longer bound than wait_listening's, no timing
	for i in 1 2 3 4 5; do wait_listening "$pid" 2>/dev/null && break; done
	wait_listening "$pid"
	kill -INT "$pid"
	status=0
	wait "$pid" || status=$?
	assert_equal "$status" 130
	run cat "$log"
	assert_output ""
}

@test "monitor refuses an unknown word: exit 2, one line, nothing watched" {
	run vn_ends monitor bogus
	assert_error 2 'monitor: unknown keyword "bogus" \(see: vnetctl monitor help\)'
	run vn_ends monitor link bogus
	assert_error 2 'monitor: unknown keyword "bogus"'
	run vn_ends monitor link all-nsid label addr route neigh netns all addr
	assert_error 2 'monitor: addr given twice'
	run vn_ends monitor link --all-netns all-nsid
	assert_error 2 'monitor: --all-netns and all-nsid cannot be used together'
	run vn_ends monitor link --all-netns --all-netns
	assert_error 2 'monitor: --all-netns given twice'
	# a word once in the table: the object's first word is no verb of its own
	run vn_ends monitor link link
	assert_error 2 'monitor: link given twice'
}

@test "-t and -ts are global options; an unknown one is refused" {
	run vn_ends -t -ts -N monitor
	assert_success
	assert_output ''
	run vn_ends -tx monitor
	assert_error 2 'unknown option "-tx"'
}

@test "Ctrl-C ends monitor in the shell and gives the prompt back; commands work after" {
	sock="vnetctl-mon-$$-$BATS_TEST_NUMBER"
	TMUX_SOCK=$sock
	tmux -L "$sock" new-session -d -s s -x 200 -y 50 \
		"XDG_STATE_HOME='$BATS_TEST_TMPDIR/state' '$VNETCTL'; sleep 30"
	screen_has() { # REGEX, 15 s at most
		local i
		for i in $(seq 150); do
			tmux -L "$sock" capture-pane -p -N -t s | grep -Eq -- "$1" && return 0
			sleep 0.1
		done
		tmux -L "$sock" capture-pane -p -N -t s >&2
		return 1
	}
	screen_has 'vnetctl> $'
	tmux -L "$sock" send-keys -t s 'monitor link' Enter
	for i in $(seq 100); do
		ip link add "m$i" type veth peer name "p$i"
		tmux -L "$sock" capture-pane -p -N -t s | grep -q '^[0-9]*: m[0-9]*@p' && break
		sleep 0.1
	done
	screen_has '^[0-9]+: m[0-9]+@p[0-9]+: '
	tmux -L "$sock" send-keys -t s C-c
	screen_has '^vnetctl> $'
	tmux -L "$sock" send-keys -t s 'link add after type veth peer after2' Enter
	for i in $(seq 50); do dev_exists after && break; sleep 0.1; done
	assert dev_exists after
}

# ---- under ip's name ------------------------------------------------------------

# A directory with a link named ip to the binary: vnetctl as ip.
ipshim() {
	shim_setup
}

@test "monitor rule prints rules added and deleted exactly as ip monitor rule" {
	ipshim
	VN=$BATS_TEST_TMPDIR/vn IP=$BATS_TEST_TMPDIR/ip
	bg "$VN" "$SHIM/ip" monitor label rule
	wait_listening "${BG[-1]}"
	bg "$IP" /usr/sbin/ip monitor label rule
	wait_listening "${BG[-1]}"
	ip rule add from 10.1.0.0/16 ipproto tcp dport 80 table 5 pref 50
	ip -6 rule add from 2001:db8::/32 blackhole pref 51
	ip rule del pref 50
	ip -6 rule del pref 51
	wait_for "$VN" '^\[RULE\]Deleted 51:'
	wait_for "$IP" '^\[RULE\]Deleted 51:'
	run cat "$VN"
	assert_line --index 0 $'[RULE]50:\tfrom 10.1.0.0/16 ipproto tcp dport 80 lookup 5'
	assert_line --index 1 $'[RULE]51:\tfrom 2001:db8::/32 blackhole'
	assert_equal "$output" "$(cat "$IP")"
}

@test "monitor link under ip's name prints ip's event lines, without mode and qlen" {
	ipshim
	VN=$BATS_TEST_TMPDIR/vn IP=$BATS_TEST_TMPDIR/ip
	bg "$VN" "$SHIM/ip" monitor link
	wait_listening "${BG[-1]}"
	bg "$IP" /usr/sbin/ip monitor link
	wait_listening "${BG[-1]}"
	ip link add br9 type bridge
	ip link set br9 mtu 1400
	ip link del br9
	wait_for "$VN" '^Deleted [0-9]+: br9:'
	wait_for "$IP" '^Deleted [0-9]+: br9:'
	run grep -c 'mode DEFAULT\|qlen' "$VN"
	assert_output 0
	run cat "$VN"
	assert_output --partial 'mtu 1400 qdisc noop state DOWN group default '
	assert_equal "$output" "$(cat "$IP")"
}

@test "monitor file prints what rtmon saved, with its times, as ip monitor file" {
	require_tool rtmon
	ipshim
	local f=$BATS_TEST_TMPDIR/saved
	bg "$BATS_TEST_TMPDIR/rtmon" rtmon file "$f" link address route
	wait_listening "${BG[-1]}"
	ip link add br9 type bridge
	ip link set br9 up
	ip addr add 10.9.0.1/24 dev br9
	ip route add 10.10.0.0/16 via 10.9.0.2 dev br9 onlink
	ip link del br9
	# rtmon writes each event as it comes: until the last is there
	local i
	for i in $(seq 100); do
		/usr/sbin/ip monitor file "$f" | grep -q '^Deleted [0-9]*: br9:' && break
		sleep 0.1
	done
	run /usr/sbin/ip monitor file "$f"
	local want=$output
	run "$SHIM/ip" monitor file "$f"
	assert_success
	assert_output --regexp $'^Timestamp: [A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4} [0-9]+ us\n'
	assert_output --partial 'inet 10.9.0.1/24 scope global br9'
	# the link and address lines byte for byte; routes up to ip's trailing blank
	assert_equal "$(grep -v 'dev br9' <<<"$output")" "$(grep -v 'dev br9' <<<"$want")"
	assert_equal "$(sed 's/ *$//' <<<"$output")" "$(sed 's/ *$//' <<<"$want")"
	# ip reads a file whatever the words, in text even with -j, and so does vnetctl as ip
	run "$SHIM/ip" -j monitor route file "$f"
	assert_equal "$(sed 's/ *$//' <<<"$output")" "$(sed 's/ *$//' <<<"$want")"
	run "$SHIM/ip" monitor label file "$f"
	assert_equal "$(grep -o '^\[[A-Z]*\]' <<<"$output" | sort -u | tr '\n' ' ')" '[ADDR] [LINK] [ROUTE] '
	# and under vnetctl's name, JSON with -j, each event with its saved time
	run bash -c "'$VNETCTL' -j monitor file '$f' | jq -r '.event' | sort -u | tr '\n' ' '"
	assert_output 'addr link route '
	run bash -c "'$VNETCTL' -j monitor file '$f' | jq -r '.timestamp' | grep -cvE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{6}$'"
	assert_output 0
}

@test "monitor file refuses a file it cannot read, or cut short" {
	run vn monitor file /nonexistent/saved
	assert_error 1 'monitor: No such file or directory \(opening /nonexistent/saved\)'
	printf 'abcdefghijklmnopqrstuvwxyz' >"$BATS_TEST_TMPDIR/bad"
	run vn monitor file "$BATS_TEST_TMPDIR/bad"
	assert_error 1 'a message is cut short at byte 0'
}

@test "monitor dev prints only the device's events, without its name on each, as ip" {
	ipshim
	ip link add va type veth peer name vb
	ip link set va up
	ip link set vb up
	VN=$BATS_TEST_TMPDIR/vn IP=$BATS_TEST_TMPDIR/ip
	bg "$VN" "$SHIM/ip" monitor dev va
	wait_listening "${BG[-1]}"
	bg "$IP" /usr/sbin/ip monitor dev va
	wait_listening "${BG[-1]}"
	ip addr add 10.9.0.1/24 dev va
	ip addr add 10.9.1.1/24 dev vb
	ip neigh add 10.9.0.7 lladdr 02:00:00:00:00:07 dev va
	ip neigh add 10.9.1.7 lladdr 02:00:00:00:00:07 dev vb
	ip route add 10.10.0.0/16 via 10.9.0.7 dev va
	ip route add 10.11.0.0/16 via 10.9.1.7 dev vb
	ip link set vb mtu 1400
	ip link set va mtu 1300
	wait_for "$VN" '^[0-9]+: va@vb: .* mtu 1300 '
	wait_for "$IP" '^[0-9]+: va@vb: .* mtu 1300 '
	run cat "$VN"
	assert_line '10.9.0.7 lladdr 02:00:00:00:00:07 PERMANENT '
	refute_output --partial '10.9.1.'
	refute_output --partial '10.11.0.0'
	refute_output --partial 'mtu 1400'
	# ip's lines, up to the routes' trailing blank
	assert_equal "$(sed 's/ *$//' "$VN")" "$(sed 's/ *$//' "$IP")"
	run "$SHIM/ip" monitor dev nosuch
	assert_equal "$status" 255
	assert_output 'Error: argument "nosuch" is wrong: Device does not exist'
	run vn_ends monitor dev nosuch
	assert_error 1 'monitor: no device named "nosuch"'
}

@test "monitor netconf prints devices' IP settings as ip monitor netconf" {
	ipshim
	VN=$BATS_TEST_TMPDIR/vn IP=$BATS_TEST_TMPDIR/ip
	bg "$VN" "$SHIM/ip" monitor netconf
	wait_listening "${BG[-1]}"
	bg "$IP" /usr/sbin/ip monitor netconf
	wait_listening "${BG[-1]}"
	ip link add va type veth peer name vb
	sysctl -qw net.ipv4.conf.va.forwarding=1
	sysctl -qw net.ipv4.conf.va.rp_filter=2
	sysctl -qw net.ipv6.conf.default.forwarding=1
	ip link del va
	wait_for "$VN" '^Deleted inet6 vb $'
	wait_for "$IP" '^Deleted inet6 vb $'
	run cat "$VN"
	assert_line 'inet va forwarding off rp_filter off mc_forwarding off proxy_neigh off ignore_routes_with_linkdown off '
	assert_line 'inet va rp_filter loose '
	assert_line 'inet6 default forwarding on '
	assert_equal "$output" "$(cat "$IP")"
	# the kernel's settings, the second witness
	assert_equal "$(cat /proc/sys/net/ipv6/conf/default/forwarding)" 1
}
