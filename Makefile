# Thin wrapper: the two set-up commands of the README. CMake does the real work.
BUILD   ?= build
JOBS    ?= $(shell nproc)
CMAKE_FLAGS ?=
DEPS = g++ make cmake pkg-config libsdl2-dev libimgui-dev libstb-dev libbox2d-dev libeigen3-dev doctest-dev \
       libhdf5-dev nlohmann-json3-dev libcli11-dev xvfb xauth imagemagick python3-h5py
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: all deps configure build run test clean
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

clean:
	rm -rf $(BUILD)
