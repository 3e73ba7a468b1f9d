#!/usr/bin/env bats
# The man pages cannot drift from the code.  A page's SYNOPSIS is made from
# the argument tables (`vnetctl __synopsis OBJECT` into the marker of
# man/vnetctl-OBJECT.8.in, scripts/mkman); its prose is hand-written, but
# for the text every kind's page shares (man/common/, at its KIND markers,
# checked below to arrive whole).  So
# every object and global option in the tables (`vnetctl __dump`), every
# program vnetctl can be (ip, bridge) and every name their tables give
# (address, neighbour...) must appear in vnetctl(8), every object must have
# a page, every keyword of an object must be described in its page's prose,
# every verb (aliases too) must be in a synopsis and every keyword and word
# of a verb in that verb's own, and every page renders clean.
#
# That last synopsis check was the drift check when every SYNOPSIS was
# hand-written; now that all are generated (vnetctl.8's too, `vnetctl
# __synopsis` with no object) it is true by construction and proves the
# roff the walk prints reads back as the table (no word lost to fonts or
# escapes); the tests of the check itself below keep it able to fail.

load helpers

# The pages as the build makes them, from the binary under test (an
# installed one too: the autopkgtest has no build/man).
setup_file() {
	local m d="$BATS_FILE_TMPDIR/man"
	mkdir -p "$d"
	for m in "$BATS_TEST_DIRNAME"/../man/*.8.in; do
		"$BATS_TEST_DIRNAME/../scripts/mkman" "$VNETCTL" "$m" >"$d/$(basename "$m" .in)" || return 1
	done
}

mandir() { echo "$BATS_FILE_TMPDIR/man"; }

# A page as plain ASCII text, so "\-all" reads "-all".
render() { groff -man -Tascii -P-cbou "$(mandir)/$1" 2>/dev/null; }

# The page rendered on lines as long as they need to be, so that each
# synopsis (one .br-separated line of the source) is one line of text.
render_wide() { groff -man -Tascii -P-cbou -rLL=5000n "$(mandir)/$1" 2>/dev/null; }

# The synopses of PAGE, each as "VERBS<tab>WORDS": the verbs it is for and
# all its words, brackets, braces and bars apart.  The verbs are the word,
# or every word of the [ ] or { } group, after OBJECT where OBJECT starts
# the command (first word, after "vnetctl [OPTIONS]", or after a "|", as
# in "netns enter NAME | netns leave").  A line more indented than the
# first continues the synopsis before it; a blank line ends one.  A line
# "NAME := ..." (and its continuation) defines NAME, and a synopsis that
# names NAME (or NAME...) takes NAME's words too.  For an object whose words
# are all its one verb's (WORDS: 1; `vnetctl __dump` names that verb "-"),
# every synopsis of OBJECT is that verb's.
synopses() { # PAGE OBJECT [WORDS]
	render_wide "$1" | awk -v obj="$2" -v words="${3:-0}" '
	function spaced(s) { gsub(/[][{}|]/, " & ", s); return s }
	/^SYNOPSIS/ { f = 1; next }
	/^[^ ]/ { f = 0 }
	!f { next }
	/^[ \t]*$/ { cur = 0; next }
	{
		match($0, /^ */)
		if (base == "") base = RLENGTH
		if (RLENGTH > base && cur) { text[cur] = text[cur] " " spaced($0); next }
		cur = ++n; text[n] = spaced($0)
	}
	END {
		for (i = 1; i <= n; i++)
			if (split(text[i], w) >= 2 && w[2] == ":=") def[w[1]] = i
		for (i = 1; i <= n; i++) {
			k = split(text[i], w)
			if (w[2] == ":=") continue
			all = text[i]
			do {
				grew = 0; m = split(all, ww)
				for (j = 1; j <= m; j++) {
					d = ww[j]; sub(/\.\.\.$/, "", d)
					if ((d in def) && !((i, d) in used)) {
						used[i, d] = 1; all = all " " text[def[d]]; grew = 1
					}
				}
			} while (grew)
			verbs = ""
			for (j = 1; j < k; j++) {
				if (w[j] != obj || !(j == 1 || w[j-1] == "vnetctl" || w[j-1] == "]" || w[j-1] == "|"))
					continue
				if (words) { verbs = " -"; break }
				if (w[j+1] != "[" && w[j+1] != "{") { verbs = verbs " " w[j+1]; continue }
				d = 0
				for (l = j + 1; l <= k; l++) {
					if (w[l] == "[" || w[l] == "{") d++
					else if (w[l] == "]" || w[l] == "}") { if (--d == 0) break }
					else if (w[l] != "|" && d == 1) verbs = verbs " " w[l]
				}
			}
			gsub(/[ \t]+/, " ", all); sub(/^ /, "", all); sub(/ $/, "", all)
			print substr(verbs, 2) "\t" all
		}
	}'
}

# Lines of `vnetctl __dump` on stdin; print "PAGE: verb VERB" for each verb of
# OBJECT no synopsis of PAGE is for, "PAGE: keyword VERB WORD" (or word) for
# each keyword or word of a verb in none of that verb's synopses, and
# "PAGE: synopsis for VERB" for a synopsis of a verb OBJECT does not have.
synopsis_missing() { # PAGE OBJECT
	local syn dump words=0
	dump=$(cat)
	grep -qx "verb $2 -" <<<"$dump" && words=1
	syn=$(synopses "$1" "$2" "$words")
	awk -v page="$1" -v obj="$2" '
	NR == FNR {
		split($0, p, "\t"); nv = split(p[1], v, " "); nw = split(p[2], w, " ")
		for (i = 1; i <= nv; i++) {
			has[v[i]] = 1
			for (j = 1; j <= nw; j++) got[v[i], w[j]] = 1
		}
		next
	}
	$2 != obj { next }
	$1 == "verb" { known[$3] = 1; if (!($3 in has)) print page ": verb " $3 }
	($1 == "keyword" || $1 == "word") && !(($3, $4) in got) { print page ": " $1 " " $3 " " $4 }
	END { for (x in has) if (!(x in known)) print page ": synopsis for " x }
	' <(printf '%s\n' "$syn") - <<<"$dump"
}

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

@test "vnetctl(8) documents every object, global option, program name and alias" {
	run bash -c "'$VNETCTL' __dump | awk '\$1==\"object\"{print \"object\", \$2}
		\$1==\"option\"{ if (\$3 != \"-\") print \"option\", \"--\" \$3; if (\$2 != \"-\") print \"option\", \$2 }
		\$1==\"program\"{print \"program\", \$2} \$1==\"alias\"{print \"alias\", \$3}'"
	assert_success
	run missing_in vnetctl.8 <<<"$output"
	assert_output ""
}

@test "each object has its own page" {
	for o in $(vn __dump | awk '$1=="object"{print $2}'); do
		[ -f "$(mandir)/vnetctl-$o.8" ] || fail "man/vnetctl-$o.8 is missing"
	done
}

# The page's text but its SYNOPSIS, on lines as long as they need to be.
prose() { render_wide "$1" | awk '/^SYNOPSIS/ { s = 1; next } /^[^ ]/ { s = 0 } !s'; }

@test "each keyword of an object is described in its page, beyond the synopsis" {
	# The synopsis comes from the tables; what a keyword does is prose.  A
	# kind's page may leave the words every kind shares (those of link add)
	# to vnetctl-link(8), when it names that page.
	local all="" o w text dump shared
	dump=$(vn __dump)
	shared=$(awk '$1 == "keyword" && $2 == "link" && $3 == "add" { print $4 }' <<<"$dump")
	for o in $(awk '$1 == "object" { print $2 }' <<<"$dump"); do
		[ -f "$(mandir)/vnetctl-$o.8" ] || continue
		text=$(prose "vnetctl-$o.8")
		while read -r w; do
			grep -qwF -- "$w" <<<"$text" && continue
			grep -qxF -- "$w" <<<"$shared" && grep -qF 'vnetctl-link(8)' <<<"$text" && continue
			all+="vnetctl-$o.8: keyword $w"$'\n'
		done < <(awk -v o="$o" '$1 == "keyword" && $2 == o { print $4 }' <<<"$dump" | sort -u)
	done
	assert_equal "$all" ""
}

@test "each verb is in a synopsis, and its keywords and words in its own" {
	local all="" out o
	for o in $(vn __dump | awk '$1=="object"{print $2}'); do
		# a missing page is the test above's failure
		[ -f "$(mandir)/vnetctl-$o.8" ] || continue
		out=$(vn __dump | synopsis_missing "vnetctl-$o.8" "$o")
		[ -z "$out" ] || all+="$out"$'\n'
	done
	assert_equal "$all" ""
}

@test "the synopses are found, split and mapped to their verbs" {
	run synopses vnetctl-link.8 link
	assert_success
	# ip's spellings are aliases: link show is list and lst too, link set change
	assert_line --regexp $'^show list lst\tvnetctl \\[ OPTIONS \\] link \\[ show \\| list \\| lst \\] '
	assert_line --regexp $'^set change\tvnetctl \\[ OPTIONS \\] link \\{ set \\| change \\} .* txqueuelen .* alias TEXT ]'
	assert_line --regexp $'^del delete\tvnetctl \\[ OPTIONS \\] link \\{ del \\| delete \\} '
	# a synopsis takes in the words of a "NAME := ..." it names
	# (vnetctl.8's, from gopts and the objects, has them)
	run synopses vnetctl.8 vnetctl
	assert_line --regexp $'\tvnetctl \\[ OPTIONS \\] OBJECT .* OPTIONS := .* -j, --json \\| .* OBJECT := .* bridge '
}

@test "bridge's synopses: one for each command of fdb, mdb, vni, and the kind's link words" {
	run synopses vnetctl-bridge.8 bridge
	assert_success
	# a verb whose table is a choice of commands: a synopsis each
	assert_line --regexp $'^fdb\tvnetctl \\[ OPTIONS \\] bridge fdb \\{ add \\| append \\| replace \\| del \\| delete \\} \\[ LLADDR \\] '
	assert_line --regexp $'^fdb\tvnetctl \\[ OPTIONS \\] bridge fdb \\[ show \\| list \\| lst \\] '
	assert_line --regexp $'^fdb\tvnetctl \\[ OPTIONS \\] bridge fdb flush .* nooffloaded \\]$'
	assert_line --regexp $'^mdb\tvnetctl \\[ OPTIONS \\] bridge mdb \\{ add \\| del \\| delete \\} '
	assert_line --regexp $'^vni\tvnetctl \\[ OPTIONS \\] bridge vni \\[ show \\| list \\| lst \\] '
	# a required choice in place is braced
	assert_line --regexp $'^stp\t.* BRIDGE \\[ stp \\] \\{ off \\| on \\}$'
	# the bridge kind's own words (link add) and a port's (link set), the
	# object being the module's own
	assert_line --regexp $'\tvnetctl \\[ OPTIONS \\] link add .* type bridge .* vlan_protocol '
	assert_line --regexp $'\tvnetctl \\[ OPTIONS \\] link set .* type bridge_slave .* hairpin '
	# a kind whose object is made from its descriptor has no such line
	run synopses vnetctl-vlan.8 vlan
	refute_line --partial 'link add'
}

# A copy of the page PAGE with sed SCRIPT applied, and mandir pointed at it.
mangled() { # PAGE SCRIPT
	mkdir -p "$BATS_TEST_TMPDIR/man"
	sed "$2" "$(mandir)/$1" >"$BATS_TEST_TMPDIR/man/$1"
	cmp -s "$(mandir)/$1" "$BATS_TEST_TMPDIR/man/$1" && fail "sed '$2' changed nothing in $1"
	mandir() { echo "$BATS_TEST_TMPDIR/man"; }
}

@test "the check catches a keyword that is in the page but not in its verb's synopsis" {
	# multi_queue stays in the page's text, only tuntap add's synopsis loses it
	mangled vnetctl-tuntap.8 '/^\.RB \[ multi_queue \]$/d'
	render vnetctl-tuntap.8 | grep -qwF multi_queue
	run synopsis_missing vnetctl-tuntap.8 tuntap < <(vn __dump)
	assert_output "vnetctl-tuntap.8: keyword add multi_queue"
}

@test "the check catches a keyword that is only in another verb's synopsis" {
	# "mode" stays in the synopses of tuntap del and show
	mangled vnetctl-tuntap.8 's/^\.BR mode " { "/.BR " { "/'
	run synopses vnetctl-tuntap.8 tuntap
	assert_line --regexp $'^del delete\t.* mode '
	run synopsis_missing vnetctl-tuntap.8 tuntap < <(vn __dump)
	assert_output "vnetctl-tuntap.8: keyword add mode"
}

@test "the check catches a verb alias missing from the synopses" {
	mangled vnetctl-tuntap.8 's/^\.RB "\[ " show " | " list " | " lst " \]"$/.RB "[ " show " | " list " ]"/'
	run synopsis_missing vnetctl-tuntap.8 tuntap < <(vn __dump)
	assert_output "vnetctl-tuntap.8: verb lst"
}

@test "the check catches a synopsis of a verb the object does not have" {
	run synopsis_missing vnetctl-tuntap.8 tuntap < <(vn __dump | grep -vx 'verb tuntap list')
	assert_output "vnetctl-tuntap.8: synopsis for list"
}

@test "the check reads a words-only object's synopses as its one verb's, and catches a word missing" {
	run synopses vnetctl-monitor.8 monitor 1
	assert_line --regexp $'^-\tvnetctl .* monitor .* label'
	mangled vnetctl-monitor.8 '/^\.RB \[ label \]$/d'
	run synopsis_missing vnetctl-monitor.8 monitor < <(vn __dump)
	assert_output "vnetctl-monitor.8: keyword - label"
}

# The entries of man/common/FRAGMENT a page source's KIND markers take:
# each marker's named entries, or all but its "-" ones, or all.
marker_entries() { # PAGE.in MARKER FRAGMENT
	awk -v m="$2" '
	NR == FNR { if ($0 ~ /^\.\\" word /) all[++n] = substr($0, 10); next }
	$1 == ".\\\"" && $2 == "@" m "@" {
		delete want; delete skip; only = 0
		for (i = 3; i <= NF; i++)
			if ($i ~ /^-/) skip[substr($i, 2)] = 1; else { want[$i] = 1; only = 1 }
		for (i = 1; i <= n; i++)
			if (!(all[i] in skip) && (!only || all[i] in want)) print all[i]
	}' "$BATS_TEST_DIRNAME/../man/common/$3" "$1"
}

# Print "PAGE: shared ENTRY" for each entry of FRAGMENT the source's
# MARKER takes whose text, filled in for KIND, is not whole in the built
# page, and "PAGE: left PLACEHOLDER" for a marker or placeholder the build
# left.
shared_missing() { # SOURCE.in BUILT MARKER FRAGMENT KIND MODULE ARTICLE
	local page
	page=$(basename "$2")
	marker_entries "$1" "$3" "$4" | awk -v page="$page" -v kind="$5" -v module="$6" -v an="$7" \
		-v frag="$BATS_TEST_DIRNAME/../man/common/$4" -v built="$2" '
	BEGIN {
		An = toupper(substr(an, 1, 1)) substr(an, 2)
		while ((getline l < frag) > 0) {
			if (l ~ /^\.\\" word /) { cur = substr(l, 10); continue }
			if (cur == "") continue
			gsub(/@KIND@/, kind, l); gsub(/@MODULE@/, module, l)
			gsub(/@an@/, an, l); gsub(/@An@/, An, l)
			text[cur] = text[cur] l "\n"
		}
		while ((getline l < built) > 0) page_text = page_text l "\n"
	}
	!index(page_text, text[$1]) { print page ": shared " $1 }'
	grep -o '@[A-Za-z_-]*@' "$2" | sed "s/^/$page: left /" | sort -u
}

@test "a kind page with the KIND markers gets the shared words and exit status, filled in" {
	local src o all="" n=0 kind
	for src in "$BATS_TEST_DIRNAME"/../man/vnetctl-*.8.in; do
		grep -q '^\.\\" @KIND-' "$src" || continue
		o=$(basename "$src" .8.in); o=${o#vnetctl-}
		kind=$(vn __dump | awk -v o="$o" '$1 == "kind" && $2 == o { print $3, $4 }')
		[ -n "$kind" ] || fail "$o has KIND markers but is no kind in __dump"
		set -- $kind
		all+=$(shared_missing "$src" "$(mandir)/vnetctl-$o.8" KIND-WORDS kind-words.roff "$o" "$1" "$2")
		all+=$(shared_missing "$src" "$(mandir)/vnetctl-$o.8" KIND-EXIT kind-exit.roff "$o" "$1" "$2")
		n=$((n + 1))
	done
	assert_equal "$all" ""
	# the simple kinds at least; their module from the descriptor
	[ "$n" -ge 11 ] || fail "only $n pages with KIND markers"
	run grep -c '^\.BI mtu " BYTES"$' "$(mandir)/vnetctl-dummy.8"
	assert_output 1
}

@test "the check catches a kind page that lost a shared word, and mkman a bad marker" {
	mangled vnetctl-dummy.8 '/^\.BI mtu " BYTES"$/d'
	run shared_missing "$BATS_TEST_DIRNAME/../man/vnetctl-dummy.8.in" "$(mandir)/vnetctl-dummy.8" \
		KIND-WORDS kind-words.roff dummy dummy a
	assert_output "vnetctl-dummy.8: shared mtu"
	sed 's/^\.\\" @KIND-WORDS@$/.\\" @KIND-WORDS@ -nosuch/' "$BATS_TEST_DIRNAME/../man/vnetctl-dummy.8.in" \
		>"$BATS_TEST_TMPDIR/vnetctl-dummy.8.in"
	run "$BATS_TEST_DIRNAME/../scripts/mkman" "$VNETCTL" "$BATS_TEST_TMPDIR/vnetctl-dummy.8.in"
	assert_failure
	assert_output --partial "no entry nosuch"
}
