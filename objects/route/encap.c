// SPDX-License-Identifier: GPL-2.0-or-later
/* encap: a route's or a next hop's lightweight tunnel (encap.h).  The
 * kernel refuses a type it was built without ("lwt encapsulation type not
 * supported"): the request goes as it is, and that is the answer. */
#include <arpa/inet.h>
#include <linux/ipv6.h>
#include <linux/lwtunnel.h>
#include <linux/mpls_iptunnel.h>
#include <linux/seg6.h>
#include <linux/seg6_hmac.h>
#include <linux/seg6_iptunnel.h>
#include <string.h>

#include "args.h"
#include "encap.h"

/* seg6's modes, each its SEG6_IPTUN_MODE_ number */
static const char *const seg6_modes[] = {"inline",    "encap",	     "l2encap",
					 "encap.red", "l2encap.red", NULL};
static const int mpls_words[] = {ENC_TTL + 1, 0};
static const int seg6_words[] = {ENC_MODE + 1, ENC_SEGS + 1, ENC_HMAC + 1, 0};

/* The largest MPLS label (20 bits). */
#define MPLS_LABEL_MAX 1048575u

const struct arg encap_args[ENC_NARGS] = {
    [ENC_MPLS] = {.kw = "mpls",
		  .kind = ARG_LABELS,
		  .max = MPLS_LABEL_MAX,
		  .metavar = "LABEL[/LABEL...]",
		  .excludes = ENC_SEG6 + 1,
		  .help = "push this label stack (the first outermost), 0 to 1048575 each"},
    [ENC_TTL] = {.kw = "ttl",
		 .kind = ARG_U32,
		 .max = 255,
		 .metavar = "N",
		 .help = "mpls: the labels' TTL (the packet's when left out)"},
    [ENC_SEG6] = {.kw = "seg6",
		  .kind = ARG_FLAG,
		  .excludes_more = mpls_words,
		  .help = "an IPv6 segment routing header, with mode and segs"},
    [ENC_MODE] = {.kw = "mode",
		  .kind = ARG_ENUM,
		  .words = seg6_modes,
		  .metavar = "MODE",
		  .help =
		      "seg6: put the header in the packet (inline) or in an outer IPv6 header "
		      "(encap; l2encap for the whole frame; .red: the first segment not listed)"},
    [ENC_SEGS] = {.kw = "segs",
		  .kind = ARG_ADDRS,
		  .metavar = "ADDR[,ADDR...]",
		  .help = "seg6: the segments, IPv6 addresses, in the order visited"},
    [ENC_HMAC] = {.kw = "hmac",
		  .kind = ARG_U32,
		  .metavar = "KEYID",
		  .help = "seg6: add an HMAC TLV with this key id"},
};

static void put_mpls(struct nlmsghdr *nlh, const struct val *v)
{
	uint32_t stack[ARG_WEIGHTS_MAX];
	int n = v[ENC_MPLS].nrest;

	/* each entry: label << 12, bottom of stack (bit 8) on the last */
	for (int i = 0; i < n; i++)
		stack[i] = htonl(v[ENC_MPLS].nums[i] << 12 | (i == n - 1 ? 1u << 8 : 0));
	mnl_attr_put(nlh, MPLS_IPTUNNEL_DST, (size_t)n * sizeof(stack[0]), stack);
	if (v[ENC_TTL].set)
		mnl_attr_put_u8(nlh, MPLS_IPTUNNEL_TTL, (uint8_t)v[ENC_TTL].u);
}

/* The header: the segments last first (segments[0] is the final one);
 * inline keeps segments[0] for the packet's own destination. */
static void put_seg6(struct nlmsghdr *nlh, const struct val *v)
{
	char buf[sizeof(struct seg6_iptunnel_encap) + sizeof(struct ipv6_sr_hdr) +
		 (ARG_ADDRS_MAX + 1) * sizeof(struct in6_addr) + sizeof(struct sr6_tlv_hmac)];
	struct seg6_iptunnel_encap *t = (struct seg6_iptunnel_encap *)buf;
	struct ipv6_sr_hdr *srh = t->srh;
	int mode = v[ENC_MODE].e, nsegs = v[ENC_SEGS].nrest + (mode == SEG6_IPTUN_MODE_INLINE);
	size_t len = sizeof(*srh) + (size_t)nsegs * sizeof(struct in6_addr);

	memset(buf, 0, sizeof(buf));
	if (v[ENC_HMAC].set)
		len += sizeof(struct sr6_tlv_hmac);
	t->mode = mode;
	srh->hdrlen = (uint8_t)(len / 8 - 1);
	srh->type = IPV6_SRCRT_TYPE_4;
	srh->segments_left = (uint8_t)(nsegs - 1);
	srh->first_segment = (uint8_t)(nsegs - 1);
	for (int i = 0; i < v[ENC_SEGS].nrest; i++)
		memcpy(&srh->segments[nsegs - 1 - i], v[ENC_SEGS].ips[i].bytes,
		       sizeof(struct in6_addr));
	if (v[ENC_HMAC].set) {
		struct sr6_tlv_hmac *h = (struct sr6_tlv_hmac *)&srh->segments[nsegs];

		srh->flags |= SR6_FLAG1_HMAC;
		h->tlvhdr.type = SR6_TLV_HMAC;
		h->tlvhdr.len = sizeof(*h) - sizeof(h->tlvhdr);
		h->hmackeyid = htonl(v[ENC_HMAC].u);
	}
	mnl_attr_put(nlh, SEG6_IPTUNNEL_SRH, sizeof(*t) + len, t);
}

int encap_put(struct ctx *c, struct nlmsghdr *nlh, const struct arg *a, const struct val *group,
	      uint16_t type_attr, uint16_t encap_attr)
{
	struct val v[ENC_NARGS];
	struct nlattr *nest;
	int rc;

	if ((rc = parse_group(c, a, group, v)) < 0)
		return rc;
	if (!v[ENC_MPLS].set && !v[ENC_SEG6].set)
		return err_usage(c, "%s needs %s LABELS or %s", a->kw, encap_args[ENC_MPLS].kw,
				 encap_args[ENC_SEG6].kw);
	for (const int *w = seg6_words; v[ENC_MPLS].set && *w; w++)
		if (v[*w - 1].set)
			return err_usage(c, "%s %s: %s is seg6's", a->kw, encap_args[ENC_MPLS].kw,
					 encap_args[*w - 1].kw);
	if (v[ENC_SEG6].set && (!v[ENC_MODE].set || !v[ENC_SEGS].set))
		return err_usage(c, "%s %s needs %s MODE and %s ADDR[,ADDR...]", a->kw,
				 encap_args[ENC_SEG6].kw, encap_args[ENC_MODE].kw,
				 encap_args[ENC_SEGS].kw);
	for (int i = 0; v[ENC_SEG6].set && i < v[ENC_SEGS].nrest; i++)
		if (v[ENC_SEGS].ips[i].family != AF_INET6)
			return err_usage(c, "%s %s: a segment is an IPv6 address", a->kw,
					 encap_args[ENC_SEGS].kw);
	mnl_attr_put_u16(nlh, type_attr,
			 v[ENC_MPLS].set ? LWTUNNEL_ENCAP_MPLS : LWTUNNEL_ENCAP_SEG6);
	nest = mnl_attr_nest_start(nlh, encap_attr);
	if (v[ENC_MPLS].set)
		put_mpls(nlh, v);
	else
		put_seg6(nlh, v);
	mnl_attr_nest_end(nlh, nest);
	return 0;
}
