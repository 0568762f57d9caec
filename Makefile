# RNNLessons — the two commands a new machine needs are `make lessons` and
# `make test`; both install what is missing first (see `deps`).

SWIFT      ?= swift
OUTPUT     ?= Output
SEED       ?= 0
RELEASE    := $(SWIFT) build -c release
LESSONS    ?= mlp hidden-state concat sharing gradients

.PHONY: all deps build release lessons test golden clean help bench bench-reference bench-compare

all: build

help:
	@echo "make lessons   build (release), run every lesson, regenerate $(OUTPUT)/"
	@echo "make test      build and run every test"
	@echo "make golden    re-render the golden images the plot tests compare with"
	@echo "make bench     time the sweep, matmul and lessons workloads (release build; JSON=1 for JSON)"
	@echo "make bench-reference  the same sweep and matmul in NumPy, PyTorch and JAX (Python venv in $(REFDIR)/)"
	@echo "make bench-compare    both, side by side, as ratios"
	@echo "make deps      check the Swift toolchain, install libcairo2-dev if missing"
	@echo "make clean     remove build folders"

# The Swift toolchain must already be there; Cairo's development files
# (headers and cairo.pc) are installed with apt-get when pkg-config cannot
# find them. A fresh machine has only the Cairo runtime.
deps:
	@command -v $(SWIFT) >/dev/null 2>&1 || { \
	  echo "error: the Swift toolchain ('$(SWIFT)') is not on PATH."; \
	  echo "       Install Swift 6.1 or newer from https://swift.org/install and run make again."; \
	  exit 1; }
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists cairo; then \
	  echo "deps: Cairo's development files are missing; installing libcairo2-dev (and pkg-config) with apt-get"; \
	  if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "error: no apt-get here. Install Cairo's development package (cairo.pc, cairo.h)"; \
	    echo "       and pkg-config with your system's package manager, then run make again."; \
	    exit 1; \
	  fi; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "error: installing libcairo2-dev needs root, and sudo is not available."; \
	       echo "       Run as root: apt-get update && apt-get install -y libcairo2-dev pkg-config"; exit 1; fi; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libcairo2-dev pkg-config >/dev/null || { \
	    echo "error: apt-get could not install libcairo2-dev. Run by hand:"; \
	    echo "       sudo apt-get update && sudo apt-get install -y libcairo2-dev pkg-config"; exit 1; }; \
	  pkg-config --exists cairo || { echo "error: cairo still not found by pkg-config after installing"; exit 1; }; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(RELEASE)

# Regenerates the whole course. Every lesson writes into $(OUTPUT)/NN-slug/;
# a lesson whose claim fails exits 1 and stops the run.
lessons: release
	@set -e; bin="$$($(SWIFT) build -c release --show-bin-path)"; \
	for lesson in $(LESSONS); do \
	  echo "== $$lesson"; "$$bin/$$lesson" --seed $(SEED) --output-dir $(OUTPUT) --quiet; \
	done; \
	"$$bin/course-index" $(OUTPUT); \
	echo "Regenerated $(OUTPUT)/ (index: $(OUTPUT)/README.md)"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

golden: deps
	RNNLESSONS_UPDATE_GOLDEN=1 $(SWIFT) test --filter PlotTests

# MARK: Benchmarks (issue 12). Timings, not tests: nothing here fails on a time.
# JSON=1 prints JSON; CLOCK=cpu times the one-thread runs in process CPU time
# (steadier when other work shares the machine).

REFDIR     ?= .build-reference
REFVENV    := $(REFDIR)/venv
REFPY      := $(REFVENV)/bin/python
# NumPy is measured with the OpenBLAS kernel the processor calls for: the
# overrides some machines set are removed for that command alone.
REFENV     := env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE
# PyTorch's CPU-only build (about 200 MB, no CUDA packages) when the package
# index or a local wheel folder (pip's find-links) offers it; otherwise the
# default build, which brings several GB of CUDA libraries it never uses here.
TORCH_CPU  ?= torch==2.13.0+cpu

bench: release
	@bin="$$($(SWIFT) build -c release --show-bin-path)"; "$$bin/bench" $(if $(JSON),--json) $(if $(CLOCK),--clock $(CLOCK))

$(REFVENV)/.installed:
	@command -v python3 >/dev/null 2>&1 || { echo "error: python3 is needed for the reference benchmark (apt-get install python3 python3-venv)"; exit 1; }
	@rm -rf $(REFVENV)
	python3 -m venv $(REFVENV) || { echo "error: python3 -m venv failed; install python3-venv (apt-get install python3-venv)"; exit 1; }
	$(REFVENV)/bin/pip install -q numpy threadpoolctl jax
	$(REFVENV)/bin/pip install -q "$(TORCH_CPU)" || { \
	  echo "bench-reference: $(TORCH_CPU) is not available here; installing the default torch (large: CUDA packages)"; \
	  $(REFVENV)/bin/pip install -q torch; }
	@touch $@

bench-reference: $(REFVENV)/.installed
	@$(REFENV) $(REFPY) Benchmarks/reference/bench_reference.py $(if $(JSON),--json) $(if $(CLOCK),--clock $(CLOCK))

bench-compare: release $(REFVENV)/.installed
	@bin="$$($(SWIFT) build -c release --show-bin-path)"; \
	echo "== Swift (make bench)"; "$$bin/bench" --json $(if $(CLOCK),--clock $(CLOCK)) > $(REFDIR)/swift.json; \
	echo "== NumPy, PyTorch, JAX (make bench-reference)"; \
	$(REFENV) $(REFPY) Benchmarks/reference/bench_reference.py --json $(if $(CLOCK),--clock $(CLOCK)) > $(REFDIR)/reference.json; \
	echo "== Ratios"; $(REFPY) Benchmarks/reference/compare.py $(REFDIR)/swift.json $(REFDIR)/reference.json

clean:
	rm -rf .build .build-* .build_*
