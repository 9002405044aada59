# Thin wrapper: the two set-up commands of the README. CMake does the real work.
BUILD   ?= build
JOBS    ?= $(shell nproc)
CMAKE_FLAGS ?=
DEPS = g++ make cmake pkg-config libsdl2-dev libimgui-dev libstb-dev libbox2d-dev libeigen3-dev doctest-dev \
       libhdf5-dev nlohmann-json3-dev libcli11-dev xvfb xauth imagemagick python3-h5py \
       python3-dev python3-numpy pybind11-dev python3-pybind11 python3-pytest python3-torch libopenblas0 \
       python3-dask python3-distributed
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: all deps configure build run test clean sanitize sanitize-all tsan fuzz clone-table
all: build

deps:
	@missing=$$(for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j$(JOBS)

run: build
	./$(BUILD)/app/ildrive

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 600

# ASan + UBSan build (headless) of the fast loader subset: core, data, nn, policies tests. LSan reports inside
# libhdf5's own frames (not built with sanitizers) are suppressed by tests/reliability/lsan.supp, never ours.
# SAN_TESTS=all builds every target and runs every ctest test (the shell end-to-end tests use the sanitized
# binary); SAN_GUI=ON adds the app's tests on the offscreen video driver. The Python module is left out (pytest
# would need libasan preloaded into python3). `make sanitize-all` is both, in its own build folder.
SAN_BUILD ?= build-asan
SAN_GUI ?= OFF
# GCC 12 under -fsanitize=address reports "used uninitialized" inside its own AVX-512 intrinsics (the
# _mm512_undefined_* of GCC bug 105593, which learning/nn already works around for -Wmaybe-uninitialized).
SAN_CXX_FLAGS ?= $(shell $(CXX) -dumpversion 2>/dev/null | awk -F. '$$1 < 13 {print "-Wno-uninitialized"}')
SAN_TESTS ?= test_core test_data test_nn test_policies
SAN_ALL := $(filter all,$(SAN_TESTS))
sanitize: deps
	cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DILDRIVE_SANITIZE=ON -DILDRIVE_GUI=$(SAN_GUI) \
	  -DILDRIVE_PYTHON=OFF -DCMAKE_CXX_FLAGS="$(SAN_CXX_FLAGS)" $(CMAKE_FLAGS)
	cmake --build $(SAN_BUILD) -j$(JOBS) $(if $(SAN_ALL),,--target $(SAN_TESTS))
	cd $(SAN_BUILD) && ASAN_OPTIONS=allocator_may_return_null=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/reliability/lsan.supp \
	  ctest --output-on-failure -j$(JOBS) --timeout 1800 $(if $(SAN_ALL),,-R '^($(subst $(eval) ,|,$(SAN_TESTS))):')

sanitize-all:
	$(MAKE) sanitize SAN_TESTS=all SAN_GUI=ON SAN_BUILD=build-asan-all

# ThreadSanitizer build of the threaded parts: the VectorEnv's worker pool (C++, tests/python), the trainer and the
# evaluation pool (test_imitation, DAgger), and the app's background jobs on the offscreen video driver: training
# handed over and cancelled, the lesson job's Cancel, the loss plot while training, the prediction fan while a policy
# drives a watch run (TSAN_APP_CASES). The two app cases that run a whole lesson or two trainings in the window take
# over their 600 s ctest timeout under TSan on a loaded 2-core machine and are left out.
TSAN_BUILD ?= build-tsan
TSAN_TESTS ?= test_vector_env test_imitation test_dagger test_app
TSAN_APP_CASES ?= Background training|Cancelling a lesson|The Lessons panel|Lesson table|Fan|TrainingData|DAgger|Train panel|T with the Train|Loss plot|Watch:
tsan: deps
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DILDRIVE_TSAN=ON -DILDRIVE_PYTHON=OFF $(CMAKE_FLAGS)
	cmake --build $(TSAN_BUILD) -j$(JOBS) --target $(TSAN_TESTS)
	cd $(TSAN_BUILD) && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/reliability/tsan.supp" \
	  ctest --output-on-failure -j$(JOBS) --timeout 1800 \
	  -R '^(test_vector_env|test_imitation|test_dagger):|^test_app:($(TSAN_APP_CASES))'

# libFuzzer targets (tests/fuzz): clang + its runtime installed when missing, an instrumented headless build, the
# seed corpora written by the project's own writers, then each target for FUZZ_SECONDS, one after the other.
# New inputs go to $(FUZZ_BUILD)/corpus/<target>, crashes to $(FUZZ_BUILD)/artifacts/, logs to $(FUZZ_BUILD)/<target>.log.
# allocator_may_return_null: libhdf5 mallocs what a corrupted header claims (2^58 bytes) and handles the NULL as
# release malloc returns it; memory really used is still capped by -rss_limit_mb.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= fuzz_dataset fuzz_policy fuzz_config fuzz_scenario_env fuzz_app_inputs
FUZZ_DEPS = clang libclang-rt-14-dev
fuzz: deps
	@missing=$$(for p in $(FUZZ_DEPS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DILDRIVE_FUZZ=ON -DILDRIVE_GUI=OFF -DILDRIVE_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target $(FUZZ_TARGETS) make_fuzz_corpus
	./$(FUZZ_BUILD)/tests/fuzz/make_fuzz_corpus $(FUZZ_BUILD)/seeds
	@mkdir -p $(FUZZ_BUILD)/artifacts; set -e; for t in $(FUZZ_TARGETS); do \
	  seeds=$$(echo $$t | sed 's/^fuzz_//'); mkdir -p $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/seeds/$$seeds; \
	  echo "== $$t for $(FUZZ_SECONDS) s (log: $(FUZZ_BUILD)/$$t.log)"; \
	  ASAN_OPTIONS=allocator_may_return_null=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/reliability/lsan.supp \
	  ./$(FUZZ_BUILD)/tests/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=16384 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$t- \
	    $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/seeds/$$seeds tests/fuzz/corpus/$$seeds > $(FUZZ_BUILD)/$$t.log 2>&1 \
	    || { tail -n 40 $(FUZZ_BUILD)/$$t.log; exit 1; }; \
	  grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)" $(FUZZ_BUILD)/$$t.log; \
	done

# Issue 12 item 4's table (docs/lessons.md "Every scenario's own demonstrations clone"): 150 clean expert demos per
# scenario, default training per suited head, 100 held-out episodes; settings in the script's header.
clone-table: build
	ILDRIVE=$(BUILD)/app/ildrive scripts/clone_table.sh $(BUILD)/clone_table

clean:
	rm -rf $(BUILD)
