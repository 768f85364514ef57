# The two commands: `make html` builds the book, `make test` checks it.
# Both create .venv when it is missing and (re)install the project into it, in
# editable mode, only when pyproject.toml changed since the last install.

PYTHON3    ?= python3
VENV       := .venv
PY         := $(VENV)/bin/python
BUILDDIR   := _build
SPHINXOPTS ?= -W --keep-going -n -j auto -T
SPHINXARGS  = $(SPHINXOPTS) -c . book $(BUILDDIR)/html
HOST       ?= 127.0.0.1
PORT       ?= 8000

.PHONY: html test serve livehtml clean

html: .install-stamp-docs
	$(VENV)/bin/sphinx-build $(SPHINXARGS)

test: .install-stamp-test
	$(PY) -m pytest $(PYTEST_ARGS)

# Serve the built book on this machine only.
serve:
	@test -f $(BUILDDIR)/html/index.html || $(MAKE) html
	$(PY) -m http.server $(PORT) --bind $(HOST) --directory $(BUILDDIR)/html

# Rebuild and reload the browser on every save; generated sources are not watched
# (the gallery and autosummary write them during a build).
livehtml: .install-stamp-docs
	$(VENV)/bin/sphinx-autobuild $(SPHINXARGS) --host $(HOST) --port $(PORT) \
		--watch gdlib --watch conf.py \
		--ignore '*/auto_examples/*' --ignore '*/api/generated/*' \
		--ignore '*/.jupyter_cache/*' --ignore '*/jupyter_execute/*' --ignore '*.md5'

clean:
	rm -rf $(BUILDDIR) book/auto_examples book/api/generated book/sg_execution_times.rst

$(PY):
	$(PYTHON3) -m venv $(VENV)

.install-stamp-docs: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[docs]'
	touch $@

# The test extra includes the docs extra, so it satisfies both stamps. It also pins
# PyTorch 2.13.0 (tests/test_pytorch.py): where a folder of local wheels holds its CPU
# build, as on this project's machines, pip is pointed at it, so that it never falls
# back on PyPI's CUDA build.
WHEELS := $(wildcard /opt/wheels)
.install-stamp-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet $(if $(WHEELS),--find-links $(WHEELS)) -e '.[test]'
	touch $@ .install-stamp-docs
