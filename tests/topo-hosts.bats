#!/usr/bin/env bats
# vnetctl topo on several hosts (issue 24): three "hosts", each a network
# and mount namespace of its own running Debian's sshd (tests/hosts.bash,
# which the bench shares), on a per-test port; the test's ssh
# configuration (ssh -F, through VNETCTL_SSH) names each.  The remote
# vnetctl is the build under test, on the sshd's PATH.  Witnesses: each
# host's ip -j link and netns list, ping across the overlay hops.

load helpers
load hosts
bats_require_minimum_version 1.5.0

setup() {
	require_tool sshd ssh ssh-keygen nsenter
	kernel_knows_kind vxlan || skip "the kernel lacks vxlan (runs in the VM suite)"
	clean_netns
	T=$BATS_TEST_TMPDIR
	PORT=$((22000 + BATS_TEST_NUMBER))
	hosts_start
	# the ssh vnetctl runs: the user's own, here with the test's configuration
	# (each argument vector logged, one a line; the host named in slow_up
	# waits before its up)
	cat >"$T/bin/test-ssh" <<EOF
#!/bin/bash
printf '%s\\n' "\$*" >>"$T/ssh.log"
for w in "\$@"; do
	[[ -e "$T/slow_up" && "\$*" == *" topo up -" && \$w == \$(cat "$T/slow_up") ]] && sleep 3
done
# a host whose vnetctl does not escape: its graph carries a raw control byte
if [[ -e "$T/raw_plan" && "\$*" == *" topo plan -" ]]; then
	printf 'vnetctl -n x link set \\033[31mx up\\n'
	exit 0
fi
if [[ -e "$T/raw_graph" && "\$*" == *" graph dot" ]]; then
	printf 'digraph vnetctl {\\n\\tsubgraph "cluster_x" {\\n\\t\\tlabel="\\033[31mx";\\n\\t}\\n}\\n'
	exit 0
fi
exec ssh -F "$T/ssh_config" "\$@"
EOF
	chmod +x "$T/bin/test-ssh"
	export VNETCTL_SSH=$T/bin/test-ssh XDG_RUNTIME_DIR=$T/xdg
	LAB=$T/lab.yaml
	write_lab >"$LAB"
}

teardown() {
	hosts_stop
	clean_netns
}

# examples/hosts/lab.yaml: the seeds' lab spread over the three hosts (net0
# on host a, the bridge on host b, net1 on host c), their addresses these.
write_lab() {
	cat "$BATS_TEST_DIRNAME/../examples/hosts/lab.yaml"
}

# Host h's state: its root namespace's devices, its namespaces and each
# one's devices (no index, no statistics; sorted).
host_snap() {
	in_host "$1" sh -c '
		ip -j link show | jq -cS "[.[] | del(.ifindex) | del(.link_index)] | sort_by(.ifname)"
		ip netns list
		for n in $(ls /run/netns); do
			echo "$n:"
			ip -n "$n" -j -d link show |
				jq -cS "[.[] | {ifname, mtu, kind: .linkinfo.info_kind, flags}] | sort_by(.ifname)"
		done'
}

snap_all() {
	local h
	for h in $HOSTS; do
		echo "== $h"
		host_snap "$h"
	done
}

@test "topo-hosts: up over three hosts, ping across the overlay, plan empty, diff clean, down exact" {
	before=$(snap_all)
	run "$VNETCTL" topo up "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	# each end an overlay device in its namespace, its MTU the underlay's less 50
	run in_host a ip -n net0 -j -d link show dev net0-bridge
	[ "$(jq -r '.[0].linkinfo.info_kind' <<<"$output")" = vxlan ]
	[ "$(jq -r '.[0].mtu' <<<"$output")" = 1450 ]
	[ "$(jq -r '.[0].linkinfo.info_data.remote' <<<"$output")" = 192.0.2.11 ]
	vni=$(jq -r '.[0].linkinfo.info_data.id' <<<"$output")
	run in_host b ip -n bridge -j -d link show dev bridge-net0
	[ "$(jq -r '.[0].linkinfo.info_data.id' <<<"$output")" = "$vni" ]
	[ "$(jq -r '.[0].linkinfo.info_data.remote' <<<"$output")" = 192.0.2.10 ]
	[ "$(jq -r '.[0].master' <<<"$output")" = br ]
	run in_host c ip -n net1 -j addr show dev net1-bridge
	[ "$(jq -r '.[0].addr_info[] | select(.family == "inet") | .local' <<<"$output")" = 10.0.1.2 ]
	# net0 on a to net1 on c: two overlay hops through b's bridge
	run in_host a ip netns exec net0 ping -c 1 -W 5 10.0.1.2
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	run "$VNETCTL" topo plan "$LAB"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '# host a (a)\n# host b (b)\n# host c (c)')" ]
	run "$VNETCTL" topo diff "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	refute_line --partial missing
	# the same identifiers run after run
	vni2=$(in_host a ip -n net0 -j -d link show dev net0-bridge | jq -r '.[0].linkinfo.info_data.id')
	[ "$vni2" = "$vni" ]
	run "$VNETCTL" topo down "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ "$(snap_all)" = "$before" ]
}

@test "topo-hosts: plan prints each host's part under its name; nothing is made" {
	before=$(snap_all)
	run "$VNETCTL" topo plan "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	assert_line '# host a (a)'
	assert_line '# host b (b)'
	assert_line '# host c (c)'
	assert_line --regexp '^vnetctl link add net0-bridge mtu 1450 netns net0 type vxlan id [0-9]+ remote 192.0.2.11 dstport 4789$'
	assert_line 'vnetctl -n bridge bridge add br'
	[ "$(snap_all)" = "$before" ]
}

@test "topo-hosts: a veth on one host keeps its impairment in the host's part; between hosts each overlay device's" {
	cp "$LAB" "$T/imp.yaml"
	sed -i 's/^  - net0$/  - net0\n  - extra/' "$T/imp.yaml"
	echo '  - {a: net0/e0, b: extra/e1, delay: 20ms, loss: 1%}' >"$T/veth"
	sed -i "/^veths:/r $T/veth" "$T/imp.yaml"
	before=$(snap_all)
	run "$VNETCTL" topo plan "$T/imp.yaml"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	assert_line 'vnetctl -n net0 link set e0 delay 20ms loss 1%'
	assert_line 'vnetctl -n extra link set e1 delay 20ms loss 1%'
	# a veth between hosts: each end's impairment its overlay device's, in
	# its host's part (the section under the host's line)
	sed -i 's|{a: net1/net1-bridge, b: bridge/bridge-net1, up: true}|{a: net1/net1-bridge, b: bridge/bridge-net1, up: true, delay: 5ms}|' "$T/imp.yaml"
	run "$VNETCTL" topo plan "$T/imp.yaml"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	part() { awk -v h="# host $1 ($1)" '/^# host /{on = $0 == h; next} on' <<<"$output"; }
	[ "$(part c | grep -c 'link set net1-bridge delay 5ms$')" -eq 1 ] || { echo "$output"; false; }
	[ "$(part b | grep -c 'link set bridge-net1 delay 5ms$')" -eq 1 ] || { echo "$output"; false; }
	[ "$(part a | grep -c 'delay 5ms')" -eq 0 ]
	[ "$(part b | grep -c 'net1-bridge delay')" -eq 0 ]
	[ "$(snap_all)" = "$before" ]
}

@test "topo-hosts: up sets an overlay link's impairment on each host's device; diff clean; down exact" {
	require_qdisc netem
	sed 's|{a: net1/net1-bridge, b: bridge/bridge-net1, up: true}|{a: {dev: net1/net1-bridge, loss: 1%}, b: bridge/bridge-net1, up: true, delay: 5ms}|' \
		"$LAB" >"$T/imp.yaml"
	before=$(snap_all)
	run "$VNETCTL" topo up "$T/imp.yaml"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	netem() { in_host "$1" ip netns exec "$2" tc -j qdisc show dev "$3" |
		jq -c '[.[] | select(.root) | .kind, .options.delay.delay, (.options."loss-random".loss // 0)]'; }
	[ "$(netem c net1 net1-bridge)" = '["netem",0.005,0.01]' ] || { netem c net1 net1-bridge; false; }
	[ "$(netem b bridge bridge-net1)" = '["netem",0.005,0]' ] || { netem b bridge bridge-net1; false; }
	run "$VNETCTL" topo plan "$T/imp.yaml"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '# host a (a)\n# host b (b)\n# host c (c)')" ]
	run "$VNETCTL" topo diff "$T/imp.yaml"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	assert_line --partial 'ok      impair net1/net1-bridge loss 1% delay 5ms'
	# changed by hand on host b: diff says so under its host
	in_host b ip netns exec bridge tc qdisc change dev bridge-net1 root netem delay 9ms
	run "$VNETCTL" topo diff "$T/imp.yaml"
	[ "$status" -eq 1 ]
	assert_line --partial 'differs impair bridge/bridge-net1 delay 5ms: delay 9ms'
	run "$VNETCTL" topo down "$T/imp.yaml"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ "$(snap_all)" = "$before" ]
}

@test "topo-hosts: a name taken on host c: up fails, a and b end as they began" {
	in_host c ip netns add net1
	in_host c ip -n net1 link add name net1-bridge type veth peer name held1
	before=$(snap_all)
	run "$VNETCTL" topo up "$LAB"
	[ "$status" -eq 1 ]
	# the host, the line of the file and the reason
	assert_line "vnetctl: topo up $LAB:29: host c (c): link add net1-bridge: File exists; the other hosts' parts are taken back"
	[ "$(snap_all)" = "$before" ]
}

@test "topo-hosts: sshd stopped on host b: up changes nothing; down names host b alone" {
	kill_host b
	before=$(snap_all)
	run "$VNETCTL" topo up "$LAB"
	[ "$status" -eq 1 ]
	assert_line --partial "host b (b): cannot reach it"
	refute_line --partial "host a"
	refute_line --partial "host c"
	[ "$(snap_all)" = "$before" ]
	run "$VNETCTL" topo down "$LAB"
	[ "$status" -eq 1 ]
	assert_line --partial "host b (b): cannot reach it"
	refute_line --partial "host a"
	refute_line --partial "host c"
}

@test "topo-hosts: a host key ssh does not know fails the connection (BatchMode, no prompt)" {
	: >"$T/known_hosts"
	run "$VNETCTL" topo plan "$LAB"
	[ "$status" -eq 1 ]
	assert_line --partial "host a (a): cannot reach it"
	assert_line --partial "nothing was done on any host"
}

@test "topo-hosts: the file's errors: an unknown host, a device on two hosts" {
	sed -i 's/host: b}/host: z}/' "$LAB"
	run "$VNETCTL" topo up "$LAB"
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	assert_output --partial ":20: namespace \"bridge\": host \"z\" is not one of hosts"
	run "$VNETCTL" topo up - <<<'{hosts: {a: {ssh: -oProxyCommand=x}}}'
	[ "${#lines[@]}" -eq 1 ]
	assert_output --partial 'ssh: invalid destination "-oProxyCommand=x"'
	run "$VNETCTL" topo up - <<<'{hosts: {a: {ssh: a}}, overlay: ipip}'
	assert_output --partial 'overlay: "ipip" is not vxlan, geneve or gretap'
	run "$VNETCTL" topo up - <<<'{hosts: {a: {ssh: a}, b: {ssh: b}}, namespaces: [{name: n, host: b}], bridges: {n/br: {host: a}}}'
	[ "$status" -eq 2 ]
	assert_output --partial 'br: on host "a", but its namespace "n" is on "b"'
	run "$VNETCTL" topo up - <<<'{hosts: {a: {ssh: a}}, host: q}'
	assert_output --partial 'host: "q" is not one of hosts'
	run "$VNETCTL" topo up - <<<'{hosts: {a: {ssh: a, mtu: 100}}}'
	assert_output --partial 'mtu: "100" is not a number from 576 to 65535'
}

@test "topo-hosts: ssh's argument vectors: BatchMode, one master per host, fixed remote words" {
	run "$VNETCTL" topo up "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	run "$VNETCTL" topo down "$LAB"
	[ "$status" -eq 0 ]
	# a version check and the verb per host and verb: 12 connections' worth
	[ "$(wc -l <"$T/ssh.log")" -eq 12 ]
	ctl="ControlPath=$T/xdg/vnetctl-ssh/%C"
	while read -r l; do
		[[ "$l" =~ ^-T\ -o\ BatchMode=yes\ -o\ ControlMaster=auto\ -o\ $ctl\ -o\ ControlPersist=60\ --\ [abc]\ vnetctl\ (--version|topo\ (up|down)\ -)$ ]] ||
			{ echo "unexpected: $l"; false; }
	done <"$T/ssh.log"
	refute grep -q StrictHostKeyChecking "$T/ssh.log"
	# the master sockets are the user's alone
	[ "$(stat -c %a "$T/xdg/vnetctl-ssh")" = 700 ]
}

@test "topo-hosts: SIGINT while the hosts run up: every host ends as it began" {
	before=$(snap_all)
	echo c >"$T/slow_up"
	# SIGINT at its default (bash ignores it in a script's background jobs)
	env --default-signal=INT,TERM "$VNETCTL" topo up "$LAB" 2>"$T/err" &
	pid=$!
	# a and b are up (their parts are there); c's is still on its way
	for _ in $(seq 50); do
		in_host b ip -n bridge link show dev br >/dev/null 2>&1 && break
		sleep 0.1
	done
	kill -INT "$pid"
	st=0
	wait "$pid" || st=$?
	[ "$st" -eq 130 ]
	run cat "$T/err"
	assert_line --partial "interrupted (SIGINT): every host's part is taken back"
	[ "$(snap_all)" = "$before" ]
}

@test "topo-hosts: overlay geneve and gretap, the underlay's MTU: each header off it" {
	sed -i 's/^host: a$/host: a\noverlay: geneve/' "$LAB"
	run "$VNETCTL" topo plan "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	assert_line --regexp '^vnetctl link add net0-bridge mtu 1450 netns net0 type geneve id [0-9]+ remote 192.0.2.11$'
	sed -i 's/^overlay: geneve$/overlay: gretap/' "$LAB"
	run "$VNETCTL" topo plan "$LAB"
	assert_line --regexp '^vnetctl link add net0-bridge mtu 1462 netns net0 type gretap key [0-9]+ remote 192.0.2.11$'
	# the smaller of the two hosts' underlay MTUs, less the header
	sed -i 's/^overlay: gretap$//; s/underlay: 192.0.2.10}/underlay: 192.0.2.10, mtu: 9000}/' "$LAB"
	sed -i 's/underlay: 192.0.2.11}/underlay: 192.0.2.11, mtu: 9000}/' "$LAB"
	run "$VNETCTL" topo plan "$LAB"
	assert_line --regexp '^vnetctl link add net0-bridge mtu 8950 netns net0 type vxlan id [0-9]+ remote 192.0.2.11 dstport 4789$'
	assert_line --regexp '^vnetctl link add net1-bridge mtu 1450 netns net1 type vxlan id [0-9]+ remote 192.0.2.11 dstport 4789$'
	# over IPv6: 70 bytes, and gretap is ip6gretap
	sed -i 's/underlay: 192.0.2.11, mtu: 9000}/underlay: "2001:db8::11"}/' "$LAB"
	run "$VNETCTL" topo plan "$LAB"
	assert_line --regexp '^vnetctl link add net0-bridge mtu 1430 netns net0 type vxlan id [0-9]+ remote 2001:db8::11 dstport 4789$'
	sed -i 's/^host: a$/host: a\noverlay: gretap/' "$LAB"
	run "$VNETCTL" topo plan "$LAB"
	assert_line --regexp '^vnetctl link add net0-bridge mtu 1442 netns net0 type ip6gretap key [0-9]+ remote 2001:db8::11$'
}

@test "topo-hosts: diff names what differs under its host; exit 1" {
	run "$VNETCTL" topo up "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	in_host c ip -n net1 link del net1-bridge
	run "$VNETCTL" topo diff "$LAB"
	[ "$status" -eq 1 ]
	assert_line '# host c (c)'
	assert_line --partial 'net1-bridge'
	run "$VNETCTL" topo down "$LAB"
	[ "$status" -eq 0 ]
}

@test "topo-hosts: down with host b unreachable: a and c taken down, b named alone" {
	run "$VNETCTL" topo up "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	host_master_exit b
	kill_host b
	run "$VNETCTL" topo down "$LAB"
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	assert_line --partial "topo down $LAB: host b (b): cannot reach it: "
	[ -z "$(in_host a ip netns list)" ]
	[ -z "$(in_host c ip netns list)" ]
}

@test "topo-hosts: sudo: true runs sudo -n vnetctl there" {
	# a sudo of the test's on host b's PATH: -n, then the command as given
	cat >"$T/bin/sudo" <<EOF
#!/bin/sh
[ "\$1" = -n ] || exit 1
shift
echo "\$*" >>"$T/sudo.log"
exec "\$@"
EOF
	chmod +x "$T/bin/sudo"
	sed -i 's/b: {ssh: b,/b: {ssh: b, sudo: true,/' "$LAB"
	run "$VNETCTL" topo up "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	grep -qx -- '-T .* -- b sudo -n vnetctl topo up -' "$T/ssh.log"
	grep -qx 'vnetctl topo up -' "$T/sudo.log"
	run "$VNETCTL" topo down "$LAB"
	[ "$status" -eq 0 ]
}

@test "topo-hosts: topo graph draws each host a cluster and the overlay links between them" {
	run "$VNETCTL" topo up "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	vni0=$(in_host a ip -n net0 -j -d link show dev net0-bridge | jq -r '.[0].linkinfo.info_data.id')
	vni1=$(in_host c ip -n net1 -j -d link show dev net1-bridge | jq -r '.[0].linkinfo.info_data.id')
	run "$VNETCTL" topo graph "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ "${lines[0]}" = "digraph vnetctl {" ]
	[ "${lines[-1]}" = "}" ]
	assert_line "$(printf '\tsubgraph "cluster_h0" {')"
	assert_line "$(printf '\t\tlabel="host a (a)";')"
	assert_line "$(printf '\t\tlabel="host b (b)";')"
	assert_line "$(printf '\t\tlabel="host c (c)";')"
	assert_line "$(printf '\t\tsubgraph "cluster_h2_1" {')"
	# each host's namespaces in its cluster (ip's names of them)
	assert_line "$(printf '\t\t\tlabel="net0";')"
	assert_line "$(printf '\t\t\tlabel="bridge";')"
	assert_line "$(printf '\t\t\tlabel="net1";')"
	# the overlay devices, on their hosts, joined by an edge of their VNI
	node() { grep -oP "^\t\t\t\"\Kh$1_n[0-9]+_[0-9]+(?=\" \[label=\"$2\\\\n)" <<<"$output"; }
	a0=$(node 0 net0-bridge) b0=$(node 1 bridge-net0) b1=$(node 1 bridge-net1) c1=$(node 2 net1-bridge)
	[ -n "$a0" ] && [ -n "$b0" ] && [ -n "$b1" ] && [ -n "$c1" ]
	assert_line "$(printf '\t"%s" -> "%s" [label="vxlan %s", dir=none, penwidth=2, style=bold];' \
		"$a0" "$b0" "$vni0")"
	assert_line "$(printf '\t"%s" -> "%s" [label="vxlan %s", dir=none, penwidth=2, style=bold];' \
		"$c1" "$b1" "$vni1")"
	[ "$(grep -c 'label="vxlan ' <<<"$output")" -eq 2 ]
	# a host's own edges stay its own: the bridge's ports on host b
	br=$(node 1 br)
	assert_line "$(printf '\t\t"%s" -> "%s" [label="master", style=dashed];' "$b0" "$br")"
	run "$VNETCTL" topo down "$LAB"
	[ "$status" -eq 0 ]
}

@test "topo-hosts: topo graph's failures: no hosts in the file, a host unreachable" {
	run "$VNETCTL" topo graph - <<<'namespaces: [x]'
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	assert_output "vnetctl: topo graph -: names no hosts (vnetctl graph draws this host)"
	run "$VNETCTL" -j topo graph "$LAB"
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	assert_output --partial "-j: the graph of several hosts is Graphviz DOT only"
	refute grep -q . "$T/ssh.log"
	kill_host b
	run --separate-stderr "$VNETCTL" topo graph "$LAB"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[[ "$stderr" == *"host b (b): cannot reach it"* ]]
	[[ "$stderr" != *"host a"* ]]
}

@test "topo-hosts: topo graph and plan never pass a host's control byte to the terminal" {
	: >"$T/raw_graph"
	run --separate-stderr "$VNETCTL" topo graph "$LAB"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	assert_output --partial 'label="\x1b[31mx";'
	refute grep -q $'\033' <<<"$output"
	: >"$T/raw_plan"
	run --separate-stderr "$VNETCTL" topo plan "$LAB"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	assert_line 'vnetctl -n x link set \x1b[31mx up'
	assert_line '# host b (b)'
	refute grep -q $'\033' <<<"$output"
}

@test "topo-hosts: topo trace follows net0's packet from host a over b's bridge to net1 on host c" {
	run "$VNETCTL" topo up "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	vni0=$(in_host a ip -n net0 -j -d link show dev net0-bridge | jq -r '.[0].linkinfo.info_data.id')
	vni1=$(in_host c ip -n net1 -j -d link show dev net1-bridge | jq -r '.[0].linkinfo.info_data.id')
	: >"$T/ssh.log"
	run "$VNETCTL" topo trace "$LAB" netns net0 10.0.1.2
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ "${lines[0]}" = "trace to 10.0.1.2 from 10.0.1.1 over the hosts of $LAB, one way" ]
	assert_line --regexp "^a +net0 +net0-bridge +-> vxlan $vni0 -> host b bridge/bridge-net0\$"
	assert_line --regexp '^b +bridge +bridge-net0 +in, a port of bridge br \(forwarding\)$'
	assert_line --regexp "^b +bridge +bridge-net1 +-> vxlan $vni1 -> host c net1/net1-bridge\$"
	assert_line --regexp '^c +net1 +net1-bridge +local: 10.0.1.2 is this namespace.s \(delivered\)$'
	refute_line --partial STOP
	# each host's trace over its own connection, after the version check:
	# fixed words and values, the next host's in by the overlay's far end
	grep -qx -- '-T .* -- a vnetctl -j -n net0 trace 10.0.1.2 oneway' "$T/ssh.log"
	grep -qx -- '-T .* -- b vnetctl -j -n bridge trace 10.0.1.2 from 10.0.1.1 iif bridge-net0 oneway' "$T/ssh.log"
	grep -qx -- '-T .* -- c vnetctl -j -n net1 trace 10.0.1.2 from 10.0.1.1 iif net1-bridge oneway' "$T/ssh.log"
	[ "$(wc -l <"$T/ssh.log")" -eq 6 ]
	# -j: the host of each hop, the crossings with their far end; the packet's words go along
	run "$VNETCTL" -j topo trace "$LAB" netns net0 10.0.1.2 proto tcp dport 22
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ "$(jq -r '.reached' <<<"$output")" = true ]
	[ "$(jq -r '[.hops[].host] | unique | join(",")' <<<"$output")" = a,b,c ]
	[ "$(jq -r '[.hops[] | select(.host == null)] | length' <<<"$output")" = 0 ]
	[ "$(jq -c '[.hops[] | select(.overlay) | [.host, .netns, .ifname, .overlay.kind, .overlay.id, .overlay.host, .overlay.netns, .overlay.ifname]]' <<<"$output")" = \
		"[[\"a\",\"net0\",\"net0-bridge\",\"vxlan\",$vni0,\"b\",\"bridge\",\"bridge-net0\"],[\"b\",\"bridge\",\"bridge-net1\",\"vxlan\",$vni1,\"c\",\"net1\",\"net1-bridge\"]]" ]
	[ "$(jq -r '.hops[-1] | .host + " " + .netns' <<<"$output")" = "c net1" ]
	grep -qx -- '-T .* -- c vnetctl -j -n net1 trace 10.0.1.2 proto tcp dport 22 from 10.0.1.1 iif net1-bridge oneway' "$T/ssh.log"
	# the other way: from net1 on host c to net0 on host a
	run "$VNETCTL" -j topo trace "$LAB" netns net1 10.0.1.1 from 10.0.1.2
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ "$(jq -r '[.hops[] | select(.overlay) | .host + ">" + .overlay.host] | join(" ")' <<<"$output")" = "c>b b>a" ]
	[ "$(jq -r '.hops[-1] | .host + " " + .netns + " " + .ifname' <<<"$output")" = "a net0 net0-bridge" ]
	run "$VNETCTL" topo down "$LAB"
	[ "$status" -eq 0 ]
}

@test "topo-hosts: topo trace stops on host c: the host, namespace and device named; exit 1" {
	run "$VNETCTL" topo up "$LAB"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	in_host c ip -n net1 addr del 10.0.1.2/24 dev net1-bridge
	in_host c ip -n net1 addr add 10.0.1.3/24 dev net1-bridge
	run --separate-stderr "$VNETCTL" topo trace "$LAB" netns net0 10.0.1.2
	[ "$status" -eq 1 ]
	assert_line --regexp "^c +net1 +net1-bridge +STOP: "
	[ "$stderr" = "vnetctl: topo trace $LAB: host c (c): net1: ${lines[-1]#*STOP: }" ] || { echo "$stderr"; false; }
	# net1's device down
	in_host c ip -n net1 link set net1-bridge down
	run --separate-stderr "$VNETCTL" -j topo trace "$LAB" netns net0 10.0.1.2
	[ "$status" -eq 1 ]
	[ "$(jq -r '.reached' <<<"$output")" = false ]
	[ "$(jq -r '.hops[-1] | [.host, .netns, .stop] | join(" ")' <<<"$output")" = "c net1 true" ] || { echo "$output"; false; }
	[[ "$(jq -r '.reason' <<<"$output")" == "host c (c): net1: "* ]]
	[[ "$stderr" == "vnetctl: topo trace $LAB: host c (c): net1: "* ]]
	# on the host between: b's port to c down stops it there, after one crossing
	in_host b ip -n bridge link set bridge-net1 down
	run --separate-stderr "$VNETCTL" topo trace "$LAB" netns net0 10.0.1.2
	[ "$status" -eq 1 ]
	assert_line --regexp '^b +bridge +bridge-net1 +STOP: bridge port bridge-net1 is down$'
	refute_line --regexp '^c '
	[ "$stderr" = "vnetctl: topo trace $LAB: host b (b): bridge: bridge port bridge-net1 is down" ]
	run "$VNETCTL" topo down "$LAB"
	[ "$status" -eq 0 ]
}

@test "topo-hosts: topo trace's bad input: no hosts, an unknown namespace, trace's words; exit 2, one line" {
	run "$VNETCTL" topo trace - 10.0.1.2 <<<'namespaces: [x]'
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	assert_output "vnetctl: topo trace -: names no hosts (vnetctl trace follows a packet on this host)"
	run "$VNETCTL" topo trace "$LAB" netns nope 10.0.1.2
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	assert_output "vnetctl: topo trace $LAB: namespace \"nope\" is not one of namespaces"
	# trace's words, read by trace's table here
	run "$VNETCTL" topo trace "$LAB" netns net0 10.0.1.2 size 0
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	assert_output --partial "topo trace $LAB: "
	assert_output --partial "size"
	run "$VNETCTL" topo trace "$LAB" netns net0 10.0.1.2 nosuch
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	run "$VNETCTL" topo trace "$LAB" netns net0 10.0.1.2 from 10.0.1.1 iif x
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	assert_output --partial "iif: each host's trace sets it"
	run "$VNETCTL" topo trace "$LAB" netns net0
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	# none of these reached a host
	refute test -s "$T/ssh.log"
	# what trace's table leaves to trace itself is refused there: still 2, one line
	# (from the caller's namespace on the default host, a)
	run "$VNETCTL" topo trace "$LAB" 10.0.1.2 proto icmp dport 22
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	assert_output "vnetctl: topo trace $LAB: host a (a): trace 10.0.1.2: dport: a packet of protocol icmp has no ports"
	# a value ssh's remote shell would read is refused, not sent
	: >"$T/ssh.log"
	run "$VNETCTL" topo trace - netns 'n;touch x' 10.0.1.2 <<<"{hosts: {a: {ssh: a}}, namespaces: [\"n;touch x\"]}"
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	assert_output --partial '"n;touch x" is not a plain word'
	refute grep -q 'trace' "$T/ssh.log"
	# the lab not up: host a has no net0, and says so; exit 1
	run "$VNETCTL" topo trace "$LAB" netns net0 10.0.1.2
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	assert_output --regexp "^vnetctl: topo trace $LAB: host a \(a\): .*net0"
}
