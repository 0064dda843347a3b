# kvo — the two commands of the README, and a few more for developers.
#   make demo   install missing packages, build, analyse the demo data, write GeoPackages
#   make test   install missing packages, build, run the whole test suite through ctest
#   make fuzz   build the libFuzzer targets (clang 14) and run each FUZZ_TIME seconds
PRESET ?= release
BUILD  := build/$(PRESET)
OUT    ?= out
JOBS   ?= $(shell nproc)
FUZZ_TIME ?= 20

.PHONY: all deps test-deps build demo test test-asan fuzz bench install clean

all: build

deps:
	@bash scripts/install-deps.sh

test-deps:
	@bash scripts/install-deps.sh --test

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)

demo: build
	@bash scripts/demo.sh $(BUILD)/kvo $(OUT)

test: test-deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)
	@ctest --preset $(PRESET)

test-asan:
	@$(MAKE) --no-print-directory test PRESET=asan

fuzz: test-deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@bash scripts/fuzz.sh build/fuzz $(FUZZ_TIME)

bench: deps
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench -j $(JOBS)
	@bash benchmarks/run.sh build/bench

install: build
	@cmake --install $(BUILD)

clean:
	rm -rf build $(OUT)
