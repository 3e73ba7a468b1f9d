/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Growable arrays, written once for the tree.
 *
 * A list is a struct of {v, n} (VEC); VEC_PUSH appends a zeroed element and
 * returns it.  Its room is the power of two at or above its length: it
 * doubles when its length is one, so that 100,000 elements cost 17 copies
 * rather than 100,000 -- every append to a VEC goes through VEC_PUSH, and a
 * list is emptied only by freeing v.
 *
 * A list that keeps its room apart (a cap beside v and n) grows with
 * VEC_ROOM.  Both abort when out of memory.
 */
#ifndef VNETCTL_VEC_H
#define VNETCTL_VEC_H

#include <stdlib.h>
#include <string.h>

#define VEC(type, name)                                                                            \
	struct {                                                                                   \
		type *v;                                                                           \
		size_t n;                                                                          \
	} name

/* Room for element n of the array *v of *cap elements of size bytes: it
 * grows to twice its room (first when it had none). */
static inline void *vec_room(void *v, size_t *cap, size_t n, size_t size, size_t first)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : first;
	if (!(v = realloc(v, *cap * size)))
		abort();
	return v;
}

/* One more element of a VEC's array, zeroed. */
static inline void *vec_push(void **v, size_t *n, size_t size)
{
	/* full exactly when the length is a power of two (or none) */
	size_t cap = *n & (*n - 1) ? *n + 1 : *n;

	*v = vec_room(*v, &cap, *n, size, 1);
	memset((char *)*v + *n * size, 0, size);
	return (char *)*v + (*n)++ * size;
}

/* The element is named through the list itself, after the comma (which
 * orders the growth first), so its type needs no __typeof__. */
#define VEC_PUSH(list)                                                                             \
	(vec_push((void **)&(list).v, &(list).n, sizeof(*(list).v)), &(list).v[(list).n - 1])
/* Room for one more element after n of v, whose room is cap (64 at first). */
#define VEC_ROOM(v, n, cap) ((v) = vec_room((v), &(cap), (n), sizeof(*(v)), 64))

#endif
