#!/usr/bin/env bats
# vnetctl neigh: add, del, change, replace, show and flush of IPv4 (ARP) and
# IPv6 neighbour entries.  The kernel's view is checked through iproute2
# (`ip -j neigh show`), and show's output against ip's for the same state.
load helpers

# Every test gets a veth pair va/vb, both up, with 10.0.0.2/24 and
# 2001:db8::2/64 on va; no link-local addresses, whose multicast entries
# would come and go while a test compares two views.
setup() {
	clean_netns
	ip link add dev va type veth peer name vb
	ip link set dev va addrgenmode none
	ip link set dev vb addrgenmode none
	ip link set dev va up
	ip link set dev vb up
	ip addr add 10.0.0.2/24 dev va
	ip addr add 2001:db8::2/64 dev va nodad
}

# The kernel's entry for $1 (any state) as JSON, or nothing.
kneigh() { ip -j neigh show nud all | jq -c --arg d "$1" '.[] | select(.dst == $d)'; }
# One field of it.
kfield() { kneigh "$1" | jq -r ".$2"; }
# Whether it has the flag $2 (a key, null in ip's JSON).
khas() { kneigh "$1" | jq -r --arg k "$2" 'has($k)'; }
kproxy() { ip -j neigh show proxy | jq -c --arg d "$1" '.[] | select(.dst == $d)'; }
# Every entry the tests made (not the kernel's own multicast ones), proxy
# entries too: proof that nothing changed.
kall() {
	{
		ip -j neigh show nud all
		ip -j neigh show proxy
	} | jq -sc '[add[] | select(.dst | startswith("ff") | not)] | sort_by(.dst)'
}
# The kernel's own multicast entries (ff02::16...) come and go as MLD
# reports are sent: comparisons leave them out.
nomcast() { grep -v '^ff' || true; }
jnomcast() { jq -S '[.[] | select(.dst | startswith("ff") | not)]'; }
# ip's text, without the blank it ends each line with.
iptext() { ip neigh show "$@" | sed 's/ *$//' | nomcast; }
# vnetctl's, the same way.
vntext() { vn neigh show "$@" | nomcast; }
# Entries in several states on va, and proxy entries.
several() {
	ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev va nud permanent
	ip neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev va nud reachable
	ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev va nud stale router
	ip neigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev va nud noarp
	ip neigh add 2001:db8::5 lladdr 02:00:00:00:00:15 dev va router
	ip neigh add 2001:db8::6 lladdr 02:00:00:00:00:16 dev vb nud stale
	ip neigh add proxy 10.0.0.9 dev va
	ip neigh add proxy 2001:db8::9 dev vb
}

# ---- add ------------------------------------------------------------------------

@test "add makes a permanent IPv4 entry with its link-layer address" {
	run vn neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev va
	assert_success
	assert_output ''
	assert_equal "$(kfield 10.0.0.5 lladdr)" 02:00:00:00:00:05
	assert_equal "$(kfield 10.0.0.5 dev)" va
	assert_equal "$(kfield 10.0.0.5 'state | join(",")')" PERMANENT
}

@test "add of an IPv6 entry, with the keyword to" {
	run vn neigh add to 2001:db8::5 lladdr 02:00:00:00:00:15 dev va
	assert_success
	assert_equal "$(kfield 2001:db8::5 lladdr)" 02:00:00:00:00:15
	assert_equal "$(kfield 2001:db8::5 'state | join(",")')" PERMANENT
}

@test "add with each nud state gives the entry that state" {
	local i=1 s
	for s in permanent noarp reachable stale; do
		run vn neigh add "10.0.0.$((10 + i))" lladdr "02:00:00:00:00:1$i" dev va nud "$s"
		assert_success
		assert_equal "$(kfield "10.0.0.$((10 + i))" 'state | join(",")')" "${s^^}"
		i=$((i + 1))
	done
}

@test "add with router marks the neighbour a router" {
	run vn neigh add 2001:db8::5 lladdr 02:00:00:00:00:15 dev va router
	assert_success
	assert_equal "$(khas 2001:db8::5 router)" true
}

@test "add proxy makes a proxy entry, not a neighbour" {
	run vn neigh add proxy 10.0.0.9 dev va
	assert_success
	assert_equal "$(kproxy 10.0.0.9 | jq -r .dev)" va
	assert_equal "$(kneigh 10.0.0.9)" ''
	run vn neigh add 2001:db8::9 dev va proxy
	assert_success
	assert_equal "$(kproxy 2001:db8::9 | jq -r .dev)" va
}

@test "add of an entry that exists fails with exit 1 and leaves it as it was" {
	ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev va
	run vn neigh add 10.0.0.5 lladdr 02:00:00:00:00:55 dev va
	assert_error 1 'neigh add 10.0.0.5: File exists \(the entry exists already; neigh replace'
	assert_equal "$(kfield 10.0.0.5 lladdr)" 02:00:00:00:00:05
}

@test "add without lladdr on an Ethernet device fails with exit 1 and leaves no entry" {
	run vn neigh add 10.0.0.5 dev va nud stale
	assert_error 1 'neigh add 10.0.0.5: a new entry on va needs lladdr MAC'
	assert_equal "$(kneigh 10.0.0.5)" ''
	run vn neigh replace 10.0.0.5 dev va
	assert_error 1 'neigh replace 10.0.0.5: a new entry on va needs lladdr MAC'
	assert_equal "$(kneigh 10.0.0.5)" ''
}

@test "add without lladdr on a device without link-layer addresses" {
	ip tuntap add dev tn0 mode tun
	ip link set tn0 up
	run vn neigh add 10.0.0.5 dev tn0 nud noarp
	assert_success
	# the kernel keys a point-to-point device's entries by 0.0.0.0
	assert_equal "$(ip -j neigh show dev tn0 nud all | jq -r '.[0].state | join(",")')" NOARP
	# an empty link-layer address is none, not ip's "08"
	run vn neigh show dev tn0 nud all
	assert_output '0.0.0.0 NOARP'
}

@test "add on a missing device fails with exit 1" {
	run vn neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev nosuch
	assert_error 1 'neigh add 10.0.0.5: no device named "nosuch"'
}

# ---- change, replace, del ---------------------------------------------------------

@test "change sets the address and state of an entry that exists" {
	ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev va
	run vn neigh change 10.0.0.5 lladdr 02:00:00:00:00:55 dev va nud stale
	assert_success
	assert_equal "$(kfield 10.0.0.5 lladdr)" 02:00:00:00:00:55
	assert_equal "$(kfield 10.0.0.5 'state | join(",")')" STALE
}

@test "change without lladdr keeps the address the entry has" {
	ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev va
	run vn neigh change 10.0.0.5 dev va nud reachable
	assert_success
	assert_equal "$(kfield 10.0.0.5 lladdr)" 02:00:00:00:00:05
	assert_equal "$(kfield 10.0.0.5 'state | join(",")')" REACHABLE
}

@test "change of an entry that is not there fails with exit 1 and makes none" {
	run vn neigh change 10.0.0.5 lladdr 02:00:00:00:00:05 dev va
	assert_error 1 'neigh change 10.0.0.5: No such file or directory \(no such entry on va\)'
	assert_equal "$(kneigh 10.0.0.5)" ''
}

@test "replace makes an entry, then changes it" {
	run vn neigh replace 10.0.0.5 lladdr 02:00:00:00:00:05 dev va nud reachable
	assert_success
	assert_equal "$(kfield 10.0.0.5 'state | join(",")')" REACHABLE
	run vn neigh replace 10.0.0.5 lladdr 02:00:00:00:00:55 dev va router
	assert_success
	assert_equal "$(kfield 10.0.0.5 lladdr)" 02:00:00:00:00:55
	assert_equal "$(kfield 10.0.0.5 'state | join(",")')" PERMANENT
	assert_equal "$(khas 10.0.0.5 router)" true
}

@test "del removes an entry, and delete is the same verb" {
	ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev va
	ip neigh add 2001:db8::5 lladdr 02:00:00:00:00:05 dev va
	run vn neigh del 10.0.0.5 dev va
	assert_success
	assert_equal "$(kneigh 10.0.0.5)" ''
	run vn neigh delete 2001:db8::5 dev va
	assert_success
	assert_equal "$(kneigh 2001:db8::5)" ''
}

@test "del proxy removes a proxy entry" {
	ip neigh add proxy 10.0.0.9 dev va
	run vn neigh del proxy 10.0.0.9 dev va
	assert_success
	assert_equal "$(kproxy 10.0.0.9)" ''
}

@test "del of an entry that is not there fails with exit 1" {
	run vn neigh del 10.0.0.5 dev va
	assert_error 1 'neigh del 10.0.0.5: No such file or directory \(no such entry on va\)'
}

# ---- show -----------------------------------------------------------------------

@test "show prints what ip neigh show prints, in text and JSON" {
	several
	run vn neigh show
	assert_success
	assert_line '10.0.0.7 dev va lladdr 02:00:00:00:00:07 router STALE'
	# noarp entries only when asked for, as in ip
	refute_line --partial 10.0.0.8
	assert_equal "$(vntext)" "$(iptext)"
	assert_equal "$(vn -j neigh show | jnomcast)" "$(ip -j neigh show | jnomcast)"
}

@test "show is the verb run when none is given, and list is show" {
	several
	run vn neigh
	assert_success
	assert_line '10.0.0.7 dev va lladdr 02:00:00:00:00:07 router STALE'
	run vn neigh list
	assert_success
	assert_line '10.0.0.7 dev va lladdr 02:00:00:00:00:07 router STALE'
}

@test "show's filters select as ip's do" {
	several
	local f
	for f in "dev va" "dev vb" "nud all" "nud noarp" "nud permanent" "nud stale" \
		"nud reachable" "nud none" "proxy" "proxy dev vb" "nud permanent dev va"; do
		# shellcheck disable=SC2086
		run vn neigh show $f
		assert_success
		# shellcheck disable=SC2086
		assert_equal "$(vntext $f)" "$(iptext $f)"
		# shellcheck disable=SC2086
		assert_equal "$(vn -j neigh show $f | jnomcast)" "$(ip -j neigh show $f | jnomcast)"
	done
	run vn neigh show dev va
	# the device named is not repeated on each line, as in ip
	assert_line '10.0.0.7 lladdr 02:00:00:00:00:07 router STALE'
}

@test "-4 and -6 show one family" {
	several
	run vn -4 neigh show
	assert_output "$(ip -4 neigh show | sed 's/ *$//')"
	assert_line --partial 10.0.0.5
	refute_line --partial 2001:db8::5
	run vn -6 neigh show nud all
	assert_line --partial 2001:db8::5
	refute_line --partial 10.0.0.5
	assert_equal "$(vn -6 neigh show nud all | nomcast)" \
		"$(ip -6 neigh show nud all | sed 's/ *$//' | nomcast)"
}

@test "show of a missing device fails with exit 1" {
	run vn neigh show dev nosuch
	assert_error 1 'no device named "nosuch"'
}

# ---- flush ----------------------------------------------------------------------

@test "flush removes the entries but permanent and noarp ones, as ip does" {
	several
	run vn neigh flush dev va
	assert_success
	assert_equal "$(kneigh 10.0.0.6)" ''
	assert_equal "$(kneigh 10.0.0.7)" ''
	assert_equal "$(kfield 10.0.0.5 dev)" va
	assert_equal "$(kfield 10.0.0.8 dev)" va
	assert_equal "$(kfield 2001:db8::5 dev)" va
	# another device's entries and the proxy entries stay
	assert_equal "$(kfield 2001:db8::6 dev)" vb
	assert_equal "$(kproxy 10.0.0.9 | jq -r .dev)" va
}

@test "flush nud permanent removes the permanent entries" {
	several
	run vn neigh flush nud permanent
	assert_success
	assert_equal "$(kneigh 10.0.0.5)" ''
	assert_equal "$(kneigh 2001:db8::5)" ''
	assert_equal "$(kfield 10.0.0.6 dev)" va
	assert_equal "$(kfield 10.0.0.8 dev)" va
}

@test "flush without a device flushes every device's, and -6 one family" {
	several
	run vn -6 neigh flush
	assert_success
	assert_equal "$(kneigh 2001:db8::6)" ''
	assert_equal "$(kfield 10.0.0.6 dev)" va
	# as ip: "all" is every state but noarp
	run vn neigh flush nud all
	assert_success
	# (the kernel's own entries on other devices, 0.0.0.0 on lo, are not the test's)
	assert_equal "$(kall | jq -c '[.[] | select((has("proxy") | not) and (.dev == "va" or .dev == "vb")) | .dst]')" '["10.0.0.8"]'
}

@test "flush proxy removes the proxy entries only" {
	several
	run vn neigh flush proxy dev vb
	assert_success
	assert_equal "$(kproxy 2001:db8::9)" ''
	assert_equal "$(kproxy 10.0.0.9 | jq -r .dev)" va
	assert_equal "$(kfield 10.0.0.6 dev)" va
}

@test "flush of an empty table succeeds and prints nothing" {
	run vn neigh flush dev vb
	assert_success
	assert_output ''
}

# ---- the command line -----------------------------------------------------------

@test "dry run prints the request and sends nothing" {
	run vn -N neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev va nud reachable
	assert_success
	assert_line 'RTM_NEWNEIGH flags REQUEST|ACK|CREATE|EXCL'
	assert_line --regexp '^  ndmsg family inet index [0-9]+ state 0x2 flags 0x0$'
	assert_line '  NDA_DST 10.0.0.5'
	assert_line '  NDA_LLADDR 02:00:00:00:00:05'
	assert_equal "$(kneigh 10.0.0.5)" ''
	ip neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev va nud stale
	run vn -N neigh flush dev va
	assert_success
	assert_line 'RTM_DELNEIGH flags REQUEST|ACK'
	assert_line '  NDA_DST 10.0.0.6'
	assert_equal "$(kfield 10.0.0.6 dev)" va
}

@test "a batch adds and deletes entries in order" {
	run vn -b - <<'EOF'
neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev va
neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev va
neigh del 10.0.0.5 dev va
neigh change 10.0.0.6 lladdr 02:00:00:00:00:66 dev va
EOF
	assert_success
	assert_equal "$(kneigh 10.0.0.5)" ''
	assert_equal "$(kfield 10.0.0.6 lladdr)" 02:00:00:00:00:66
}

@test "bad command lines are refused with exit 2 and change nothing" {
	several
	refused 'unknown keyword "bogus"' neigh add 10.0.0.50 lladdr 02:00:00:00:00:05 dev va bogus
	refused 'invalid address "10.0.0.300"' neigh add 10.0.0.300 lladdr 02:00:00:00:00:05 dev va
	refused 'invalid address "10.0.0.0/24": no /length here' \
		neigh add 10.0.0.0/24 lladdr 02:00:00:00:00:05 dev va
	refused 'invalid lladdr "02:00:00:00:05" \(expected xx:xx:xx:xx:xx:xx\)' \
		neigh add 10.0.0.50 lladdr 02:00:00:00:05 dev va
	refused 'missing dev' neigh add 10.0.0.50 lladdr 02:00:00:00:00:05
	refused 'missing to' neigh add lladdr 02:00:00:00:00:05 dev va
	refused 'invalid nud "all" \(expected none\|incomplete\|delay\|probe\|failed\|permanent\|noarp\|reachable\|stale\)' \
		neigh add 10.0.0.50 lladdr 02:00:00:00:00:05 dev va nud all
	refused 'invalid nud "bogus"' neigh show nud bogus
	refused 'nud needs a value' neigh flush nud
	refused 'proxy and lladdr cannot be used together' \
		neigh add 10.0.0.50 lladdr 02:00:00:00:00:05 dev va proxy
	refused 'proxy and nud cannot be used together' neigh add proxy 10.0.0.50 dev va nud stale
	refused 'proxy and nud cannot be used together' neigh flush proxy nud all
	refused 'invalid interface name "abcdefghijklmnopq"' \
		neigh add 10.0.0.50 lladdr 02:00:00:00:00:05 dev abcdefghijklmnopq
	refused 'dev given twice' neigh del 10.0.0.5 dev va dev vb
	refused 'unknown keyword "lladdr"' neigh del 10.0.0.5 lladdr 02:00:00:00:00:05 dev va
	refused 'invalid prefix "router"' neigh flush router
	refused 'invalid address "2001:db8::5"' -4 neigh add 2001:db8::5 lladdr 02:00:00:00:00:05 dev va
	refused 'invalid address "10.0.0.5"' -6 neigh del 10.0.0.5 dev va
	refused 'unknown verb|unknown' neigh frob
}
