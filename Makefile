# The front door. `make` installs missing Debian packages, then builds host code and guests.
#   make                  build everything (host binaries and guest ELFs)
#   make test             all tests that CI runs (differential, malformed input, unit)
#   make test-slow        the long suites (10,000 generated qemu programs, ...)
#   make compile-programs the guest ELFs only
#   make install          build, then install the CLI and the guest SDK under PREFIX
#                         (default /usr/local; DESTDIR is honoured): see toolchain/README.md
#   make demo             run an example guest end to end
#   make bench            the benchmarks in bench/
#   make asan             the test suite under AddressSanitizer + UBSan
#   make format / make check-format
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
PREFIX ?= /usr/local

.PHONY: all deps configure build install test test-slow compile-programs demo bench asan format check-format clean

all: build

deps:
	@toolchain/install-deps.sh

$(BUILD)/build.ninja: | deps
	@cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS) >/dev/null

configure: deps $(BUILD)/build.ninja

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

compile-programs: configure
	@cmake --build $(BUILD) -j $(JOBS) --target guests
	@echo "guest ELFs are in $(BUILD)/guests/"

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE slow

test-slow: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L slow

demo: build
	@$(BUILD)/zkvm execute $(BUILD)/guests/fibonacci/fibonacci.elf --input $(BUILD)/guests/fibonacci/fibonacci.input.bin
	@$(BUILD)/zkvm prove $(BUILD)/guests/fibonacci/fibonacci.elf --input $(BUILD)/guests/fibonacci/fibonacci.input.bin -o $(BUILD)/demo.proof --stats
	@$(BUILD)/zkvm verify $(BUILD)/demo.proof $(BUILD)/guests/fibonacci/fibonacci.elf
	@printf '\024\000\000\000' > $(BUILD)/fib_input.bin
	@$(BUILD)/zkvm execute $(BUILD)/guests/fibonacci/fibonacci.elf --input $(BUILD)/fib_input.bin --stats

bench: build
	@$(BUILD)/bench/executor_bench
	@$(BUILD)/bench/field_bench
	@$(BUILD)/bench/ntt_bench
	@$(BUILD)/bench/hash_bench
	@$(BUILD)/bench/merkle_bench
	@$(BUILD)/bench/commit_bench
	@$(BUILD)/bench/fri_bench
	@$(BUILD)/bench/stark_bench --log-rows=16
	@$(BUILD)/bench/stark_bench --log-rows=20
	@$(BUILD)/bench/stark_bench --case=multi --log-rows=18
	@$(BUILD)/bench/prove_bench --log-cycles=16
	@$(BUILD)/bench/prove_bench --log-cycles=18
	@$(BUILD)/bench/prove_bench --log-cycles=20
	@$(BUILD)/bench/prove_bench --log-cycles=20 --segment-table
	@$(BUILD)/bench/keccak_bench --bytes=65536 --guest=precompile
	@$(BUILD)/bench/keccak_bench --bytes=65536 --guest=software --execute-only
	@$(BUILD)/bench/keccak_bench --bytes=4096 --guest=software

asan: deps
	@cmake -S . -B build-asan -G Ninja -DZKVM_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ctest --output-on-failure -j $(JOBS) -LE slow

FORMAT_FILES = $(shell git ls-files '*.h' '*.cc' '*.c' 2>/dev/null)
format:
	@clang-format -i $(FORMAT_FILES)

check-format: deps
	@clang-format --dry-run --Werror $(FORMAT_FILES)

clean:
	@rm -rf $(BUILD) build-asan
