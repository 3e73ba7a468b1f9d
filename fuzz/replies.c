// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the reply walker (nl.c) and every printer fed arbitrary
 * kernel replies.  The input is a batch of the verbs that are pure netlink
 * ("link show", "-d" and "-j" on a first line of options, "addr show",
 * "route show", "bridge fdb show", "netns list-id", "addr flush dev X",
 * "link del X" ...), a NUL, and the kernel's replies as fake.h reads them.
 */
#include "fake.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_run(data, size, 0);
	return 0;
}
