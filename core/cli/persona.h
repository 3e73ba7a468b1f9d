/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vnetctl under iproute2's names (core/cli/persona.c): which program argv[0]
 * names, and each program's command table in its own order, as data.  The
 * dispatcher and main read them; core.h says what a module does.
 */
#ifndef VNETCTL_PERSONA_H
#define VNETCTL_PERSONA_H

#include <stdbool.h>
#include <stddef.h>

#include "core.h"

/* One command of a program's table (ip/ip.c's cmds[]). */
struct prog_cmd {
	const char *name; /* as the program spells it */
	/* What stands for it when that is not the thing of the same name: an
	 * object (ip's "address" is addr) or, for a program whose commands are
	 * an object's verbs, a verb (bridge's "link" is bridge port).  Such a
	 * name is an alias under every name (`vnetctl address`).  PROG_UNLIKE:
	 * the program's command is another thing than vnetctl's object of the
	 * same name (ip xfrm is IPsec's states and policies, the object xfrm
	 * the interface kind), which vnetctl has not got. */
	const char *target;
};
extern const char PROG_UNLIKE[];

struct program {
	const char *name; /* argv[0]'s basename */
	const struct prog_cmd *cmds;
	size_t ncmds;
	/* Its commands are the verbs of the object named like it (bridge). */
	bool cmds_are_verbs;
	/* Its options (enum gopt_id), in the order its main() tries them. */
	const unsigned char *opts;
	size_t nopts;
};

/* The personality argv[0]'s basename gives: ip, bridge, else vnetctl. */
enum persona persona_of_argv0(const char *argv0);
/* The program of a personality; NULL for vnetctl's own. */
const struct program *program_of(enum persona p);
/* The first command of p that w abbreviates (ip's matches(): w is a prefix
 * of its name, never ambiguous), or NULL. */
const struct prog_cmd *program_cmd(const struct program *p, const char *w);
/* What a command stands for: its target, else its own name. */
const char *prog_cmd_target(const struct prog_cmd *cmd);
/* The program whose commands are the verbs of object o (bridge for the
 * object bridge), or NULL. */
const struct program *program_of_root(const struct object *o);

#endif
