# newsgraph — plain Makefile. Respects CC, CFLAGS, LDFLAGS, PREFIX, DESTDIR.
CC      ?= cc
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
PKGS    := libutf8proc igraph sqlite3 jansson zlib libxxhash
DEB_PKGS := build-essential pkg-config libutf8proc-dev libigraph-dev libsqlite3-dev \
            libjansson-dev zlib1g-dev libxxhash-dev iso-codes sqlite3 libxml2-utils python3 python3-networkx

CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Wno-unused-parameter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Itagger -Igraph \
             -DNG_DATADIR='"$(PREFIX)/share/newsgraph"'
LIBS    = $(PKG_LIBS) -lpthread -lm

TAGGER_SRC := $(sort $(wildcard tagger/*.c))
GRAPH_SRC  := $(sort $(wildcard graph/*.c))
TOOLS_SRC  := $(sort $(wildcard tools/*.c))
LIB_OBJ    := $(TAGGER_SRC:%.c=$(BUILD)/%.o) $(GRAPH_SRC:%.c=$(BUILD)/%.o)
TOOLS_OBJ  := $(TOOLS_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
DICT_TSV   := $(sort $(wildcard dictionaries/*.tsv))

.PHONY: all check unit cli demo install uninstall clean bench deps dictionaries asan valgrind fuzz
all: $(BUILD)/newsgraph $(BUILD)/shipped.ngd

$(BUILD)/%.o: %.c $(wildcard tagger/*.h graph/*.h tools/*.h) | deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -c $< -o $@

$(BUILD)/libnewsgraph.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/newsgraph: $(TOOLS_OBJ) $(BUILD)/libnewsgraph.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(TOOLS_OBJ) $(BUILD)/libnewsgraph.a $(LIBS)

$(BUILD)/shipped.ngd: $(BUILD)/newsgraph $(DICT_TSV)
	$(BUILD)/newsgraph dict compile --no-shipped $(DICT_TSV) -o $@

# Regenerates the committed dictionaries that importers build from system
# data (Debian's iso-codes package).
dictionaries: $(BUILD)/newsgraph
	$(BUILD)/newsgraph dict import --from iso-codes --no-progress -o dictionaries/places-iso.tsv

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(BUILD)/libnewsgraph.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libnewsgraph.a $(LIBS)

# Fail early, with the apt-get line, when a library is missing.
.PHONY: deps-ok
deps-ok:
	@pkg-config --exists $(PKGS) || { echo "newsgraph: missing libraries; run as root: apt-get install -y $(DEB_PKGS)" >&2; exit 2; }

deps:
	@sh tools/deps.sh $(DEB_PKGS)

check: all $(UNIT_BIN)
	@sh tests/run.sh $(BUILD)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh $(BUILD)

bench: all
	@sh tools/bench/run.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/newsgraph/dictionaries \
	        $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/newsgraph $(DESTDIR)$(PREFIX)/bin/newsgraph
	install -m 644 $(BUILD)/shipped.ngd $(DESTDIR)$(PREFIX)/share/newsgraph/shipped.ngd
	install -m 644 $(DICT_TSV) dictionaries/README.md $(DESTDIR)$(PREFIX)/share/newsgraph/dictionaries/
	install -m 644 tools/newsgraph.1 $(DESTDIR)$(PREFIX)/share/man/man1/newsgraph.1

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/newsgraph $(DESTDIR)$(PREFIX)/share/newsgraph \
	       $(DESTDIR)$(PREFIX)/share/man/man1/newsgraph.1

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(TOOLS_OBJ:.o=.d)
