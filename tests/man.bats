#!/usr/bin/env bats
# The man pages cannot drift from the code: every object, verb, keyword,
# enumerated word and global option in the argument tables (`vnetctl
# __dump`) must appear in its page, and every page renders clean.

load helpers

mandir() { echo "$BATS_TEST_DIRNAME/../man"; }

# A page as plain ASCII text, so "\-all" reads "-all".
render() { groff -man -Tascii -P-cbou "$(mandir)/$1" 2>/dev/null; }

# Print "WHAT WORD" for each word missing from the rendered page.
missing_in() { # PAGE then lines "WHAT WORD" on stdin
	local text
	text=$(render "$1")
	while read -r what word; do
		grep -qwF -- "$word" <<<"$text" || echo "$1: $what $word"
	done
}

@test "every page renders clean under groff -ww" {
	for m in "$(mandir)"/*.8; do
		run groff -ww -z -man "$m"
		assert_success
		assert_output ""
	done
}

@test "vnetctl(8) documents every object and every global option" {
	run bash -c "'$VNETCTL' __dump | awk '\$1==\"object\"{print \"object\", \$2}
		\$1==\"option\"{ if (\$3 != \"-\") print \"option\", \"--\" \$3; if (\$2 != \"-\") print \"option\", \$2 }'"
	assert_success
	run missing_in vnetctl.8 <<<"$output"
	assert_output ""
}

@test "each object has its own page" {
	for o in $(vn __dump | awk '$1=="object"{print $2}'); do
		[ -f "$(mandir)/vnetctl-$o.8" ] || fail "man/vnetctl-$o.8 is missing"
	done
}

@test "each object's page documents its verbs, keywords and words" {
	local all=""
	for o in $(vn __dump | awk '$1=="object"{print $2}'); do
		out=$(vn __dump | awk -v o="$o" '$2==o && $1=="verb"{print "verb", $3}
			$2==o && ($1=="keyword" || $1=="word"){print $1, $4}' | sort -u |
			missing_in "vnetctl-$o.8")
		[ -z "$out" ] || all+="$out"$'\n'
	done
	assert_equal "$all" ""
}

@test "the check itself catches a missing keyword" {
	# a page without the word "multi_queue" must be reported
	mkdir -p "$BATS_TEST_TMPDIR/man"
	sed 's/multi_queue/XXXX/g' "$(mandir)/vnetctl-tuntap.8" >"$BATS_TEST_TMPDIR/man/vnetctl-tuntap.8"
	mandir() { echo "$BATS_TEST_TMPDIR/man"; }
	run missing_in vnetctl-tuntap.8 <<<"keyword multi_queue"
	assert_output "vnetctl-tuntap.8: keyword multi_queue"
}
