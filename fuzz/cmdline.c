// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the command line and batch parser through the real
 * dispatcher, in dry run.  The input is a batch file's bytes (a first line
 * of only options, "-j -d --force", sets them), then optionally a NUL and
 * the kernel's replies to the queries dry run still sends (fake.h); no
 * socket is touched.
 */
#include "fake.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_run(data, size, 1);
	return 0;
}
