# fuzz.mk: libFuzzer targets test/fuzz_*.c against the core (included by
# the Makefile).
#
#   make fuzz                    build every target, run each FUZZ_SECONDS (60)
#   make fuzz FUZZ_SECONDS=10 FUZZ_TARGETS=text    one target, 10 s
#   make fuzz FUZZ_SEED=1        the same inputs every run (make test's)
#
# Targets are built with clang -fsanitize=fuzzer,address,undefined; the
# core is compiled once into test/fuzz-obj/.  test/fuzz-run seeds each
# target from samples/ (generated into a temporary corpus, nothing
# committed), runs it and stops with an error if any target crashed; a
# crashing input is kept in test/fuzz-crashes/.

FUZZ_SECONDS ?= 60
FUZZ_SEED    ?= 0
FUZZ_TARGETS ?= $(patsubst test/fuzz_%.c,%,$(sort $(wildcard test/fuzz_*.c)))
FUZZ_CC      ?= clang
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  ?= -std=gnu99 -O1 -g -Wall -Wextra -Wno-unused-parameter $(WERROR)
FUZZ_OBJS     = $(patsubst src/core/%.c,test/fuzz-obj/%.o,$(CORE_SRCS))
FUZZ_BINS     = $(addprefix test/fuzz_,$(FUZZ_TARGETS))

test/fuzz-obj/%.o: src/core/%.c $(wildcard src/core/*.h)
	@mkdir -p test/fuzz-obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -Isrc/core $(ICU_CFLAGS) -c -o $@ $<

test/fuzz_%: test/fuzz_%.c test/fuzz.h test/testlib.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -Isrc/core $(ICU_CFLAGS) \
		-o $@ $< $(FUZZ_OBJS) $(ICU_LIBS) -lm

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BINS)
fuzz: fuzz-build
	FUZZ_SEED=$(FUZZ_SEED) test/fuzz-run $(FUZZ_SECONDS) $(FUZZ_BINS)

EXTRA_CLEAN += test/fuzz-obj $(addprefix test/fuzz_,$(patsubst test/fuzz_%.c,%,$(wildcard test/fuzz_*.c)))
