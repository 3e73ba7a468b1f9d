#!/usr/bin/env bats
# Real programs that drive ip (issue 20), each run twice in fresh network,
# mount and PID namespaces: with iproute2's ip, and with vnetctl in ip's place
# (first on PATH and bound over /usr/bin/ip, /usr/sbin/ip and
# /usr/sbin/bridge in the private mount namespace, as README's "vnetctl in
# ip's place" says; tests/ipcompat/program).  After every step the kernel's
# state is read by iproute2 and the two runs compared; every ip line the
# program ran is logged with its exit status and message.
#
# What differs today is listed in tests/ipcompat/programs-known, one line
# each: `SCENARIO: ip ARGS` (a line whose status or message differs, or that
# only one run ran), `SCENARIO: STEP` (a step whose exit status differs) and
# `SCENARIO: state after STEP`.  A difference not listed fails the test, and
# so does a listed one that is gone (the list only shrinks).

load helpers

IPCOMPAT=$BATS_TEST_DIRNAME/ipcompat
KNOWN=$IPCOMPAT/programs-known

# Run SCENARIO with iproute2 and with vnetctl; print what differs, one line
# each, in the list's spelling, after a line of detail where there is one.
differences() {
	local sc=$1 d=$BATS_TEST_TMPDIR/$1 s
	for s in ip vn; do
		local bin=$VNETCTL
		[ $s = ip ] && bin=/usr/sbin/ip
		timeout 120 unshare --net --mount --pid --fork --propagation private \
			"$IPCOMPAT/program" "$bin" "$d/$s" "$sc" >"$d.$s.log" 2>&1 || true
	done
	[ -s "$d/ip/calls" ] || { echo "$sc: iproute2's run logged no ip line"; return; }
	# The lines each run gave ip, with their status and message.
	python3 - "$d/ip/calls" "$d/vn/calls" "$sc" <<-'P'
	import sys
	def calls(p):
	    out = {}
	    for line in open(p):
	        st, args, err = (line.rstrip("\n").split("\t") + ["", ""])[:3]
	        out.setdefault(args, []).append((st, err.strip()))
	    return out
	a, b = calls(sys.argv[1]), calls(sys.argv[2])
	for args in list(a) + [k for k in b if k not in a]:
	    if a.get(args) != b.get(args):
	        print("  detail: %s: iproute2 %s, vnetctl %s" % (args, a.get(args, "not run"), b.get(args, "not run")))
	        print("%s: %s" % (sys.argv[3], args))
	P
	diff <(sed 's/: exit.*//' "$d/ip/run/steps") <(sed 's/: exit.*//' "$d/vn/run/steps") >/dev/null ||
		echo "$sc: the steps differ"
	while read -r step; do
		grep -qxF "$step" "$d/vn/run/steps" || echo "$sc: ${step%%: exit*}"
	done <"$d/ip/run/steps"
	for f in "$d"/ip/*; do
		f=${f##*/}
		case $f in calls | run) continue ;; esac
		"$IPCOMPAT/compare" --state "$d/ip/$f" "$d/vn/$f" >"$d/$f.diff" ||
			{ sed 's/^/  detail: /' "$d/$f.diff" | head -20; echo "$sc: state after $f"; }
	done
}

# The differences of SCENARIO must be exactly its lines of the known list.
same_as_known() {
	local sc=$1 got want
	differences "$sc" >"$BATS_TEST_TMPDIR/out"
	cat "$BATS_TEST_TMPDIR/out"
	got=$(grep -v '^  detail: ' "$BATS_TEST_TMPDIR/out" | sort -u)
	want=$(grep "^$sc: " "$KNOWN" | sort -u)
	local new fixed
	new=$(comm -23 <(echo "$got") <(echo "$want") | sed '/^$/d')
	fixed=$(comm -13 <(echo "$got") <(echo "$want") | sed '/^$/d')
	[ -z "$new" ] || echo "differ from iproute2 and are not in $KNOWN:" $'\n'"$new"
	[ -z "$fixed" ] || echo "now behave as iproute2: remove from $KNOWN:" $'\n'"$fixed"
	[ -z "$new$fixed" ]
}

@test "ifupdown: inet static, pointopoint, manual, inet6 static and auto, each up then down, as with ip" {
	require_tool ifup
	same_as_known ifupdown
	# iproute2's run brought every stanza up: the scenario itself works.
	run grep -c ': exit 0$' "$BATS_TEST_TMPDIR/ifupdown/ip/run/steps"
	assert_output 10
	run jq -r '.[] | select(.ifname == "s4") | .addr_info[]? | select(.family == "inet") | "\(.local)/\(.prefixlen)"' "$BATS_TEST_TMPDIR/ifupdown/ip/up-s4"
	assert_output 10.61.0.1/24
}

@test "dhclient against dnsmasq: the lease bound, renewed, released, as with ip" {
	require_tool dhclient
	require_tool dnsmasq
	same_as_known dhclient
	# With iproute2 the lease was bound: the address and the default route.
	run jq -r '.[] | select(.ifname == "d0") | .addr_info[]? | select(.family == "inet") | "\(.local)/\(.prefixlen)"' "$BATS_TEST_TMPDIR/dhclient/ip/bound"
	assert_output 10.70.0.10/24
	run jq -r '.[] | select(.dst == "default") | .gateway' "$BATS_TEST_TMPDIR/dhclient/ip/bound"
	assert_output 10.70.0.1
	run jq -rs '[.[][] | select(.ifname == "d0") | .addr_info[]? | select(.family == "inet")] | length' "$BATS_TEST_TMPDIR/dhclient/ip/released"
	assert_output 0
}

@test "wg-quick up and down: two peers, allowed IPs, a default route through the tunnel, as with ip" {
	require_tool wg-quick wg
	require_kind wireguard
	same_as_known wgquick
	# With iproute2 the tunnel came up: its address, the fwmark table's
	# default route and the rules, and wg-quick down removed them.
	# what wg-quick said, shown when it did not come up
	cat "$BATS_TEST_TMPDIR"/wgquick/ip/run/wg-*.log
	run grep -c ': exit 0$' "$BATS_TEST_TMPDIR/wgquick/ip/run/steps"
	assert_output 2
	# (both families' defaults, each dump once: every one through wg0)
	run jq -rs '[.[][]? | select(.table == "51820" and .dst == "default") | .dev] | unique | .[]' "$BATS_TEST_TMPDIR/wgquick/ip/up"
	assert_output wg0
	run jq -rs '[.[][] | select(.ifname == "wg0")] | length' "$BATS_TEST_TMPDIR/wgquick/ip/down"
	assert_output 0
}

@test "ifupdown: a vlan stanza up then down, as with ip" {
	require_tool ifup
	require_kind vlan
	same_as_known ifvlan
	run jq -r '.[] | select(.ifname == "v4.10") | .addr_info[]? | select(.family == "inet") | .local' "$BATS_TEST_TMPDIR/ifvlan/ip/up"
	assert_output 10.65.0.1
}
