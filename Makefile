# RNNLessons — the two commands a new machine needs are `make lessons` and
# `make test`; both install what is missing first (see `deps`).

SWIFT      ?= swift
OUTPUT     ?= Output
SEED       ?= 0
RELEASE    := $(SWIFT) build -c release
# The lessons, in course order, read from Package.swift's `lessonFolders`
# (the one place that lists them): each `("executable", "NN-folder"),` line.
KATEX_DIR  ?= /usr/share/javascript/katex
CHROMIUM   ?= chromium-headless-shell
LESSONS    ?= $(shell sed -n 's/^ *("\([a-z0-9-]*\)", "[0-9][0-9]-[a-z0-9-]*"),.*/\1/p' Package.swift)

.PHONY: all deps build release lessons check-output test golden previews clean help site test-site deps-site deps-browser bench bench-reference bench-compare

all: build

help:
	@echo "make lessons   build (release), run every lesson, regenerate $(OUTPUT)/ (all or nothing)"
	@echo "make check-output  regenerate into a temporary folder and compare with $(OUTPUT)/ (STRICT=1: PNGs byte for byte)"
	@echo "make test      build and run every test"
	@echo "make golden    re-render the golden images the plot tests compare with"
	@echo "make previews  render every sample figure of the plot tests into .build/plot-previews/"
	@echo "make deps      check the Swift toolchain, install what is missing (Cairo, Pango, fonts, cmark-gfm, KaTeX)"
	@echo "make site      regenerate $(OUTPUT)/site/ (the course as a static website) from $(OUTPUT)/"
	@echo "make test-site open every page of $(OUTPUT)/site/ in headless Chromium and check it"
	@echo "make bench     time the sweep, matmul and lessons workloads (release build; JSON=1 for JSON)"
	@echo "make bench-reference  the same sweep and matmul in NumPy, PyTorch and JAX (Python venv in $(REFDIR)/)"
	@echo "make bench-compare    both, side by side, as ratios"
	@echo "make clean     remove build folders"

# The Swift toolchain must already be there. Cairo's and Pango's development
# files (headers, cairo.pc, pangocairo.pc) and the fonts the figures are set in
# (see Sources/PlotCairo/Fonts.swift) are installed with apt-get when missing.
# A fresh machine has only the Cairo and Pango runtimes.
FONT_DIR   := /usr/share/fonts/truetype
FONT_FILES := dejavu/DejaVuSans.ttf dejavu/DejaVuSerif-Italic.ttf wqy/wqy-microhei.ttc

deps:
	@command -v $(SWIFT) >/dev/null 2>&1 || { \
	  echo "error: the Swift toolchain ('$(SWIFT)') is not on PATH."; \
	  echo "       Install Swift 6.1 or newer from https://swift.org/install and run make again."; \
	  exit 1; }
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	pkg-config --exists cairo 2>/dev/null || missing="$$missing libcairo2-dev"; \
	pkg-config --exists pangocairo 2>/dev/null || missing="$$missing libpango1.0-dev"; \
	[ -f $(FONT_DIR)/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	[ -f $(FONT_DIR)/dejavu/DejaVuSerif-Italic.ttf ] || missing="$$missing fonts-dejavu-extra"; \
	[ -f $(FONT_DIR)/wqy/wqy-microhei.ttc ] || missing="$$missing fonts-wqy-microhei"; \
	if [ -n "$$missing" ]; then \
	  echo "deps: missing, installing with apt-get:$$missing"; \
	  if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "error: no apt-get here. Install the equivalents of these Debian packages with your"; \
	    echo "       system's package manager, then run make again:$$missing"; \
	    exit 1; \
	  fi; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "error: installing packages needs root, and sudo is not available."; \
	       echo "       Run as root: apt-get update && apt-get install -y$$missing"; exit 1; fi; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null || { \
	    echo "error: apt-get could not install the packages. Run by hand:"; \
	    echo "       sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; }; \
	  pkg-config --exists cairo pangocairo || { echo "error: cairo or pangocairo still not found by pkg-config after installing"; exit 1; }; \
	  for f in $(FONT_FILES); do [ -f $(FONT_DIR)/$$f ] || { echo "error: $(FONT_DIR)/$$f still missing after installing"; exit 1; }; done; \
	fi

# The site generator's parts: cmark-gfm (Markdown to HTML, a C library the
# course-site target links) and KaTeX (typesets the math at build time with
# Node.js). Installed without recommends: they would pull in a desktop's
# worth of services.
deps: deps-site
deps-site:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark-gfm || \
	   [ ! -f "$$(pkg-config --variable=includedir libcmark-gfm)/cmark-gfm-core-extensions.h" ]; then \
	  $(call apt_install,libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config,cmark-gfm's development files); \
	  pkg-config --exists libcmark-gfm || { echo "error: cmark-gfm still not found by pkg-config after installing"; exit 1; }; \
	fi
	@if [ ! -f $(KATEX_DIR)/katex.js ] || ! command -v node >/dev/null 2>&1; then \
	  $(call apt_install,katex,KaTeX (the math typesetter the site runs with Node.js)); \
	  [ -f $(KATEX_DIR)/katex.js ] || { echo "error: $(KATEX_DIR)/katex.js still missing after installing katex"; exit 1; }; \
	fi

# Only `make test-site` needs a browser, and a CJK font so that the Chinese
# pages' screenshots show characters rather than boxes.
deps-browser:
	@if ! command -v $(CHROMIUM) >/dev/null 2>&1; then \
	  $(call apt_install,chromium-headless-shell,headless Chromium (for make test-site)); \
	fi
	@if [ -z "$$(fc-list :lang=zh 2>/dev/null)" ]; then \
	  $(call apt_install,fonts-wqy-microhei,a Chinese font (for the zh screenshots)); \
	fi

# $(call apt_install,PACKAGES,WHAT): installs Debian packages with apt-get
# (through sudo when not root), or says what to run by hand and fails.
define apt_install
echo "deps: $(2) missing; installing $(1) with apt-get"; \
	  if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "error: no apt-get here. Install $(2) with your system's package manager, then run make again."; exit 1; \
	  fi; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "error: installing $(1) needs root, and sudo is not available."; \
	       echo "       Run as root: apt-get update && apt-get install -y --no-install-recommends $(1)"; exit 1; fi; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $(1) >/dev/null || { \
	    echo "error: apt-get could not install $(1). Run by hand:"; \
	    echo "       sudo apt-get update && sudo apt-get install -y --no-install-recommends $(1)"; exit 1; }
endef

build: deps
	$(SWIFT) build

release: deps
	$(RELEASE)

# Regenerates the whole course, all or nothing (Sources/CourseOutput): the
# lessons run into a staging copy beside $(OUTPUT)/, then course-index; the
# copy replaces $(OUTPUT)/ only if every lesson ran and every claim held.
# Otherwise $(OUTPUT)/ is untouched and the message names what failed.
BIN = "$$($(SWIFT) build -c release --show-bin-path)"

# The course as a static website, $(OUTPUT)/site/, from the reports in
# $(OUTPUT)/ (make lessons builds it too, inside the same all-or-nothing run).
site: release deps-site
	@bin="$$($(SWIFT) build -c release --show-bin-path)"; \
	"$$bin/course-site" $(OUTPUT) --seed $(SEED) --katex $(KATEX_DIR)

# Opens every page of $(OUTPUT)/site/ from file:// in headless Chromium and
# checks it (Tests/SiteBrowser); screenshots go to $(SITE_SHOTS).
SITE_SHOTS ?= .build-site/screenshots
test-site: deps-browser
	node Tests/SiteBrowser/check-site.mjs $(OUTPUT)/site $(SITE_SHOTS) $(CHROMIUM)

lessons: release
	@$(BIN)/course-output regenerate --output $(OUTPUT) --seed $(SEED) --katex $(KATEX_DIR) $(LESSONS)

# Regenerates the course into a temporary folder and compares it with
# $(OUTPUT)/: PNGs pixel-wise within the golden tolerance, every other file
# exactly. STRICT=1 (CI) wants byte-identical PNGs as well.
check-output: release
	@$(BIN)/course-output check --output $(OUTPUT) --seed $(SEED) --katex $(KATEX_DIR) $(if $(filter 1,$(STRICT)),--strict) $(LESSONS)

# The output fault tests (Tests/OutputTests) run the release lessons when
# they are current: lesson 05 takes ~30 s per run in a debug build.
test: release
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

golden: deps
	RNNLESSONS_UPDATE_GOLDEN=1 $(SWIFT) test --filter PlotTests

# Every sample figure as PNG, SVG and PDF, to look at after changing the plot library.
previews: deps
	RNNLESSONS_PLOT_PREVIEW=$(CURDIR)/.build/plot-previews $(SWIFT) test --filter PreviewTests
	@echo "Previews in .build/plot-previews/"

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
	@bin="$$($(SWIFT) build -c release --show-bin-path)"; RNNLESSONS_LESSONS="$(LESSONS)" "$$bin/bench" $(if $(JSON),--json) $(if $(CLOCK),--clock $(CLOCK))

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
	echo "== Swift (make bench)"; RNNLESSONS_LESSONS="$(LESSONS)" "$$bin/bench" --json $(if $(CLOCK),--clock $(CLOCK)) > $(REFDIR)/swift.json; \
	echo "== NumPy, PyTorch, JAX (make bench-reference)"; \
	$(REFENV) $(REFPY) Benchmarks/reference/bench_reference.py --json $(if $(CLOCK),--clock $(CLOCK)) > $(REFDIR)/reference.json; \
	echo "== Ratios"; $(REFPY) Benchmarks/reference/compare.py $(REFDIR)/swift.json $(REFDIR)/reference.json

clean:
	rm -rf .build .build-* .build_*
