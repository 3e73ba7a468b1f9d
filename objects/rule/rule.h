/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rule: the printer (rule.c) that monitor shares. */
#ifndef VNETCTL_RULE_H
#define VNETCTL_RULE_H

#include "core.h"

/* One rule (an RTM_NEWRULE or RTM_DELRULE) as rule show prints it. */
void rule_print_msg(struct ctx *c, const struct nlmsghdr *nlh);

#endif
