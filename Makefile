# RNNLessons — the two commands a new machine needs are `make lessons` and
# `make test`; both install what is missing first (see `deps`).

SWIFT      ?= swift
OUTPUT     ?= Output
SEED       ?= 0
RELEASE    := $(SWIFT) build -c release
LESSONS    ?= mlp hidden-state concat sharing gradients

.PHONY: all deps build release lessons test golden previews clean help

all: build

help:
	@echo "make lessons   build (release), run every lesson, regenerate $(OUTPUT)/"
	@echo "make test      build and run every test"
	@echo "make golden    re-render the golden images the plot tests compare with"
	@echo "make previews  render every sample figure of the plot tests into .build/plot-previews/"
	@echo "make deps      check the Swift toolchain, install Cairo, Pango and the figure fonts if missing"
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

# Every sample figure as PNG, SVG and PDF, to look at after changing the plot library.
previews: deps
	RNNLESSONS_PLOT_PREVIEW=$(CURDIR)/.build/plot-previews $(SWIFT) test --filter PreviewTests
	@echo "Previews in .build/plot-previews/"

clean:
	rm -rf .build .build-* .build_*
