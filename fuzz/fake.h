/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fuzz build's kernel (fuzz/fakemnl.c): libmnl's socket calls
 * (mnl_socket_open, _bind, _setsockopt, _get_fd, _get_portid, _sendto,
 * _recvfrom, _close) defined here answer from the fuzzer's bytes; the rest
 * of libmnl (attributes, messages) is the real library.  Only the fuzz
 * targets and the unit tier's build/unit/vnetctl (tests/unit/) link it;
 * build/vnetctl never does.
 *
 * The script is a sequence of datagrams, each a 16-bit little-endian
 * length and that many bytes; every recvfrom returns the next one.  A
 * reply's nlmsg_seq counts from the first message of the latest sendto
 * (0 answers it, 1 the next pipelined one), so captured replies replay
 * whatever sequence number vnetctl picked.  When the script runs out,
 * every request still unanswered gets what a quiet kernel gives: RTM_GETLINK
 * one device (index 7, of the name asked for, else fuzz0), then a dump its
 * NLMSG_DONE and anything else its ACK; after that recvfrom fails (EAGAIN), so nothing waits
 * forever.
 */
#ifndef VNETCTL_FUZZ_FAKE_H
#define VNETCTL_FUZZ_FAKE_H

#include <stddef.h>
#include <stdint.h>

/* The replies of the next run; data must live until the run ends. */
void fake_kernel_script(const uint8_t *data, size_t size);

/* One fuzz input: a batch (lines of `vnetctl -b`, the first of them may be
 * global options such as "-j -d"), then optionally a NUL byte and the
 * kernel's script.  Dry run when dryrun; else only the verbs that do nothing
 * but netlink run (show, list, list-id, flush, del), the others skipped. */
void fuzz_run(const uint8_t *data, size_t size, int dryrun);

#endif
