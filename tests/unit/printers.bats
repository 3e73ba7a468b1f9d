#!/usr/bin/env bats
# The printers over a real kernel's replies, recorded (fuzz/corpus/replies):
# what each show prints for them, in text and JSON; and replies a kernel
# never sends (truncated, lying lengths) make one error line, not a crash.

load helpers

@test "link show prints each device's line as ip does" {
	with_replies seed-link-show
	run vn link show
	assert_success
	assert_line --index 0 '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000'
	assert_line '2: v1@v0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000'
	assert_line '    link/ether 16:e2:bf:ad:08:d6 brd ff:ff:ff:ff:ff:ff link-netnsid 3'
	assert_line '    alias second veth'
}

@test "link show -j gives each device's index, name, peer and peer namespace" {
	with_replies seed-link-show-j
	run vn -j link show
	assert_success
	run jq -c '[.[] | [.ifindex, .ifname, .link, .link_netnsid]]' <<<"$output"
	assert_output '[[1,"lo",null,null],[2,"v1","v0",null],[3,"v0","v1",null],[4,"v3","v2",null],[5,"v2","v3",null],[6,"vx0",null,null],[8,"mv0","v3",null],[9,"o1",null,3]]'
}

@test "link show -d reads a vxlan's id, endpoints and port" {
	with_replies seed-link-show-d
	run vn -d link show
	assert_success
	assert_output --regexp 'vxlan id 42 remote 10\.9\.0\.2 local 10\.9\.0\.1 .*dstport 4789'
	assert_output --partial 'macvlan mode bridge'
}

@test "addr show prints a peer address and the lifetimes" {
	with_replies seed-addr-show
	run vn addr show
	assert_success
	assert_line '    inet 10.9.2.1 peer 10.9.2.2/32 scope global v1'
	assert_line '    inet 127.0.0.1/8 scope host lo'
	assert_line '       valid_lft forever preferred_lft forever'
}

@test "route show prints the main table as ip does" {
	with_replies seed-route-show
	run vn route show
	assert_success
	assert_output '10.9.0.0/24 dev v2 proto kernel scope link src 10.9.0.1
10.9.1.0/24 dev v2 proto kernel scope link src 10.9.1.1
10.9.2.2 dev v1 proto kernel scope link src 10.9.2.1
10.20.0.0/16 via 10.9.0.254 dev v2
10.30.0.0/16 dev v2 scope link metric 50'
}

@test "route show -j names the gateway and the metric" {
	with_replies seed-route-show-j
	run vn -j route show
	assert_success
	run jq -c '[.[] | select(.gateway or .metric) | [.dst, .gateway, .metric]]' <<<"$output"
	assert_output '[["10.20.0.0/16","10.9.0.254",null],["10.30.0.0/16",null,50]]'
}

@test "under ip's name, ip -4 r s is route show" {
	with_replies seed-route-show
	run as_ip -4 r s
	assert_success
	# ip ends a route's line with a blank
	assert_line --index 3 '10.20.0.0/16 via 10.9.0.254 dev v2 '
}

@test "replies a kernel never sends are one error line each" {
	local f
	for f in regress-nlmsg-len-2gib regress-short-header regress-ifname-in-padding; do
		with_replies "$f"
		run vn link show
		[ "$status" -le 1 ] || fail "$f: status $status"
		[ "${#lines[@]}" -le 20 ] || fail "$f: ${#lines[@]} lines"
	done
	with_replies regress-error-int-min
	run vn link del x0
	assert_failure 1
	assert_output 'vnetctl: link del x0: malformed reply from the kernel'
}
