# Three "hosts" for vnetctl topo on several hosts (issue 24), sourced by
# tests/topo-hosts.bats and by bench/run (through bash): each host a
# network and mount namespace of its own (its own /run, so its own
# /run/netns, and its own sysfs) running Debian's sshd on port PORT with
# its own configuration and host key; an ssh configuration ($T/ssh_config,
# for ssh -F) names each, with a key and a known_hosts file made here.  An
# underlay bridge, `under`, in the caller's namespace joins them.  The
# remote vnetctl is $VNETCTL, on the sshd's PATH.
#
# Set T (a directory of the caller's own) and PORT, then hosts_start;
# in_host H CMD... runs a command on host H; hosts_stop ends them all.
# Each host's namespace holder's process id is in $T/pid_H, so that a
# later shell (the bench's) finds the hosts.

HOSTS="a b c"
declare -gA ADDR=([a]=192.0.2.10 [b]=192.0.2.11 [c]=192.0.2.12)

hosts_start() {
	local h
	mkdir -p "$T/bin" "$T/xdg"
	chmod 700 "$T/xdg"
	ln -sf "$VNETCTL" "$T/bin/vnetctl"
	ssh-keygen -q -t ed25519 -N '' -f "$T/id" </dev/null
	: >"$T/known_hosts"
	: >"$T/ssh_config"
	ip link add name under type bridge
	ip addr add 192.0.2.1/24 dev under
	ip link set under up
	for h in $HOSTS; do start_host "$h"; done
}

# Host h: a namespace holder, its /run and sysfs, its end of the underlay,
# sshd listening on it.
start_host() {
	local h=$1 pid
	unshare --net --mount --propagation private sleep infinity </dev/null >/dev/null 2>&1 &
	pid=$!
	echo "$pid" >"$T/pid_$h"
	for _ in $(seq 50); do
		[ "$(readlink /proc/"$pid"/ns/net)" != "$(readlink /proc/self/ns/net)" ] && break
		sleep 0.1
	done
	ip link add name "u$h" type veth peer name eth0 netns "$pid"
	ip link set "u$h" master under up
	in_host "$h" sh -c "mount -t tmpfs tmpfs /run && mkdir -p /run/netns /run/sshd &&
		mount -t sysfs sysfs /sys && ip link set lo up &&
		ip addr add ${ADDR[$h]}/24 dev eth0 && ip link set eth0 up"
	ssh-keygen -q -t ed25519 -N '' -f "$T/hostkey_$h" </dev/null
	cat >"$T/sshd_$h" <<EOF
Port $PORT
ListenAddress ${ADDR[$h]}
HostKey $T/hostkey_$h
PidFile $T/sshd_$h.pid
AuthorizedKeysFile $T/id.pub
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
SetEnv PATH=$T/bin:/usr/sbin:/usr/bin:/sbin:/bin
EOF
	in_host "$h" /usr/sbin/sshd -f "$T/sshd_$h" -E "$T/sshd_$h.log"
	echo "[${ADDR[$h]}]:$PORT $(cut -d' ' -f1-2 "$T/hostkey_$h.pub")" >>"$T/known_hosts"
	cat >>"$T/ssh_config" <<EOF
Host $h
  HostName ${ADDR[$h]}
  Port $PORT
  User root
  IdentityFile $T/id
  IdentitiesOnly yes
  UserKnownHostsFile $T/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  ConnectTimeout 5
EOF
}

in_host() {
	local h=$1
	shift
	nsenter -t "$(cat "$T/pid_$h")" -n -m "$@"
}

# Every process in host h's network namespace (sshd, its sessions, the
# namespace holder).
kill_host() {
	local h=$1 ns p
	ns=$(readlink /proc/"$(cat "$T/pid_$h")"/ns/net) || return 0
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/ns/net" 2>/dev/null)" = "$ns" ] && kill "${p#/proc/}" 2>/dev/null
	done
	return 0
}

# Host h's ssh master connection (the one vnetctl keeps under
# $T/xdg/vnetctl-ssh), closed.
host_master_exit() {
	ssh -F "$T/ssh_config" -o ControlPath="$T/xdg/vnetctl-ssh/%C" -O exit "$1" \
		>/dev/null 2>&1 || true
}

hosts_stop() {
	local h
	for h in $HOSTS; do host_master_exit "$h"; done
	for h in $HOSTS; do [ -e "$T/pid_$h" ] && kill_host "$h"; done
	wait 2>/dev/null || true
	ip link del dev under >/dev/null 2>&1 || true
	return 0
}
