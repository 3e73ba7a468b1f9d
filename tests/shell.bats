#!/usr/bin/env bats
# The interactive shell, driven through a real terminal: tmux runs vnetctl,
# send-keys types, capture-pane reads the screen.

load helpers

setup() {
	clean_netns
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	sock="vnetctl-test-$$-$BATS_TEST_NUMBER"
	status_file="$BATS_TEST_TMPDIR/exit-status"
}

teardown() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	clean_netns
}

# Start the shell (extra arguments are vnetctl's options); its exit status
# lands in $status_file.
start_shell() {
	tmux -L "$sock" new-session -d -s s -x 160 -y 64 \
		"XDG_STATE_HOME='$XDG_STATE_HOME' '$VNETCTL' $*; echo \$? > '$status_file'; sleep 30"
	wait_screen 'vnetctl(\[[^]]*\])?> '
}

keys() { tmux -L "$sock" send-keys -t s "$@"; }
screen() { tmux -L "$sock" capture-pane -p -N -t s; }

# Until CMD... succeeds (at most 15 s); else WHAT never came, the screen
# is shown, and the test fails.
wait_until() { # WHAT CMD...
	local what=$1 i
	shift
	for i in $(seq 150); do
		"$@" && return 0
		sleep 0.1
	done
	echo "never came: $what" >&2
	screen >&2
	return 1
}

screen_matches() { screen | grep -Eq -- "$1"; }
# Wait until the screen matches an extended regex.
wait_screen() { wait_until "a screen matching $1" screen_matches "$1"; }

# The last line of the screen that is not blank.
last_line() { screen | grep -v '^$' | tail -n 1; }
last_line_is() { [ "$(last_line)" = "$1" ]; }
# Wait until that line is exactly TEXT.
wait_last_line() { wait_until "the last line \"$1\"" last_line_is "$1"; }

# Until the shell has ended and its status is written.
wait_ended() { wait_until "the shell's end" test -s "$status_file"; }

@test "Tab completes an object prefix" {
	start_shell
	keys 'tunt' Tab
	wait_screen '^vnetctl> tuntap $'
}

@test "Tab completes a verb and a keyword" {
	start_shell
	keys 'tuntap ad' Tab
	wait_screen '^vnetctl> tuntap add $'
	keys 't0 mo' Tab
	wait_screen '^vnetctl> tuntap add t0 mode $'
	keys 'ta' Tab
	wait_screen '^vnetctl> tuntap add t0 mode tap $'
	keys Enter
	wait_screen '^vnetctl> $'
	[ -e /sys/class/net/t0 ]
}

@test "Tab completes a live device name" {
	ip link add name lively type veth peer name lively2
	start_shell
	keys 'link set livel' Tab
	wait_screen '^vnetctl> link set lively$'
	keys Tab Tab
	wait_screen 'lively +lively2'
}

@test "Tab completes a namespace name" {
	ip netns add bluens
	start_shell
	keys 'link set lo netns blu' Tab
	wait_screen '^vnetctl> link set lo netns bluens $'
}

@test "a failing command prints its error and the shell goes on" {
	ip link add name va type veth peer name vb
	start_shell
	keys 'link set nosuch up' Enter
	wait_screen 'vnetctl: link set nosuch: no device named "nosuch"'
	keys 'link set va mtu 1400' Enter
	wait_screen '^vnetctl> $'
	for _ in $(seq 50); do [ "$(cat /sys/class/net/va/mtu)" = 1400 ] && break; sleep 0.1; done
	assert_equal "$(cat /sys/class/net/va/mtu)" 1400
}

@test "Ctrl-C abandons the line and keeps the shell" {
	start_shell
	keys 'tuntap add t0 mode tun'
	wait_screen 'mode tun$'
	keys C-c
	sleep 0.3
	keys 'tuntap add t1 mode tun' Enter
	wait_screen '^vnetctl> $'
	for _ in $(seq 50); do [ -e /sys/class/net/t1 ] && break; sleep 0.1; done
	[ -e /sys/class/net/t1 ]
	[ ! -e /sys/class/net/t0 ]
}

@test "global options given to the shell hold for the session" {
	ip link add name va type veth peer name vb
	start_shell -j
	keys 'link show va' Enter
	wait_screen '^\[\{"ifindex"'
}

@test "history is written and read back in a second session" {
	start_shell
	keys 'link show lo' Enter
	wait_screen 'LOOPBACK'
	keys C-d
	for _ in $(seq 50); do [ -s "$status_file" ] && break; sleep 0.1; done
	grep -qx 'link show lo' "$XDG_STATE_HOME/vnetctl/history"
	tmux -L "$sock" kill-server
	sock="${sock}-second"
	start_shell
	keys Up
	wait_screen '^vnetctl> link show lo$'
}

@test "Ctrl-D leaves with status 0" {
	start_shell
	keys C-d
	for _ in $(seq 50); do [ -s "$status_file" ] && break; sleep 0.1; done
	assert_equal "$(cat "$status_file")" 0
}

@test "exit and quit leave with status 0" {
	start_shell
	keys 'quit' Enter
	for _ in $(seq 50); do [ -s "$status_file" ] && break; sleep 0.1; done
	assert_equal "$(cat "$status_file")" 0
}

@test "vnetctl shell opens the shell too" {
	start_shell shell
	keys 'help' Enter
	# the objects' list is longer than the screen: its last lines show
	wait_screen '^  wireguard '
	wait_screen 'See vnetctl\(8\)'
}

@test "the prompt names the namespace given with -n" {
	ip netns add ns1
	start_shell -n ns1
	wait_screen '^vnetctl\[ns1\]> $'
}

@test "netns enter makes later commands run in that namespace, leave returns" {
	ip netns add ns1
	start_shell
	keys 'netns enter ns' Tab
	wait_screen '^vnetctl> netns enter ns1 $'
	keys Enter
	wait_screen '^vnetctl\[ns1\]> $'
	keys 'tuntap add inside mode tun' Enter
	wait_screen '^vnetctl\[ns1\]> $'
	for _ in $(seq 50); do ip -n ns1 link show dev inside >/dev/null 2>&1 && break; sleep 0.1; done
	run ip -n ns1 -j link show dev inside
	assert_success
	[ ! -e /sys/class/net/inside ]
	keys 'netns leave' Enter
	wait_screen '^vnetctl> $'
	keys 'tuntap add outside mode tun' Enter
	for _ in $(seq 50); do [ -e /sys/class/net/outside ] && break; sleep 0.1; done
	[ -e /sys/class/net/outside ]
}

@test "netns enter outside the shell is a usage error" {
	ip netns add ns1
	run vn netns enter ns1
	assert_error 2 'only the interactive shell'
}

@test "Ctrl-C ends netns monitor and gives the prompt back; commands and exit work after" {
	start_shell
	keys 'netns monitor' Enter
	ip netns add mark
	wait_screen '^add mark$' # the monitor is reading
	keys C-c
	wait_screen '^vnetctl> $'
	keys 'bridge add brx' Enter
	for _ in $(seq 50); do ip -j link show dev brx >/dev/null 2>&1 && break; sleep 0.1; done
	assert_equal "$(ip -j -d link show dev brx | jq -r '.[0].linkinfo.info_kind')" bridge
	keys 'exit' Enter
	for _ in $(seq 50); do [ -s "$status_file" ] && break; sleep 0.1; done
	assert_equal "$(cat "$status_file")" 0
}

@test "Ctrl-C ends netns exec's command and gives the prompt back, as a shell's foreground job" {
	ip netns add ns1
	start_shell
	keys 'netns exec ns1 sleep 600' Enter
	for _ in $(seq 300); do
		[ "$(ip netns pids ns1 | xargs -r -I{} cat /proc/{}/comm 2>/dev/null)" = sleep ] && break
		sleep 0.05
	done
	assert_equal "$(ip netns pids ns1 | xargs -r -I{} cat /proc/{}/comm)" sleep
	keys C-c
	wait_last_line 'vnetctl> '
	assert_equal "$(ip netns pids ns1)" ""
	# ended as asked: no error line
	run screen
	refute_output --partial 'vnetctl: '
	keys 'link show lo' Enter
	wait_screen 'LOOPBACK'
}

@test "a history line of 4096 bytes or more is not kept" {
	start_shell
	keys -l "link show $(printf 'x%.0s' $(seq 5000))"
	keys Enter
	wait_screen 'vnetctl: '
	keys 'link show lo' Enter
	wait_screen 'LOOPBACK'
	keys C-d
	for _ in $(seq 50); do [ -s "$status_file" ] && break; sleep 0.1; done
	run cat "$XDG_STATE_HOME/vnetctl/history"
	assert_output 'link show lo'
}

@test "a refused line that holds a key is kept neither in history nor in its file" {
	key=$("$VNETCTL" wireguard genkey)
	start_shell
	keys 'link show lo' Enter
	wait_screen 'LOOPBACK'
	# refused for the key, for another word before it, by the shell itself
	keys -l "wireguard set wg0 private-key $key"
	keys Enter
	wait_screen 'private-key takes the name of a file that holds the key'
	keys -l "wireguard set wg0 listen-port 70000 private-key=$key"
	keys Enter
	wait_screen 'listen-port 70000 is out of range'
	keys -l "wireguard set wg0 private-key '$key"
	keys Enter
	wait_screen 'vnetctl: unterminated quote'
	# the line before them is the last one history recalls
	keys Up
	wait_last_line 'vnetctl> link show lo'
	keys C-c
	keys C-d
	wait_ended
	run cat "$XDG_STATE_HOME/vnetctl/history"
	assert_output 'link show lo'
}

@test "a line that holds a key and is taken is kept (a peer's public key)" {
	pub=$("$VNETCTL" wireguard genkey | "$VNETCTL" wireguard pubkey)
	start_shell -N
	keys -l "wireguard peer del wg0 $pub"
	keys Enter
	wait_screen 'WGPEER_F_REMOVE_ME|WGPEER_A_FLAGS 1'
	keys C-d
	wait_ended
	run cat "$XDG_STATE_HOME/vnetctl/history"
	assert_output "wireguard peer del wg0 $pub"
}

@test "the history file keeps the last 1000 lines and drops long ones it finds" {
	mkdir -p "$XDG_STATE_HOME/vnetctl"
	{
		seq 1500 | sed 's/^/link show l/'
		printf 'link show %05000d\n' 0
	} >"$XDG_STATE_HOME/vnetctl/history"
	start_shell
	keys 'link show lo' Enter
	wait_screen 'LOOPBACK'
	keys C-d
	for _ in $(seq 50); do [ -s "$status_file" ] && break; sleep 0.1; done
	run wc -l <"$XDG_STATE_HOME/vnetctl/history"
	assert_output 1000
	assert_equal "$(tail -n 1 "$XDG_STATE_HOME/vnetctl/history")" 'link show lo'
	assert_equal "$(sed -n 1p "$XDG_STATE_HOME/vnetctl/history")" 'link show l502'
	assert_equal "$(awk 'length >= 4096' "$XDG_STATE_HOME/vnetctl/history")" ''
}

@test "readline is loaded by the shell alone: a command line never loads it" {
	# the dynamic loader names every file it loads
	run env LD_DEBUG=files "$VNETCTL" link show lo
	assert_success
	refute_output --partial "libreadline"
	run env LD_DEBUG=files "$VNETCTL" shell <<<"exit"
	assert_success
	assert_output --partial "file=libreadline.so.8 [0];  dynamically loaded by"
}
