# vnetctl — see README.md.  `make` builds build/vnetctl.
PREFIX ?= /usr/local
DESTDIR ?=
# The release this tree is, or leads to (NEWS.md, debian/changelog).
RELEASE := 0.1.0
# Built from git: what `git describe` says (v0.1.0-12-gabc1234, -dirty when
# the tree has changes); without a tag, the release and the commit.
VERSION ?= $(or $(patsubst v%,%,$(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null)),$(addprefix $(RELEASE)+g,$(shell git describe --always --dirty 2>/dev/null)),$(RELEASE))

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS := libmnl jansson yaml-0.1 libsodium libnftables
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
CPPFLAGS += -D_GNU_SOURCE $(addprefix -I,$(SRCDIRS)) -Ibuild/gen
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(shell $(PKG_CONFIG) --cflags $(PKGS))
# readline's own cflags would pin _XOPEN_SOURCE; its headers need none.  It
# is not linked: the shell opens it (core/cli/shell.c), so that no other
# command pays for loading it (the package depends on it by name).
LDLIBS = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm

# The layers (ARCHITECTURE.md): core/ (nl, out, args, cli), link/, objects/, kinds/.
LAYERS := core core/nl core/out core/args core/cli link objects objects/* kinds
SRCS := $(sort $(wildcard $(addsuffix /*.c,$(LAYERS))))
HDRS := $(sort $(wildcard $(addsuffix /*.h,$(LAYERS))))
SRCDIRS := $(sort $(patsubst %/,%,$(dir $(SRCS) $(HDRS))))
OBJS := $(SRCS:%.c=build/obj/%.o)
ASAN_OBJS := $(SRCS:%.c=build/asan/obj/%.o)
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
# A page's prose is man/NAME.8.in; the build puts the SYNOPSIS the argument
# tables give in its marker line, and a kind's page the text every kind's
# page shares (man/common/, at its KIND markers), with scripts/mkman, and
# writes build/man/NAME.8.
MAN_SRCS := $(wildcard man/*.8.in)
MAN_COMMON := $(wildcard man/common/*.roff)
MANS := $(MAN_SRCS:man/%.in=build/man/%)

.PHONY: all deps asan clang check check-valgrind test demo install uninstall install-check clean man-check \
	vm-check fresh-check deb have-build-deps bench bench-smoke FORCE

all: build/vnetctl $(MANS)

# Before any compiler error: one line naming what is missing and the command
# that installs it (a fresh Debian has neither a compiler nor the headers).
# Expanded only when something is to be compiled.
build_missing = $(shell command -v $(firstword $(CC)) >/dev/null 2>&1 || echo $(firstword $(CC)); \
	if command -v $(PKG_CONFIG) >/dev/null 2>&1; then \
		for p in $(PKGS) readline; do $(PKG_CONFIG) --exists $$p || echo $$p; done; \
	else echo $(PKG_CONFIG) $(PKGS) readline; fi)
debian_name = $(or $(if $(filter cc gcc,$(1)),gcc),$(if $(filter libmnl,$(1)),libmnl-dev),$(if \
	$(filter jansson,$(1)),libjansson-dev),$(if $(filter yaml-0.1,$(1)),libyaml-dev),$(if \
	$(filter libsodium,$(1)),libsodium-dev),$(if $(filter libnftables,$(1)),libnftables-dev),$(if \
	$(filter readline,$(1)),libreadline-dev),$(1))
have-build-deps:
	$(if $(build_missing),$(error cannot build vnetctl: missing $(build_missing); install them with \
	scripts/install-deps build (or apt-get install $(foreach m,$(build_missing),$(call debian_name,$(m))))))

# The version string, rewritten only when it changes so main.c (and
# topo_remote.c, which asks each host's vnetctl for the same) is rebuilt
# exactly then.
build/gen/version.h: FORCE
	@mkdir -p $(dir $@)
	@v='#define VNETCTL_VERSION "$(VERSION)"'; \
	[ "$$(cat $@ 2>/dev/null)" = "$$v" ] || echo "$$v" >$@
build/obj/core/cli/main.o build/asan/obj/core/cli/main.o build/clang/vnetctl: build/gen/version.h
build/obj/objects/topo/topo_remote.o build/asan/obj/objects/topo/topo_remote.o: build/gen/version.h

build/vnetctl: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

build/man/%.8: man/%.8.in build/vnetctl scripts/mkman $(MAN_COMMON)
	@mkdir -p $(dir $@)
	scripts/mkman build/vnetctl $< >$@.tmp && mv $@.tmp $@

build/obj/%.o: %.c $(HDRS) | have-build-deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The sanitizer build: the whole suite runs against it too.
asan: build/asan/vnetctl
build/asan/vnetctl: $(ASAN_OBJS)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ $(ASAN_OBJS) $(LDLIBS)
build/asan/obj/%.o: %.c $(HDRS) | have-build-deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DVNETCTL_CHECKS $(ALL_CFLAGS) -O1 $(SANITIZE) -c -o $@ $<

# The other compiler must build it warning-free too.
clang: build/clang/vnetctl
build/clang/vnetctl: $(SRCS) $(HDRS) | have-build-deps
	@mkdir -p $(dir $@)
	clang $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $(SRCS) $(LDLIBS)

# The unit tier (tests/unit/): the normal build's objects with libmnl's
# socket calls answered from a script (fuzz/fakemnl.c) and the calls that
# leave netlink refused (tests/unit/fakeenv.c): argument tables, dry run,
# the printers over recorded replies and topology files, without root or a
# network, in seconds.  `make check` runs it first.
UNIT_OBJS := $(OBJS) build/unit/obj/fuzz/fakemnl.o build/unit/obj/tests/unit/fakeenv.o
build/unit/vnetctl: $(UNIT_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
build/unit/obj/%.o: %.c $(HDRS) fuzz/fake.h | have-build-deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<
.PHONY: unit
unit: build/unit/vnetctl
	tests/unit/run build/unit/vnetctl

# libFuzzer targets (fuzz/): the core and the modules without main.c, and a
# fake of libmnl's socket calls (fuzz/fakemnl.c) that only these link.
# `make fuzz` runs each for FUZZ_SECONDS; `make fuzz-check` runs every input
# of the checked-in corpus, then fuzzes each target 20 s: any report fails.
FUZZ_TARGETS := cmdline replies outjson topo
FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_OBJS := $(filter-out %/main.o,$(SRCS:%.c=build/fuzz/obj/%.o)) \
	build/fuzz/obj/fuzz/fakemnl.o build/fuzz/obj/fuzz/harness.o
FUZZ_BINS := $(FUZZ_TARGETS:%=build/fuzz/%)
FUZZ_RUN = for t in $(FUZZ_TARGETS); do mkdir -p build/fuzz/found/$$t; \
	build/fuzz/$$t -max_total_time=$(1) -timeout=10 -print_final_stats=1 \
		-artifact_prefix=build/fuzz/$$t- build/fuzz/found/$$t fuzz/corpus/$$t || exit 1; done
.PHONY: fuzz fuzz-check
fuzz: $(FUZZ_BINS)
	$(call FUZZ_RUN,$(FUZZ_SECONDS))
fuzz-check: $(FUZZ_BINS)
	$(call FUZZ_RUN,20)
$(FUZZ_BINS): build/fuzz/%: build/fuzz/obj/fuzz/%.o $(FUZZ_OBJS)
	clang $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ $(LDLIBS)
# The recorder fuzz/capture preloads into the real vnetctl to seed the corpus.
build/fuzz/capture.so: fuzz/capture.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -shared -fPIC -o $@ $< -ldl $(LDLIBS)
build/fuzz/obj/%.o: %.c $(HDRS) fuzz/fake.h | have-build-deps
	@mkdir -p $(dir $@)
	clang $(CPPFLAGS) $(ALL_CFLAGS) -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

deps:
	@scripts/install-deps check

# vnetctl against ip -batch, ip per command and pyroute2 (bench/run): every
# workload in a throwaway namespace, median of BENCH_RUNS (5) runs, written to
# bench/results.md.  Several minutes, and never part of make check: these
# machines are shared and noisy.  bench-smoke runs every workload of every
# peer at tiny sizes once and checks what each left (a stage of make check,
# about 15 s), so the bench cannot rot; it judges behaviour, never timing.
bench: all
	@scripts/install-deps bench
	bench/run build/vnetctl
bench-smoke: all
	@scripts/install-deps bench
	@bench/run --smoke build/vnetctl

man-check: $(MANS)
	@for m in $(MANS); do \
		out=$$(groff -ww -z -man $$m 2>&1); \
		if [ -n "$$out" ]; then echo "$$m:"; echo "$$out"; exit 1; fi; \
	done; echo "man pages: $(words $(MANS)) clean under groff -ww"

# Everything from a fresh Debian 12 machine: deps, both builds, the suite on
# both here, then in VMs (tests/check runs vm-check as its last stage).
check: deps
	$(MAKE) --no-print-directory all asan clang build/unit/vnetctl man-check install-check analyse
	tests/check

# The formatter (clang-format-14, the version Debian 12 ships: no file may
# differ from .clang-format), the analyser (cppcheck: warnings and
# portability, none allowed) and calls
# between files that go one way (scripts/check-calls, from nm of the
# objects: no circle but those scripts/known-circles lists, which only
# shrinks).
.PHONY: analyse
analyse: all
	@scripts/check-calls build/obj
	@out=$$(clang-format-14 --dry-run $(SRCS) $(HDRS) $(wildcard fuzz/*.c fuzz/*.h tests/unit/*.c) 2>&1); \
		if [ -n "$$out" ]; then echo "$$out" | grep warning | head -20; \
		echo "clang-format-14: the files above differ from .clang-format (clang-format-14 -i FILE)"; exit 1; fi; \
		echo "clang-format-14: every C file as .clang-format says"
	@cppcheck -j2 --quiet --error-exitcode=1 --enable=warning,portability --std=c11 \
		-D_GNU_SOURCE $(addprefix -I,$(SRCDIRS)) --suppress=missingIncludeSystem \
		--inline-suppr $(LAYERS) && echo "cppcheck: no finding in $(words $(SRCS)) files"

# The suite inside qemu VMs that boot Debian's generic kernel, which has every
# link kind this machine's kernel may lack (tests/vm/run).
# The README on a minimal Debian 12 made with debootstrap: make's one-line
# message, ./demo to the lab's ping, the .deb installed (tests/fresh/run).
fresh-check: deps
	tests/fresh/run

# The suite under valgrind (tests/valgrind/run): errors and definite or
# indirect leaks fail.  The whole suite takes long; make check runs the
# files that cover every object and verb (tests/check).
check-valgrind: deps
	$(MAKE) --no-print-directory all
	tests/valgrind/run

vm-check: deps
	$(MAKE) --no-print-directory all
	tests/vm/run build/vnetctl

test: all
	tests/run build/vnetctl

# The demonstration needs only what builds and runs vnetctl; the test and VM
# packages come with `make check`.
demo:
	@scripts/install-deps demo
	@echo "make: building build/vnetctl"
	@$(MAKE) -s --no-print-directory all
	examples/lab
	examples/tour

# vnetctl under iproute2's names (vnetctl(8), "UNDER IP'S NAME"): links
# named ip and bridge in a directory of their own, which whoever wants
# vnetctl in ip's place puts first on PATH; /usr/sbin/ip is left alone.
# install-check checks these are every program vnetctl can be.
IPNAMES_DIR = $(PREFIX)/lib/vnetctl/ip
IPNAMES = ip bridge

INSTALLED = $(PREFIX)/sbin/vnetctl $(addprefix $(PREFIX)/share/man/man8/,$(notdir $(MANS))) \
	$(BASHCOMPDIR)/vnetctl $(ZSHCOMPDIR)/_vnetctl $(FISHCOMPDIR)/vnetctl.fish \
	$(addprefix $(IPNAMES_DIR)/,$(IPNAMES))

install: all
	install -D -m 755 build/vnetctl $(DESTDIR)$(PREFIX)/sbin/vnetctl
	install -d $(DESTDIR)$(PREFIX)/share/man/man8
	install -m 644 $(MANS) $(DESTDIR)$(PREFIX)/share/man/man8/
	install -D -m 644 completions/vnetctl.bash $(DESTDIR)$(BASHCOMPDIR)/vnetctl
	install -D -m 644 completions/_vnetctl $(DESTDIR)$(ZSHCOMPDIR)/_vnetctl
	install -D -m 644 completions/vnetctl.fish $(DESTDIR)$(FISHCOMPDIR)/vnetctl.fish
	install -d $(DESTDIR)$(IPNAMES_DIR)
	for n in $(IPNAMES); do ln -sfn ../../../sbin/vnetctl $(DESTDIR)$(IPNAMES_DIR)/$$n; done

# Removes exactly what install put there (same PREFIX, DESTDIR and *COMPDIR).
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	rmdir $(DESTDIR)$(IPNAMES_DIR) $(DESTDIR)$(dir $(IPNAMES_DIR)) 2>/dev/null || true

# Where each shell looks for completions: bash-completion's and fish's own
# answer when they are installed under the same PREFIX, else their usual
# places under PREFIX.
pc_dir = $(shell d=$$($(PKG_CONFIG) --variable=completionsdir $(1) 2>/dev/null); \
	case "$$d" in ("$(PREFIX)"/*) echo "$$d";; esac)
BASHCOMPDIR ?= $(or $(call pc_dir,bash-completion),$(PREFIX)/share/bash-completion/completions)
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(or $(call pc_dir,fish),$(PREFIX)/share/fish/vendor_completions.d)

# install into a scratch root and check that every file landed
install-check: all
	rm -rf build/stage
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/build/stage PREFIX=/usr/local >/dev/null
	test -x build/stage/usr/local/sbin/vnetctl
	for m in $(MANS); do test -f build/stage/usr/local/share/man/man8/$$(basename $$m); done
	test -f build/stage$(BASHCOMPDIR)/vnetctl
	test -f build/stage$(ZSHCOMPDIR)/_vnetctl
	test -f build/stage$(FISHCOMPDIR)/vnetctl.fish
	for n in $$(build/vnetctl __dump | awk '$$1 == "program" { print $$2 }'); do \
		test -L build/stage/usr/local/lib/vnetctl/ip/$$n && \
		build/stage/usr/local/lib/vnetctl/ip/$$n -V | grep -q "^$$n utility, vnetctl" || \
		{ echo "install: no working $$n in lib/vnetctl/ip"; exit 1; }; done
	$(MAKE) --no-print-directory uninstall DESTDIR=$(CURDIR)/build/stage PREFIX=/usr/local >/dev/null
	test -z "$$(find build/stage -type f -o -type l)"
	test ! -e build/stage/usr/local/lib/vnetctl
	@echo "install: binary, $(words $(MANS)) man pages, 3 completion files and the $(IPNAMES) links in place; uninstall removes them all"

# The Debian package, built out of tree in build/deb/ (scripts/build-deb).
deb:
	@scripts/build-deb

clean:
	rm -rf build
