# shellcheck shell=bash
# Sourced by the examples: run the calling script again inside a throwaway
# network and mount namespace, so nothing on this machine changes, with its
# own /run/netns and a sysfs of the new namespace.
#
#   throwaway_netns GUARD_VARIABLE "$0" "$@"

throwaway_netns() {
	local guard=$1 me
	shift
	me=$(basename "$1")
	if [ -z "${!guard:-}" ]; then
		if [ "$(id -u)" -ne 0 ]; then
			echo "$me: making network namespaces needs root (run it as root, or with sudo)" >&2
			exit 1
		fi
		# unshare's --propagation private works on mount points only: in a
		# chroot whose directory is not one it fails with "Invalid argument".
		if command -v mountpoint >/dev/null && ! mountpoint -q /; then
			echo "$me: / is not a mount point (a chroot?), so no private mount namespace can be made here (before chroot DIR: mount --bind DIR DIR)" >&2
			exit 1
		fi
		mkdir -p /run/netns
		exec unshare --net --mount --propagation private env "$guard=1" "$@"
	fi
	mount -t tmpfs -o mode=755 tmpfs /run/netns
	mount -t sysfs sysfs /sys
}
