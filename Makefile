# meshforge: the two commands a new machine needs are `make run` and `make test`.
# Everything is installed into ./.venv (Python) and ./node_modules (the Khronos glTF-Validator);
# Blender as a Python module (bpy, which pins numpy<2) gets its own ./.venv-blender for the FBX import test.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
BLENDER_VENV ?= .venv-blender
OUT    ?= out
# pytest workers: both cores by default
JOBS   ?= 2

.PHONY: run test test-full lint bench clean help

help:
	@echo "make run        set up on first use, then generate example models + previews into ./$(OUT)"
	@echo "make test       install test needs and run the test suite (parallel, CI-sized)"
	@echo "make test-full  the same with the wide sweeps (more seeds per generator, corpus runs)"
	@echo "make bench      print the benchmark tables (generators, text to GLB, textures, inspect, LOD vs peers)"
	@echo "make lint       ruff"

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "meshforge needs Python >= 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

# bpy 5.x: ~374 MB wheel, ~940 MB installed; only tests/tools/blender_import.py runs in it
$(BLENDER_VENV)/.installed:
	$(PYTHON) -m venv $(BLENDER_VENV)
	$(BLENDER_VENV)/bin/python -m pip install -q --upgrade pip
	$(BLENDER_VENV)/bin/python -m pip install -q bpy
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: $(VENV)/.installed
	$(VENV)/bin/meshforge generate "a chair" --out $(OUT)
	$(VENV)/bin/meshforge generate "dining table" --out $(OUT) --set shape=round --set length=1.2
	$(VENV)/bin/meshforge generate "coffee mug" --out $(OUT) --set fill=0.8 --set saucer=true
	$(VENV)/bin/meshforge generate chair --out $(OUT) --variations 3 --seed 7 --formats glb
	@echo ""
	@echo "Done. Models, previews and recipes are in ./$(OUT)/; open ./$(OUT)/index.html to look at them."

test: $(VENV)/.test-installed node_modules/.installed $(BLENDER_VENV)/.installed
	$(PY) -m pytest -n $(JOBS) -q

test-full: $(VENV)/.test-installed node_modules/.installed $(BLENDER_VENV)/.installed
	MESHFORGE_FULL=1 $(PY) -m pytest -n $(JOBS) -q

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check src tests benchmarks

# timings live here, never in unit tests; text_to_glb runs on one core as its target says
bench: $(VENV)/.installed node_modules/.installed
	$(PY) benchmarks/generators.py
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 taskset -c 0 $(PY) benchmarks/text_to_glb.py
	$(PY) benchmarks/textures.py
	$(PY) benchmarks/quality_inspect.py
	$(PY) -m pip install -q -e '.[bench]' && $(PY) benchmarks/lod.py

clean:
	rm -rf $(OUT) .pytest_cache build dist src/*.egg-info
