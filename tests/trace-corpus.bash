# The driver of tests/trace-corpus/*.yaml, the corpus of broken labs
# (tests/trace-corpus.bats loads it).  Each file is a topology file whose
# comment lines say the rest:
#
#   # trace: -n NS trace ADDR [WORDS...]   the trace (vnetctl's arguments)
#   # setup: SHELL LINE     run after `topo up`, in both states (a sysctl
#                           a topology file cannot say: forwarding on)
#   # break: SHELL LINE     then run: the lab broken in one way
#   # stop: NS DEV REGEX    where the broken trace must stop, and why
#   # heal: SHELL LINE      the healthy twin, which the trace must reach
#   # probe: ping | nc-tcp PORT | nc-udp PORT   how the kernel is asked
#                           (busybox nc for tcp; python3 for udp)
#   # needs: kind K | qdisc Q | tool T | vlan-filtering   (else skipped)
#
# corpus_case FILE: topo up, setup, break; the trace stops where the file
# says (status 1, the one error line and the STOP hop naming namespace,
# device and cause); --verify agrees (status 1, "as predicted") and so does
# the probe (it fails); heal; the trace is reached (status 0), --verify
# agrees (status 0) and the probe succeeds.  A trace without --verify
# leaves every namespace's links, routes and ruleset as they were; topo
# down leaves no namespace and no device.

CORPUS="$BATS_TEST_DIRNAME/trace-corpus"

# The lines of FILE's comments KEY, one a line, without "# KEY: ".
corpus_key() { # FILE KEY
	sed -n "s/^# $2: //p" "$1"
}

# Skip a case whose needs this kernel or machine lacks (the VM has them).
corpus_needs() { # FILE
	local what arg
	while read -r what arg; do
		case $what in
		kind) require_kind "$arg" ;;
		qdisc) require_qdisc "$arg" ;;
		tool) require_tool "$arg" ;;
		vlan-filtering) require_vlan_filtering ;;
		*) fail "$1: unknown need: $what $arg" ;;
		esac
	done < <(corpus_key "$1" needs)
}

# Run each line of FILE's KEY as a shell line; fail naming the line.
corpus_run() { # FILE KEY
	local l
	while IFS= read -r l; do
		bash -c "$l" >/dev/null 2>&1 || fail "$(basename "$1"): $2 failed: $l"
	done < <(corpus_key "$1" "$2")
}

# Every named namespace's links (without counters, nor a bridge's and its
# ports' timers, which tick by themselves), IPv4 routes of every table and
# nftables ruleset, once every link has its carrier.
corpus_state() {
	local n
	for n in $(ip netns list | cut -d' ' -f1 | sort); do
		# the carrier, then the routes' linkdown flags the kernel clears
		# after it (its link watch runs up to a second later, under load
		# more), settle before either snapshot
		timeout 10 bash -c "while ip -n $n link | grep -q NO-CARRIER ||
			ip -n $n -4 route show table all | grep -q linkdown; do sleep 0.1; done" || true
		echo "== $n"
		ip -n "$n" -j -d link show | jq -c 'map(del(.stats64, .stats)) |
			walk(if type == "object" then with_entries(select(.key | endswith("_timer") | not)) else . end)'
		ip -n "$n" -4 -j route show table all
		ip netns exec "$n" nft -j list ruleset 2>/dev/null
	done
}

# Every named namespace's conntrack entries, without their timeouts (they
# count down), one a line, sorted.
corpus_conntrack() {
	local n
	for n in $(ip netns list | cut -d' ' -f1 | sort); do
		ip netns exec "$n" conntrack -L 2>/dev/null | awk -v n="$n" '{$3 = ""; print n ": " $0}'
	done | sort
}

# The trace, its stderr in $err; without --verify the state must not change
# and no connection may be tracked that was not (an earlier probe's entry
# may expire meanwhile: only new ones count).
corpus_trace() { # ARGS...
	local e="$BATS_TEST_TMPDIR/err" before after ct0 ct1 verify=0 a
	for a in "$@"; do [ "$a" = --verify ] && verify=1; done
	if [ $verify = 0 ]; then
		before=$(corpus_state)
		ct0=$(corpus_conntrack)
	fi
	run bash -c "\"\$@\" 2>'$e'" _ "$VNETCTL" "$@"
	err=$(cat "$e")
	if [ $verify = 0 ]; then
		after=$(corpus_state)
		ct1=$(corpus_conntrack)
		[ "$after" = "$before" ] || fail "trace $* changed a namespace's links, routes or ruleset:
$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after"))"
		a=$(comm -13 <(printf '%s\n' "$ct0") <(printf '%s\n' "$ct1"))
		[ -z "$a" ] || fail "trace $* made conntrack entries: $a"
	fi
}

# The probe of FILE from the trace's namespace to its destination, as the
# trace describes the packet (its size, df, source); status 0 when the
# kernel carried it there and back.  A tcp or udp probe has a listener in
# every other namespace, so that only an answer (not a refusal, which a
# reject rule sends too) counts.
corpus_probe() { # FILE
	local src dst size="" df="" from="" w kind port rc=1 n pids=()
	read -r -a w <<<"$(corpus_key "$1" trace)"
	src=${w[1]}
	dst=${w[3]}
	for ((i = 4; i < ${#w[@]}; i++)); do
		case ${w[i]} in
		size) size=${w[i + 1]} ;;
		df) df=1 ;;
		from) from=${w[i + 1]} ;;
		esac
	done
	read -r kind port <<<"$(corpus_key "$1" probe)"
	case $kind in
	ping)
		local o=(-c1 -W2)
		[ -n "$size" ] && o+=(-s $((size - 28)))
		[ -n "$df" ] && o+=(-M do) || o+=(-M dont)
		[ -n "$from" ] && o+=(-I "$from")
		ip netns exec "$src" ping "${o[@]}" "$dst" >/dev/null 2>&1 && rc=0
		;;
	nc-tcp | nc-udp)
		for n in $(ip netns list | cut -d' ' -f1); do
			[ "$n" = "$src" ] && continue
			if [ "$kind" = nc-tcp ]; then
				ip netns exec "$n" timeout 6 busybox nc -l -p "$port" </dev/null >/dev/null 2>&1 &
			else
				ip netns exec "$n" timeout 6 python3 -c "$CORPUS_UDP_ECHO" "$port" >/dev/null 2>&1 &
			fi
			pids+=($!)
		done
		sleep 0.3
		if [ "$kind" = nc-tcp ]; then
			ip netns exec "$src" timeout 4 busybox nc -w 2 "$dst" "$port" </dev/null >/dev/null 2>&1 && rc=0
		else
			ip netns exec "$src" timeout 4 python3 -c "$CORPUS_UDP_ASK" "$dst" "$port" >/dev/null 2>&1 && rc=0
		fi
		kill "${pids[@]}" 2>/dev/null || true
		wait "${pids[@]}" 2>/dev/null || true
		;;
	*) fail "$1: unknown probe: $kind" ;;
	esac
	return $rc
}
# A UDP listener that answers each datagram; a sender that waits 2 s for it.
CORPUS_UDP_ECHO='import socket,sys
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.bind(("0.0.0.0",int(sys.argv[1])))
while True:
    d,a=s.recvfrom(2048); s.sendto(d,a)'
CORPUS_UDP_ASK='import socket,sys
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.settimeout(2)
s.connect((sys.argv[1],int(sys.argv[2]))); s.send(b"corpus")
sys.exit(0 if s.recv(2048)==b"corpus" else 1)'

corpus_case() { # FILE (a name in tests/trace-corpus)
	local f="$CORPUS/$1" args ns dev cause line hop
	[ -r "$f" ] || fail "no corpus file $1"
	corpus_needs "$f"
	require_tool nft conntrack
	read -r -a args <<<"$(corpus_key "$f" trace)"
	read -r ns dev cause <<<"$(corpus_key "$f" stop)"
	[ ${#args[@]} -ge 4 ] && [ -n "$cause" ] && [ -n "$(corpus_key "$f" probe)" ] ||
		fail "$1: a trace, a stop and a probe are needed"

	run vn topo up "$f"
	assert_success
	corpus_run "$f" setup
	corpus_run "$f" break

	# broken: the stop named, the kernel agrees
	corpus_trace "${args[@]}"
	line="^vnetctl: trace [^ ]*: $ns: $cause"
	hop="^$ns +$dev +STOP: $cause"
	assert_equal "$status" 1
	assert_equal "$(grep -c . <<<"$err")" 1
	[[ "$err" =~ $line ]] || fail "$1: error line: $err (wanted $line)"
	grep -Eq -- "$hop" <<<"$output" || fail "$1: no STOP at $ns $dev: $output"
	corpus_trace "${args[@]}" --verify
	assert_equal "$status" 1
	assert_line --regexp '^verify: .*: as predicted$'
	run corpus_probe "$f"
	assert_failure

	# healed: reached, and the kernel agrees
	corpus_run "$f" heal
	corpus_trace "${args[@]}"
	assert_success
	assert_equal "$err" ""
	corpus_trace "${args[@]}" --verify
	assert_success
	assert_line --regexp '^verify: the probe arrived in .*: as predicted$'
	run corpus_probe "$f"
	assert_success

	run vn topo down "$f"
	assert_success
	assert_equal "$(ip netns list)" ""
	assert_equal "$(made)" ""
}
