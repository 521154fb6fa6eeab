# Thin wrapper: the work is done by scripts/ and CMake presets.
.PHONY: all deps build web run test bench clean fuzz

all: build web

deps:
	scripts/install-deps

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release

web: deps
	cd web && npm run build --silent

# Builds, creates var/passerelle.db (SQLite) with the demo organisation if empty, serves on :8080.
run: build web
	scripts/run

test:
	scripts/test

clean:
	rm -rf build web/dist

# Benchmarks (figures go to bench/RESULTS.md by hand, with the machine and the date).
bench: build web
	bench/http.sh 10 64 256
	bench/persons-search.sh
	bench/indicators.sh
	bench/persons-import.sh
	bench/soak.sh 3

# libFuzzer targets (fuzz/README.md): FUZZ_SECONDS per target, 300 by default.
fuzz: deps
	scripts/fuzz
