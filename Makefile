# Thin wrapper: the two set-up commands of the README. CMake does the real work.
BUILD   ?= build
JOBS    ?= $(shell nproc)
CMAKE_FLAGS ?=
DEPS = g++ make cmake pkg-config libsdl2-dev libimgui-dev libstb-dev libbox2d-dev libeigen3-dev doctest-dev \
       libhdf5-dev nlohmann-json3-dev libcli11-dev xvfb xauth imagemagick python3-h5py
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: all deps configure build run test clean sanitize
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
SAN_BUILD ?= build-asan
SAN_TESTS ?= test_core test_data test_nn test_policies
sanitize: deps
	cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DILDRIVE_SANITIZE=ON -DILDRIVE_GUI=OFF $(CMAKE_FLAGS)
	cmake --build $(SAN_BUILD) -j$(JOBS) --target $(SAN_TESTS)
	cd $(SAN_BUILD) && LSAN_OPTIONS=suppressions=$(CURDIR)/tests/reliability/lsan.supp \
	  ctest --output-on-failure -j$(JOBS) --timeout 900 -R '^($(subst $(eval) ,|,$(SAN_TESTS))):'

clean:
	rm -rf $(BUILD)
