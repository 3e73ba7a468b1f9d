#!/usr/bin/env bats
# The bridge link kind in iproute2's words and units: `vnetctl link add NAME
# type bridge ...` (the times in hundredths of a second, as ip takes them)
# and `vnetctl -d link show`, checked through `ip -j -d link show` and sysfs.
# bridge add keeps its own words, in seconds (bridge.bats).
#
# iproute2 6.1 reads a bare "a" as "address": devices are made with "name".

load helpers

# A setting of the bridge as ip -j -d gives it.
ipdata() { ip -j -d link show dev "$1" | jq -r ".[0].linkinfo.info_data.$2"; }

# ---- link add ... type bridge ---------------------------------------------------

@test "link add type bridge takes ip's words and hundredths of a second" {
	run vn link add br0 type bridge forward_delay 400 hello_time 300 max_age 1200 ageing_time 6000 stp_state 1 priority 4096
	assert_success
	assert_output ""
	assert_equal "$(ipdata br0 forward_delay) $(ipdata br0 hello_time) $(ipdata br0 max_age)" "400 300 1200"
	assert_equal "$(ipdata br0 ageing_time) $(ipdata br0 stp_state) $(ipdata br0 priority)" "6000 1 4096"
	# sysfs keeps the same hundredths
	assert_equal "$(brattr br0 forward_delay)" 400
}

@test "link add type bridge and bridge add take forward_delay in the same hundredths" {
	run vn link add br0 type bridge forward_delay 1500
	assert_success
	run vn bridge add br1 forward_delay 1500
	assert_success
	assert_equal "$(ipdata br0 forward_delay)" 1500
	assert_equal "$(ipdata br1 forward_delay)" 1500
}

@test "link add type bridge takes the multicast words" {
	run vn link add br0 type bridge mcast_snooping 0 mcast_router 2 mcast_querier 1 mcast_query_use_ifaddr 1 mcast_hash_max 1024 mcast_last_member_count 3 mcast_startup_query_count 4 mcast_stats_enabled 1 mcast_igmp_version 3 mcast_mld_version 2
	assert_success
	local k want
	for kv in mcast_snooping=0 mcast_router=2 mcast_querier=1 mcast_query_use_ifaddr=1 mcast_hash_max=1024 \
		mcast_last_member_cnt=3 mcast_startup_query_cnt=4 mcast_stats_enabled=1 mcast_igmp_version=3 mcast_mld_version=2; do
		k=${kv%=*} want=${kv#*=}
		assert_equal "$k=$(ipdata br0 "$k")" "$k=$want"
	done
}

@test "link add type bridge takes the multicast intervals in hundredths" {
	run vn link add br0 type bridge mcast_last_member_interval 200 mcast_membership_interval 30000 mcast_querier_interval 26000 mcast_query_interval 5000 mcast_query_response_interval 900 mcast_startup_query_interval 1500
	assert_success
	assert_equal "$(ipdata br0 mcast_last_member_intvl) $(ipdata br0 mcast_membership_intvl)" "200 30000"
	assert_equal "$(ipdata br0 mcast_querier_intvl) $(ipdata br0 mcast_query_intvl)" "26000 5000"
	assert_equal "$(ipdata br0 mcast_query_response_intvl) $(ipdata br0 mcast_startup_query_intvl)" "900 1500"
}

@test "link add type bridge takes group_address and the netfilter words" {
	run vn link add br0 type bridge group_address 01:80:c2:00:00:0e nf_call_iptables 1 nf_call_arptables 1
	assert_success
	assert_equal "$(ipdata br0 group_addr)" 01:80:c2:00:00:0e
	assert_equal "$(ipdata br0 nf_call_iptables) $(ipdata br0 nf_call_ip6tables) $(ipdata br0 nf_call_arptables)" "1 0 1"
}

@test "link add type bridge takes the VLAN words" {
	require_vlan_filtering
	run vn link add br0 type bridge vlan_filtering 1 vlan_protocol 802.1ad vlan_default_pvid 10 vlan_stats_enabled 1
	assert_success
	assert_equal "$(ipdata br0 vlan_filtering) $(ipdata br0 vlan_protocol)" "1 802.1ad"
	assert_equal "$(ipdata br0 vlan_default_pvid) $(ipdata br0 vlan_stats_enabled)" "10 1"
}

@test "link add type bridge takes the common words in the same request" {
	veth p0 q0
	run vn -N link add br0 mtu 1400 address 02:00:00:00:00:0b up type bridge stp_state 1
	assert_success
	assert_equal "$(grep -c '^RTM_NEWLINK' <<<"$output")" 1
	assert_line --partial 'IFLA_BR_STP_STATE 1'
	run vn link add br0 mtu 1400 address 02:00:00:00:00:0b up type bridge stp_state 1
	assert_success
	assert_equal "$(ip -j link show dev br0 | jq -r '.[0] | "\(.mtu) \(.address) \(.flags | index("UP") != null)"')" \
		"1400 02:00:00:00:00:0b true"
	assert_equal "$(ipdata br0 stp_state)" 1
}

@test "link add type bridge without words makes a bridge with the kernel's defaults" {
	run vn link add br0 type bridge
	assert_success
	assert_equal "$(ip -j -d link show dev br0 | jq -r '.[0].linkinfo.info_kind')" bridge
	assert_equal "$(ipdata br0 forward_delay) $(ipdata br0 stp_state)" "1500 0"
}

@test "dry run of link add type bridge names every attribute and makes nothing" {
	run vn -N link add br0 type bridge stp_state 1 priority 7 vlan_protocol 802.1Q group_address 01:80:c2:00:00:00 mcast_snooping 0
	assert_success
	assert_line --partial 'IFLA_INFO_KIND "bridge"'
	assert_line --partial 'IFLA_BR_STP_STATE 1'
	assert_line --partial 'IFLA_BR_PRIORITY 7'
	assert_line --partial 'IFLA_BR_VLAN_PROTOCOL'
	assert_line --partial 'IFLA_BR_GROUP_ADDR 01:80:c2:00:00:00'
	assert_line --partial 'IFLA_BR_MCAST_SNOOPING 0'
	run dev_exists br0
	assert_failure
}

# ---- bad input: exit 2, one line, nothing made ----------------------------------

@test "link add type bridge takes ip's keywords, not bridge add's" {
	# "stp" abbreviates ip's stp_state, which takes 0 or 1
	run vn link add br0 type bridge stp on
	assert_error 2 'link add br0: invalid stp_state "on": not a number$'
	run vn link add br0 type bridge mtu_x 3
	assert_error 2 'link add br0: unknown keyword "mtu_x"'
	run dev_exists br0
	assert_failure
}

@test "link add type bridge takes its times as whole hundredths" {
	run vn link add br0 type bridge forward_delay 2.5
	assert_error 2 'link add br0: invalid forward_delay "2.5": not a number$'
	run dev_exists br0
	assert_failure
}

@test "link add type bridge refuses a boolean other than 0 or 1" {
	run vn link add br0 type bridge stp_state 2
	assert_error 2 'link add br0: stp_state 2 is out of range \(0\.\.1\)$'
	run vn link add br0 type bridge vlan_filtering on
	assert_error 2 'link add br0: invalid vlan_filtering "on": not a number$'
	run dev_exists br0
	assert_failure
}

@test "link add type bridge refuses an unknown VLAN protocol, a bad group address, a priority above 65535" {
	run vn link add br0 type bridge vlan_protocol 802.1x
	assert_error 2 'link add br0: invalid vlan_protocol "802.1x" \(expected 802\.1Q\|802\.1ad\)$'
	run vn link add br0 type bridge group_address 01:80:c2
	assert_error 2 'link add br0: invalid group_address "01:80:c2"'
	run vn link add br0 type bridge priority 65536
	assert_error 2 'link add br0: priority 65536 is out of range \(0\.\.65535\)$'
	run vn link add br0 type bridge mcast_igmp_version 1
	assert_error 2 'link add br0: mcast_igmp_version 1 is out of range \(2\.\.3\)$'
	run dev_exists br0
	assert_failure
}

@test "link add type bridge with a word given twice is a usage error" {
	run vn link add br0 type bridge priority 1 priority 2
	assert_error 2 'link add br0: priority given twice$'
	run dev_exists br0
	assert_failure
}

# ---- kernel refusals: exit 1, nothing made ---------------------------------------

@test "a hello_time the kernel refuses fails with exit 1 and makes no bridge" {
	run vn link add br0 type bridge hello_time 50
	assert_error 1 'link add br0: '
	run dev_exists br0
	assert_failure
}

@test "a group address that is not 01:80:c2:00:00:0X fails with exit 1" {
	run vn link add br0 type bridge group_address 01:80:c2:00:00:11
	assert_error 1 'link add br0: '
	run dev_exists br0
	assert_failure
}

# ---- link show -d ----------------------------------------------------------------

@test "link show -d prints a bridge's settings as link add type bridge takes them" {
	ip link add name br0 type bridge stp_state 1 forward_delay 700 priority 8 mcast_snooping 0 mcast_query_interval 6000
	run vn -d link show br0
	assert_success
	assert_line --index 2 --regexp '^    bridge forward_delay 700 hello_time 200 max_age 2000 ageing_time 30000 stp_state 1 priority 8 '
	# the words read back: a second bridge made from them has the same settings
	local words
	# (ip's order puts what the bridge reports among them: taken out)
	words=$(sed -En 's/^    bridge (.*) addrgenmode .*/\1/p' <<<"${lines[2]}" |
		sed -E 's/ (bridge_id|designated_root|root_port|root_path_cost|topology_change|topology_change_detected|hello_timer|tcn_timer|topology_change_timer|gc_timer|group_fwd_mask|mcast_hash_elasticity|no_linklocal_learn|mcast_vlan_snooping) +[^ ]+//g')
	# a kernel without VLAN filtering shows vlan_filtering 0 but refuses it
	has_vlan_filtering || words=${words/ vlan_filtering 0 / }
	run vn link add br1 type bridge $words
	assert_success
	local k
	for k in forward_delay hello_time max_age ageing_time stp_state priority mcast_snooping mcast_query_intvl mcast_hash_max; do
		assert_equal "$k=$(ipdata br1 "$k")" "$k=$(ipdata br0 "$k")"
	done
}

@test "link show -d -j gives every setting with ip -j's key and value" {
	ip link add name br0 type bridge stp_state 1 hello_time 300 mcast_querier 1 group_address 01:80:c2:00:00:0e
	run vn -j -d link show br0
	assert_success
	local k n=0
	for k in $(jq -r '.[0].linkinfo.info_data | keys[]' <<<"$output"); do
		assert_equal "$k=$(jq -r ".[0].linkinfo.info_data.$k" <<<"$output")" "$k=$(ipdata br0 "$k")"
		n=$((n + 1))
	done
	[ "$n" -ge 25 ] || fail "only $n settings compared"
}

@test "bridge show prints a bridge's times in ip's hundredths of a second, as link show -d" {
	run vn link add br0 type bridge forward_delay 400 ageing_time 6000
	assert_success
	run vn bridge show br0
	assert_success
	assert_line --index 1 "    stp off forward_delay 400 hello_time 200 max_age 2000 ageing_time 6000 priority 32768 vlan_filtering off"
	assert_equal "$(ipdata br0 forward_delay) $(ipdata br0 ageing_time)" "400 6000"
}

# ---- ip-link(8)'s bridge examples, with vnetctl ---------------------------------

@test "link show type bridge shows the bridge devices" {
	ip link add name br0 type bridge
	ip link add name br1 type bridge
	veth p0 q0
	ip link set dev p0 master br0
	run vn -j link show type bridge
	assert_success
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" br0,br1
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" \
		"$(ip -j link show type bridge | jq -r '[.[].ifname] | join(",")')"
}

@test "link show master br0 shows the devices enslaved by br0" {
	ip link add name br0 type bridge
	ip link add name br1 type bridge
	veth p0 q0
	veth p1 q1
	veth p2 q2
	ip link set dev p0 master br0
	ip link set dev p1 master br0
	ip link set dev p2 master br1
	run vn -j link show master br0
	assert_success
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" p0,p1
	assert_equal "$(jq -r '[.[].ifname] | join(",")' <<<"$output")" \
		"$(ip -j link show master br0 | jq -r '[.[].ifname] | join(",")')"
}

@test "link add name br0 type bridge, then link set master and link del, as ip-link(8) does" {
	veth p0 q0
	run vn link add name br0 type bridge
	assert_success
	run vn link set dev p0 master br0
	assert_success
	assert_equal "$(ip -j link show dev p0 | jq -r '.[0].master')" br0
	run vn link del dev br0
	assert_success
	run dev_exists br0
	assert_failure
}

# ---- completion ------------------------------------------------------------------

@test "completion offers bridge after type, then ip's bridge words" {
	run vn __complete link add br0 type ""
	assert_line bridge
	run vn __complete link add br0 type bridge ""
	assert_line forward_delay
	assert_line stp_state
	assert_line vlan_default_pvid
	assert_line mcast_snooping
	refute_line stp
	run vn __complete link add br0 type bridge vlan_protocol ""
	assert_line 802.1Q
	assert_line 802.1ad
}
