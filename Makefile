# The two commands: `make html` builds the book, `make test` checks it (the fast tier:
# the library, every number, every script, the machinery on small books, in a browser too).
# `make test-book` proves the real book whole (the full tier: two clean builds of both
# editions compared byte for byte, every page of both in Chromium); CI runs both.
# Both create .venv when it is missing and install into it exactly the packages
# pinned in requirements.lock (with their hashes), then this project in editable
# mode, again only when pyproject.toml or the lock changed since the last install.
# `make lock` regenerates the lock from pyproject.toml.

PYTHON3    ?= python3
VENV       := .venv
PY         := $(VENV)/bin/python
BUILDDIR   := _build
LOCK       := requirements.lock
# Two Sphinx processes per core: a process that reads a chapter mostly waits for the
# chapter's kernel, and the gallery's workers wait at each chapter's end for the slowest
# script; with twice as many, a clean build of both editions took 162-169 s instead of
# 184-209 s on 2 cores (2026-12-07).
JOBS       ?= $(shell $(PYTHON3) -c "import os; print(2 * (os.cpu_count() or 1))")
SPHINXOPTS ?= -W --keep-going -n -j $(JOBS) -T
SPHINXARGS  = $(SPHINXOPTS) -c . -d $(BUILDDIR)/doctrees book $(BUILDDIR)/html
# The Chinese edition: the same sources and caches, its own doctrees, inside the English site.
SPHINXARGS_ZH = $(SPHINXOPTS) -c . -D language=zh_CN -d $(BUILDDIR)/doctrees-zh_CN book $(BUILDDIR)/html/zh_CN
HOST       ?= 127.0.0.1
PORT       ?= 8000
UV_VERSION := 0.13.9

.PHONY: html test test-book browser lock serve livehtml clean gettext

# Everything a build reads: the sources, the library, the catalogs, the configuration, the
# installed packages. Folders count too, so that a file added or removed is a change. What
# the build itself writes there is left out (the gallery's pages, the API stubs, compiled
# catalogs, bytecode).
BOOK_INPUTS := $(shell find book gdlib locales conf.py \
	\( -path book/auto_examples -o -path book/api/generated -o -name __pycache__ \) -prune \
	-o ! -name '*.mo' ! -name sg_execution_times.rst -print)

# Both editions: English first (it executes what changed), then Chinese (it reuses all of it).
# Sphinx does nothing when nothing changed (it reads, executes and writes no page), but
# starting it twice costs about 15 s; make skips it when no input is newer than the last
# successful build.
html: $(BUILDDIR)/html/.built

$(BUILDDIR)/html/.built: .install-stamp Makefile $(BOOK_INPUTS)
	$(VENV)/bin/sphinx-build $(SPHINXARGS)
	$(VENV)/bin/sphinx-build $(SPHINXARGS_ZH)
	touch $@

test: .install-stamp browser
	$(PY) -m pytest -m "not book" $(PYTEST_ARGS)

test-book: .install-stamp browser
	$(PY) -m pytest -m book $(PYTEST_ARGS)

# The translator's loop, step 1: extract every message of the English edition into
# _build/gettext, then bring the Chinese catalogs in step with it (new messages empty,
# changed ones fuzzy). The API pages' docstrings stay in English: no catalogs for them.
# `make gettext ONLY="part2/sgd auto_examples/part2/sgd/plot_noise_ball"` updates only
# those catalogs (several translators at work, each on their own pages).
ONLY ?=
gettext: .install-stamp
	$(VENV)/bin/sphinx-build -b gettext $(SPHINXOPTS) -c . -d $(BUILDDIR)/doctrees-gettext book $(BUILDDIR)/gettext
	rm -rf $(BUILDDIR)/gettext/api/generated
ifeq ($(strip $(ONLY)),)
	$(VENV)/bin/sphinx-intl update -p $(BUILDDIR)/gettext -l zh_CN -w 0 --no-obsolete
else
	rm -rf $(BUILDDIR)/gettext-only
	for page in $(ONLY); do \
		mkdir -p $(BUILDDIR)/gettext-only/$$(dirname $$page) && \
		cp $(BUILDDIR)/gettext/$$page.pot $(BUILDDIR)/gettext-only/$$page.pot || exit 1; \
	done
	$(VENV)/bin/sphinx-intl update -p $(BUILDDIR)/gettext-only -l zh_CN -w 0 --no-obsolete
endif

# The Chromium the browser tests drive: found, or installed (tests/chromium.py says how).
browser: .install-stamp
	$(PY) tests/chromium.py

# Serve the built book on this machine only.
serve:
	@test -f $(BUILDDIR)/html/index.html || $(MAKE) html
	$(PY) -m http.server $(PORT) --bind $(HOST) --directory $(BUILDDIR)/html

# Rebuild and reload the browser on every save; generated sources are not watched
# (the gallery and autosummary write them during a build).
livehtml: .install-stamp
	$(VENV)/bin/sphinx-autobuild $(SPHINXARGS) --host $(HOST) --port $(PORT) \
		--watch gdlib --watch conf.py \
		--ignore '*/auto_examples/*' --ignore '*/api/generated/*' \
		--ignore '*/.jupyter_cache/*' --ignore '*/jupyter_execute/*' --ignore '*.md5'

clean:
	rm -rf $(BUILDDIR) book/auto_examples book/api/generated book/sg_execution_times.rst

$(PY):
	$(PYTHON3) -m venv $(VENV)

# One lock for both commands: the test extra includes the docs extra, so the book
# that `make test` builds and checks is built with exactly the packages of `make html`.
# Every package comes from the lock, hash-checked, the build backend included (hence
# --no-build-isolation for the project itself). pip compiles every module to bytecode
# as it installs (about 25 CPU-s): a process that imports scikit-learn from source spends
# about 2.5 s of CPU on it, and Python does not keep what it compiled on import where
# PYTHONDONTWRITEBYTECODE is set.
.install-stamp: pyproject.toml $(LOCK) | $(PY)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The lock: every package of the test extra (which includes docs) and the build backend,
# pinned with hashes for every platform and for Python 3.11 and newer, one version each.
# Versions already in the lock are kept when they still fit; `make lock UPGRADE=1` takes
# the newest releases instead.
lock: | $(PY)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(PY) -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['build-system']['requires'], sep='\n')" \
	| $(VENV)/bin/uv pip compile pyproject.toml - --extra test --universal --python-version 3.11 \
		--fork-strategy fewest --generate-hashes --custom-compile-command 'make lock' \
		$(if $(UPGRADE),--upgrade) --quiet -o $(LOCK)
