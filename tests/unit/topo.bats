#!/usr/bin/env bats
# Topology files read and planned against an empty kernel: the steps a file
# becomes, and where a bad file is wrong (FILE:LINE:COLUMN).

load helpers

@test "the lab's file plans its namespaces, bridge, veths, addresses and ups" {
	run vn topo plan "$TOP/examples/lab.yaml"
	assert_success
	assert_line --index 0 'vnetctl netns add net0'
	assert_line 'vnetctl -n bridge bridge add br'
	assert_line 'vnetctl veth add net0-bridge netns net0 peer bridge-net0 netns bridge'
	assert_line 'vnetctl -n net0 addr add 10.0.1.1/24 dev net0-bridge'
	assert_line --index 14 'vnetctl -n bridge link set bridge-net1 up'
	[ "${#lines[@]}" -eq 15 ]
}

@test "plan -j gives each step's file line, namespace and words" {
	run vn -j topo plan "$TOP/examples/lab.yaml"
	assert_success
	run jq -c '.[3]' <<<"$output"
	assert_output '{"line":12,"netns":"bridge","argv":["bridge","add","br"]}'
}

@test "every example file plans without an error" {
	local f
	for f in "$TOP"/examples/*.yaml; do
		run vn topo plan "$f"
		[ "$status" -eq 0 ] || fail "$f: $output"
		[ "${#lines[@]}" -gt 5 ] || fail "$f: ${#lines[@]} steps"
	done
}

hostile() { printf "$1" >"$BATS_TEST_TMPDIR/t.yaml"; run vn topo plan "$BATS_TEST_TMPDIR/t.yaml"; }

@test "a byte that is not UTF-8 is named at its line and column" {
	hostile 'namespaces:\n  - a\n  - "b\xff"\n'
	assert_failure 2
	assert_output --regexp 't\.yaml:3:[0-9]+: invalid leading UTF-8 octet \(byte 0xff\)$'
}

@test "a second document is refused, even garbage" {
	hostile 'namespaces:\n  - a\n---\ngarbage: [\n'
	assert_failure 2
	assert_output --partial 't.yaml:3:1: a second document (a topology file holds one)'
}

@test "50,000 levels of nesting stop at the depth limit" {
	python3 -c "print('x: ' + '[' * 50000)" >"$BATS_TEST_TMPDIR/t.yaml"
	run vn topo plan "$BATS_TEST_TMPDIR/t.yaml"
	assert_failure 2
	assert_output --partial 'nested deeper than 32 levels (the limit of a file)'
}

@test "an unknown top-level key is named with the keys there are" {
	hostile 'namespaces:\n  - a\nfrobs: 1\n'
	assert_failure 2
	assert_output --partial 't.yaml:3:1: topology: unknown key "frobs" (one of: namespaces,'
}

@test "a missing file is the operation failing, not a usage error" {
	run vn topo plan "$BATS_TEST_TMPDIR/nonexistent.yaml"
	assert_failure 1
	assert_output --partial 'nonexistent.yaml: No such file or directory'
}
