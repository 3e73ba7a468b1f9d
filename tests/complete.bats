#!/usr/bin/env bats
# Completion: `vnetctl __complete`, and the bash, zsh and fish files that
# wrap it.  Candidates come from the argument tables and the kernel.

load helpers

setup() {
	clean_netns
	# the completion files call `vnetctl` as the user typed it
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -sf "$VNETCTL" "$BATS_TEST_TMPDIR/bin/vnetctl"
	export PATH="$BATS_TEST_TMPDIR/bin:$PATH"
	comp="$BATS_TEST_DIRNAME/../completions"
}

@test "__complete offers objects for a prefix" {
	run vn __complete tun
	assert_success
	assert_output $'tunnel\ntuntap'
	run vn __complete tunt
	assert_output tuntap
	run vn __complete ""
	assert_line link
	assert_line route
	assert_line help
}

@test "__complete offers verbs and their aliases" {
	run vn __complete tuntap ""
	assert_line add
	assert_line del
	assert_line list
	run vn __complete link s
	assert_line set
	assert_line show
}

@test "__complete offers the keywords not given yet" {
	run vn __complete tuntap add t0 mode tap ""
	assert_line user
	assert_line pi
	refute_line mode
	refute_line tap
}

@test "__complete offers monitor's words from the first, each once, and the others after one" {
	run vn __complete monitor ""
	assert_line link
	assert_line addr
	assert_line all-nsid
	assert_line help
	# the table's keywords only: no verb spells them a second time
	assert_equal "$(vn __complete monitor "" | sort | uniq -d)" ""
	run vn __complete monitor link ro
	assert_output route
	run vn __complete monitor link addr ""
	refute_line addr
	refute_line link
	assert_line neigh
	assert_line label
	run vn __complete -t
	assert_equal "$output" $'-t\n-ts'
}

@test "__complete offers graph's drawings, and not the other once one is given" {
	run vn __complete graph ""
	assert_output $'tree\ndot\nhelp'
	run vn __complete graph d
	assert_output dot
	run vn __complete graph dot ""
	assert_output ""
}

@test "__complete offers trace's words from the first" {
	run vn __complete trace ""
	assert_line to
	assert_line from
	run vn __complete trace 10.0.0.1 f
	assert_output from
}

@test "__complete offers a keyword's enumerated values" {
	run vn __complete tuntap add t0 mode ""
	assert_output $'tun\ntap'
	run vn __complete tuntap add t0 mode ta
	assert_output tap
}

@test "__complete offers live device names where a device is expected" {
	ip link add name va type veth peer name vb
	run vn __complete link set v
	assert_line va
	assert_line vb
}

@test "__complete offers only tun devices after tuntap del" {
	ip link add name va type veth peer name vb
	ip tuntap add t0 mode tun
	run vn __complete tuntap del ""
	assert_line t0
	refute_line va
}

@test "__complete offers only bridges after bridge addif, then the ports' devices" {
	ip link add name br0 type bridge
	ip link add name va type veth peer name vb
	run vn __complete bridge addif ""
	assert_output br0
	run vn __complete bridge addif br0 v
	assert_output $'va\nvb'
	run vn __complete bridge addif br0 va v
	assert_output $'va\nvb'
}

@test "__complete offers no existing device where a new name is expected" {
	ip link add name va type veth peer name vb
	run vn __complete tuntap add ""
	refute_line va
}

@test "__complete offers namespace names where a namespace is expected" {
	ip netns add blue
	ip netns add green
	run vn __complete link set va netns ""
	assert_output $'blue\ngreen'
	run vn __complete -n b
	assert_output blue
}

@test "__complete offers users after user" {
	run vn __complete tuntap add t0 user ro
	assert_line root
}

@test "__complete answers from inside -n NAME" {
	ip netns add blue
	ip -n blue link add name inside type veth peer name inside2
	run vn __complete -n blue link set ins
	assert_output $'inside\ninside2'
}

@test "__complete offers global options" {
	run vn __complete --js
	assert_output --json
	run vn __complete -b
	assert_line -br
}

@test "bash completion completes an object prefix" {
	run bash -c "source '$comp/vnetctl.bash'; COMP_WORDS=(vnetctl tunt); COMP_CWORD=1; _vnetctl; printf '%s\n' \"\${COMPREPLY[@]}\""
	assert_success
	assert_output tuntap
}

@test "bash completion completes a verb, a keyword and a live device" {
	ip link add name qa type veth peer name qb
	run bash -c "source '$comp/vnetctl.bash'; COMP_WORDS=(vnetctl link set qa m); COMP_CWORD=4; _vnetctl; printf '%s\n' \"\${COMPREPLY[@]}\""
	assert_output $'mtu\nmaster\nmulticast'
	run bash -c "source '$comp/vnetctl.bash'; COMP_WORDS=(vnetctl link set q); COMP_CWORD=3; _vnetctl; printf '%s\n' \"\${COMPREPLY[@]}\""
	assert_output $'qa\nqb'
}

@test "bash completion completes file names after -b" {
	touch "$BATS_TEST_TMPDIR/cmds.batch"
	run bash -c "cd '$BATS_TEST_TMPDIR'; source '$comp/vnetctl.bash'; COMP_WORDS=(vnetctl -b cmds); COMP_CWORD=2; _vnetctl; printf '%s\n' \"\${COMPREPLY[@]}\""
	assert_output cmds.batch
}

@test "the zsh completion loads and offers candidates for a prefix" {
	run zsh -f -c "compadd() { shift \$((\$# - 1)); print -l \${(P)1}; }
		words=(vnetctl tunt); CURRENT=2
		source '$comp/_vnetctl'"
	assert_success
	assert_output tuntap
}

@test "the fish completion loads and offers candidates for a prefix" {
	run fish --no-config -c "source '$comp/vnetctl.fish'; complete -C'vnetctl tunt'"
	assert_success
	assert_output --regexp '^tuntap'
	run fish --no-config -c "source '$comp/vnetctl.fish'; complete -C'vnetctl tuntap add t0 mode t'"
	assert_output --regexp 'tun'
	assert_output --regexp 'tap'
}
