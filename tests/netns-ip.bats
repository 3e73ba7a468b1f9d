#!/usr/bin/env bats
# vnetctl netns under ip's name: ip-netns(8)'s listing order, output and
# refusals, each compared with iproute2's own ip on the same namespaces,
# the namespaces read through /run/netns and ip.

load helpers

setup() {
	clean_netns
	shim_setup
}
teardown() {
	clean_netns
	wait_nsids_gone
}

three() {
	"$REALIP" netns add n2
	"$REALIP" netns add n1
	"$REALIP" netns add n3
	"$REALIP" netns set n1 5
	"$REALIP" netns set n2 7
}

@test "netns list prints ip's lines, (id: N), in ip's order" {
	three
	same_as_ip netns list
	assert_output --partial 'n1 (id: 5)'
	same_as_ip netns
	same_as_ip netns show
	same_as_ip -j netns list
	same_as_ip netns list-id
	assert_output --partial 'nsid 7 (iproute2 netns name: n2)'
	same_as_ip -j netns list-id
	# under vnetctl's name, sorted by name
	run vn netns list
	assert_equal "${lines[0]}" 'n1 (id: 5)'
}

@test "netns identify, pids, exec and -all exec print as ip" {
	three
	same_as_ip netns identify
	assert_output ''
	same_as_ip netns exec n1 ip netns identify
	same_as_ip netns exec n2 "$REALIP" netns identify
	assert_output n2
	same_as_ip netns pids n1
	same_as_ip -all netns exec echo hi
	assert_output --partial $'netns: n3\nhi'
}

@test "netns set and add change what ip's change, and refuse as ip" {
	three
	run vip netns set n3 9
	assert_success
	assert_equal "$("$REALIP" -j netns list | jq -r '.[] | select(.name == "n3") | .id')" 9
	same_as_ip netns set n1 8
	assert_output 'Error: Peer netns already has a nsid assigned.'
	same_as_ip netns set nosuch 8
	assert_output 'Cannot open network namespace "nosuch": No such file or directory'
	assert_equal "$status" 1
	same_as_ip netns exec nosuch true
	assert_equal "$status" 255
	same_as_ip netns add n1
	assert_output 'Cannot create namespace file "/run/netns/n1": File exists'
	assert_equal "$(ls /run/netns | sort | tr '\n' ' ')" 'n1 n2 n3 '
	# vnetctl's own words under its name
	run vn netns add n1
	assert_error 1 'netns add n1: /run/netns/n1: File exists \(the name is taken\)'
}

@test "netns attach names a process's namespace, as ip's does" {
	"$REALIP" netns add n1
	"$REALIP" netns exec n1 sleep 100 &
	local pid=$!
	local i
	for i in $(seq 50); do
		[ "$(readlink /proc/$pid/ns/net)" = "$(readlink /proc/self/ns/net)" ] || break
		sleep 0.1
	done
	run vip netns attach n4 "$pid"
	assert_success
	# the witness: n4 is n1's namespace, a device made in one is in the other
	"$REALIP" -n n1 link add v4 type veth peer name v5
	assert_equal "$("$REALIP" -n n4 -j link show v4 | jq -r '.[0].ifname')" v4
	same_as_ip netns list
	same_as_ip netns identify "$pid"
	same_as_ip netns attach n4 "$pid"
	kill "$pid"
	wait "$pid" || true
}

@test "netns list-id target-nsid and nsid print as ip's" {
	three
	"$REALIP" -n n1 netns set n2 3
	same_as_ip netns list-id target-nsid 5
	assert_output 'nsid 3 current-nsid 7 (iproute2 netns name: n2)'
	same_as_ip -j netns list-id target-nsid 5
	same_as_ip netns list-id nsid 7
	assert_output 'nsid 7 (iproute2 netns name: n2)'
	same_as_ip netns list-id target-nsid 5 nsid 3
	same_as_ip netns list-id nsid 99
	assert_output 'Error: Peer netns reference is invalid.'
	assert_equal "$status" 2
	same_as_ip netns list-id target-nsid 7
	assert_output ''
}
