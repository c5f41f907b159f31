# dibao — the thin front door to CMake. `make run` and `make test` are the
# whole setup on a fresh Debian 12 machine (README.md).
BUILD      ?= build
BUILD_ASAN ?= build-asan
JOBS       ?= $(shell nproc)
DB         ?= sqlite:demo.db
LISTEN     ?= 127.0.0.1:8080

.PHONY: all deps build run demo test test-unit test-asan test-store test-cli bench clean screenshots

all: build

deps:
	@scripts/deps

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)
	scripts/web-build

# Creates the demo county (once) and starts the program.
run: build
	scripts/run-demo $(BUILD)/dibao "$(DB)" "$(LISTEN)"

test: build
	scripts/test-all $(BUILD) $(BUILD_ASAN)

# Regenerates docs/screenshots/ from the browser tests.
screenshots: build
	scripts/screenshots $(BUILD)/dibao

bench: build
	bench/import $(BUILD)/dibao
	bench/payroll $(BUILD)/dibao

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
