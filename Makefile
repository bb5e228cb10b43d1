# newsgraph — plain Makefile. Respects CC, CFLAGS, LDFLAGS, PREFIX, DESTDIR.
CC      ?= cc
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
ifeq ($(strip $(BUILD)),)
$(error BUILD must not be empty)
endif
PKGS    := libutf8proc igraph sqlite3 jansson yajl zlib libxxhash libmicrohttpd
# what the newsgraph program links (no igraph, no HTTP server); the library
# (libnewsgraph) and newsgraph-graph link LIB_PKGS (no HTTP server),
# newsgraph-serve all of PKGS: see tools/cli/newsgraph.c
TAGGER_PKGS := libutf8proc sqlite3 jansson yajl zlib libxxhash
LIB_PKGS := $(filter-out libmicrohttpd,$(PKGS))
DEB_PKGS := build-essential pkg-config libutf8proc-dev libigraph-dev libsqlite3-dev \
            libjansson-dev libyajl-dev zlib1g-dev libxxhash-dev iso-codes sqlite3 libxml2-utils python3 python3-dev python3-networkx \
            valgrind clang libclang-rt-14-dev libxml2-dev \
            libmicrohttpd-dev curl python3-pip python3-setuptools python3-wheel

CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Itagger -Igraph \
             -DNG_DATADIR='"$(PREFIX)/share/newsgraph"' -DNG_LIBEXECDIR='"$(PREFIX)/libexec/newsgraph"'
LIBS    = $(PKG_LIBS) -lpthread -lm
TAGGER_LIBS = $(shell pkg-config --libs $(TAGGER_PKGS) 2>/dev/null) -lpthread -lm
LIB_LIBS    = $(shell pkg-config --libs $(LIB_PKGS) 2>/dev/null) -lpthread -lm

TAGGER_SRC := $(sort $(wildcard tagger/*.c))
GRAPH_SRC  := $(sort $(wildcard graph/*.c))
# tools/cli: the newsgraph program; tools/import: the importer library
# (libngimport.a) that the CLI and the fuzzers link.
TOOLS_SRC  := $(sort $(wildcard tools/cli/*.c))
IMPORT_SRC := $(sort $(wildcard tools/import/*.c))
LIB_OBJ    := $(TAGGER_SRC:%.c=$(BUILD)/%.o) $(GRAPH_SRC:%.c=$(BUILD)/%.o)
TOOLS_OBJ  := $(TOOLS_SRC:%.c=$(BUILD)/%.o)
IMPORT_OBJ := $(IMPORT_SRC:%.c=$(BUILD)/%.o)
IMPORT_LIB := $(BUILD)/libngimport.a
# newsgraph serve (tools/serve): its sources and its assets as C arrays
SERVE_SRC  := $(sort $(wildcard tools/serve/*.c))
SERVE_ASSETS := $(sort $(wildcard tools/serve/assets/*))
TOOLS_OBJ  += $(SERVE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/tools/serve/assets.o
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
DICT_TSV   := $(sort $(wildcard dictionaries/*.tsv))

.PHONY: all check check-corpus unit cli demo install uninstall clean bench bench-quick deps dictionaries asan valgrind fuzz
all: $(BUILD)/newsgraph $(BUILD)/newsgraph-graph $(BUILD)/newsgraph-serve $(BUILD)/shipped.ngd $(BUILD)/names.ngn lib

$(BUILD)/%.o: %.c $(wildcard tagger/*.h graph/*.h tools/*/*.h) | deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tools/serve/assets.c: tools/serve/gen_assets.sh $(SERVE_ASSETS)
	@mkdir -p $(dir $@)
	sh tools/serve/gen_assets.sh $@ $(SERVE_ASSETS)
$(BUILD)/tools/serve/assets.o: $(BUILD)/tools/serve/assets.c tools/serve/serve.h | deps-ok
	$(CC) $(ALL_CFLAGS) -Itools/serve -c $< -o $@
$(SERVE_SRC:%.c=$(BUILD)/%.o): ALL_CFLAGS += -Itools/cli

$(BUILD)/libnewsgraph.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

# ## The installed C library (issue 14): libnewsgraph.so.MAJOR.MINOR.PATCH
# (SONAME libnewsgraph.so.MAJOR) exporting only what PUBLIC_HEADERS declare
# (a version script generated from them by tools/libsyms.sh), the static
# library, the headers under include/newsgraph/ and newsgraph.pc.
PUBLIC_HEADERS := tagger/base.h tagger/tagger.h tagger/version.h tagger/bind.h graph/graph.h graph/graph_json.h graph/newsgraph.h
NG_VER_MAJOR := $(shell sed -n 's/^\#define NG_VERSION_MAJOR \([0-9]*\).*/\1/p' tagger/version.h)
NG_VER_MINOR := $(shell sed -n 's/^\#define NG_VERSION_MINOR \([0-9]*\).*/\1/p' tagger/version.h)
NG_VER_PATCH := $(shell sed -n 's/^\#define NG_VERSION_PATCH \([0-9]*\).*/\1/p' tagger/version.h)
NG_VER     := $(NG_VER_MAJOR).$(NG_VER_MINOR).$(NG_VER_PATCH)
SONAME     := libnewsgraph.so.$(NG_VER_MAJOR)
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
$(LIB_OBJ): ALL_CFLAGS += -fPIC -fno-semantic-interposition

.PHONY: lib python
lib: $(BUILD)/libnewsgraph.so $(BUILD)/libnewsgraph.a

$(BUILD)/libnewsgraph.map: $(PUBLIC_HEADERS) tools/libsyms.sh
	@mkdir -p $(dir $@)
	sh tools/libsyms.sh $(PUBLIC_HEADERS) > $@.tmp && mv $@.tmp $@

$(BUILD)/libnewsgraph.so.$(NG_VER): $(LIB_OBJ) $(BUILD)/libnewsgraph.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=$(BUILD)/libnewsgraph.map $(LDFLAGS) \
	      -o $@ $(LIB_OBJ) $(LIB_LIBS)

$(BUILD)/libnewsgraph.so: $(BUILD)/libnewsgraph.so.$(NG_VER)
	ln -sf libnewsgraph.so.$(NG_VER) $(BUILD)/$(SONAME) && ln -sf libnewsgraph.so.$(NG_VER) $@

$(BUILD)/newsgraph.pc: Makefile
	@mkdir -p $(dir $@)
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' \
	  'datadir=$${prefix}/share/newsgraph' 'shipped=$${datadir}/shipped.ngd' '' \
	  'Name: newsgraph' 'Description: dictionary-driven named-entity tagger and co-occurrence knowledge graph' \
	  'Version: $(NG_VER)' 'Requires: jansson' 'Requires.private: $(filter-out jansson,$(LIB_PKGS))' \
	  'Libs: -L$${libdir} -lnewsgraph' 'Libs.private: -lpthread -lm' 'Cflags: -I$${includedir}' > $@

# The Python module (tools/python) staged with the library and the shipped
# data in $(BUILD)/python: PYTHONPATH=$(BUILD)/python python3 -c 'import newsgraph'.
# Install it with: python3 -m pip install --no-build-isolation tools/python
python: lib $(BUILD)/shipped.ngd $(BUILD)/names.ngn
	sh tools/python/stage.sh $(BUILD) $(BUILD)/python

$(TOOLS_OBJ): ALL_CFLAGS += -Itools/import

$(IMPORT_LIB): $(IMPORT_OBJ)
	rm -f $@ && ar rcs $@ $^

# The three programs of tools/cli/newsgraph.c, each linked with only what
# its commands need (a command's code in the wrong one fails the link):
# newsgraph (TAGGER_LIBS), newsgraph-graph (+ the graph queries and export:
# LIB_LIBS, igraph), newsgraph-serve (+ serve: LIBS, libmicrohttpd).
SERVE_OBJ     := $(SERVE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/tools/serve/assets.o
GRAPH_CMD_OBJ := $(BUILD)/tools/cli/cmd_query.o $(BUILD)/tools/cli/cmd_export.o
CLI_OBJ       := $(filter-out $(BUILD)/tools/cli/newsgraph.o $(SERVE_OBJ) $(GRAPH_CMD_OBJ),$(TOOLS_OBJ))
$(BUILD)/tools/cli/newsgraph-tagger.o $(BUILD)/tools/cli/newsgraph-graph.o: tools/cli/newsgraph.c $(wildcard tagger/*.h graph/*.h tools/*/*.h) | deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itools/import $(if $(findstring tagger,$@),-DNG_CLI_TAGGER,-DNG_CLI_GRAPH) -MMD -MP -c $< -o $@
$(BUILD)/newsgraph: $(CLI_OBJ) $(BUILD)/tools/cli/newsgraph-tagger.o $(IMPORT_LIB) $(BUILD)/libnewsgraph.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) $(IMPORT_LIB) $(BUILD)/libnewsgraph.a $(TAGGER_LIBS)
$(BUILD)/newsgraph-graph: $(CLI_OBJ) $(GRAPH_CMD_OBJ) $(BUILD)/tools/cli/newsgraph-graph.o $(IMPORT_LIB) $(BUILD)/libnewsgraph.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) $(IMPORT_LIB) $(BUILD)/libnewsgraph.a $(LIB_LIBS)
$(BUILD)/newsgraph-serve: $(TOOLS_OBJ) $(IMPORT_LIB) $(BUILD)/libnewsgraph.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(TOOLS_OBJ) $(IMPORT_LIB) $(BUILD)/libnewsgraph.a $(LIBS)

$(BUILD)/shipped.ngd: $(BUILD)/newsgraph $(DICT_TSV)
	$(BUILD)/newsgraph dict compile --no-shipped $(DICT_TSV) -o $@

# the shipped given-name lists, compiled (a start reads them, not inflects them)
NAMES_TXT := $(wildcard dictionaries/names/given*.txt)
$(BUILD)/names.ngn: $(BUILD)/newsgraph $(NAMES_TXT)
	$(BUILD)/newsgraph dict compile-names dictionaries/names -o $@

# Regenerates the committed dictionaries that importers build from system
# data (Debian's iso-codes package).
dictionaries: $(BUILD)/newsgraph
	$(BUILD)/newsgraph dict import --from iso-codes --no-progress -o dictionaries/places-iso.tsv

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(BUILD)/libnewsgraph.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -MMD -MP -MF $@.d $(LDFLAGS) -o $@ $< $(BUILD)/libnewsgraph.a $(LIB_LIBS)

# Fail early, with the apt-get line, when a library is missing.
.PHONY: deps-ok
deps-ok:
	@pkg-config --exists $(PKGS) || { echo "newsgraph: missing libraries; run as root: apt-get install -y $(DEB_PKGS)" >&2; exit 2; }

deps:
	@sh tools/deps.sh $(DEB_PKGS)

check: all $(UNIT_BIN)
	@command -v chromium >/dev/null || echo "newsgraph: chromium is not installed: the browser test of 'newsgraph serve' (tests/cli/serve_browser.sh) is skipped (apt-get install chromium chromium-driver python3-selenium)"
	@sh tests/run.sh $(BUILD)

# Invariants on the real news texts of the shared evaluation data (not part
# of 'make check', which needs nothing outside the repository).
# A second binary, built with NG_CHECK_RULE_GATE in $(BUILD)/gatecheck, runs
# the name rules at every capitalised word and stops where the gate that
# skips words no rule can start at (tagger/names_rules.c, no_rule_starts)
# would have skipped one that starts something.
SHARED ?= ../shared
check-corpus: all
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/gatecheck CFLAGS="$(CFLAGS) -DNG_CHECK_RULE_GATE" \
	        $(BUILD)/gatecheck/newsgraph $(BUILD)/gatecheck/shipped.ngd $(BUILD)/gatecheck/names.ngn > /dev/null
	@NG_GATECHECK=$(BUILD)/gatecheck/newsgraph sh tests/corpus/run.sh $(BUILD) $(SHARED)/eval

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh $(BUILD)

# Benchmarks (not part of make check): Hyperscan's figures come from a small
# harness against libhyperscan-dev (tools/bench/hsbench.c).
bench: all python $(BUILD)/hsbench serve-load
	@sh tools/bench/run.sh $(BUILD)

bench-quick: all $(BUILD)/hsbench
	@sh tools/bench/run.sh $(BUILD) quick

$(BUILD)/hsbench: tools/bench/hsbench.c
	@pkg-config --exists libhs || { echo "newsgraph: the benchmark needs Hyperscan; run as root: apt-get install -y libhyperscan-dev" >&2; exit 2; }
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(shell pkg-config --cflags libhs 2>/dev/null) $(LDFLAGS) -o $@ $< $(shell pkg-config --libs libhs 2>/dev/null)

# The load client of the serve benchmark (libcurl, libcurl4-openssl-dev);
# without it the benchmark falls back to its Python client.
.PHONY: serve-load
serve-load:
	@if pkg-config --exists libcurl jansson; then \
	  $(MAKE) --no-print-directory $(BUILD)/serve_load; \
	else echo "newsgraph: libcurl4-openssl-dev is not installed: the serve load test uses its Python client"; fi

$(BUILD)/serve_load: tools/bench/serve_load.c
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(shell pkg-config --cflags libcurl jansson 2>/dev/null) $(LDFLAGS) -o $@ $< $(shell pkg-config --libs libcurl jansson 2>/dev/null)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/newsgraph/dictionaries \
	        $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/newsgraph $(DESTDIR)$(PREFIX)/bin/newsgraph
	install -d $(DESTDIR)$(PREFIX)/libexec/newsgraph
	install -m 755 $(BUILD)/newsgraph-graph $(BUILD)/newsgraph-serve $(DESTDIR)$(PREFIX)/libexec/newsgraph/
	install -m 644 $(BUILD)/shipped.ngd $(BUILD)/names.ngn $(DESTDIR)$(PREFIX)/share/newsgraph/
	install -m 644 $(DICT_TSV) dictionaries/README.md $(DESTDIR)$(PREFIX)/share/newsgraph/dictionaries/
	install -d $(DESTDIR)$(PREFIX)/share/newsgraph/dictionaries/names
	install -m 644 $(NAMES_TXT) $(DESTDIR)$(PREFIX)/share/newsgraph/dictionaries/names/
	install -m 644 tools/cli/newsgraph.1 $(DESTDIR)$(PREFIX)/share/man/man1/newsgraph.1
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	install -m 644 tools/cli/completion/newsgraph.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/newsgraph
	install -m 644 tools/cli/completion/_newsgraph $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_newsgraph
	$(MAKE) --no-print-directory -B $(BUILD)/newsgraph.pc BUILD=$(BUILD) PREFIX=$(PREFIX)
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/newsgraph
	install -m 755 $(BUILD)/libnewsgraph.so.$(NG_VER) $(DESTDIR)$(LIBDIR)/
	ln -sf libnewsgraph.so.$(NG_VER) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf libnewsgraph.so.$(NG_VER) $(DESTDIR)$(LIBDIR)/libnewsgraph.so
	install -m 644 $(BUILD)/libnewsgraph.a $(DESTDIR)$(LIBDIR)/
	install -m 644 $(PUBLIC_HEADERS) $(DESTDIR)$(INCLUDEDIR)/newsgraph/
	install -m 644 $(BUILD)/newsgraph.pc $(DESTDIR)$(LIBDIR)/pkgconfig/

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/newsgraph $(DESTDIR)$(PREFIX)/libexec/newsgraph $(DESTDIR)$(PREFIX)/share/newsgraph \
	       $(DESTDIR)$(PREFIX)/share/man/man1/newsgraph.1 $(DESTDIR)$(INCLUDEDIR)/newsgraph \
	       $(DESTDIR)$(PREFIX)/share/bash-completion/completions/newsgraph \
	       $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_newsgraph \
	       $(DESTDIR)$(LIBDIR)/libnewsgraph.* $(DESTDIR)$(LIBDIR)/pkgconfig/newsgraph.pc

clean:
	rm -rf $(BUILD)

# ## Hardening (issue 6): sanitizers, valgrind, fuzzing. Each builds into its
# own directory; CC=clang gives *-clang directories. Reports from sanitizers
# and valgrind go to $(dir)/reports; tests/run.sh fails a test that leaves one.
SAN_FLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all
CCNAME      = $(if $(findstring clang,$(CC)),-clang)
ASAN_BUILD ?= build-asan$(CCNAME)
VG_BUILD   ?= build-vg$(CCNAME)
FUZZ_BUILD ?= build-fuzz
FUZZ_CC    ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
SAN_ENV     = ASAN_OPTIONS=detect_leaks=1:exitcode=86:log_path=$(abspath $(ASAN_BUILD))/reports/asan:detect_stack_use_after_return=1:check_initialization_order=1 \
              UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87:log_path=$(abspath $(ASAN_BUILD))/reports/ubsan \
              LSAN_OPTIONS=exitcode=88 NG_REPORTS=$(abspath $(ASAN_BUILD))/reports
# (each test's reports in its own folder, NG_REPORTS as tests/run.sh sets it
# for the test: checked after it, and writable by a test that runs the
# binary as another user)
VALGRIND_CMD = valgrind -q --trace-children=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
               --show-leak-kinds=definite --num-callers=30 --log-file=%q{NG_REPORTS}/vg.%p

.PHONY: tests-bin
# The binary, the shipped image and the unit-test programs, without running them.
tests-bin: all $(UNIT_BIN)

# (with NG_CHECK_RULE_GATE: the gate of the name rules checked on every test)
asan:
	$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) CFLAGS="-O1 -g -fno-omit-frame-pointer $(SAN_FLAGS) -DNG_CHECK_RULE_GATE" \
	        LDFLAGS="$(SAN_FLAGS)" tests-bin
	rm -rf $(ASAN_BUILD)/reports && mkdir -p $(ASAN_BUILD)/reports
	$(SAN_ENV) NG_SANITIZER=asan CC="$(CC)" CFLAGS="-O1 -g -fno-omit-frame-pointer $(SAN_FLAGS) -DNG_CHECK_RULE_GATE" \
	        LDFLAGS="$(SAN_FLAGS)" sh tests/run.sh $(ASAN_BUILD)

valgrind:
	$(MAKE) --no-print-directory BUILD=$(VG_BUILD) CFLAGS="-O1 -g" tests-bin
	rm -rf $(VG_BUILD)/reports && mkdir -p $(VG_BUILD)/reports
	VALGRIND="$(VALGRIND_CMD)" CC="$(CC)" CFLAGS="-O1 -g" NG_REPORTS=$(abspath $(VG_BUILD))/reports sh tests/run.sh $(VG_BUILD)

# libFuzzer targets (clang only): builds tests/fuzz/fuzz_*.c into $(FUZZ_BUILD)
# and runs each for FUZZ_SECONDS on a copy of its committed seed corpus.
fuzz:
	$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
	        CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -DNG_CHECK_RULE_GATE" \
	        fuzz-bin
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_TARGETS)

FUZZ_BIN  := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
.PHONY: fuzz-bin
fuzz-bin: $(FUZZ_BIN)
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(BUILD)/libnewsgraph.a $(IMPORT_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itools/import -Itests/fuzz -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	      -o $@ $< $(IMPORT_LIB) $(BUILD)/libnewsgraph.a $(LIBS) $(FUZZ_LIBS)
FUZZ_LIBS = $(shell pkg-config --libs libxml-2.0 2>/dev/null)

-include $(LIB_OBJ:.o=.d) $(TOOLS_OBJ:.o=.d) $(IMPORT_OBJ:.o=.d) $(UNIT_BIN:=.d) $(BUILD)/tools/cli/newsgraph-tagger.d $(BUILD)/tools/cli/newsgraph-graph.d
