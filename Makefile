# kvo — the two commands of the README, and a few more for developers.
#   make demo   install missing packages, build, analyse the demo data, write GeoPackages
#   make test   install missing packages, build, run the whole test suite through ctest
PRESET ?= release
BUILD  := build/$(PRESET)
OUT    ?= out
JOBS   ?= $(shell nproc)

.PHONY: all deps test-deps build demo test test-asan bench install clean

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

bench: deps
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench -j $(JOBS)
	@bash benchmarks/run.sh build/bench

install: build
	@cmake --install $(BUILD)

clean:
	rm -rf build $(OUT)
