#!/usr/bin/env bats
# ip link under ip's name (issue 20): the words of ip-link(8) that vnetctl
# lacked, each compared with iproute2's own ip (status and output, as
# tests/ipname.bats's same_as_ip) and the kernel's state read through ip -j.

load helpers
bats_require_minimum_version 1.5.0

setup() {
	clean_netns
	shim_setup
	ip link add name v0 type veth peer name v1
}

# The device's flags, as ip -j gives them, joined by commas.
flags() { "$REALIP" -j link show dev "$1" | jq -r '.[0].flags | join(",")'; }
# A field of ip -j -d link show DEV.
field() { "$REALIP" -j -d link show dev "$1" | jq -c ".[0].$2"; }

@test "link set arp off, promisc, allmulticast, dynamic, trailers set the flags as ip" {
	vip link set v0 arp off promisc on allmulticast on dynamic on
	assert_equal "$(flags v0)" "BROADCAST,MULTICAST,NOARP,ALLMULTI,PROMISC,DYNAMIC,M-DOWN"
	vip link set v0 arp on promisc off allmulticast off dynamic off multicast off
	assert_equal "$(flags v0)" "BROADCAST,M-DOWN"
	vip link set dev v0 trailers off
	run "$REALIP" -d link show v0
	assert_output --partial "NOTRAILERS"
	vip link set dev v0 trailers on multicast on
	assert_equal "$(flags v0)" "BROADCAST,MULTICAST,M-DOWN"
	# the same lines from ip and from vnetctl leave the same flags
	"$REALIP" link set v1 arp off allmulticast on
	vip link set v0 arp off allmulticast on
	assert_equal "$(flags v0)" "$(flags v1)"
}

@test "link set gso_max_size, gso_max_segs, gro_max_size set the sizes" {
	same_as_ip link set v0 gso_max_size 30000 gso_max_segs 100 gro_max_size 20000
	assert_success
	assert_equal "$(field v0 gso_max_size)" 30000
	assert_equal "$(field v0 gso_max_segs)" 100
	assert_equal "$(field v0 gro_max_size)" 20000
}

@test "link set addrgenmode sets the IPv6 address generation mode" {
	vip link set v0 addrgenmode none
	assert_equal "$(field v0 inet6_addr_gen_mode)" '"none"'
	vip link set v0 addrgenmode random
	assert_equal "$(field v0 inet6_addr_gen_mode)" '"random"'
	vip link set v0 addrgenmode eui64
	assert_equal "$(field v0 inet6_addr_gen_mode)" '"eui64"'
	# without a secret the kernel refuses stable_secret, worded as ip's
	same_as_ip link set v0 addrgenmode stable_secret
	assert_equal "$status" 2
	assert_equal "$(field v0 inet6_addr_gen_mode)" '"eui64"'
}

@test "carrier and protodown reach the kernel, which refuses them on a veth as ip says" {
	same_as_ip link set v0 carrier off
	assert_output "RTNETLINK answers: Operation not supported"
	assert_equal "$status" 2
	same_as_ip link set v0 protodown on
	assert_output "Error: Protodown not supported by device."
	assert_equal "$(field v0 proto_down)" null
}

@test "link set xdp off is accepted; xdp with another word is refused, nothing sent" {
	same_as_ip link set v0 xdp off
	assert_success
	run vip link set v0 xdp on mtu 1400
	assert_equal "$status" 255
	assert_equal "$(field v0 mtu)" 1500
}

@test "link set group G changes every device of the group, and no other" {
	ip link add name v2 type veth peer name v3
	"$REALIP" link set v0 group 5
	"$REALIP" link set v1 group 5
	same_as_ip link set group 5 up
	assert_success
	assert_equal "$(flags v0)" "BROADCAST,MULTICAST,UP,LOWER_UP"
	assert_equal "$(flags v1)" "BROADCAST,MULTICAST,UP,LOWER_UP"
	assert_equal "$(flags v2)" "BROADCAST,MULTICAST,M-DOWN"
	vip link set group 5 mtu 1400
	assert_equal "$(field v0 mtu)$(field v1 mtu)$(field v2 mtu)" "140014001500"
}

@test "link set with neither a device nor a group is refused as ip refuses it" {
	run vip link set up
	assert_equal "$status" 255
	run vn link set up
	assert_error 2 "missing dev NAME or group GROUP"
	assert_equal "$(flags v0)" "BROADCAST,MULTICAST,M-DOWN"
}

@test "link set DEV type bridge WORDS changes an existing bridge's settings" {
	ip link add name br0 type bridge
	vip link set br0 type bridge stp_state 1 hello_time 300
	assert_equal "$(field br0 linkinfo.info_data.stp_state)" 1
	assert_equal "$(field br0 linkinfo.info_data.hello_time)" 300
	# a device of another kind: the kernel refuses, as it does ip's
	same_as_ip link set v0 type bridge stp_state 1
	assert_output "RTNETLINK answers: Operation not supported"
	assert_equal "$status" 2
	run vn link set v0 type nosuch stp_state 1
	assert_error 2 'unknown kind "nosuch"'
}

@test "link show nomaster lists the devices without a master, as ip" {
	ip link add name br0 type bridge
	ip link set v1 master br0
	same_as_ip link show nomaster
	assert_success
	refute_output --partial "v1@"
	assert_output --partial "v0@v1"
	same_as_ip -br link show nomaster
	same_as_ip -j link show nomaster
	run vn link show master br0 nomaster
	assert_equal "$status" 2
}

@test "-br link show prints ip's lines, the blank at each end too" {
	same_as_ip -br link show
	assert_line --regexp '^v0@v1 +DOWN +[0-9a-f:]+ <BROADCAST,MULTICAST,M-DOWN> $'
	same_as_ip -br link show dev v0
	run vn -br link show dev v0
	assert_output --regexp '<BROADCAST,MULTICAST,M-DOWN>$'
}

@test "link add dev NAME names the device, as ip link add does" {
	vip link add dev d0 type veth peer name d1
	assert_equal "$(kind_of d0)" veth
	assert_equal "$(master_of d1)" ""
	same_as_ip link add dev d0 type veth
	assert_output "RTNETLINK answers: File exists"
}

@test "link property add and delete an alternative name, as ip" {
	run vip link property add dev v0 altname uplink-with-a-long-name
	assert_success
	assert_equal "$(field v0 altnames)" '["uplink-with-a-long-name"]'
	run "$REALIP" link show uplink-with-a-long-name
	assert_success
	same_as_ip link property add dev v0 altname uplink-with-a-long-name
	assert_output "RTNETLINK answers: File exists"
	run vip link property del dev v0 altname uplink-with-a-long-name
	assert_success
	assert_equal "$(field v0 altnames)" null
	same_as_ip link property del dev v0 altname uplink-with-a-long-name
	assert_equal "$status" 2
	run vn link property del v0 altname nosuch
	assert_error 1 "v0 has no altname nosuch"
	run vn link property add v0 altname a/b
	assert_error 2 "invalid altname"
	run vn link property add v0 altname "$(printf 'x%.0s' {1..128})"
	assert_error 2 "128 bytes long"
	assert_equal "$(field v0 altnames)" null
}

@test "-d link show ends each line of details with ip's blank, allmulti after two" {
	ip tuntap add tap0 mode tap
	for dev in lo v0 tap0; do
		same_as_ip -d link show dev "$dev"
		same_as_ip -d -o link show dev "$dev"
	done
	run vip -d link show dev v0
	assert_line --index 1 --regexp 'promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 $'
	assert_line --index 2 --regexp '^    veth addrgenmode eui64 .* gro_max_size [0-9]+ $'
	# vnetctl's own name keeps its lines unpadded
	run vn -d link show dev v0
	refute_line --regexp ' $'
}

@test "-c link show colours the name's colon and the state's blank as ip" {
	ip link add name br0 type bridge
	ip link set v1 master br0
	same_as_ip -c link show
	assert_line --index 2 --partial $'\e[36mv1@v0: \e[0m<'
	assert_line --index 2 --partial $' master br0 state \e[31mDOWN \e[0mmode DEFAULT'
	same_as_ip -c -o link show
	same_as_ip -c -br link show
}

# Each line makes a vxlan with ip's words through vnetctl as ip; the device
# is then shown by both, and its settings read by ip -j -d.
@test "vxlan's ip words reach the kernel, and -d shows the device as ip" {
	local words
	while IFS='|' read -r words want; do
		run vip link add vx0 type vxlan $words
		assert_success
		assert_equal "$("$REALIP" -j -d link show dev vx0 | jq -c ".[0].linkinfo.info_data | $want")" true
		same_as_ip -d link show dev vx0
		same_as_ip -d -o link show dev vx0
		run "$REALIP" -j -d link show dev vx0
		local want_json=$output
		run vip -j -d link show dev vx0
		assert_equal "$(jq -S . <<<"$output")" "$(jq -S . <<<"$want_json")"
		ip link del vx0
	done <<-'EOF_WORDS'
		id 5 l2miss l3miss dstport 4789|.l2miss and .l3miss
		id 5 df set|.df == "set"
		id 5 df inherit dstport 0|.df == "inherit"
		id 5 remote fd00::1 flowlabel 5 dstport 4789|.label == "0x5"
		id 5 gbp dstport 4789|.gbp
		external vnifilter dstport 4789|.external and .vnifilter
		id 5 proxy rsc nolearning maxaddress 10 tos inherit ttl 7 dstport 4789|.proxy and .rsc and .limit == 10 and .tos == "0x1" and .learning == false
		id 5 remote 10.0.0.1 udp6zerocsumtx udp6zerocsumrx remcsumtx noudpcsum dstport 4789|.udp_zero_csum6_tx and .udp_zero_csum6_rx and .remcsum_tx and .udp_csum == false
		id 7 group 239.1.1.1 dev v0 ttl auto dstport 4789|.ttl == 0 and .group == "239.1.1.1"
	EOF_WORDS
}

@test "vxlan's new words refuse bad values, nothing made" {
	run vn link add vx0 type vxlan id 5 df maybe
	assert_error 2 'df'
	run vn link add vx0 type vxlan id 5 flowlabel 1048576
	assert_error 2 'flowlabel 1048576 is out of range'
	run vn link add vx0 type vxlan id 5 udp6zerocsumtx noudp6zerocsumtx
	assert_equal "$status" 2
	run "$REALIP" link show dev vx0
	assert_failure
}

@test "macvlan's nopromisc, nodst and bcqueuelen reach the kernel; -d shows them as ip" {
	local words
	while IFS='|' read -r words want; do
		run vip link add link v0 name m0 type macvlan $words
		assert_success
		assert_equal "$("$REALIP" -j -d link show dev m0 | jq -c ".[0].linkinfo.info_data | $want")" true
		same_as_ip -d link show dev m0
		same_as_ip -j -d link show dev m0
		ip link del m0
	done <<-'EOF_WORDS'
		mode passthru nopromisc|.nopromisc and .mode == "passthru"
		mode source nodst|.nodst and .macaddr_count == 0
		mode private bcqueuelen 100|.bcqueuelen == 100
	EOF_WORDS
	# ip refuses nopromisc outside passthru with status 1; vnetctl too
	run vip link add link v0 name m0 type macvlan mode bridge nopromisc
	assert_equal "$status" 1
	assert_output "macvlan: nopromisc flag only valid in passthru mode"
	run vn link add link v0 name m0 type macvlan mode bridge nodst
	assert_error 2 "nodst needs mode source"
	run "$REALIP" link show dev m0
	assert_failure
}

@test "ip tuntap add and show: ip's lines, flags read as ip reads them" {
	run vip tuntap add mode tap multi_queue user 1000 tap9
	assert_success
	run vip tuntap add mode tun one_queue pi vnet_hdr group 100 tun9
	assert_success
	assert_equal "$(cat /sys/class/net/tun9/tun_flags)" 0x6801
	assert_equal "$(cat /sys/class/net/tap9/owner)" 1000
	same_as_ip tuntap show
	assert_line "tun9: tun pi one_queue vnet_hdr persist filter group 100"
	same_as_ip tuntap list
	same_as_ip tuntap
	same_as_ip -j tuntap show
	same_as_ip tuntap show dev tap9
	# ip -d also complains on stderr of each fd it cannot read: stdout alone
	assert_equal "$(vip -d tuntap show 2>/dev/null)" "$("$REALIP" -d tuntap show 2>/dev/null)"
	same_as_ip -d link show
	same_as_ip -j -d link show
	run vip -j -d link show dev tap9
	refute_output --partial '"owner"'
	same_as_ip -d -o link show
}

@test "ip tuntap add with no name lets the kernel name it, as ip" {
	run vip tuntap add mode tap
	assert_success
	assert_equal "$("$REALIP" -j -d link show dev tap0 | jq -r '.[0].linkinfo.info_data.type')" tap
	run vn tuntap add mode tap
	assert_error 2 "missing device"
	run "$REALIP" link show dev tap1
	assert_failure
}

@test "ip tunnel change and del of a missing tunnel: ip's lines and status" {
	same_as_ip tunnel del tun9
	assert_output 'delete tunnel "tun9" failed: No such device'
	assert_equal "$status" 1
	same_as_ip tunnel change tun9 ttl 3
	assert_output 'get tunnel "tun9" failed: No such device'
	# vnetctl's own name keeps its line
	run vn tunnel del tun9
	assert_error 1 'tun9'
}

@test "ip tunnel add where the kind's fallback device is missing: ip's line, nothing made" {
	kernel_knows_kind ipip && skip "this kernel has ipip: the line is for a kernel without it"
	local mode
	for mode in ipip gre sit isatap vti ip6ip6 ip6gre vti6; do
		same_as_ip tunnel add tun9 mode "$mode" remote "$([[ $mode == *6* ]] && echo fd00::1 || echo 10.0.0.1)"
		assert_equal "$status" 1
		assert_output --regexp '^add tunnel "[a-z0-9_]+" failed: No such device$'
	done
	run "$REALIP" link show dev tun9
	assert_failure
}

@test "link add of a kind the kernel lacks: ip's Error: Unknown device type., exit 2" {
	local kind= k
	for k in dummy vlan ipvlan geneve bond; do
		kernel_knows_kind "$k" || { kind=$k; break; }
	done
	[ -n "$kind" ] || skip "this kernel has every kind tried (the VM's)"
	same_as_ip link add link v0 name k0 type "$kind"
	assert_output "Error: Unknown device type."
	assert_equal "$status" 2
	run vn link add link v0 name k0 type "$kind"
	assert_error 1 "the kernel has no $kind support"
	run "$REALIP" link show dev k0
	assert_failure
}

@test "link set DEV type vxlan WORDS changes only what is given, as ip" {
	ip link add vx0 type vxlan id 5 dstport 4789
	run vip link set vx0 type vxlan ttl 9 ageing 100
	assert_success
	assert_output ""
	assert_equal "$(field vx0 linkinfo.info_data.ttl) $(field vx0 linkinfo.info_data.ageing)" "9 100"
	assert_equal "$(field vx0 linkinfo.info_data.port) $(field vx0 linkinfo.info_data.id)" "4789 5"
	same_as_ip link set vx0 type vxlan l2miss
	assert_output "Error: vxlan: cannot change L2MISS flag."
	assert_equal "$status" 2
	run vn link set vx0 type vxlan ttl 10
	assert_success
	assert_equal "$(field vx0 linkinfo.info_data.ttl)" 10
}

@test "group default names group 0 in link set and link show, as ip" {
	"$REALIP" link set v0 group 3
	same_as_ip -br link show group default
	refute_output --partial "v0@v1"
	run vip link set dev v0 group default
	assert_success
	assert_equal "$(field v0 group)" '"default"'
	run vn link del group default
	assert_equal "$status" 2
	assert_equal "$(field v0 ifname)" '"v0"'
}

@test "link add as ip sends it: a veth's peer without peer words, a macvlan without link, a kind vnetctl lacks" {
	run vip link add a0 txqueuelen 5 group 5 type veth
	assert_success
	# the kernel gave the peer the device's settings, as with ip
	local peer
	peer=$("$REALIP" -j link show dev a0 | jq -r '.[0].link')
	assert_equal "$("$REALIP" -j link show dev "$peer" | jq -c '.[0] | [.txqlen, .group]')" '[5,"5"]'
	same_as_ip link add m9 type macvlan
	assert_output "RTNETLINK answers: Invalid argument"
	assert_equal "$status" 2
	same_as_ip link add k9 type nosuchkind
	assert_output "Error: Unknown device type."
	assert_equal "$status" 2
	same_as_ip link add k9 type nosuchkind word
	assert_equal "$status" 1
	# vnetctl's own name keeps its checks
	run vn link add m9 type macvlan
	assert_error 2 "missing link"
	run vn link add k9 type nosuchkind
	assert_error 2 'unknown kind "nosuchkind"'
	run vn link add b0 txqueuelen 5 type veth
	assert_success
	assert_equal "$("$REALIP" -j link show dev "$("$REALIP" -j link show dev b0 | jq -r '.[0].link')" | jq -c '.[0].txqlen')" 1000
}

@test "link add index, alias, gso and gro sizes: the device ip makes" {
	"$REALIP" link add name x0 index 4070 alias foo gso_max_size 32000 gso_max_segs 100 \
		gro_max_size 30000 type veth
	run vip link add name y0 index 4080 alias foo gso_max_size 32000 gso_max_segs 100 \
		gro_max_size 30000 type veth
	assert_success
	local keys='[.ifindex % 10, .ifalias, .gso_max_size, .gso_max_segs, .gro_max_size]'
	assert_equal "$("$REALIP" -j -d link show dev y0 | jq -c ".[0] | $keys")" \
		"$("$REALIP" -j -d link show dev x0 | jq -c ".[0] | $keys")"
	assert_equal "$(field y0 ifindex)" 4080
	# refused as ip refuses them (status; vnetctl's wording), nothing made
	run vip link add name z0 index 0 type veth
	assert_equal "$status" 255
	run vip link add name z0 gso_max_segs 65536 type veth
	assert_equal "$status" 255
	run "$REALIP" link show dev z0
	assert_failure
}

@test "link set broadcast and xdpgeneric off as ip" {
	same_as_ip link set dev v0 broadcast 02:ff:ff:ff:ff:ff
	assert_success
	assert_equal "$(field v0 broadcast)" '"02:ff:ff:ff:ff:ff"'
	same_as_ip link set dev v0 brd ff:ff:ff:ff:ff:ff
	assert_equal "$(field v0 broadcast)" '"ff:ff:ff:ff:ff:ff"'
	same_as_ip link set dev v0 xdpgeneric off
	assert_success
	same_as_ip link set dev v0 xdpdrv off
}

@test "link del DEV type KIND deletes the device whatever its kind, as ip" {
	ip link add name v2 type veth peer name v3
	"$REALIP" link del v2 type bridge
	run vip link del v0 type bridge
	assert_success
	assert_output ""
	run "$REALIP" link show dev v1
	assert_failure
}

@test "link set DEV type KIND with no words is ip's no-op: the kind sent, exit 0" {
	same_as_ip link set dev v0 type veth
	assert_success
	assert_output ""
	assert_equal "$(field v0 linkinfo.info_kind)" '"veth"'
}

@test "link property add and delete several altnames in one request, as ip" {
	run vip link property add dev v0 altname a1 altname a2
	assert_success
	assert_output ""
	assert_equal "$(field v0 altnames)" '["a1","a2"]'
	# a name taken: both say so alike
	same_as_ip link property add dev v1 altname a2
	assert_equal "$status" 2
	run vip link property del dev v0 altname a1 altname a2
	assert_success
	assert_equal "$(field v0 altnames)" null
}

@test "link afstats [dev DEV] as ip" {
	same_as_ip link afstats
	assert_success
	same_as_ip link afstats dev v0
	assert_success
	same_as_ip -j link afstats
}

@test "a vxlan with both id and external: ip's refusal under ip's name, kept under vnetctl's" {
	same_as_ip link add vx0 type vxlan id 42 dstport 4789 external
	assert_failure 1
	assert_output "vxlan: both 'external' and vni cannot be specified"
	run ip link show dev vx0
	assert_failure
	run vn link add vx0 type vxlan id 42 dstport 4789 external
	assert_success
	assert_equal "$(ip -j -d link show dev vx0 | jq -c '.[0].linkinfo.info_data | [.id, .external]')" '[42,true]'
}

@test "link xstats type bridge|bridge_slave [igmp] [dev DEV] as ip" {
	# left down, so that no IGMP or MLD message changes a counter between
	# ip's run and ours
	ip link add name br0 type bridge
	ip link add name br1 type bridge
	ip link set dev v0 master br0
	for args in "type bridge" "type bridge_slave" "type bridge igmp" "type bridge_slave igmp" \
		"type bridge dev br1" "type bridge_slave dev v0" "type bridge dev v0"; do
		for j in "" -j "-j -p"; do
			# shellcheck disable=SC2086
			same_as_ip $j link xstats $args
			assert_success
		done
	done
	run vip link xstats type bridge_slave
	assert_line --index 0 "v0              "
	assert_line '                    STP Transitions: Blocked: 0 Forwarding: 0'
	run vip -j link xstats type bridge
	assert_equal "$(jq -r '[.[].ifname] | join(" ")' <<<"$output")" "br0 br1"
	assert_equal "$(jq -r '.[0].multicast.igmp_queries | keys | join(" ")' <<<"$output")" \
		"rx_v1 rx_v2 rx_v3 tx_v1 tx_v2 tx_v3"
	# a kind with no such counters, no such kind, no such device: ip's lines
	same_as_ip link xstats type veth
	assert_failure 1
	same_as_ip link xstats type nosuchkind
	assert_failure 255
	same_as_ip link xstats type bridge dev nosuch
	assert_failure 1
}

@test "link xstats: a kind without extended counters, or none, is a usage error" {
	run vn link xstats type veth
	assert_failure 2
	assert_output "vnetctl: link xstats: veth keeps no extended counters"
	run vn link xstats type nosuchkind
	assert_failure 2
	assert_output --partial 'no kind "nosuchkind"'
	assert_equal "${#lines[@]}" 1
	run vn link xstats
	assert_failure 2
	assert_equal "${#lines[@]}" 1
}

@test "-j -p under ip's name is laid out as ip lays it out; vnetctl's keeps jansson's" {
	ip link add name va address 02:00:00:00:00:0a type veth peer name vb address 02:00:00:00:00:0b
	ip link add name br0 address 02:00:00:00:00:b0 type bridge
	ip link set dev va master br0
	ip addr add 10.0.0.1/24 dev br0
	ip link set dev br0 up
	same_as_ip -j -p link show
	assert_line --index 0 '[ {'
	assert_line '        "flags": [ "LOOPBACK","UP","LOWER_UP" ],'
	# a bridge's timers: two decimals, as ip writes them, pretty or not
	# (gc_timer runs on between the two shows: the digits are compared
	# apart from the layout)
	local want
	want=$("$REALIP" -j -p -d link show dev br0)
	run vip -j -p -d link show dev br0
	assert_success
	assert_line --regexp '^                "gc_timer": [0-9]+\.[0-9]{2},$'
	assert_equal "$(sed -E 's/(timer": )[0-9]+\.[0-9]{2}/\1N/' <<<"$output")" \
		"$(sed -E 's/(timer": )[0-9]+\.[0-9]{2}/\1N/' <<<"$want")"
	same_as_ip -j -d link show dev va
	assert_output --regexp '"hold_timer":[0-9]+\.[0-9]{2},'
	same_as_ip -j -p addr show dev br0
	same_as_ip -j -p route show
	same_as_ip -j -p link show dev nosuch
	# an empty list
	same_as_ip -j -p route show table local dev nosuch
	run vn -j -p link show dev va
	assert_success
	assert_line --index 0 '['
	assert_line --index 1 '  {'
	assert_line '    "flags": ['
}

@test "link set vf N ...: ip's request; a device without virtual functions refuses both alike" {
	local before
	before=$("$REALIP" -j -d link show dev v0)
	same_as_ip link set dev v0 vf 0 mac 02:00:00:00:09:09
	assert_equal "$status" 2
	assert_output 'RTNETLINK answers: Operation not supported'
	same_as_ip link set dev v0 vf 1 vlan 5 qos 2 spoofchk on trust off state enable query_rss on
	assert_equal "$status" 2
	# the words after the group are link set's again
	same_as_ip link set dev v0 vf 0 mac 02:00:00:00:09:09 mtu 1400
	assert_equal "$status" 2
	# the kernel sets the mtu before it comes to the vf, for ip as for us
	assert_equal "$(field v0 mtu)" 1400
	"$REALIP" link set dev v0 mtu 1500
	assert_equal "$("$REALIP" -j -d link show dev v0)" "$before"
	# the request: IFLA_VFINFO_LIST (22) { IFLA_VF_INFO { IFLA_VF_MAC {0, MAC} } }
	run vn -N link set dev v0 vf 0 mac 02:00:00:00:09:09
	assert_success
	assert_line '  attr 22 (44 bytes) 2c 00 01 80 28 00 01 00 00 00 00 00 02 00 00 00 09 09 00 00 00 00 00 00 00 00 00 00 00 00 00 00'
	# and vnetctl's name refuses what is wrong before sending
	for args in "vf" "vf x mac 02:00:00:00:09:09" "vf 0 mac bogus" "vf 0 vlan 4096" \
		"vf 0 qos 2" "vf 0 state up" "vf 0 spoofchk maybe"; do
		# shellcheck disable=SC2086
		run vn link set dev v0 $args
		assert_error 2 'link set v0: vf'
	done
	run vn link set dev v0 vf 0 qos 2
	assert_output 'vnetctl: link set v0: vf 0: qos needs vlan'
	# the group ends at a word not its own: link set's, or unknown
	run vn link set dev v0 vf 0 bogus
	assert_error 2 'link set v0: unknown keyword "bogus"'
	assert_equal "$("$REALIP" -j -d link show dev v0)" "$before"
}

@test "ip link help KIND: the kind's words on stdout, exit 0, as ip; an unknown kind: link's usage" {
	local k
	for k in veth bridge gre dummy; do
		run --separate-stderr "$REALIP" link help "$k"
		assert_success
		[ -n "$output" ] && [ -z "$stderr" ] || fail "ip link help $k: not on stdout"
		run --separate-stderr vip link help "$k"
		assert_success
		assert_equal "$stderr" ''
		assert_line --index 0 --partial "link add [COMMON...] type $k"
	done
	run --separate-stderr vip link help veth
	assert_line --partial 'peer'
	# an unknown kind, as help alone: usage on stderr, exit 255
	run --separate-stderr "$REALIP" link help nosuchkind
	assert_equal "$status" 255
	run --separate-stderr vip link help nosuchkind
	assert_equal "$status" 255
	assert_equal "$output" ''
	[ -n "$stderr" ]
	# under vnetctl's name, link help is link's help
	run vn link help veth
	assert_output --partial 'vnetctl link'
}
