# vnetctl — see README.md.  `make` builds build/vnetctl.
PREFIX ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0

CC ?= cc
PKGS := libmnl jansson
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
CPPFLAGS += -D_GNU_SOURCE -DVNETCTL_VERSION='"$(VERSION)"' -Ivnetctl
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(shell pkg-config --cflags $(PKGS))
LDLIBS += $(shell pkg-config --libs $(PKGS))
# readline's own cflags would pin _XOPEN_SOURCE; its headers need none
LDLIBS += $(shell pkg-config --libs readline)

SRCS := $(sort $(wildcard vnetctl/*.c) $(wildcard modules/*.c))
HDRS := $(wildcard vnetctl/*.h modules/*.h)
OBJS := $(SRCS:%.c=build/obj/%.o)
ASAN_OBJS := $(SRCS:%.c=build/asan/obj/%.o)
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
MANS := $(wildcard man/*.8)

.PHONY: all deps asan clang check test demo install install-check clean man-check vm-check

all: build/vnetctl

build/vnetctl: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

build/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The sanitizer build: the whole suite runs against it too.
asan: build/asan/vnetctl
build/asan/vnetctl: $(ASAN_OBJS)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ $(ASAN_OBJS) $(LDLIBS)
build/asan/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -O1 $(SANITIZE) -c -o $@ $<

# The other compiler must build it warning-free too.
clang: build/clang/vnetctl
build/clang/vnetctl: $(SRCS) $(HDRS)
	@mkdir -p $(dir $@)
	clang $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $(SRCS) $(LDLIBS)

deps:
	@scripts/install-deps

man-check:
	@for m in $(MANS); do \
		out=$$(groff -ww -z -man $$m 2>&1); \
		if [ -n "$$out" ]; then echo "$$m:"; echo "$$out"; exit 1; fi; \
	done; echo "man pages: $(words $(MANS)) clean under groff -ww"

# Everything from a fresh Debian 12 machine: deps, both builds, the suite on
# both here, then in VMs (tests/check runs vm-check as its last stage).
check: deps
	$(MAKE) --no-print-directory all asan clang man-check install-check
	tests/check

# The suite inside qemu VMs that boot Debian's cloud kernel, which has every
# link kind this machine's kernel may lack (tests/vm/run).
vm-check: deps
	$(MAKE) --no-print-directory all
	tests/vm/run build/vnetctl

test: all
	tests/run build/vnetctl

demo: deps
	$(MAKE) --no-print-directory all
	examples/lab
	examples/tour

install: all
	install -D -m 755 build/vnetctl $(DESTDIR)$(PREFIX)/sbin/vnetctl
	install -d $(DESTDIR)$(PREFIX)/share/man/man8
	install -m 644 $(MANS) $(DESTDIR)$(PREFIX)/share/man/man8/
	install -D -m 644 completions/vnetctl.bash $(DESTDIR)$(BASHCOMPDIR)/vnetctl
	install -D -m 644 completions/_vnetctl $(DESTDIR)$(ZSHCOMPDIR)/_vnetctl
	install -D -m 644 completions/vnetctl.fish $(DESTDIR)$(FISHCOMPDIR)/vnetctl.fish

# Where each shell looks for completions: bash-completion's and fish's own
# answer when they are installed, else their usual places.
BASHCOMPDIR ?= $(or $(shell pkg-config --variable=completionsdir bash-completion 2>/dev/null),/usr/share/bash-completion/completions)
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(or $(shell pkg-config --variable=completionsdir fish 2>/dev/null),$(PREFIX)/share/fish/vendor_completions.d)

# install into a scratch root and check that every file landed
install-check: all
	rm -rf build/stage
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/build/stage PREFIX=/usr/local >/dev/null
	test -x build/stage/usr/local/sbin/vnetctl
	for m in $(MANS); do test -f build/stage/usr/local/share/man/man8/$$(basename $$m); done
	test -f build/stage$(BASHCOMPDIR)/vnetctl
	test -f build/stage$(ZSHCOMPDIR)/_vnetctl
	test -f build/stage$(FISHCOMPDIR)/vnetctl.fish
	@echo "install: binary, $(words $(MANS)) man pages and 3 completion files in place"

clean:
	rm -rf build
