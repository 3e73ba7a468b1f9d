#!/usr/bin/env bats
# The tunnel kinds as link kinds: `link add NAME type KIND ...` with
# iproute2's words for ipip, gre, gretap, sit, vti, ip6tnl, ip6gre,
# ip6gretap, vti6, erspan and ip6erspan, and `link show -d` worded as add
# takes it.  ip-link(8)'s tunnel examples run with `ip` replaced by
# `vnetctl`, checked through `ip -j -d`.
#
# Usage errors, dry runs and completion run anywhere; making devices needs
# the tunnel modules (require_kind) and runs in the VM suite.

load helpers

# A usage error (exit 2, one line) that made nothing.
assert_usage() { # REGEX
	assert_error 2 "$1"
	refute dev_exists t1
}

# ---- ip-link(8)'s examples ----------------------------------------------------------

@test "ip-link(8): an IPIP tunnel in Generic UDP Encapsulation" {
	require_kind ipip
	modprobe fou 2>/dev/null || skip "the kernel has no fou module (GUE)"
	run vn link add name tun1 type ipip remote 192.168.1.1 local 192.168.1.2 ttl 225 \
		encap gue encap-sport auto encap-dport 5555 encap-csum encap-remcsum
	assert_success
	assert_output ""
	assert_equal "$(ipfield tun1 linkinfo.info_kind)" ipip
	assert_equal "$(kdata tun1 remote) $(kdata tun1 local) $(kdata tun1 ttl)" "192.168.1.1 192.168.1.2 225"
	run ip -j -d link show dev tun1
	assert_equal "$(jq -c '.[0].linkinfo.info_data.encap | [.type, .sport, .dport, .csum, .remcsum]' <<<"$output")" \
		'["gue",0,5555,true,true]'
	run vn -d link show tun1
	assert_line --regexp "^    ipip remote 192\.168\.1\.1 local 192\.168\.1\.2 ttl 225 encap gue encap-sport auto encap-dport 5555 encap-csum encap-remcsum (addrgenmode|numtxqueues) "
}

@test "ip-link(8): an IP6ERSPAN version 2 interface" {
	require_kind ip6erspan
	# ip's "dev NAME" is vnetctl's "name NAME"
	run vn link add name ip6erspan11 type ip6erspan seq key 102 local fc00:100::2 \
		remote fc00:100::1 erspan_ver 2 erspan_dir ingress erspan_hwid 17
	assert_success
	assert_equal "$(ipfield ip6erspan11 linkinfo.info_kind)" ip6erspan
	assert_equal "$(kdata ip6erspan11 remote) $(kdata ip6erspan11 local)" "fc00:100::1 fc00:100::2"
	assert_equal "$(kdata ip6erspan11 erspan_ver) $(kdata ip6erspan11 erspan_dir)" "2 ingress"
	assert_equal "$(kdata ip6erspan11 erspan_hwid)" 0x11
	assert_equal "$(kdata ip6erspan11 ikey) $(kdata ip6erspan11 okey)" "0.0.0.102 0.0.0.102"
	assert_equal "$(kdata ip6erspan11 iseq) $(kdata ip6erspan11 oseq)" "true true"
}

# ---- each kind, made by link add (VM) -----------------------------------------------

@test "link add type gre: iproute2's words, checked by ip -d" {
	require_kind gre
	ip link add name l0 type veth peer name l1
	run vn link add g1 type gre remote 10.0.0.2 local 10.0.0.1 ttl 64 tos 0x10 ikey 1.2.3.4 \
		okey 7 csum iseq dev l0
	assert_success
	assert_equal "$(ipfield g1 linkinfo.info_kind)" gre
	assert_equal "$(kdata g1 remote) $(kdata g1 local) $(kdata g1 ttl)" "10.0.0.2 10.0.0.1 64"
	assert_equal "$(kdata g1 tos) $(kdata g1 ikey) $(kdata g1 okey)" "0x10 1.2.3.4 0.0.0.7"
	assert_equal "$(kdata g1 icsum) $(kdata g1 ocsum) $(kdata g1 iseq) $(kdata g1 oseq)" "true true true null"
	assert_equal "$(ipfield g1 link)" l0
}

@test "link add type gretap: ttl inherit, nopmtudisc, and tos inherit" {
	require_kind gretap
	run vn link add g1 type gretap remote 10.0.0.2 ttl inherit nopmtudisc tos inherit
	assert_success
	assert_equal "$(ipfield g1 linkinfo.info_kind) $(ipfield g1 link_type)" "gretap ether"
	assert_equal "$(kdata g1 ttl) $(kdata g1 pmtudisc) $(kdata g1 tos)" "0 false 0x1"
}

@test "link add type ipip and type sit; sit with isatap" {
	require_kind ipip sit
	run vn link add t1 type ipip remote 10.0.0.2 local 10.0.0.1 ttl 20
	assert_success
	assert_equal "$(kdata t1 proto) $(kdata t1 ttl)" "ipip 20"
	run vn link add t2 type sit remote 10.0.0.3
	assert_success
	assert_equal "$(kdata t2 proto) $(kdata t2 isatap)" "ip6ip null"
	run vn link add t3 type sit local 10.0.0.1 isatap
	assert_success
	assert_equal "$(kdata t3 isatap)" true
	run vn -d link show t3
	assert_line --regexp "^    sit remote any local 10\.0\.0\.1 isatap ttl inherit (addrgenmode|numtxqueues) "
}

@test "under ip's name, link add type sit or ipip is ip's: proto any, where vnetctl's is the kind's" {
	require_kind sit ipip
	shim_setup
	local kind own
	for kind in sit ipip; do
		own=$([ "$kind" = sit ] && echo ip6ip || echo ipip)
		"$REALIP" link add name "${kind}1" type "$kind" remote 10.0.0.2
		run vip link add "${kind}2" type "$kind" remote 10.0.0.3
		assert_success
		assert_equal "$(kdata "${kind}1" proto) $(kdata "${kind}2" proto)" "any any"
		run vn link add "${kind}3" type "$kind" remote 10.0.0.4
		assert_success
		assert_equal "$(kdata "${kind}3" proto)" "$own"
	done
}

@test "link add type vti and type vti6: keys both ways, or each way" {
	require_kind vti vti6
	run vn link add v1 type vti remote 10.0.0.2 local 10.0.0.1 key 5
	assert_success
	assert_equal "$(kdata v1 ikey) $(kdata v1 okey)" "0.0.0.5 0.0.0.5"
	run vn link add v2 type vti6 remote 2001:db8::2 ikey 3 okey 4
	assert_success
	assert_equal "$(ipfield v2 linkinfo.info_kind)" vti6
	assert_equal "$(kdata v2 remote) $(kdata v2 ikey) $(kdata v2 okey)" "2001:db8::2 0.0.0.3 0.0.0.4"
}

@test "link add type ip6tnl: mode, hoplimit, encaplimit none and tclass" {
	require_kind ip6tnl
	run vn link add t1 type ip6tnl mode ipip6 remote 2001:db8::2 hoplimit 10 encaplimit none \
		tclass 20
	assert_success
	assert_equal "$(kdata t1 proto) $(kdata t1 ttl)" "ipip6 10"
	assert_equal "$(kdata t1 ip6_tnl_f_ign_encap_limit) $(kdata t1 tclass)" "true 0x20"
	run vn link add t2 type ip6tnl remote 2001:db8::3
	assert_success
	# ip's defaults: IPv6 in IPv6, hop limit 64, encapsulation limit 4
	assert_equal "$(kdata t2 proto) $(kdata t2 ttl) $(kdata t2 encap_limit)" "ip6ip6 64 4"
	run vn -d link show t1
	assert_line --regexp "^    ip6tnl mode ipip6 remote 2001:db8::2 local any ttl 10 tos 0x20 encaplimit none (addrgenmode|numtxqueues) "
}

@test "link add type ip6gre and type ip6gretap" {
	require_kind ip6gre ip6gretap
	run vn link add g1 type ip6gre remote 2001:db8::2 local 2001:db8::1 key 9 oseq
	assert_success
	assert_equal "$(kdata g1 ikey) $(kdata g1 oseq) $(kdata g1 iseq)" "0.0.0.9 true null"
	run vn link add g2 type ip6gretap remote 2001:db8::3 tclass inherit
	assert_success
	assert_equal "$(ipfield g2 link_type) $(kdata g2 ip6_tnl_f_use_orig_tclass)" "ether true"
}

@test "link add type erspan: version 1 with its index" {
	require_kind erspan
	run vn link add e1 type erspan remote 10.0.0.2 local 10.0.0.1 seq key 10 erspan_ver 1 erspan 123
	assert_success
	assert_equal "$(ipfield e1 linkinfo.info_kind)" erspan
	assert_equal "$(kdata e1 erspan_ver) $(kdata e1 erspan_index)" "1 123"
	run vn -d link show e1
	assert_line --regexp "^    erspan remote 10\.0\.0\.2 local 10\.0\.0\.1 ttl inherit key 10 seq erspan_ver 1 erspan 123 (addrgenmode|numtxqueues) "
	run vn -j -d link show e1
	assert_equal "$(jq -c '.[0].linkinfo.info_data | [.erspan_ver, .erspan_index, .ikey]' <<<"$output")" '[1,123,10]'
}

@test "link add type erspan: version 2 with a direction and an engine id" {
	require_kind erspan
	run vn link add e1 type erspan remote 10.0.0.2 key 11 seq erspan_ver 2 erspan_dir egress \
		erspan_hwid 7
	assert_success
	assert_equal "$(kdata e1 erspan_ver) $(kdata e1 erspan_dir) $(kdata e1 erspan_hwid)" "2 egress 0x7"
	run vn -j -d link show e1
	assert_equal "$(jq -c '.[0].linkinfo.info_data | [.erspan_ver, .erspan_dir, .erspan_hwid]' <<<"$output")" \
		'[2,"egress",7]'
}

@test "the tunnel object shows what link add made" {
	require_kind gre erspan
	vn link add g1 type gre remote 10.0.0.2 key 5
	vn link add e1 type erspan remote 10.0.0.3 key 6 seq erspan 9
	run vn tunnel show
	assert_success
	assert_line "g1: gre/ip remote 10.0.0.2 local any ttl inherit key 5"
	assert_line "e1: erspan/ip remote 10.0.0.3 local any ttl inherit key 6 seq erspan_ver 1 erspan 9"
}

# ---- usage errors: exit 2, one line, nothing made ------------------------------------

@test "a word the kind does not take is refused, nothing made" {
	run vn link add t1 type ipip key 5
	assert_usage 'link add t1: unknown keyword "key"'
	run vn link add t1 type vti ttl 5
	assert_usage 'link add t1: unknown keyword "ttl"'
	run vn link add t1 type gre isatap
	assert_usage 'link add t1: unknown keyword "isatap"'
	run vn link add t1 type erspan csum
	assert_usage 'link add t1: unknown keyword "csum"'
}

@test "an address of the other family is refused" {
	run vn link add t1 type gre remote 2001:db8::2
	assert_usage 'link add t1: remote 2001:db8::2 is an IPv6 address; the tunnel runs over IPv4$'
	run vn link add t1 type ip6tnl local 10.0.0.1
	assert_usage 'local 10.0.0.1 is an IPv4 address; the tunnel runs over IPv6$'
}

@test "the value words: ttl, tos, key, encaplimit, remote, encap-sport" {
	run vn link add t1 type gre ttl 256
	assert_usage 'ttl 256 is out of range \(0..255, or inherit\)$'
	run vn link add t1 type gre tos x1
	assert_usage 'invalid tos "x1" \(expected a hexadecimal number or inherit\)$'
	run vn link add t1 type gre key 1.2.3.4.5
	assert_usage 'invalid key "1.2.3.4.5" \(expected a number or a dotted quad\)$'
	run vn link add t1 type ip6gre encaplimit never
	assert_usage 'invalid encaplimit "never" \(expected a number or none\)$'
	run vn link add t1 type gre remote anywhere
	assert_usage 'invalid remote "anywhere" \(expected an address or any\)$'
	run vn link add t1 type ipip encap-sport 70000
	assert_usage 'encap-sport 70000 is out of range \(0..65535, or auto\)$'
	run vn link add t1 type ipip encap udp
	assert_usage 'invalid encap "udp" \(expected none\|fou\|gue\)$'
	run vn link add t1 type gre ttl
	assert_usage 'ttl needs a value \(N\|inherit\)$'
}

@test "nopmtudisc needs ttl inherit, as in iproute2" {
	run vn link add t1 type gre ttl 9 nopmtudisc
	assert_usage 'nopmtudisc needs ttl inherit \(the ttl is 9\)$'
}

@test "ERSPAN needs a key and seq; its key is a 10-bit session id" {
	run vn link add t1 type erspan remote 10.0.0.2 key 5
	assert_usage 'link add t1: the tunnel needs a key and seq \(ERSPAN sends its session id as the key\)$'
	run vn link add t1 type ip6erspan remote 2001:db8::2 seq
	assert_usage 'the tunnel needs a key and seq'
	run vn link add t1 type erspan seq key 1024
	assert_usage 'an ERSPAN key is a session id, 0..1023$'
}

@test "ERSPAN's words of one version are refused for the other" {
	run vn link add t1 type erspan seq key 1 erspan_ver 2 erspan 5
	assert_usage 'erspan is for erspan_ver 1 \(the tunnel.s is 2\)$'
	run vn link add t1 type erspan seq key 1 erspan_dir ingress
	assert_usage 'erspan_dir is for erspan_ver 2 \(the tunnel.s is 1\)$'
	run vn link add t1 type ip6erspan seq key 1 erspan_ver 1 erspan_hwid 3
	assert_usage 'erspan_hwid is for erspan_ver 2'
	run vn link add t1 type erspan seq key 1 erspan_ver 3
	assert_usage 'erspan_ver 3 is out of range \(1..2\)$'
	run vn link add t1 type erspan seq key 1 erspan_ver 2 erspan_hwid 64
	assert_usage 'erspan_hwid 64 is out of range \(0..63\)$'
	run vn link add t1 type erspan seq key 1 erspan_ver 2 erspan_dir up
	assert_usage 'invalid erspan_dir "up" \(expected ingress\|egress\)$'
}

# ---- dry run ---------------------------------------------------------------------------

@test "dry run of link add type gre: the words as attributes" {
	run vn -N link add t1 type gre remote 10.0.0.2 ttl inherit tos 0x10 key 1.2.3.4 csum nopmtudisc
	assert_success
	assert_line '    IFLA_INFO_KIND "gre"'
	assert_line '      IFLA_GRE_REMOTE 10.0.0.2'
	assert_line '      IFLA_GRE_TTL 0'
	assert_line '      IFLA_GRE_TOS 16'
	assert_line '      IFLA_GRE_PMTUDISC 0'
	assert_line '      IFLA_GRE_IKEY 16909060'
	# GRE_KEY|GRE_CSUM
	assert_line '      IFLA_GRE_IFLAGS 40960'
	refute dev_exists t1
}

@test "dry run: sit isatap, ip6tnl's mode and defaults" {
	run vn -N link add t1 type sit isatap
	assert_success
	assert_line --partial '      IFLA_IPTUN_FLAGS (2 bytes) 01 00'
	run vn -N link add t1 type ip6tnl remote 2001:db8::2
	assert_line '      IFLA_IPTUN_PROTO 41'
	assert_line '      IFLA_IPTUN_TTL 64'
	assert_line '      IFLA_IPTUN_ENCAP_LIMIT 4'
	run vn -N link add t1 type ip6tnl mode ipip6 hoplimit 3
	assert_line '      IFLA_IPTUN_PROTO 4'
	assert_line '      IFLA_IPTUN_TTL 3'
}

@test "dry run: ERSPAN's attributes, version 1 by default" {
	run vn -N link add t1 type erspan seq key 10 erspan 123
	assert_success
	assert_line '    IFLA_INFO_KIND "erspan"'
	assert_line '      IFLA_GRE_ERSPAN_VER 1'
	assert_line '      IFLA_GRE_ERSPAN_INDEX 123'
	# GRE_KEY|GRE_SEQ
	assert_line '      IFLA_GRE_IFLAGS 12288'
	run vn -N link add t1 type ip6erspan seq key 10 erspan_ver 2 erspan_dir egress erspan_hwid 5
	assert_line '      IFLA_GRE_ERSPAN_VER 2'
	assert_line '      IFLA_GRE_ERSPAN_DIR 1'
	assert_line '      IFLA_GRE_ERSPAN_HWID 5'
	refute_line --partial 'IFLA_GRE_ERSPAN_INDEX'
}

@test "dry run: the UDP encapsulation words" {
	run vn -N link add t1 type gre encap fou encap-dport 7777 encap-csum
	assert_success
	assert_line '      IFLA_GRE_ENCAP_TYPE 1'
	assert_line '      IFLA_GRE_ENCAP_DPORT 7777'
	assert_line '      IFLA_GRE_ENCAP_FLAGS 1'
}

# ---- no objects of their own; completion ------------------------------------------------

@test "the tunnel kinds have no object of their own: the tunnel object makes them" {
	run vn gre show
	assert_equal "$status" 2
	run vn __complete ""
	refute_line gre
	refute_line erspan
	assert_line tunnel
}

@test "completion offers the tunnel kinds, each kind's words, and the special values" {
	run vn __complete link add t1 type ""
	assert_line gre
	assert_line ip6erspan
	run vn __complete link add t1 type erspan ""
	assert_line erspan_ver
	assert_line seq
	refute_line csum
	run vn __complete link add t1 type gre ttl ""
	assert_output inherit
	run vn __complete link add t1 type gre remote ""
	assert_output any
	run vn __complete tunnel add t1 mode ip6gre encaplimit ""
	assert_output none
}

# ---- fwmark, ignore-df, external (issue 20) ------------------------------------------

@test "dry run: fwmark, ignore-df and external as attributes" {
	run vn -N link add t1 type gre remote 10.0.0.2 fwmark 7 ignore-df external
	assert_success
	assert_line '      IFLA_GRE_FWMARK 7'
	assert_line '      IFLA_GRE_IGNORE_DF 1'
	assert_line --regexp '^      IFLA_GRE_COLLECT_METADATA ?$'
	run vn -N link add t1 type ipip external fwmark 0x10
	assert_line '      IFLA_IPTUN_FWMARK 16'
	assert_line --regexp '^      IFLA_IPTUN_COLLECT_METADATA ?$'
	run vn -N link add t1 type vti remote 10.0.0.2 fwmark 3
	assert_line '      IFLA_VTI_FWMARK 3'
	run vn -N link add t1 type gre noignore-df
	assert_line '      IFLA_GRE_IGNORE_DF 0'
}

@test "fwmark, ignore-df and external are refused where the kind has none" {
	run vn link add t1 type vti ignore-df
	assert_usage 'link add t1: unknown keyword "ignore-df"'
	run vn link add t1 type ip6gre ignore-df
	assert_usage 'link add t1: unknown keyword "ignore-df"'
	run vn link add t1 type vti external
	assert_usage 'link add t1: unknown keyword "external"'
	run vn link add t1 type gre ignore-df noignore-df
	assert_equal "$status" 2
	run vn link add t1 type gre fwmark 4294967296
	assert_usage 'link add t1: invalid fwmark'
}

@test "link add type gre, ipip, ip6tnl, vti: fwmark, ignore-df and external reach the kernel" {
	require_kind gre ipip ip6tnl vti
	# the kernel takes ignore-df only without DF: nopmtudisc
	run vn link add g1 type gre remote 10.0.0.2 local 10.0.0.1 fwmark 7 nopmtudisc ignore-df
	assert_success
	assert_regex "$(kdata g1 fwmark) $(kdata g1 ignore_df)" '^(7|0x7) true$'
	run vn -d link show g1
	assert_line --regexp '^    gre remote 10\.0\.0\.2 local 10\.0\.0\.1 .*nopmtudisc.* fwmark 0x7 ignore-df( |$)'
	run vn link add m1 type ipip external
	assert_success
	assert_equal "$(kdata m1 external)" true
	run vn link add m6 type ip6tnl external
	assert_success
	assert_equal "$(kdata m6 external)" true
	run vn link add v1 type vti remote 10.0.0.3 fwmark 9
	assert_success
	assert_regex "$(kdata v1 fwmark)" '^(9|0x9)$'
}
