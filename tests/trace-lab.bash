# The labs trace.bats and trace-path.bats build by hand, and how they run
# trace: loaded by both.

# ns NAME...: named namespaces with lo up.
ns() {
	local n
	for n in "$@"; do
		ip netns add "$n"
		ip -n "$n" link set lo up
	done
}

# link NS1 DEV1 NS2 DEV2 ADDR1/LEN ADDR2/LEN: a veth between two namespaces, up.
link() {
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3"
	ip -n "$1" addr add "$5" dev "$2"
	ip -n "$3" addr add "$6" dev "$4"
	ip -n "$1" link set "$2" up
	ip -n "$3" link set "$4" up
}

# A routed chain a -- b -- c: a 10.1.0.1, b 10.1.0.2 and 10.2.0.1, c 10.2.0.2;
# a and c route through b, which forwards.
chain() {
	ns a b c
	link a a-b b b-a 10.1.0.1/24 10.1.0.2/24
	link b b-c c c-b 10.2.0.1/24 10.2.0.2/24
	ip -n a route add default via 10.1.0.2
	ip -n c route add default via 10.2.0.1
	ip netns exec b sysctl -qw net.ipv4.ip_forward=1
}

# trace ARGS...: vnetctl ARGS, its stdout in $output, its stderr in $err.
trace() {
	local e="$BATS_TEST_TMPDIR/err"
	run bash -c "\"\$@\" 2>'$e'" _ "$VNETCTL" "$@"
	err=$(cat "$e")
}
