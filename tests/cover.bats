#!/usr/bin/env bats
# Every object and verb, in as few processes as it takes: batches of lines
# that succeed, a --force batch of lines that fail, and the entry points a
# batch cannot reach (options, dry run, JSON, completion, the shell).
# make check runs this file under valgrind (tests/valgrind/run), where each
# process costs a second; it runs in the normal suite too.  The last test
# checks that every verb `vnetctl __dump` lists appears here, so a new verb
# cannot escape valgrind unseen.

load helpers

# The kinds this kernel lacks fail with the kernel's answer: still a walk
# through parsing, the request and the error path.
setup() {
	clean_netns
	ip link add name v0 type veth peer name v1
}

batch() { # then the lines on stdin
	run vn "$@" -b -
}

@test "cover: namespaces, links, veths, bridges and addresses, each verb once" {
	# a process in a namespace of its own: attaching this suite's own
	# namespace would give it an nsid of itself that outlives the test
	unnamed_netns 300
	batch <<EOF
netns add vg1
netns list
netns show
netns lst
netns set vg1 5
netns list-id
netns identify $holder
netns pids vg1
netns attach vg2 $holder
netns delete vg2
link add d0 type veth peer name d1 mtu 1400
link set d0 up mtu 1300 alias cover group 3 txqueuelen 500
link show
link list type veth
link lst
link afstats
link afstats dev d0
link xstats type bridge
link change d0 mtu 1350
link delete d0
link add e0 type veth peer name e1 group 4
link del group 4
veth add a0 peer a1
veth show
veth list
veth lst
veth delete a0
veth add a2 peer a3
veth del a2
bridge add br0 stp off
bridge addbr br1
bridge set br0 forward_delay 400
bridge addif br0 v0
bridge show
bridge list
bridge lst
bridge stp br0 on
bridge fdb show br0
bridge port show
bridge port set v0 learning off
bridge vlan show
bridge vni show
bridge delif br0 v0
bridge delete br1
bridge delbr br0
bridge add br2
bridge del br2
addr add 10.9.0.1/24 dev v1 label v1:c valid_lft 600 preferred_lft 300 noprefixroute metric 4
addr add 2001:db8::1/64 dev v1 nodad home
addr change 10.9.0.1/24 dev v1 valid_lft forever preferred_lft forever
addr chg 10.9.0.1/24 dev v1 valid_lft forever preferred_lft forever
addr replace 10.9.0.2/24 dev v1
addr show dev v1
addr list up scope global label 'v1*' to 10.9.0.0/16 permanent primary type veth
addr lst dynamic tentative deprecated secondary master v0
addr delete 2001:db8::1/64 dev v1
addr del 10.9.0.1/24 dev v1 label v1:c
addr flush scope global dev v1
link set v1 up
addr add 10.9.0.1/24 dev v1
route add 10.8.0.0/16 dev v1
route show
route list
route lst
route delete 10.8.0.0/16 dev v1
route add 10.7.0.0/16 via 10.9.0.2
route change 10.7.0.0/16 via 10.9.0.3
route chg 10.7.0.0/16 via 10.9.0.3
route replace 10.7.0.0/16 via 10.9.0.2
route append 10.7.0.0/16 via 10.9.0.3
route prepend 10.6.0.0/16 via 10.9.0.2 priority 5 realm 3/4 ttl-propagate enabled
route show metric 5
route del 10.6.0.0/16
route get 10.7.1.1
route del 10.7.0.0/16
route del 10.7.0.0/16
route flush 10.8.0.0/16
neigh add 10.9.0.5 lladdr 02:00:00:00:00:05 dev v1
neigh change 10.9.0.5 lladdr 02:00:00:00:00:06 dev v1 nud stale
neigh chg 10.9.0.5 lladdr 02:00:00:00:00:06 dev v1 nud stale
neigh replace 10.9.0.5 lladdr 02:00:00:00:00:07 dev v1 router
neigh add proxy 10.9.0.6 dev v1
neigh show
neigh list proxy
neigh lst nud all
neigh delete proxy 10.9.0.6 dev v1
neigh del 10.9.0.5 dev v1
neigh flush dev v1 nud all
rule add from 10.9.0.0/24 fwmark 0x10/0xff table 100 priority 100
rule add not to 10.8.0.0/16 iif v1 oif v0 lookup main suppress_prefixlength 0 priority 101
rule add goto 32766 priority 102
rule show
rule list table 100
rule lst
rule delete priority 102
rule del from 10.9.0.0/24 table 100
rule del priority 101
tuntap add tap9 mode tap
tuntap show
tuntap list
tuntap lst
tuntap del tap9
tuntap add tap8 mode tap
tuntap delete tap8
macvlan add m0 link v1 mode bridge
macvlan show
macvlan list
macvlan lst
macvlan delete m0
macvlan add m2 link v1
macvlan del m2
macvtap add t0 link v1
macvtap show
macvtap list
macvtap lst
macvtap del t0
macvtap add t2 link v1
macvtap delete t2
vxlan add vx0 id 42 remote 10.9.0.2
vxlan show
vxlan list
vxlan lst
vxlan delete vx0
vxlan add vx2 id 43
vxlan del vx2
ifb add i0
ifb show
ifb list
ifb lst
ifb delete i0
ifb add i2
ifb del i2
netns delete vg1
EOF
	kill "$holder"
	assert_success
	assert_output --partial 'vg1'
	assert_equal "$(ls /run/netns)" ""
	assert_equal "$(ip -j link show | jq -r '[.[].ifname] | sort | join(",")')" lo,v0,v1
}

@test "cover: topo plan, up and down of a small lab, in one batch" {
	f=$BATS_TEST_TMPDIR/lab.yaml
	printf '%s\n' 'namespaces: [tp1]' 'veths:' '  - {a: tp1/x0, b: x1, up: true}' 'addresses:' \
		'  x1: [10.77.0.1/24]' '  tp1/x0: [10.77.0.2/24]' 'routes:' \
		'  tp1: [{to: default, via: 10.77.0.1}]' >"$f"
	batch <<EOF
topo plan $f
topo up $f
topo plan $f
topo down $f
EOF
	assert_success
	# the first plan's seven steps; the second, after up, none
	assert_equal "${#lines[@]}" 7
	assert_line --index 6 "vnetctl -n tp1 route add default via 10.77.0.1"
	assert_equal "$(ls /run/netns)" ""
	assert_equal "$(ip -j link show | jq -r '[.[].ifname] | sort | join(",")')" lo,v0,v1
}

@test "cover: topo diff and save of a small lab, in one batch" {
	f=$BATS_TEST_TMPDIR/lab.yaml
	printf '%s\n' 'namespaces: [tp1]' 'veths:' '  - {a: tp1/x0, b: x1, up: true}' 'addresses:' \
		'  x1: [10.77.0.1/24]' '  tp1/x0: [10.77.0.2/24]' 'routes:' \
		'  tp1: [{to: default, via: 10.77.0.1}]' >"$f"
	batch <<EOF
topo up $f
topo diff $f
topo save tp1
topo down $f
EOF
	assert_success
	assert_line "ok      route tp1: default via 10.77.0.1"
	assert_line "# not saved: tp1/x0, a veth whose peer is in a namespace not saved"
	assert_line "    - to: default"
	assert_equal "$(ls /run/netns)" ""
	# graph draws a lab on several hosts; this one names none
	run vn topo graph "$f"
	assert_failure 2
	assert_output "vnetctl: topo graph $f: names no hosts (vnetctl graph draws this host)"
	# and so does trace, which follows a packet across the hosts
	run vn topo trace "$f" netns tp1 10.77.0.1
	assert_failure 2
	assert_output "vnetctl: topo trace $f: names no hosts (vnetctl trace follows a packet on this host)"
}

@test "cover: the kinds, tunnels and failures, in a --force batch that goes on" {
	batch --force <<'EOF'
link set nosuch up
link del nosuch
link show nosuch
netns del nosuch
netns pids nosuch
netns exec nosuch true
dummy add du0
dummy show
dummy list
dummy lst
dummy delete du0
dummy del du0
nlmon add nl0
nlmon show
nlmon list
nlmon lst
nlmon delete nl0
nlmon del nl0
vrf add vr0 table 10
vrf show
vrf list
vrf lst
vrf delete vr0
vrf del vr0
bond add bo0 mode active-backup
bond addif bo0 v0
bond delif bo0 v0
bond show
bond list
bond lst
bond delete bo0
bond del bo0
vlan add vl0 link v0 id 10
vlan show
vlan list
vlan lst
vlan delete vl0
vlan del vl0
ipvlan add ip0 link v0
ipvlan show
ipvlan list
ipvlan lst
ipvlan delete ip0
ipvlan del ip0
vcan add vc0
vcan show
vcan list
vcan lst
vcan delete vc0
vcan del vc0
vxcan add vx0 peer vx1
vxcan show
vxcan list
vxcan lst
vxcan delete vx0
vxcan del vx0
team add tm0
team show
team list
team lst
team delete tm0
team del tm0
ipvtap add iv0 link v0
ipvtap show
ipvtap list
ipvtap lst
ipvtap delete iv0
ipvtap del iv0
xfrm add xf0 if_id 5
xfrm show
xfrm list
xfrm lst
xfrm delete xf0
xfrm del xf0
macsec add ms0 link v0 port 2
macsec add ms0 tx sa 0 pn 1 on key 01 /dev/null
macsec set ms0 tx sa 0 off
macsec del ms0 tx sa 0
macsec show
macsec list
macsec lst
macsec delete ms0
macsec del ms0
bareudp add bu0 dstport 6635 ethertype ip
bareudp show
bareudp list
bareudp lst
bareudp delete bu0
bareudp del bu0
hsr add hs0 slave1 v0 slave2 v1
hsr show
hsr list
hsr lst
hsr delete hs0
hsr del hs0
amt add am0 mode relay local 10.0.0.1 dev v0
amt show
amt list
amt lst
amt delete am0
amt del am0
netkit add nk0 peer nk1
netkit show
netkit list
netkit lst
netkit delete nk0
netkit del nk0
geneve add gn0 id 5 remote 10.0.0.2
geneve show
geneve list
geneve lst
geneve delete gn0
geneve del gn0
tunnel add tn0 mode gre remote 10.0.0.2 local 10.0.0.1 key 5
tunnel change tn0 ttl 9
tunnel show
tunnel list
tunnel lst
tunnel delete tn0
tunnel del tn0
wireguard add wg0 listen-port 51820
wireguard set wg0 fwmark 7
wireguard peer add wg0 hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo= allowed-ips 10.0.0.2/32
wireguard peer del wg0 hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=
wireguard show
wireguard list
wireguard lst
wireguard delete wg0
wireguard del wg0
link add tn1 type gre remote 10.0.0.2
link add vx1 type vxlan id 7 nosuchword
macvlan add m1 link lo
bridge fdb show nosuch
EOF
	assert_failure
	# each failing line said why, and the batch went on to the last
	assert_line --regexp '^vnetctl: <stdin>:1: link set nosuch: '
	assert_line --regexp '^vnetctl: <stdin>:[0-9]+: bridge fdb '
	assert_equal "$(ip -j link show | jq -r '[.[].ifname] | sort | join(",")')" lo,v0,v1
}

@test "cover: options, dry run, JSON, details, help and completion" {
	run vn -j -p -d link show
	assert_success
	run vn -br -4 addr show
	assert_success
	run vn -6 -j route show
	assert_success
	run vn -N link add x0 type veth peer name x1
	assert_success
	run vn --color=always -d link show v0
	assert_success
	run vn -V
	assert_success
	run vn help
	assert_success
	run vn link help
	assert_success
	run vn link add type vxlan help
	assert_success
	run vn wireguard genkey
	assert_success
	run vn wireguard pubkey <<<"$output"
	assert_success
	run vn __complete link set v0 m
	assert_success
	run vn __dump
	assert_success
	refute dev_exists x0
}

@test "cover: the shell, netns enter and leave, exec and monitor" {
	vn netns add vg1
	run vn shell <<'EOF'
link show
netns enter vg1
link show
netns leave
netns exec vg1 true
exit
EOF
	assert_success
	# monitor runs until stopped: a netns add it prints, then a signal
	# the binary itself in the background, so that $! is its pid
	"$VNETCTL" netns monitor >"$BATS_TEST_TMPDIR/mon" &
	mon=$!
	for i in $(seq 100); do
		vn netns add "m$i"
		grep -q "add m" "$BATS_TEST_TMPDIR/mon" && break
		sleep 0.1
	done
	# a background job ignores SIGINT (bash); TERM ends it
	kill -TERM "$mon"
	wait "$mon" || true
	run grep -c "add m" "$BATS_TEST_TMPDIR/mon"
	assert_success
}

@test "cover: monitor, each word and spelling, and one that prints events until a signal" {
	# every word parsed in one batch: a monitor in dry run listens to nothing
	batch -N <<'EOF'
monitor
monitor all
monitor link addr
monitor addr route
monitor address
monitor route neigh
monitor neigh
monitor netns
monitor nsid
monitor all-nsid link
monitor --all-netns
monitor label link
EOF
	assert_success
	vn netns add vg1
	ip netns set vg1 3
	# the binary itself in the background, so that $! is its pid
	"$VNETCTL" -j -t monitor all-nsid label >"$BATS_TEST_TMPDIR/mon" &
	mon=$!
	for i in $(seq 100); do
		ip -n vg1 link set lo mtu $((60000 + i))
		grep -q '"nsid":3' "$BATS_TEST_TMPDIR/mon" && break
		sleep 0.1
	done
	# a background job ignores SIGINT (bash); TERM ends it
	kill -TERM "$mon"
	wait "$mon" || true
	run jq -r 'select(.nsid == 3) | [.netns, .event, .link[0].ifname] | join(" ")' "$BATS_TEST_TMPDIR/mon"
	assert_line 'vg1 link lo'
}

@test "cover: graph, each word and spelling, in text, DOT and JSON" {
	vn netns add vg1
	ip link add g0 type veth peer name g1 netns vg1
	batch <<'EOF'
graph
graph tree
graph --tree
trace 127.0.0.1
trace to 127.0.0.1 from 127.0.0.1
graph dot
graph --dot
EOF
	assert_success
	assert_line '    └── peer vg1/g1'
	assert_line --partial '[label="veth", dir=none'
	run vn -j graph tree
	assert_success
	assert_equal "$(jq -c '.edges[] | select(.from.ifname == "g0") | .to' <<<"$output")" '{"netns":"vg1","ifname":"g1"}'
}

# The labels of JSON $1 (ip -j addrlabel's) and no others, in its order
# (the kernel puts a label before those of its length added earlier).
restore_labels() {
	local p
	ip addrlabel flush
	while read -r p; do
		# shellcheck disable=SC2086
		ip addrlabel add $p
	done < <(jq -r 'reverse | .[] | "prefix \(.address)/\(.prefixlen) \(if .ifname then "dev " + .ifname else "" end) label \(.label)"' <<<"$1")
}

# addrlabel flush takes the namespace's own labels too: back for the tests after
teardown() {
	if [ -n "${labels0:-}" ]; then restore_labels "$labels0"; fi
}

@test "cover: addrlabel, maddress, nexthop, netconf, mdb, altnames and rule flush, each verb once" {
	labels0=$(ip -j addrlabel)
	# each object's adds, then its deletes and flush, so that what is left
	# (read back through iproute2 and /proc) shows that each of them worked
	batch <<'EOF'
link set v0 up
link set v1 up
addr add 10.9.0.1/24 dev v1
link property add v0 altname cover-alt0
link property add v0 altname cover-alt1
link property delete v0 altname cover-alt0
addrlabel flush
addrlabel add prefix 2001:db8:1::/48 label 101
addrlabel add prefix 2001:db8:2::/48 dev v1 label 102
addrlabel add prefix 2001:db8:3::/48 label 103
addrlabel show
addrlabel list
addrlabel lst
addrlabel del prefix 2001:db8:1::/48 label 101
addrlabel delete prefix 2001:db8:2::/48 dev v1 label 102
maddress add 33:33:00:00:00:a1 dev v0
maddress add 33:33:00:00:00:a2 dev v0
maddress add 33:33:00:00:00:a3 dev v0
maddress show dev v0
maddress list v0
maddress lst
maddress del 33:33:00:00:00:a1 dev v0
maddress delete 33:33:00:00:00:a2 dev v0
neigh add 10.9.0.5 lladdr 02:00:00:00:00:05 dev v1
neigh get 10.9.0.5 dev v1
netconf show dev v1
netconf list
netconf lst
nexthop add id 1 via 10.9.0.2 dev v1
nexthop add id 2 dev v0
nexthop add id 3 blackhole
nexthop add id 4 blackhole
nexthop replace id 1 via 10.9.0.3 dev v1
nexthop get id 1
nexthop add id 5 group 1 type resilient buckets 2
nexthop bucket list id 5
nexthop bucket get id 5 index 1
nexthop del id 5
nexthop show
nexthop list
nexthop lst
nexthop del id 3
nexthop delete id 4
nexthop flush dev v0
rule add from 10.9.0.0/24 table 100 priority 100
rule add from 10.9.1.0/24 table 200 priority 200
rule flush table 100
bridge add br0
bridge addif br0 v0
link set br0 up
bridge mdb add dev br0 port v0 grp 239.1.1.1 permanent
bridge mdb add dev br0 port v0 grp 239.1.1.2 permanent
bridge mdb del dev br0 port v0 grp 239.1.1.1 permanent
bridge mdb show dev br0
EOF
	assert_success
	assert_line '10.9.0.5 dev v1 lladdr 02:00:00:00:00:05 PERMANENT'
	assert_line --regexp '^inet v1 forwarding off '
	assert_line --regexp '^id 1 via 10\.9\.0\.3 dev v1 '
	assert_line --regexp '^prefix 2001:db8:3::/48 label 103 ?$'
	assert_line --regexp '^dev br0 port v0 grp 239\.1\.1\.2 permanent'
	assert_equal "$(ip -j link show dev v0 | jq -c '.[0].altnames')" '["cover-alt1"]'
	assert_equal "$(ip -j addrlabel | jq -c '[.[] | "\(.address)/\(.prefixlen) \(.ifname // "-") \(.label)"]')" \
		'["2001:db8:3::/48 - 103"]'
	assert_equal "$(awk '$2 == "v0" && $5 ~ /^3333000000a/ { print $5 }' /proc/net/dev_mcast)" 3333000000a3
	assert_equal "$(ip -j nexthop show | jq -c '[.[] | [.id, .gateway // .dev // "blackhole"]]')" '[[1,"10.9.0.3"]]'
	assert_equal "$(ip -j rule | jq -r '[.[] | .priority] | join(",")')" 0,200,32766,32767
	assert_equal "$(bridge -j mdb show | jq -c '[.[].mdb[] | select(.state == "permanent") | [.port, .grp]]')" \
		'[["v0","239.1.1.2"]]'
}

@test "cover: addr save, showdump and restore, through a file" {
	ip addr add 10.9.0.1/24 dev v1
	ip addr add 2001:db8::1/64 dev v1 nodad
	vn addr save dev v1 >"$BATS_TEST_TMPDIR/a.dump"
	run vn addr showdump <"$BATS_TEST_TMPDIR/a.dump"
	assert_success
	assert_line --regexp '^ *inet 10\.9\.0\.1/24 '
	assert_line --regexp '^ *inet6 2001:db8::1/64 '
	ip addr flush dev v1
	run vn addr restore <"$BATS_TEST_TMPDIR/a.dump"
	assert_success
	assert_equal "$(ip -j addr show dev v1 | jq -r '[.[0].addr_info[] | select(.scope == "global") | "\(.local)/\(.prefixlen)"] | sort | join(",")')" \
		10.9.0.1/24,2001:db8::1/64
}

@test "cover: qdisc and class, each verb once" {
	batch <<'EOF'
qdisc add dev v0 root handle 1: htb default 10
class add dev v0 parent 1: classid 1:10 htb rate 1mbit
class change dev v0 parent 1: classid 1:10 htb rate 2mbit ceil 4mbit
class replace dev v0 parent 1: classid 1:20 htb rate 1mbit
class show dev v0
class list dev v0
class lst dev v0
class del dev v0 classid 1:20
class delete dev v0 classid 1:10
qdisc add dev v1 root bfifo limit 10k
qdisc change dev v1 root bfifo limit 20k
qdisc replace dev v1 root pfifo limit 50
qdisc add dev v1 clsact
qdisc show dev v1
qdisc list
qdisc lst
qdisc del dev v1 clsact
qdisc delete dev v1 root
EOF
	assert_success
	assert_equal "$(tc -j qdisc show dev v0 | jq -r '.[0].kind')" htb
	assert_equal "$(tc class show dev v0)" ""
	assert_equal "$(tc -j qdisc show dev v1 | jq -r '[.[] | select(.kind != "noqueue")] | length')" 0
}

@test "cover: route save and rule save, through a file" {
	ip link set v0 up
	ip link set v1 up
	ip addr add 10.9.0.1/24 dev v1
	vn route save dev v1 >"$BATS_TEST_TMPDIR/r.dump"
	run ip route showdump <"$BATS_TEST_TMPDIR/r.dump"
	assert_success
	assert_line --regexp '^10\.9\.0\.0/24 dev v1 '
	vn rule save >"$BATS_TEST_TMPDIR/rule.dump"
	assert_equal "$(head -c 4 "$BATS_TEST_TMPDIR/rule.dump" | od -An -tx4 | tr -d ' ')" 71706986
}

@test "a 10,000-line batch ends with the descriptors it started with" {
	vn netns add vg1
	mkfifo "$BATS_TEST_TMPDIR/in"
	# the binary itself, so that $! is its pid and /proc/$!/fd its descriptors
	"$VNETCTL" -b "$BATS_TEST_TMPDIR/in" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	exec 7>"$BATS_TEST_TMPDIR/in"
	echo "link set v0 mtu 1400" >&7
	mtu_is() { # N: wait for the batch to get there (5 min at most: valgrind is slow)
		local i
		for i in $(seq 3000); do
			[ "$(ip -j link show dev v0 | jq -r '.[0].mtu')" = "$1" ] && return 0
			sleep 0.1
		done
		return 1
	}
	mtu_is 1400
	before=$(ls -l /proc/$pid/fd | awk 'NR > 1 {print $9, $11}' | sort)
	# they are vnetctl's: its netlink socket is open
	grep -q 'socket:' <<<"$before"
	# 1 + 2,499 x 4 + 3 = 10,000 lines; netns pids and identify open and
	# close namespace files for every line
	for i in $(seq 2499); do
		printf 'netns pids vg1\nnetns identify\nlink set v0 mtu 1500\nlink set v0 mtu 1450\n'
	done >&7
	printf 'netns pids vg1\nnetns identify\nlink set v0 mtu 1300\n' >&7
	mtu_is 1300
	after=$(ls -l /proc/$pid/fd | awk 'NR > 1 {print $9, $11}' | sort)
	exec 7>&-
	wait "$pid"
	assert_equal "$after" "$before"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
}

@test "every verb vnetctl lists is covered by this file" {
	missing=""
	while read -r _ obj verb; do
		# "-": an object whose words are all its one verb's
		if [ "$verb" = - ]; then verb=""; else verb=" $verb"; fi
		grep -qE "(^|vn |run vn [^ ]* ?|VNETCTL\" )$obj$verb( |\$)" "$BATS_TEST_FILENAME" ||
			missing="$missing $obj/${verb# }"
	done < <(vn __dump | grep '^verb ')
	assert_equal "$missing" ""
}
