# cozypkg — `make` builds build/cozypkg; `make check` runs every test;
# `make SANITIZE=1 check` the same under ASan+UBSan (in build-san/);
# `make fuzz` runs the fuzz targets for FUZZ_SECONDS each; `make install`.
# Quiet on success: V=1 shows the commands.

PREFIX ?= /usr/local
CC ?= cc
PKGS := yaml-0.1 libcurl openssl zlib libarchive libpcre2-8 libxcrypt
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

ifeq ($(SANITIZE),1)
BUILD ?= build-san
OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD ?= build
OPT := -O2 -g
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
TEST_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

CFLAGS := -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers \
	-Wshadow -Wstrict-prototypes -Wvla $(OPT) -Isrc $(PKG_CFLAGS) \
	-DCOZYPKG_VERSION='"$(VERSION)"' -DCOZYPKG_COMMIT='"$(COMMIT)"' $(EXTRA_CFLAGS)
# Start-up is most of a small `show --plain` (docs/performance.md): the
# libraries every run touches are linked from their static archives (only
# the members used come in, none exported to shared libraries), no PIE
# relocations.  libcurl (30 more shared libraries) is dlopen'ed on first use
# by src/kube/curl_lazy.c.
LDFLAGS := $(OPT) -no-pie -Wl,-O1 -Wl,--as-needed -Wl,--hash-style=gnu $(EXTRA_LDFLAGS)
STATIC_ARCHIVES := -lyaml -larchive -lcrypto -lpcre2-8 -lcrypt -lz
STATIC_LIBS := -Wl,--exclude-libs,ALL -Wl,-Bstatic $(STATIC_ARCHIVES) -Wl,-Bdynamic
LIBS := $(STATIC_LIBS) -lm

# Two programs from the same objects (src/kube/handoff.h): $(BUILD)/cozypkg
# fully static without an HTTP client (no dynamic loader at all: ~1 ms less
# per run), and $(BUILD)/cozypkg-net, the full program it runs for any
# command that talks to a cluster.  STATIC=0, and every sanitizer build,
# make $(BUILD)/cozypkg the full program alone.
ifeq ($(SANITIZE),1)
STATIC := 0
endif
STATIC ?= 1
ifeq ($(STATIC),1)
PROGRAMS := $(BUILD)/cozypkg $(BUILD)/cozypkg-net
FULL := $(BUILD)/cozypkg-net
else
PROGRAMS := $(BUILD)/cozypkg
FULL := $(BUILD)/cozypkg
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRC := $(filter-out src/main.c src/offline/%,$(shell find src -name '*.c' | sort))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
SUPPORT_SRC := $(sort $(wildcard tests/support/*.c))
SUPPORT_OBJ := $(SUPPORT_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(shell find tests/unit -name 'test_*.c' 2>/dev/null | sort)
TEST_BIN := $(TEST_SRC:%.c=$(BUILD)/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 30

.PHONY: all check ci check-cluster check-valgrind install clean fuzz check-style vectors
all: $(PROGRAMS)

$(BUILD)/libcozy.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(FULL): $(BUILD)/src/main.o $(BUILD)/libcozy.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# glibc's linker notes that getaddrinfo (Sprig's getHostByName) may load NSS
# modules at run time in a static program: files and dns are built in, the
# ones nsswitch.conf may add come from the same glibc the binary was built
# on.  The note is dropped; anything else the linker says is shown.
ifeq ($(STATIC),1)
# where a copy of build/cozypkg finds cozypkg-net: this build tree, then the
# install directory (after the places next to itself)
$(BUILD)/src/offline/curl_none.o: CFLAGS += \
	-DCOZYPKG_EXEC_DIRS='"$(abspath $(BUILD)):$(PREFIX)/libexec/cozypkg"'
$(BUILD)/cozypkg: $(BUILD)/src/main.o $(BUILD)/src/offline/curl_none.o $(BUILD)/libcozy.a $(FULL)
	$(Q)$(CC) $(OPT) -static $(EXTRA_LDFLAGS) -o $@ $(filter %.o %.a,$^) $(STATIC_ARCHIVES) 2>$@.log \
	  || { cat $@.log; exit 1; }
	$(Q)awk '/in function/ { held = $$0; next } \
	  /in statically linked applications requires at runtime/ { held = ""; next } \
	  { if (held != "") print held; held = ""; print }' $@.log >&2; rm -f $@.log
endif

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(TEST_CFLAGS) -Itests -MMD -MP -c -o $@ $<

$(BUILD)/tests/unit/%: tests/unit/%.c $(SUPPORT_OBJ) $(BUILD)/libcozy.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(TEST_CFLAGS) -Itests -o $@ $< $(SUPPORT_OBJ) $(BUILD)/libcozy.a $(LIBS) $(TEST_LIBS)

# Every unit test binary runs from the repository root (vectors are read by
# relative path); tests/run-unit prints one summary line CI can read.
check: $(BUILD)/cozypkg $(TEST_BIN) check-style
	$(Q)COZYPKG=$(BUILD)/cozypkg tests/run-unit $(TEST_BIN)
	$(Q)COZYPKG=$(BUILD)/cozypkg tests/cli/run
	$(Q)COZYPKG=$(BUILD)/cozypkg tests/parity/run
	$(Q)COZYPKG=$(BUILD)/cozypkg tests/parity/public
	$(Q)COZYPKG=$(BUILD)/cozypkg tests/parity/chartfuzz -s 1 -n 150

# What CI runs (README's test command): the suite and the cluster tests, the
# same under ASan+UBSan, and the unit binaries under valgrind.
ci:
	$(Q)$(MAKE) --no-print-directory check
	$(Q)$(MAKE) --no-print-directory check-cluster
	$(Q)$(MAKE) --no-print-directory SANITIZE=1 check
	$(Q)$(MAKE) --no-print-directory SANITIZE=1 check-cluster
	$(Q)$(MAKE) --no-print-directory check-valgrind

# The commands against the real cluster (tests/cluster: kube-apiserver, etcd
# and Flux built from upstream once, then cached), kubectl as the reference.
check-cluster: $(BUILD)/cozypkg
	$(Q)tests/cluster/build
	$(Q)COZYPKG=$(BUILD)/cozypkg tests/cluster/commands
	$(Q)COZYPKG=$(BUILD)/cozypkg tests/cluster/lookup
	$(Q)tests/cluster/controllers
	$(Q)COZYPKG=$(BUILD)/cozypkg tests/cluster/hooks
	$(Q)COZYPKG=$(BUILD)/cozypkg tests/cluster/wait
	$(Q)COZYPKG=$(BUILD)/cozypkg tests/cluster/livediff

# test_crypto generates RSA/ECDSA keys and bcrypt hashes by the hundred:
# under valgrind that alone takes over half an hour, so it runs under
# ASan+UBSan (make SANITIZE=1 check) only.
VALGRIND_SKIP := $(BUILD)/tests/unit/funcs/test_crypto $(BUILD)/tests/unit/funcs/test_bcrypt
check-valgrind: $(BUILD)/cozypkg $(TEST_BIN)
	$(Q)YFAST_MUTATIONS=5000 RUN_UNIT_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
	  COZYPKG=$(BUILD)/cozypkg tests/run-unit $(filter-out $(VALGRIND_SKIP),$(TEST_BIN))

check-style:
	$(Q)scripts/check-style

vectors:
	$(Q)tests/oracle/regen

fuzz:
	$(Q)mkdir -p $(BUILD)/fuzz
	$(Q)for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
	  clang -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Isrc $(PKG_CFLAGS) \
	    -o $(BUILD)/fuzz/$$n $$f $(LIB_SRC) $(LIBS) || exit 1; \
	  mkdir -p $(BUILD)/fuzz/corpus-$$n; \
	  $(BUILD)/fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    $(BUILD)/fuzz/corpus-$$n tests/fuzz/seeds/$$n 2>$(BUILD)/fuzz/$$n.log \
	    || { tail -40 $(BUILD)/fuzz/$$n.log; exit 1; }; \
	  tail -1 $(BUILD)/fuzz/$$n.log; done

install: $(PROGRAMS)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BUILD)/cozypkg $(DESTDIR)$(PREFIX)/bin/cozypkg
ifeq ($(STATIC),1)
	install -d $(DESTDIR)$(PREFIX)/libexec/cozypkg
	install -m 0755 $(BUILD)/cozypkg-net $(DESTDIR)$(PREFIX)/libexec/cozypkg/cozypkg-net
endif

clean:
	rm -rf build build-san

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
