#!/usr/bin/env bats
# -r/--resolve: route show and get, addr show and neigh show print addresses
# as the host names the resolver has for them, else as numbers, where
# ip -r does, in text and in JSON (one shared function, format_host); rule
# show keeps its numbers, as ip -r rule does.  No DNS: the file's tests see a
# private hosts file, bound over /etc/hosts in the run's own mount namespace
# (tests/run), with an nsswitch.conf that asks that file only.
load helpers

setup_file() {
	local d=$BATS_FILE_TMPDIR
	printf '%s\n' '127.0.0.1 localhost' '10.0.0.1 gw.test gw' '10.0.0.2 self.test' \
		'10.0.0.255 bcast.test' '10.0.0.254 gw254.test' '10.9.0.0 netnine.test' \
		'10.9.1.1 far.test' '2001:db8::1 gw6.test' '2001:db8::2 self6.test' >"$d/hosts"
	printf 'hosts: files\n' >"$d/nsswitch.conf"
	mount --bind "$d/hosts" /etc/hosts
	mount --bind "$d/nsswitch.conf" /etc/nsswitch.conf
}
teardown_file() {
	umount /etc/nsswitch.conf
	umount /etc/hosts
}
setup() { route_setup; }
teardown() {
	ip rule del table 10 2>/dev/null || true
	route_teardown
}

# ip's text, without the blank it leaves at the end of its lines.
iptext() { ip "$@" | sed 's/ *$//'; }

@test "the private hosts file is the one the resolver reads" {
	run getent hosts 10.0.0.1
	assert_output --regexp '^10\.0\.0\.1 +gw\.test +gw$'
}

# ---- route ------------------------------------------------------------------

@test "route show -r names gateways and host routes, not prefixes nor src, as ip -r" {
	ip route add 10.9.0.0/16 via 10.0.0.1 src 10.0.0.2
	ip route add 10.9.1.1 via 10.0.0.1
	run vn -r route show
	assert_success
	assert_output "$(iptext -r route show)"
	assert_line '10.9.0.0/16 via gw.test dev va src 10.0.0.2'
	assert_line 'far.test via gw.test dev va'
	assert_line '10.0.0.0/24 dev va proto kernel scope link src 10.0.0.2'
}

@test "route show without -r prints numbers where names exist" {
	ip route add 10.9.1.1 via 10.0.0.1
	run vn route show 10.9.1.1
	assert_success
	assert_output '10.9.1.1 via 10.0.0.1 dev va'
}

@test "route show -j -r gives ip -j -r's names in the JSON" {
	ip route add 10.9.0.0/16 via 10.0.0.1
	ip route add 10.9.1.1 via 10.0.0.254
	run vn -j -r route show
	assert_success
	assert_equal "$(echo "$output" | jq -c .)" "$(ip -j -r route show | jq -c .)"
	assert_equal "$(echo "$output" | jq -r '.[] | select(.dst == "far.test") | .gateway')" \
		gw254.test
}

@test "route show -r names a multipath route's gateways, as ip -r" {
	ip route add 10.30.0.0/16 nexthop via 10.0.0.254 nexthop via 10.0.0.7
	run vn -r route show 10.30.0.0/16
	assert_success
	assert_output "$(iptext -r route show 10.30.0.0/16)"
	assert_line --index 1 $'\tnexthop via gw254.test dev va weight 1'
	assert_line --index 2 $'\tnexthop via 10.0.0.7 dev va weight 1'
}

@test "route show -6 -r names IPv6 gateways and a host source, as ip -r" {
	ip -6 route add 2001:db8:7::/48 from 2001:db8::2 via 2001:db8::1 dev va
	run vn -6 -r route show 2001:db8:7::/48
	assert_success
	assert_output "$(iptext -6 -r route show 2001:db8:7::/48)"
	assert_output '2001:db8:7::/48 from self6.test via gw6.test dev va metric 1024 pref medium'
}

@test "route get -r names the destination and gateway, as ip -r route get" {
	ip route add 10.9.0.0/16 via 10.0.0.1
	run vn -r route get 10.9.1.1
	assert_success
	assert_output "$(iptext -r route get 10.9.1.1)"
	assert_line --index 0 'far.test via gw.test dev va src 10.0.0.2 uid 0'
	assert_equal "$(vn -j -r route get 10.9.1.1 | jq -c .)" "$(ip -j -r route get 10.9.1.1 | jq -c .)"
}

@test "route get -r of an address without a name prints its number" {
	ip route add 10.9.0.0/16 via 10.0.0.1
	run vn -r route get 10.9.3.3
	assert_success
	assert_line --index 0 '10.9.3.3 via gw.test dev va src 10.0.0.2 uid 0'
}

@test "route get fibmatch -r prints the route's prefix as a number, as ip -r" {
	ip route add 10.9.0.0/16 via 10.0.0.1
	run vn -r route get 10.9.1.1 fibmatch
	assert_success
	assert_output "$(iptext -r route get fibmatch 10.9.1.1)"
	assert_output '10.9.0.0/16 via gw.test dev va'
}

@test "route show table local -r names localhost, as ip -r" {
	run vn -r route show table local
	assert_success
	assert_output "$(iptext -r route show table local)"
	assert_line 'local localhost dev lo proto kernel scope host src 127.0.0.1'
}

# ---- addr -------------------------------------------------------------------

@test "addr show -r names the local, peer and broadcast addresses, as ip -r" {
	ip addr add 10.0.0.3 peer 10.0.0.1 dev va
	ip addr del 10.0.0.2/24 dev va
	ip addr add 10.0.0.2/24 brd 10.0.0.255 dev va
	run vn -r addr show dev va
	assert_success
	assert_line '    inet self.test/24 brd bcast.test scope global va'
	assert_line '    inet 10.0.0.3 peer gw.test/32 scope global va'
	assert_equal "$(echo "$output" | grep -c 'self6.test/64')" 1
	assert_equal "$(vn -j -r addr show dev va | jq -c '.[0].addr_info')" \
		"$(ip -j -r addr show dev va | jq -c '.[0].addr_info')"
}

@test "addr show without -r prints numbers" {
	run vn addr show dev va
	assert_success
	assert_line '    inet 10.0.0.2/24 scope global va'
}

@test "addr show -br -r names the addresses, as ip -br -r" {
	run vn -br -r addr show dev va
	assert_success
	assert_output --partial ' self.test/24 self6.test/64 '
}

# ---- neigh ------------------------------------------------------------------

@test "neigh show -r names the neighbours that have a name, as ip -r neigh" {
	ip neigh add 10.0.0.1 lladdr 02:00:00:00:00:01 dev va
	ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev va
	ip neigh add 2001:db8::1 lladdr 02:00:00:00:00:01 dev va
	run vn -r neigh show dev va
	assert_success
	assert_output "$(iptext -r neigh show dev va)"
	assert_line 'gw.test lladdr 02:00:00:00:00:01 PERMANENT'
	assert_line '10.0.0.7 lladdr 02:00:00:00:00:07 PERMANENT'
	assert_line 'gw6.test lladdr 02:00:00:00:00:01 PERMANENT'
	assert_equal "$(vn -j -r neigh show | jq -c .)" "$(ip -j -r neigh show | jq -c .)"
}

# ---- rule -------------------------------------------------------------------

@test "rule show -r keeps the numbers, as ip -r rule does" {
	ip rule add from 10.0.0.2 to 10.0.0.1 table 10
	run vn -r rule show
	assert_success
	assert_output "$(iptext -r rule show)"
	assert_line '32765:	from 10.0.0.2 to 10.0.0.1 lookup 10'
	assert_equal "$(vn -j -r rule show | jq -c .)" "$(ip -j -r rule show | jq -c .)"
}

@test "get's uid reaches the kernel, which answers with it; bad ports are refused" {
	ip route add 10.60.0.0/16 via 10.0.0.1
	run vn route get 10.60.1.1 uid 4242 ipproto tcp dport 443
	assert_success
	assert_output --partial 'uid 4242'
	run vn route get 10.60.1.1 dport 0
	assert_error 2 'dport 0 is out of range'
	run vn route get 10.60.1.1 ipproto nosuch
	assert_error 2 'invalid ipproto "nosuch"'
}
