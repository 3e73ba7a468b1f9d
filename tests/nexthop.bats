#!/usr/bin/env bats
# vnetctl nexthop: the kernel's nexthop objects (Linux 5.3+) made, changed,
# listed, flushed and deleted, read back through iproute2 (ip -j nexthop
# show, ip -j route show); every bad input refused with exit 2, one line,
# nothing changed.
load helpers

setup() {
	route_setup
	ip nexthop flush >/dev/null 2>&1 || true
}
teardown() {
	ip nexthop flush >/dev/null 2>&1 || true
	route_teardown
}

# The kernel's nexthops as iproute2 lists them, one JSON object a line.
knh() { ip -j nexthop show | jq -c '.[]'; }
knh_id() { ip -j nexthop show id "$1" | jq -c '.[0]'; }

refused_nh() { # REGEX ARGS...
	local re=$1 before
	shift
	before=$(knh)
	run vn "$@"
	assert_error 2 "$re"
	assert_equal "$(knh)" "$before"
}

@test "add makes a gateway, a device, a blackhole and an IPv6 nexthop" {
	run vn nexthop add id 1 via 10.0.0.1 dev va
	assert_success
	run vn nexthop add id 2 dev va
	assert_success
	run vn nexthop add id 3 blackhole
	assert_success
	run vn nexthop add id 4 via 2001:db8::1 dev va proto static
	assert_success
	assert_equal "$(knh_id 1 | jq -c '[.gateway, .dev, .scope]')" '["10.0.0.1","va","link"]'
	assert_equal "$(knh_id 2 | jq -c '[.dev, .scope]')" '["va","host"]'
	assert_equal "$(knh_id 3 | jq -c 'has("blackhole")')" true
	assert_equal "$(knh_id 4 | jq -c '[.gateway, .protocol]')" '["2001:db8::1","static"]'
}

@test "a group with weights, a resilient group, and a route by nhid" {
	vn nexthop add id 1 via 10.0.0.1 dev va
	vn nexthop add id 2 via 10.0.0.3 dev va onlink
	run vn nexthop add id 3 group 1,5/2,11
	assert_success
	run vn nexthop add id 4 group 1/2 type resilient buckets 32 idle_timer 30
	assert_success
	assert_equal "$(knh_id 2 | jq -c .flags)" '["onlink"]'
	assert_equal "$(knh_id 3 | jq -c .group)" '[{"id":1,"weight":5},{"id":2,"weight":11}]'
	assert_equal "$(knh_id 4 | jq -c '[.type, .resilient_args.buckets, .resilient_args.idle_timer]')" \
		'["resilient",32,30]'
	run vn route add 10.50.0.0/16 nhid 3
	assert_success
	assert_equal "$(ip -j route show 10.50.0.0/16 | jq -c '.[0].nhid')" 3
}

@test "show, -d and -j print as ip nexthop show, byte for byte" {
	ip nexthop add id 1 via 10.0.0.1 dev va
	ip nexthop add id 2 via 10.0.0.4 fdb
	ip nexthop add id 3 group 1
	ip nexthop add id 4 blackhole
	ip nexthop add id 5 group 1/2 type resilient buckets 8 2>/dev/null || ip nexthop add id 5 group 1 type resilient buckets 8
	local a
	for a in 'nexthop show' '-d nexthop show' '-j nexthop show' 'nexthop show id 3' \
		'nexthop show groups' 'nexthop show dev va' '-6 nexthop show' 'nexthop get id 4'; do
		# shellcheck disable=SC2086
		run ip $a
		local want=$output
		# byte for byte, ip's trailing blanks too
		# shellcheck disable=SC2086
		run vn $a
		assert_success
		assert_equal "$(cat -A <<<"$output")" "$(cat -A <<<"$want")"
	done
}

@test "replace changes a nexthop; del removes it and its routes" {
	vn nexthop add id 1 via 10.0.0.1 dev va
	vn route add 10.50.0.0/16 nhid 1
	run vn nexthop replace id 1 via 10.0.0.7 dev va
	assert_success
	assert_equal "$(knh_id 1 | jq -r .gateway)" 10.0.0.7
	run vn nexthop del id 1
	assert_success
	assert_equal "$(knh)" ''
	assert_equal "$(ip -j route show 10.50.0.0/16)" '[]'
}

@test "flush removes the nexthops the selectors pick, groups with their members" {
	vn nexthop add id 1 via 10.0.0.1 dev va
	vn nexthop add id 2 via 2001:db8::1 dev va
	vn nexthop add id 3 group 1
	run vn -6 nexthop flush
	assert_success
	assert_equal "$(knh | jq -c .id | tr '\n' ' ')" '1 3 '
	run vn nexthop flush
	assert_success
	assert_output ''
	assert_equal "$(knh)" ''
}

@test "a missing id fails with exit 1 and changes nothing" {
	vn nexthop add id 1 via 10.0.0.1 dev va
	run vn nexthop del id 9
	assert_error 1 'nexthop del 9: '
	run vn nexthop add id 3 group 1/9
	assert_error 1 'nexthop add 3: '
	run vn nexthop add id 1 via 10.0.0.3 dev va
	assert_error 1 'File exists'
	assert_equal "$(knh | jq -c '[.id, .gateway]')" '[1,"10.0.0.1"]'
}

@test "bad groups, words of a group without one, and unknown words are refused" {
	refused_nh 'invalid group "x"' nexthop add id 3 group x
	refused_nh 'invalid group "1,0/2" \(a weight is 1 to 256\)' nexthop add id 3 group 1,0/2
	refused_nh 'invalid group "1,257"' nexthop add id 3 group 1,257
	refused_nh 'invalid group "1/"' nexthop add id 3 group 1/
	refused_nh 'invalid group "0"' nexthop add id 3 group 0
	refused_nh "type, buckets and the timers are a group's" nexthop add id 3 via 10.0.0.1 dev va type resilient
	refused_nh "buckets and the timers are a resilient group's" nexthop add id 3 group 1 buckets 8
	refused_nh 'group and via cannot be used together' nexthop add id 3 via 10.0.0.1 group 1
	refused_nh 'unknown keyword "bogus"' nexthop add id 4 bogus
	refused_nh 'id 0 is out of range' nexthop add id 0 blackhole
	refused_nh 'nexthop del: missing id' nexthop del
}

# ---- bucket: a resilient group's buckets (issue 20) -----------------------------

# The group's buckets as iproute2 lists them: index and nexthop, one a line.
kbuckets() { ip -j nexthop bucket list "$@" | jq -c '.[] | [.id, .bucket.index, .bucket.nhid]'; }

@test "bucket list, show, get and their selectors print the buckets ip lists" {
	ip nexthop add id 1 via 10.0.0.1 dev va
	ip nexthop add id 2 via 10.0.0.3 dev va
	ip nexthop add id 3 group 1/2
	ip nexthop add id 10 group 1/2 type resilient buckets 4
	run vn -j nexthop bucket list
	assert_success
	assert_equal "$(jq -c '.[] | [.id, .bucket.index, .bucket.nhid]' <<<"$output")" "$(kbuckets)"
	run vn -j nexthop bucket show nhid 2
	assert_equal "$(jq -c '.[] | [.id, .bucket.index, .bucket.nhid]' <<<"$output")" "$(kbuckets nhid 2)"
	run vn -j nexthop bucket lst dev va id 10
	assert_equal "$(jq -c '.[] | [.id, .bucket.index, .bucket.nhid]' <<<"$output")" "$(kbuckets id 10)"
	run vn nexthop bucket get id 10 index 1
	assert_success
	assert_output --regexp "^id 10 index 1 idle_time [0-9.e-]+ nhid $(ip -j nexthop bucket get id 10 index 1 | jq '.[0].bucket.nhid') \$"
	run vn nexthop bucket
	assert_success
	assert_equal "${#lines[@]}" 4
}

@test "bucket of a group not resilient, or none: the kernel's refusal, exit 1" {
	ip nexthop add id 1 via 10.0.0.1 dev va
	ip nexthop add id 3 group 1
	run vn nexthop bucket list id 3
	assert_error 1 'not of type resilient'
	run vn nexthop bucket list id 99
	assert_equal "$status" 1
	run vn nexthop bucket
	assert_success
	assert_output ''
}

@test "bad bucket words are refused in one line and change nothing" {
	ip nexthop add id 1 via 10.0.0.1 dev va
	ip nexthop add id 2 via 10.0.0.3 dev va
	ip nexthop add id 10 group 1/2 type resilient buckets 4
	local before
	before=$(kbuckets)
	refused_nh 'get needs id ID and index N' nexthop bucket get id 10
	refused_nh 'index is for get' nexthop bucket list index 2
	refused_nh 'index 70000 is out of range' nexthop bucket get id 10 index 70000
	refused_nh 'cannot be used together' nexthop bucket get id 10 index 1 nhid 2
	refused_nh 'cannot be used together' nexthop bucket list get id 10 index 1
	refused_nh 'unknown keyword "bogus"' nexthop bucket list bogus
	assert_equal "$(kbuckets)" "$before"
}

@test "add encap mpls: ip's request; the kernel's answer under ip's name as ip's" {
	shim_setup
	local before want
	before=$(knh)
	run "$REALIP" nexthop add id 20 encap mpls 200/300 via 10.0.0.1 dev va
	local want_status=$status want_output=$output
	want=$(knh)
	"$REALIP" nexthop del id 20 2>/dev/null || true
	run vip nexthop add id 20 encap mpls 200/300 via 10.0.0.1 dev va
	assert_equal "$status" "$want_status"
	assert_equal "$output" "$want_output"
	assert_equal "$(knh)" "$want"
	run vn -N nexthop add id 20 encap mpls 200 dev lo
	assert_success
	# NHA_ENCAP_TYPE 1, then NHA_ENCAP's label 200 with bottom of stack
	assert_line '   08 00 05 00 01 00 00 00 06 00 07 00 01 00 00 00'
	assert_line '   0c 00 08 80 08 00 01 00 00 0c 81 00'
	"$REALIP" nexthop del id 20 2>/dev/null || true
	refused_nh 'nexthop add 21: encap: unknown keyword "bogus"' nexthop add id 21 encap bogus dev va
	refused_nh 'encap seg6 needs mode MODE and segs' nexthop add id 21 encap seg6 dev va
	assert_equal "$(knh)" "$before"
}
