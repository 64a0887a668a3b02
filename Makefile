# Forwards to CMake; build/ holds everything built.
BUILD ?= build
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all setup test clean install configure

all: configure
	cmake --build $(BUILD) -j $(JOBS)

configure:
	@test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

setup:
	@sh tools/setup.sh

test: all
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

install: all
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD)
