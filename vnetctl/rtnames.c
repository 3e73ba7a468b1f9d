// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/rtnetlink.h>
#include <stdio.h>

#include "rtnames.h"

const char *rt_scope_word(uint8_t scope, char *buf, size_t sz)
{
	switch (scope) {
	case RT_SCOPE_UNIVERSE:
		return "global";
	case RT_SCOPE_SITE:
		return "site";
	case RT_SCOPE_LINK:
		return "link";
	case RT_SCOPE_HOST:
		return "host";
	case RT_SCOPE_NOWHERE:
		return "nowhere";
	}
	snprintf(buf, sz, "%u", scope);
	return buf;
}
