#!/usr/bin/env bats
# tests/lint-bats, which rejects a bare `! cmd` anywhere in a @test body but
# on its last command line (bats runs the body under set -e, which a negated
# command never trips, so there it asserts nothing).

load helpers

lint() { "$BATS_TEST_DIRNAME/lint-bats" "$@"; }

# Write stdin to a file named $1 under the test's temporary directory, with
# "%test" at the start of a line made "@test" and a leading "%!" made "!"
# (bats would take an @test line in this file's here-documents for a test of
# its own, and a check of bare "!" lines would take the fixtures' for ours).
put() { sed -e 's/^%test /@test /' -e 's/^\(\t*\)%! /\1! /' >"$BATS_TEST_TMPDIR/$1"; }

@test "the suite has no negated command that asserts nothing" {
	run lint
	assert_success
	assert_output ""
}

@test "a bare ! before the last line of a test is rejected with its file and line" {
	put bad.bats <<-'EOF'
	%test "one" {
		run true
		%! false
		assert_success
	}

	%test "two" {
		%! false
	}
	EOF
	run lint "$BATS_TEST_TMPDIR/bad.bats"
	assert_failure 1
	assert_output "$BATS_TEST_TMPDIR/bad.bats:3: ! false"
}

@test "a bare ! on the last command line of a test is accepted" {
	put good.bats <<-'EOF'
	%test "one" {
		run true
		assert_success
		%! false
	}

	%test "a trailing comment and blank line do not count" {
		true
		%! false  # the test's status

	}
	EOF
	run lint "$BATS_TEST_TMPDIR/good.bats"
	assert_success
	assert_output ""
}

@test "every file given is checked, and each bad line is named" {
	printf '@test "x" {\n\t! a\n\t! b\n}\n' | put one.bats
	printf '@test "y" {\n\ttrue\n}\n@test "z" {\n\t! c\n\t:\n}\n' | put two.bats
	run lint "$BATS_TEST_TMPDIR/one.bats" "$BATS_TEST_TMPDIR/two.bats"
	assert_failure 1
	assert_equal "$output" "$BATS_TEST_TMPDIR/one.bats:2: ! a
$BATS_TEST_TMPDIR/two.bats:5: ! c"
}

@test "a ! inside a loop or if is rejected: the test's last line is done or fi" {
	put loop.bats <<-'EOF'
	%test "loop" {
		for d in a b; do
			%! dev_exists "$d"
		done
	}
	EOF
	run lint "$BATS_TEST_TMPDIR/loop.bats"
	assert_failure 1
	assert_output "$BATS_TEST_TMPDIR/loop.bats:3: ! dev_exists \"\$d\""
}

@test "continuation lines, strings, here-documents and functions are not commands" {
	put other.bats <<-'EOF'
	# a helper function may return the status of a ! anywhere
	absent() {
		%! grep -q "$1" /proc/modules
		return
	}

	%test "continued" {
		run true && \
		%! false
		run printf '%s\n' a |
		%! grep -q b
		run bash -c 'true
	%! false
	'
		run awk "
	!seen[\$0]++
	" /dev/null
		cat >"$BATS_TEST_TMPDIR/x" <<-END
		%! not a command
		END
		assert_equal "$((1 << 2))" 4
		assert_success
	}
	EOF
	run lint "$BATS_TEST_TMPDIR/other.bats"
	assert_success
	assert_output ""
}

@test "a file that cannot be read is an error" {
	run lint "$BATS_TEST_TMPDIR/nosuch.bats"
	assert_failure 2
	assert_output --partial "cannot read"
}
