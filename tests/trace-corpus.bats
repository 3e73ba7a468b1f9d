#!/usr/bin/env bats
# The corpus of broken labs, tests/trace-corpus/*.yaml: each a topology file
# broken in one way real users meet, with the stop trace must name
# (namespace, device, cause) and a healthy twin it must reach; for every
# file, trace --verify and the kernel's own ping or nc agree, and trace
# without --verify changes nothing.  The file's comments say the case (see
# tests/trace-corpus.bash); one test a file, each calling corpus_case.

load helpers
load trace-corpus

export BATS_TEST_TIMEOUT=${BATS_TEST_TIMEOUT:-180}

setup() { setup_fresh; }
teardown() { clean_netns; }

@test "every corpus file has its test here, and there are at least 25" {
	local f n=0
	for f in "$CORPUS"/*.yaml; do
		grep -qF "corpus_case ${f##*/}" "$BATS_TEST_FILENAME" || fail "no test for ${f##*/}"
		n=$((n + 1))
	done
	[ "$n" -ge 25 ] || fail "$n files in the corpus"
}

@test "01-forward-policy-drop: forward policy drop" {
	corpus_case 01-forward-policy-drop.yaml
}

@test "02-forward-drop-iifname: forward drop iifname" {
	corpus_case 02-forward-drop-iifname.yaml
}

@test "03-forward-drop-daddr: forward drop daddr" {
	corpus_case 03-forward-drop-daddr.yaml
}

@test "04-forward-drop-named-set: forward drop named set" {
	corpus_case 04-forward-drop-named-set.yaml
}

@test "05-forward-tcp-dport: forward tcp dport" {
	corpus_case 05-forward-tcp-dport.yaml
}

@test "06-forward-reject: forward reject" {
	corpus_case 06-forward-reject.yaml
}

@test "07-forward-jump: forward jump" {
	corpus_case 07-forward-jump.yaml
}

@test "08-forward-ct-state: forward ct state" {
	corpus_case 08-forward-ct-state.yaml
}

@test "09-input-policy-drop: input policy drop" {
	corpus_case 09-input-policy-drop.yaml
}

@test "10-output-drop: output drop" {
	corpus_case 10-output-drop.yaml
}

@test "11-dnat-missing: dnat missing" {
	corpus_case 11-dnat-missing.yaml
}

@test "12-dnat-then-filter: dnat then filter" {
	corpus_case 12-dnat-then-filter.yaml
}

@test "13-snat-missing: snat missing" {
	corpus_case 13-snat-missing.yaml
}

@test "14-snat-wrong-oifname: snat wrong oifname" {
	corpus_case 14-snat-wrong-oifname.yaml
}

@test "15-snat-input-saddr: snat input saddr" {
	corpus_case 15-snat-input-saddr.yaml
}

@test "16-udp-dport-drop: udp dport drop" {
	corpus_case 16-udp-dport-drop.yaml
}

@test "17-forwarding-off: forwarding off" {
	corpus_case 17-forwarding-off.yaml
}

@test "18-missing-way-back: missing way back" {
	corpus_case 18-missing-way-back.yaml
}

@test "19-rp-filter-forward: rp filter forward" {
	corpus_case 19-rp-filter-forward.yaml
}

@test "20-mtu-df: mtu df" {
	corpus_case 20-mtu-df.yaml
}

@test "21-mtu-mismatch: mtu mismatch" {
	corpus_case 21-mtu-mismatch.yaml
}

@test "22-failed-neighbour: failed neighbour" {
	corpus_case 22-failed-neighbour.yaml
}

@test "23-asymmetric-rp-filter: asymmetric rp filter" {
	corpus_case 23-asymmetric-rp-filter.yaml
}

@test "24-asymmetric-stateful: asymmetric stateful" {
	corpus_case 24-asymmetric-stateful.yaml
}

@test "25-macvlan-private: macvlan private" {
	corpus_case 25-macvlan-private.yaml
}

@test "26-ipvlan-private: ipvlan private" {
	corpus_case 26-ipvlan-private.yaml
}

@test "27-vlan-membership: vlan membership" {
	corpus_case 27-vlan-membership.yaml
}

@test "28-vlan-no-pvid: vlan no pvid" {
	corpus_case 28-vlan-no-pvid.yaml
}

@test "29-gre-underlay-firewalled: gre underlay firewalled" {
	corpus_case 29-gre-underlay-firewalled.yaml
}

@test "30-iptables-nft-forward: iptables nft forward" {
	corpus_case 30-iptables-nft-forward.yaml
}

@test "31-netdev-ingress: netdev ingress" {
	corpus_case 31-netdev-ingress.yaml
}

@test "32-reject-tcp-reset: reject tcp reset" {
	corpus_case 32-reject-tcp-reset.yaml
}

@test "33-asymmetric-ct-invalid: asymmetric ct invalid" {
	corpus_case 33-asymmetric-ct-invalid.yaml
}
