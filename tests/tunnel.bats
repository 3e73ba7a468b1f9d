#!/usr/bin/env bats
# vnetctl tunnel: add, change, del and show of ipip, gre, gretap, sit,
# isatap, vti, ip6ip6, ipip6, ip6gre, ip6gretap, vti6, erspan and ip6erspan
# tunnels, and their link kind printers.  What the kernel made is checked attribute by
# attribute through `ip -j -d link show`.
#
# The usage errors, dry runs and the missing-module message run anywhere;
# the rest needs the tunnel modules (require_kind) and runs in the VM suite
# (tests/vm/run), whose kernel has them all.
#
# iproute2 6.1 reads a bare "a"/"b" as address/broadcast: devices made with
# ip are made with "name" and deleted with "dev" spelled out.

load helpers


# Assert a usage error (exit 2, one line) that made nothing.
assert_usage() { # REGEX
	assert_error 2 "$1"
	run dev_exists t1
	assert_failure
}

teardown() {
	if [ -n "${fb_was:-}" ]; then
		nsenter --net=/proc/1/ns/net sysctl -qw "net.core.fb_tunnels_only_for_init_net=$fb_was"
	fi
	clean_netns
}

# A namespace "fb" with the tunnel modules' fallback devices (gre0, tunl0...),
# which `ip tunnel add` needs and the VM suite turns off elsewhere
# (net.core.fb_tunnels_only_for_init_net).  The sysctl is global, so this
# runs in the VM only, where teardown puts it back.
fallback_netns() {
	local s=net.core.fb_tunnels_only_for_init_net
	[ "$(hostname)" = vnetctl-vm ] || skip "it flips a global sysctl: runs in the VM suite only"
	require_kind "$@"
	fb_was=$(nsenter --net=/proc/1/ns/net sysctl -n "$s") || skip "cannot read $s"
	nsenter --net=/proc/1/ns/net sysctl -qw "$s=0"
	ip netns add fb
	nsenter --net=/proc/1/ns/net sysctl -qw "$s=$fb_was"
}

# ---- usage errors: exit 2, one line, nothing made, on any kernel -------------

@test "an unknown mode is a usage error that lists the modes" {
	run vn tunnel add t1 mode gre6 remote 10.0.0.2
	assert_usage 'tunnel add t1: invalid mode "gre6" \(expected ipip\|gre\|gretap\|sit\|isatap\|vti\|ip6ip6\|ipip6\|ip6gre\|ip6gretap\|vti6\|erspan\|ip6erspan\)$'
}

@test "an ambiguous mode prefix is a usage error naming the candidates" {
	run vn tunnel add t1 mode ip6
	assert_usage 'ambiguous mode "ip6": ip6ip6, ip6gre, ip6gretap, ip6erspan$'
}

@test "add without a mode or without a name is a usage error" {
	run vn tunnel add t1 remote 10.0.0.2
	assert_usage 'tunnel add t1: missing mode \(ipip\|gre'
	run vn tunnel add mode gre
	assert_usage 'tunnel add: missing name$'
}

@test "a malformed remote or local address is a usage error" {
	run vn tunnel add t1 mode gre remote 10.0.0.300
	assert_usage 'invalid remote "10.0.0.300" \(expected an address or any\)$'
	run vn tunnel add t1 mode gre local foo
	assert_usage 'invalid local "foo" \(expected an address or any\)$'
	run vn tunnel add t1 mode gre remote 10.0.0.0/24
	assert_usage 'invalid remote "10.0.0.0/24" \(expected an address or any\)$'
}

@test "ttl 300 is a usage error, and so is a ttl that is no number" {
	run vn tunnel add t1 mode gre remote 10.0.0.2 ttl 300
	assert_usage 'tunnel add t1: ttl 300 is out of range \(0..255, or inherit\)$'
	run vn tunnel add t1 mode gre ttl many
	assert_usage 'invalid ttl "many" \(expected a number or inherit\)$'
}

@test "a malformed key, tos or encaplimit is a usage error; tos is a hexadecimal byte" {
	run vn tunnel add t1 mode gre key 1.2.3
	assert_usage 'invalid key "1.2.3" \(expected a number or a dotted quad\)$'
	run vn tunnel add t1 mode gre okey -1
	assert_usage 'invalid okey "-1"'
	run vn tunnel add t1 mode gre tos 100
	assert_usage 'tos 100 is out of range \(0x0..0xff, or inherit\)$'
	run vn tunnel add t1 mode gre tos 1g
	assert_usage 'invalid tos "1g" \(expected a hexadecimal number or inherit\)$'
	run vn tunnel add t1 mode ip6gre encaplimit 256
	assert_usage 'encaplimit 256 is out of range \(0..255, or none\)$'
}

@test "a key on a mode without keys is a usage error" {
	for m in ipip sit isatap ip6ip6 ipip6; do
		for k in key ikey okey; do
			run vn tunnel add t1 mode $m $k 5
			assert_usage "tunnel add t1: mode $m takes no $k \(modes that do: gre, gretap, vti, ip6gre, ip6gretap, vti6, erspan, ip6erspan\)$"
		done
	done
}

@test "csum and seq on a mode that is not GRE are usage errors; ERSPAN takes seq, not csum" {
	for m in ipip sit isatap vti ip6ip6 ipip6 vti6; do
		for f in csum icsum ocsum; do
			run vn tunnel add t1 mode $m $f
			assert_usage "mode $m takes no $f \(modes that do: gre, gretap, ip6gre, ip6gretap\)$"
		done
		for f in seq iseq oseq; do
			run vn tunnel add t1 mode $m $f
			assert_usage "mode $m takes no $f \(modes that do: gre, gretap, ip6gre, ip6gretap, erspan, ip6erspan\)$"
		done
	done
	for m in erspan ip6erspan; do
		run vn tunnel add t1 mode $m key 1 seq csum
		assert_usage "mode $m takes no csum"
	done
}

@test "encaplimit on a mode over IPv4, or on vti6, is a usage error" {
	for m in ipip gre gretap sit isatap vti vti6 erspan; do
		run vn tunnel add t1 mode $m encaplimit 4
		assert_usage "mode $m takes no encaplimit \(modes that do: ip6ip6, ipip6, ip6gre, ip6gretap, ip6erspan\)$"
	done
}

@test "ttl and tos on vti and vti6, pmtudisc over IPv6, are usage errors" {
	run vn tunnel add t1 mode vti ttl 64
	assert_usage 'mode vti takes no ttl'
	run vn tunnel add t1 mode vti6 tos 10
	assert_usage 'mode vti6 takes no tos'
	run vn tunnel add t1 mode ip6gre nopmtudisc
	assert_usage 'mode ip6gre takes no nopmtudisc \(modes that do: ipip, gre, gretap, sit, isatap, erspan\)$'
}

@test "an endpoint of the other family is a usage error" {
	run vn tunnel add t1 mode gre remote 2001:db8::2
	assert_usage 'tunnel add t1: remote 2001:db8::2 is an IPv6 address; mode gre runs over IPv4$'
	run vn tunnel add t1 mode ip6gre local 10.0.0.1
	assert_usage 'local 10.0.0.1 is an IPv4 address; mode ip6gre runs over IPv6$'
	run vn tunnel add t1 mode sit remote 2001:db8::2
	assert_usage 'mode sit runs over IPv4$'
	run vn tunnel add t1 mode ipip6 remote 10.0.0.2
	assert_usage 'mode ipip6 runs over IPv6$'
}

@test "key with ikey or okey, csum with icsum, pmtudisc with nopmtudisc are usage errors" {
	run vn tunnel add t1 mode gre key 5 ikey 6
	assert_usage 'key and ikey cannot be used together$'
	run vn tunnel add t1 mode gre okey 5 key 6
	assert_usage 'okey and key cannot be used together$'
	run vn tunnel add t1 mode gre csum ocsum
	assert_usage 'ocsum and csum cannot be used together$'
	run vn tunnel add t1 mode gre seq iseq
	assert_usage 'seq and iseq cannot be used together$'
	run vn tunnel add t1 mode gre pmtudisc nopmtudisc
	assert_usage 'pmtudisc and nopmtudisc cannot be used together$'
}

@test "usage shows the words a value takes instead of a number" {
	run vn tunnel add help
	assert_success
	assert_output --partial '[remote { ADDR | any }]'
	assert_output --partial '[ttl { N | inherit }]'
	assert_output --partial '[encaplimit { N | none }]'
}

@test "ERSPAN: a key and seq are needed, and each version's words only with it" {
	run vn tunnel add t1 mode erspan remote 10.0.0.2 key 5
	assert_usage 'tunnel add t1: mode erspan needs a key and seq \(ERSPAN sends its session id as the key\)$'
	run vn tunnel add t1 mode ip6erspan remote 2001:db8::2 seq key 2000
	assert_usage 'an ERSPAN key is a session id, 0..1023$'
	run vn tunnel add t1 mode erspan seq key 5 erspan_dir ingress
	assert_usage 'erspan_dir is for erspan_ver 2 \(the tunnel.s is 1\)$'
	run vn tunnel add t1 mode erspan seq key 5 erspan_ver 2 erspan 4
	assert_usage 'erspan is for erspan_ver 1 \(the tunnel.s is 2\)$'
	run vn tunnel add t1 mode gre erspan_ver 1
	assert_usage 'mode gre takes no erspan_ver \(modes that do: erspan, ip6erspan\)$'
}

@test "nopmtudisc with a ttl is a usage error, as in iproute2" {
	run vn tunnel add t1 mode gre ttl 64 nopmtudisc
	assert_usage 'tunnel add t1: nopmtudisc needs ttl inherit \(the ttl is 64\)$'
}

@test "change with nothing to change is a usage error" {
	run vn tunnel change t1
	assert_usage 'tunnel change t1: nothing to change \(see: vnetctl tunnel change help\)$'
}

@test "del and change without a name are usage errors" {
	run vn tunnel del
	assert_usage 'tunnel del: missing name$'
	run vn tunnel change ttl 4
	assert_usage 'tunnel change: missing name$'
}

# ---- dry run, on any kernel ---------------------------------------------------

@test "dry run of add prints the decoded request and makes nothing" {
	run vn -N tunnel add t1 mode gre remote 10.0.0.2 local 10.0.0.1 key 5 ttl 64 csum
	assert_success
	assert_line --index 0 "RTM_NEWLINK flags REQUEST|ACK|CREATE|EXCL"
	assert_line '  IFLA_IFNAME "t1"'
	assert_line '    IFLA_INFO_KIND "gre"'
	assert_line '      IFLA_GRE_LOCAL 10.0.0.1'
	assert_line '      IFLA_GRE_REMOTE 10.0.0.2'
	assert_line '      IFLA_GRE_TTL 64'
	assert_line '      IFLA_GRE_IKEY 5'
	assert_line '      IFLA_GRE_OKEY 5'
	# GRE_KEY|GRE_CSUM, 0x2000|0x8000, both ways
	assert_line '      IFLA_GRE_IFLAGS 40960'
	assert_line '      IFLA_GRE_OFLAGS 40960'
	run dev_exists t1
	assert_failure
}

@test "dry run: isatap is a sit with SIT_ISATAP" {
	run vn -N tunnel add t1 mode isatap local 10.0.0.1
	assert_success
	assert_line '    IFLA_INFO_KIND "sit"'
	assert_line '      IFLA_IPTUN_LOCAL 10.0.0.1'
	assert_line --partial '      IFLA_IPTUN_FLAGS (2 bytes) 01 00'
}

@test "dry run: ip6ip6 and ipip6 are ip6tnl with their protocol and ip's defaults" {
	run vn -N tunnel add t1 mode ip6ip6 remote 2001:db8::2 local 2001:db8::1
	assert_success
	assert_line '    IFLA_INFO_KIND "ip6tnl"'
	assert_line '      IFLA_IPTUN_PROTO 41'
	assert_line '      IFLA_IPTUN_REMOTE 2001:db8::2'
	assert_line '      IFLA_IPTUN_TTL 64'
	assert_line '      IFLA_IPTUN_ENCAP_LIMIT 4'
	run vn -N tunnel add t1 mode ipip6 remote 2001:db8::2
	assert_success
	assert_line '      IFLA_IPTUN_PROTO 4'
}

@test "dry run: a dotted-quad key is the number of its four bytes" {
	run vn -N tunnel add t1 mode vti ikey 1.2.3.4 okey 16909060
	assert_success
	assert_line '    IFLA_INFO_KIND "vti"'
	assert_line '      IFLA_VTI_IKEY 16909060'
	assert_line '      IFLA_VTI_OKEY 16909060'
}

@test "dry run: tos is hexadecimal as in iproute2; inherit is 1, ttl inherit 0" {
	run vn -N tunnel add t1 mode ipip tos 10 ttl inherit
	assert_success
	assert_line '      IFLA_IPTUN_TOS 16'
	assert_line '      IFLA_IPTUN_TTL 0'
	run vn -N tunnel add t1 mode gre tos 0x20 nopmtudisc
	assert_line '      IFLA_GRE_TOS 32'
	assert_line '      IFLA_GRE_PMTUDISC 0'
	run vn -N tunnel add t1 mode sit tos inherit
	assert_line '      IFLA_IPTUN_TOS 1'
}

@test "dry run: over IPv6, tos is the traffic class and encaplimit none a flag" {
	run vn -N tunnel add t1 mode ip6gre tos 20 encaplimit none
	assert_success
	# traffic class 0x20 in the flow info's bits 20..27; IP6_TNL_F_IGN_ENCAP_LIMIT
	assert_line "      IFLA_GRE_FLOWINFO $((0x20 << 20))"
	assert_line '      IFLA_GRE_FLAGS 1'
	run vn -N tunnel add t1 mode ip6ip6 tos inherit encaplimit 7
	assert_line '      IFLA_IPTUN_ENCAP_LIMIT 7'
	# IP6_TNL_F_USE_ORIG_TCLASS
	assert_line '      IFLA_IPTUN_FLAGS 2'
}

@test "dry run: dev sends the lower device's index" {
	lower
	run vn -N tunnel add t1 mode gretap remote 10.0.0.2 dev l0
	assert_success
	assert_line "      IFLA_GRE_LINK $(ifindex l0)"
}

@test "dry run: mode erspan and ip6erspan are the kinds of that name" {
	run vn -N tunnel add t1 mode erspan remote 10.0.0.2 seq key 7 erspan 9
	assert_success
	assert_line '    IFLA_INFO_KIND "erspan"'
	assert_line '      IFLA_GRE_ERSPAN_VER 1'
	assert_line '      IFLA_GRE_ERSPAN_INDEX 9'
	run vn -N tunnel add t1 mode ip6erspan remote 2001:db8::2 seq key 7 erspan_ver 2 erspan_hwid 3
	assert_success
	assert_line '    IFLA_INFO_KIND "ip6erspan"'
	assert_line '      IFLA_GRE_ERSPAN_HWID 3'
	assert_line '      IFLA_GRE_ENCAP_LIMIT 4'
}

# ---- failures on any kernel: exit 1 ----------------------------------------------

@test "a kernel without the module is told which one to load" {
	if kernel_knows_kind ipip; then
		skip "this kernel has ipip: checked where it lacks the module (the host)"
	fi
	run vn tunnel add t1 mode ipip remote 10.0.0.2 local 10.0.0.1
	assert_error 1 'tunnel add t1: the kernel has no ipip support \(load the module: modprobe ipip\)$'
	run vn tunnel add t1 mode ip6gre remote 2001:db8::2
	assert_error 1 'the kernel has no ip6gre support \(load the module: modprobe ip6_gre\)$'
	run dev_exists t1
	assert_failure
}

@test "add with a lower device that does not exist fails and makes nothing" {
	run vn tunnel add t1 mode gre remote 10.0.0.2 dev l9
	assert_error 1 'tunnel add t1: no device named "l9"$'
	run dev_exists t1
	assert_failure
}

@test "show without tunnels prints nothing, and -j an empty list" {
	run vn tunnel show
	assert_success
	assert_output ""
	run vn -j tunnel show
	assert_success
	assert_output "[]"
}

@test "show, change and del of a device that is not a tunnel fail with exit 1" {
	lower
	run vn tunnel show l0
	assert_error 1 'tunnel show l0: not a tunnel \(it is a veth\)$'
	run vn tunnel change l0 ttl 4
	assert_error 1 'tunnel change l0: not a tunnel \(it is a veth\)$'
	run vn tunnel del l0
	assert_error 1 'tunnel del l0: not a tunnel \(it is a veth; use link del\)$'
	dev_exists l0
}

@test "show, change and del of a missing device fail with exit 1" {
	run vn tunnel show t9
	assert_error 1 'tunnel show t9: no device named "t9"$'
	run vn tunnel change t9 ttl 4
	assert_error 1 'tunnel change t9: no device named "t9"$'
	run vn tunnel del t9
	assert_error 1 'tunnel del t9: no device named "t9"$'
}

# ---- add, each mode, checked through iproute2 (VM) ---------------------------------

@test "add ipip: remote, local, ttl, tos and dev" {
	require_kind ipip
	lower
	run vn tunnel add t1 mode ipip remote 10.0.0.2 local 10.0.0.1 ttl 64 tos 10 dev l0
	assert_success
	assert_output ""
	assert_equal "$(ipfield t1 linkinfo.info_kind)" ipip
	assert_equal "$(kdata t1 proto)" ipip
	assert_equal "$(kdata t1 remote)" 10.0.0.2
	assert_equal "$(kdata t1 local)" 10.0.0.1
	assert_equal "$(kdata t1 ttl)" 64
	assert_equal "$(kdata t1 tos)" 0x10
	assert_equal "$(kdata t1 pmtudisc)" true
	assert_equal "$(ipfield t1 link)" l0
}

@test "add gre: separate keys, checksums both ways, sequence numbers in" {
	require_kind gre
	run vn tunnel add t1 mode gre remote 10.0.0.2 local 10.0.0.1 ikey 5 okey 6 csum iseq
	assert_success
	assert_equal "$(ipfield t1 linkinfo.info_kind)" gre
	assert_equal "$(kdata t1 remote) $(kdata t1 local)" "10.0.0.2 10.0.0.1"
	assert_equal "$(kdata t1 ikey) $(kdata t1 okey)" "0.0.0.5 0.0.0.6"
	assert_equal "$(kdata t1 icsum) $(kdata t1 ocsum)" "true true"
	assert_equal "$(kdata t1 iseq) $(kdata t1 oseq)" "true null"
	# the kernel's defaults: ttl inherit, DF set
	assert_equal "$(kdata t1 ttl) $(kdata t1 pmtudisc)" "0 true"
}

@test "add gretap: a dotted-quad key, nopmtudisc and tos inherit" {
	require_kind gretap
	run vn tunnel add t1 mode gretap remote 10.0.0.3 local 10.0.0.1 key 1.2.3.4 nopmtudisc tos inherit
	assert_success
	assert_equal "$(ipfield t1 linkinfo.info_kind)" gretap
	assert_equal "$(ipfield t1 link_type)" ether
	assert_equal "$(kdata t1 ikey) $(kdata t1 okey)" "1.2.3.4 1.2.3.4"
	assert_equal "$(kdata t1 pmtudisc)" false
	assert_equal "$(kdata t1 tos)" 0x1
}

@test "add sit: IPv6 over IPv4" {
	require_kind sit
	run vn tunnel add t1 mode sit remote 10.0.0.4 local 10.0.0.1 ttl 30
	assert_success
	assert_equal "$(ipfield t1 linkinfo.info_kind)" sit
	assert_equal "$(kdata t1 proto)" ip6ip
	assert_equal "$(kdata t1 remote) $(kdata t1 local) $(kdata t1 ttl)" "10.0.0.4 10.0.0.1 30"
	assert_equal "$(kdata t1 isatap)" null
}

@test "add isatap: a sit with the ISATAP flag" {
	require_kind sit
	run vn tunnel add t1 mode isatap local 10.0.0.1
	assert_success
	assert_equal "$(ipfield t1 linkinfo.info_kind)" sit
	assert_equal "$(kdata t1 isatap)" true
	assert_equal "$(kdata t1 local) $(kdata t1 remote)" "10.0.0.1 any"
}

@test "add vti: the key both ways" {
	require_kind vti
	run vn tunnel add t1 mode vti remote 10.0.0.6 local 10.0.0.1 key 7
	assert_success
	assert_equal "$(ipfield t1 linkinfo.info_kind)" vti
	assert_equal "$(kdata t1 remote) $(kdata t1 local)" "10.0.0.6 10.0.0.1"
	assert_equal "$(kdata t1 ikey) $(kdata t1 okey)" "0.0.0.7 0.0.0.7"
}

@test "add ip6ip6: ip's hop limit and encapsulation limit, a traffic class, no limit option" {
	require_kind ip6tnl
	run vn tunnel add t1 mode ip6ip6 remote 2001:db8::7 local 2001:db8::1 tos 20
	assert_success
	assert_equal "$(ipfield t1 linkinfo.info_kind)" ip6tnl
	assert_equal "$(kdata t1 proto)" ip6ip6
	assert_equal "$(kdata t1 remote) $(kdata t1 local)" "2001:db8::7 2001:db8::1"
	assert_equal "$(kdata t1 ttl) $(kdata t1 encap_limit)" "64 4"
	assert_equal "$(kdata t1 tclass)" 0x20
	run vn tunnel add t2 mode ip6ip6 remote 2001:db8::8 encaplimit none
	assert_success
	assert_equal "$(kdata t2 ip6_tnl_f_ign_encap_limit)" true
}

@test "add ipip6: IPv4 over IPv6, ttl, encaplimit and tos inherit" {
	require_kind ip6tnl
	run vn tunnel add t1 mode ipip6 remote 2001:db8::8 local 2001:db8::1 ttl 10 encaplimit 2 tos inherit
	assert_success
	assert_equal "$(kdata t1 proto)" ipip6
	assert_equal "$(kdata t1 ttl) $(kdata t1 encap_limit)" "10 2"
	assert_equal "$(kdata t1 ip6_tnl_f_use_orig_tclass)" true
}

@test "add ip6gre: a key, checksums and sequence numbers out" {
	require_kind ip6gre
	run vn tunnel add t1 mode ip6gre remote 2001:db8::9 local 2001:db8::1 key 9 ocsum oseq
	assert_success
	assert_equal "$(ipfield t1 linkinfo.info_kind)" ip6gre
	assert_equal "$(kdata t1 remote) $(kdata t1 local)" "2001:db8::9 2001:db8::1"
	assert_equal "$(kdata t1 ikey) $(kdata t1 okey)" "0.0.0.9 0.0.0.9"
	assert_equal "$(kdata t1 ocsum) $(kdata t1 oseq) $(kdata t1 icsum)" "true true null"
	assert_equal "$(kdata t1 ttl) $(kdata t1 encap_limit)" "64 4"
}

@test "add ip6gretap: an Ethernet tunnel with a key in only" {
	require_kind ip6gretap
	run vn tunnel add t1 mode ip6gretap remote 2001:db8::11 local 2001:db8::1 ikey 3
	assert_success
	assert_equal "$(ipfield t1 linkinfo.info_kind)" ip6gretap
	assert_equal "$(ipfield t1 link_type)" ether
	assert_equal "$(kdata t1 ikey) $(kdata t1 okey)" "0.0.0.3 null"
}

@test "add vti6: a key out and a lower device" {
	require_kind vti6
	lower
	run vn tunnel add t1 mode vti6 remote 2001:db8::12 local 2001:db8::1 okey 12 dev l0
	assert_success
	assert_equal "$(ipfield t1 linkinfo.info_kind)" vti6
	assert_equal "$(kdata t1 okey) $(kdata t1 ikey)" "0.0.0.12 null"
	assert_equal "$(ipfield t1 link)" l0
}

@test "add erspan: version 1, a port index, checked through iproute2" {
	require_kind erspan
	run vn tunnel add t1 mode erspan remote 10.0.0.2 local 10.0.0.1 seq key 10 erspan 123
	assert_success
	assert_equal "$(ipfield t1 linkinfo.info_kind) $(ipfield t1 link_type)" "erspan ether"
	assert_equal "$(kdata t1 erspan_ver) $(kdata t1 erspan_index)" "1 123"
	assert_equal "$(kdata t1 ikey) $(kdata t1 oseq)" "0.0.0.10 true"
	run vn tunnel show t1
	assert_output "t1: erspan/ip remote 10.0.0.2 local 10.0.0.1 ttl inherit key 10 seq erspan_ver 1 erspan 123"
}

@test "add ip6erspan: version 2, a direction and an engine id; change keeps them" {
	require_kind ip6erspan
	run vn tunnel add t1 mode ip6erspan remote 2001:db8::2 seq key 11 erspan_ver 2 erspan_dir egress erspan_hwid 9
	assert_success
	assert_equal "$(kdata t1 erspan_ver) $(kdata t1 erspan_dir) $(kdata t1 erspan_hwid)" "2 egress 0x9"
	run vn tunnel change t1 erspan_dir ingress
	assert_success
	assert_equal "$(kdata t1 erspan_dir) $(kdata t1 erspan_hwid) $(kdata t1 ikey)" "ingress 0x9 0.0.0.11"
	run vn -j tunnel show t1
	assert_equal "$(jq -c '.[0] | [.mode, .kind, .erspan_ver, .erspan_dir, .erspan_hwid]' <<<"$output")" \
		'["ip6erspan","ip6erspan",2,"ingress",9]'
	run vn tunnel change t1 erspan 5
	assert_error 2 'tunnel change t1: erspan is for erspan_ver 1 \(the tunnel.s is 2\)$'
}

@test "add name NAME is the same as NAME" {
	require_kind gre
	run vn tunnel add mode gre remote 10.0.0.2 name t1
	assert_success
	assert_equal "$(ipfield t1 linkinfo.info_kind)" gre
}

@test "add of a name that is taken says so" {
	require_kind gre
	lower
	run vn tunnel add l0 mode gre remote 10.0.0.2
	assert_error 1 'tunnel add l0: File exists \(a device named l0 exists already\)$'
}

@test "a second tunnel that would get the same packets is refused, naming the first" {
	require_kind gre
	vn tunnel add t1 mode gre remote 10.0.0.2 local 10.0.0.1 key 5
	run vn tunnel add t2 mode gre remote 10.0.0.2 local 10.0.0.1 key 5
	assert_error 1 'tunnel add t2: t1 is a gre tunnel with the same remote, local and key \(give this one another remote, local or key\)$'
	run dev_exists t2
	assert_failure
	run vn tunnel add t2 mode gre remote 10.0.0.2 local 10.0.0.1 key 6
	assert_success
}

# ---- show ---------------------------------------------------------------------------

@test "show prints a line per tunnel as ip tunnel show does, worded as add takes it" {
	require_kind gre ip6gre
	vn tunnel add t1 mode gre remote 10.0.0.2 local 10.0.0.1 ttl 64 key 5
	vn tunnel add t2 mode gre remote 10.0.0.3 local 10.0.0.1 ikey 1 okey 2 csum iseq nopmtudisc tos 10
	vn tunnel add t3 mode ip6gre remote 2001:db8::2 local 2001:db8::1 encaplimit none
	run vn tunnel show
	assert_success
	assert_line --index 0 "t1: gre/ip remote 10.0.0.2 local 10.0.0.1 ttl 64 key 5"
	assert_line --index 1 "t2: gre/ip remote 10.0.0.3 local 10.0.0.1 ttl inherit tos 0x10 nopmtudisc ikey 1 okey 2 csum iseq"
	assert_line --index 2 "t3: gre/ipv6 remote 2001:db8::2 local 2001:db8::1 ttl 64 encaplimit none"
	assert_equal "${#lines[@]}" 3
}

@test "show names each mode's inner and outer protocol" {
	require_kind ipip sit vti ip6tnl vti6
	vn tunnel add t1 mode ipip remote 10.0.0.2
	vn tunnel add t2 mode isatap local 10.0.0.1
	vn tunnel add t3 mode vti remote 10.0.0.3
	vn tunnel add t4 mode ipip6 remote 2001:db8::4 ttl 0
	vn tunnel add t5 mode vti6 remote 2001:db8::5 dev lo
	run vn tunnel show
	assert_success
	assert_line "t1: ip/ip remote 10.0.0.2 local any ttl inherit"
	assert_line "t2: ipv6/ip remote any local 10.0.0.1 isatap ttl inherit"
	assert_line "t3: vti/ip remote 10.0.0.3 local any"
	assert_line "t4: ip/ipv6 remote 2001:db8::4 local any ttl inherit encaplimit 4"
	assert_line "t5: vti/ipv6 remote 2001:db8::5 local any dev lo"
}

@test "show NAME shows that tunnel only; show mode MODE only that mode" {
	require_kind gre ipip
	vn tunnel add t1 mode gre remote 10.0.0.2
	vn tunnel add t2 mode ipip remote 10.0.0.3
	run vn tunnel show t2
	assert_success
	assert_output "t2: ip/ip remote 10.0.0.3 local any ttl inherit"
	run vn tunnel show mode gre
	assert_success
	assert_output "t1: gre/ip remote 10.0.0.2 local any ttl inherit"
}

@test "show -j has snake_case keys and the kernel's numbers" {
	require_kind gre
	lower
	vn tunnel add t1 mode gre remote 10.0.0.2 local 10.0.0.1 ttl 64 ikey 5 okey 6 csum oseq dev l0
	run vn -j tunnel show
	assert_success
	assert_equal "$(jq -c '.[0] | del(.ifindex)' <<<"$output")" \
		'{"ifname":"t1","mode":"gre","kind":"gre","remote":"10.0.0.2","local":"10.0.0.1","link":"l0","ttl":64,"tos":0,"pmtudisc":true,"ikey":5,"okey":6,"flags":["icsum","ocsum","oseq"]}'
	assert_equal "$(jq -r '.[0].ifindex' <<<"$output")" "$(ifindex t1)"
}

@test "show -j over IPv6: encap_limit, null for none" {
	require_kind ip6tnl
	vn tunnel add t1 mode ip6ip6 remote 2001:db8::2 encaplimit 3
	vn tunnel add t2 mode ip6ip6 remote 2001:db8::3 encaplimit none
	run vn -j tunnel show
	assert_success
	assert_equal "$(jq -c '[.[] | [.mode, .kind, .encap_limit, .ttl]]' <<<"$output")" \
		'[["ip6ip6","ip6tnl",3,64],["ip6ip6","ip6tnl",null,64]]'
}

@test "show -br: name, mode, remote, local" {
	require_kind gre ip6gre
	vn tunnel add t1 mode gre remote 10.0.0.2 local 10.0.0.1
	vn tunnel add t2 mode ip6gre remote 2001:db8::2
	run vn -br tunnel show
	assert_success
	assert_line --index 0 "t1               gre        10.0.0.2        10.0.0.1"
	assert_line --index 1 "t2               ip6gre     2001:db8::2     any"
	run vn -br -j tunnel show
	assert_equal "$(jq -c '.[1]' <<<"$output")" '{"ifname":"t2","mode":"ip6gre","remote":"2001:db8::2","local":"any"}'
}

@test "show lists tunnels iproute2 made with ip link add" {
	require_kind gre ip6gre sit vti ip6tnl
	ip link add name i1 type gre remote 10.1.0.2 local 10.1.0.1 ttl 33 key 44
	ip link add name i2 type ip6gre remote 2001:db8::2 local 2001:db8::1 hoplimit 12 encaplimit none
	ip link add name i3 type sit remote 10.1.0.3 local 10.1.0.1
	ip link add name i4 type vti remote 10.1.0.4 local 10.1.0.1 key 9
	ip link add name i5 type ip6tnl mode ipip6 remote 2001:db8::5 local 2001:db8::1
	run vn tunnel show
	assert_success
	assert_line "i1: gre/ip remote 10.1.0.2 local 10.1.0.1 ttl 33 key 44"
	assert_line "i2: gre/ipv6 remote 2001:db8::2 local 2001:db8::1 ttl 12 encaplimit none"
	assert_line "i3: ipv6/ip remote 10.1.0.3 local 10.1.0.1 ttl inherit"
	assert_line "i4: vti/ip remote 10.1.0.4 local 10.1.0.1 key 9"
	assert_line "i5: ip/ipv6 remote 2001:db8::5 local 2001:db8::1 ttl 64 encaplimit 4"
}

@test "an ip6tnl of a mode vnetctl has no word for shows as its kind" {
	require_kind ip6tnl
	ip link add name i1 type ip6tnl mode any remote 2001:db8::5
	run vn tunnel show i1
	assert_success
	assert_output "i1: ip6tnl remote 2001:db8::5 local any ttl 64 encaplimit 4"
	run vn -j tunnel show i1
	assert_equal "$(jq -c '.[0] | [.mode, .kind]' <<<"$output")" '[null,"ip6tnl"]'
}

@test "show lists a tunnel ip tunnel add made" {
	fallback_netns gre
	ip -n fb tunnel add i1 mode gre remote 10.1.0.2 local 10.1.0.1 ttl 33 key 44
	run vn -n fb tunnel show i1
	assert_success
	assert_output "i1: gre/ip remote 10.1.0.2 local 10.1.0.1 ttl 33 key 44"
	run vn -n fb tunnel show gre0
	assert_output "gre0: gre/ip remote any local any ttl inherit nopmtudisc"
}

@test "link show -d prints a tunnel's details with the same words" {
	require_kind gre ip6tnl
	vn tunnel add t1 mode gre remote 10.0.0.2 local 10.0.0.1 ttl 64 key 5
	run vn -d link show t1
	assert_success
	assert_line --regexp "^    gre remote 10\.0\.0\.2 local 10\.0\.0\.1 ttl 64 key 5 (addrgenmode|numtxqueues) "
	run vn -j -d link show t1
	assert_equal "$(jq -c '.[0].linkinfo' <<<"$output")" \
		'{"info_kind":"gre","info_data":{"remote":"10.0.0.2","local":"10.0.0.1","ttl":64,"tos":0,"pmtudisc":true,"ikey":5,"okey":5,"flags":[]}}'
	vn tunnel add t2 mode ipip6 remote 2001:db8::2
	run vn -d link show t2
	assert_line --regexp "^    ip6tnl mode ipip6 remote 2001:db8::2 local any ttl 64 encaplimit 4 (addrgenmode|numtxqueues) "
}

# ---- change -------------------------------------------------------------------------

@test "change sets what it is given and keeps everything else" {
	require_kind gre
	vn tunnel add t1 mode gre remote 10.0.0.2 local 10.0.0.1 ttl 64 key 5 csum
	run vn tunnel change t1 remote 10.0.0.3 ttl 9 oseq
	assert_success
	assert_output ""
	assert_equal "$(kdata t1 remote) $(kdata t1 local) $(kdata t1 ttl)" "10.0.0.3 10.0.0.1 9"
	assert_equal "$(kdata t1 ikey) $(kdata t1 okey)" "0.0.0.5 0.0.0.5"
	assert_equal "$(kdata t1 icsum) $(kdata t1 ocsum) $(kdata t1 oseq)" "true true true"
	run vn tunnel show t1
	assert_output "t1: gre/ip remote 10.0.0.3 local 10.0.0.1 ttl 9 key 5 csum oseq"
}

@test "change round trip: what show prints, given to change, changes nothing" {
	require_kind gre
	vn tunnel add t1 mode gre remote 10.0.0.2 local 10.0.0.1 ttl 64 ikey 5 okey 6 icsum
	before=$(vn tunnel show t1)
	run vn tunnel change t1 ${before#t1: gre/ip }
	assert_success
	assert_equal "$(vn tunnel show t1)" "$before"
}

@test "change keeps the attributes it has no keyword for" {
	require_kind gre
	ip link add name t1 type gre remote 10.0.0.2 local 10.0.0.1 fwmark 7
	run vn tunnel change t1 ttl 5
	assert_success
	assert_equal "$(kdata t1 ttl)" 5
	assert_equal "$(kdata t1 fwmark)" 0x7
}

@test "change of an IPv6 tunnel: encaplimit none, then a number again" {
	require_kind ip6gre
	vn tunnel add t1 mode ip6gre remote 2001:db8::2 key 4 tos 20
	run vn tunnel change t1 encaplimit none
	assert_success
	assert_equal "$(kdata t1 ip6_tnl_f_ign_encap_limit) $(kdata t1 tclass)" "true 0x20"
	run vn tunnel change t1 encaplimit 6 tos inherit
	assert_success
	assert_equal "$(kdata t1 ip6_tnl_f_ign_encap_limit) $(kdata t1 encap_limit)" "null 6"
	assert_equal "$(kdata t1 ip6_tnl_f_use_orig_tclass) $(kdata t1 ikey)" "true 0.0.0.4"
}

@test "change mode switches an ip6tnl between ip6ip6 and ipip6" {
	require_kind ip6tnl
	vn tunnel add t1 mode ip6ip6 remote 2001:db8::2
	run vn tunnel change t1 mode ipip6
	assert_success
	assert_equal "$(kdata t1 proto) $(kdata t1 remote)" "ipip6 2001:db8::2"
}

@test "change to a mode of another kind, or between sit and isatap, fails" {
	require_kind gre sit
	vn tunnel add t1 mode gre remote 10.0.0.2
	run vn tunnel change t1 mode ipip
	assert_error 1 'tunnel change t1: the tunnel is gre and cannot become ipip \(del it and add it again\)$'
	vn tunnel add t2 mode sit remote 10.0.0.3
	run vn tunnel change t2 mode isatap
	assert_error 1 'the tunnel is sit and cannot become isatap'
	assert_equal "$(kdata t2 isatap)" null
}

@test "change checks what the tunnel's mode takes before sending anything" {
	require_kind ipip
	vn tunnel add t1 mode ipip remote 10.0.0.2 ttl 64
	run vn tunnel change t1 key 5
	assert_error 2 'tunnel change t1: mode ipip takes no key'
	run vn tunnel change t1 remote 2001:db8::2
	assert_error 2 'remote 2001:db8::2 is an IPv6 address; mode ipip runs over IPv4$'
	run vn tunnel change t1 nopmtudisc
	assert_error 2 'nopmtudisc needs ttl inherit \(the ttl is 64\)$'
	assert_equal "$(kdata t1 remote) $(kdata t1 pmtudisc)" "10.0.0.2 true"
}

@test "change works on a tunnel iproute2 made" {
	require_kind vti
	ip link add name i1 type vti remote 10.1.0.2 local 10.1.0.1 ikey 3 okey 4
	run vn tunnel change i1 local 10.1.0.9
	assert_success
	assert_equal "$(kdata i1 local) $(kdata i1 ikey) $(kdata i1 okey)" "10.1.0.9 0.0.0.3 0.0.0.4"
}

@test "dry run of change prints the whole configuration and changes nothing" {
	require_kind gre
	vn tunnel add t1 mode gre remote 10.0.0.2 local 10.0.0.1 key 5
	run vn -N tunnel change t1 ttl 9
	assert_success
	assert_line --index 0 "RTM_NEWLINK flags REQUEST|ACK"
	assert_line "  ifinfomsg family unspec index $(ifindex t1) flags 0x0 change 0x0"
	assert_line '      IFLA_GRE_TTL 9'
	assert_line '      IFLA_GRE_REMOTE 10.0.0.2'
	assert_line '      IFLA_GRE_IKEY 5'
	assert_equal "$(kdata t1 ttl)" 0
}

# ---- del ----------------------------------------------------------------------------

@test "del removes a tunnel, whichever tool made it" {
	require_kind gre ip6tnl
	vn tunnel add t1 mode gre remote 10.0.0.2
	ip link add name i1 type ip6tnl remote 2001:db8::2
	run vn tunnel del t1
	assert_success
	assert_output ""
	run vn tunnel delete i1
	assert_success
	run dev_exists t1
	assert_failure
	run dev_exists i1
	assert_failure
}

@test "dry run of del prints the request and removes nothing" {
	require_kind gre
	vn tunnel add t1 mode gre remote 10.0.0.2
	run vn -N tunnel del t1
	assert_success
	assert_line --index 0 "RTM_DELLINK flags REQUEST|ACK"
	dev_exists t1
}

@test "del of a module's fallback device says the kernel keeps it" {
	fallback_netns gre
	run vn -n fb tunnel del gre0
	assert_error 1 'tunnel del gre0: the kernel keeps gre0: it is the ip_gre module.s fallback device \(it goes with the module: modprobe -r ip_gre\)$'
	ip -n fb link show dev gre0
}
