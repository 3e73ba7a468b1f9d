# Common setup of the unit tier (tests/unit/run): the fake-kernel build, no
# root, no network.  `with_replies NAME` answers the next commands with a
# recorded kernel's replies (fuzz/corpus/replies/NAME, recorded by
# fuzz/capture from a real kernel); without it, a quiet kernel answers.

export BATS_LIB_PATH=${BATS_LIB_PATH:-/usr/lib/bats}
bats_load_library bats-support
bats_load_library bats-assert

: "${VNETCTL:?tests/unit/run sets VNETCTL to the fake-kernel build}"
if [ -z "${VNETCTL_UNIT_INNER:-}" ]; then
	echo "unit tests must be run through tests/unit/run" >&2
	exit 1
fi

vn() { "$VNETCTL" "$@"; }

with_replies() {
	export VNETCTL_FAKE_KERNEL="$TOP/fuzz/corpus/replies/$1"
	[ -f "$VNETCTL_FAKE_KERNEL" ] || { echo "no recorded replies $1" >&2; return 1; }
}

# The binary under iproute2's name, as the package's link makes it.
as_ip() {
	mkdir -p "$BATS_TEST_TMPDIR/ip"
	ln -sf "$VNETCTL" "$BATS_TEST_TMPDIR/ip/ip"
	"$BATS_TEST_TMPDIR/ip/ip" "$@"
}
