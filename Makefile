# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
QM := resources/translations/duban_zh_CN.qm

.PHONY: run test check lint types coverage test-exit bench screenshots screenshot-deps clean

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "需要 Python 3.11 或更新版本（$(PYTHON) 是 $$($(PYTHON) --version)）"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_INSTALLED): $(INSTALLED)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

run: $(INSTALLED)
	$(PY) main.py

test: $(TEST_INSTALLED)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# ruff (lint) and mypy (types, strict for db/ and documents/), then the tests:
# what CI runs. Settings in pyproject.toml.
check: lint types test

lint: $(TEST_INSTALLED)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

types: $(TEST_INSTALLED)
	$(PY) -m mypy

# The suite under coverage, the Python processes it starts included (the
# command line through main.py, the window's children); the total is in
# README.md. HTML report in build/coverage/html/. Slower than `make test`.
coverage: $(TEST_INSTALLED) $(QM)
	rm -rf build/coverage && mkdir -p build/coverage
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --cov --cov-report=term --cov-report=html:build/coverage/html $(PYTEST_ARGS)

# The window started, worked in and quit 50 times, each exit clean (about 3 minutes).
test-exit: $(TEST_INSTALLED)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m exit_runs tests/test_window_process.py

bench: $(TEST_INSTALLED)  # bench/reading.py writes Word files with python-docx
	$(PY) -m bench

# PNG files of the real windows under Xvfb, into screenshots/. Needs Debian's
# xvfb, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1 and a Chinese font
# (fonts-wqy-microhei); `sudo make screenshot-deps` installs them.
screenshots: $(INSTALLED) $(QM)
	@command -v xvfb-run >/dev/null || { echo "xvfb-run is missing: make screenshot-deps"; exit 1; }
	xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb $(PY) -m tools.screenshots screenshots

screenshot-deps:
	apt-get install -y xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 fonts-wqy-microhei poppler-utils

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

# -- translations (tools/translations.py) ------------------------------------
# The .ts is kept in git; the .qm that desktop/i18n.py loads is built from it
# before the window runs and before the tests. `make translations` extracts
# new source strings into the .ts (translate them there) and rebuilds.
.PHONY: translations translations-check

$(QM): resources/translations/duban_zh_CN.ts | $(INSTALLED)
	$(PY) -m tools.translations build

run test coverage: $(QM)

translations: $(INSTALLED)
	$(PY) -m tools.translations update
	$(PY) -m tools.translations build

translations-check: $(INSTALLED)
	$(PY) -m tools.translations check

# -- offline installer (pyinstaller.spec, tools/dist_smoke.py) ---------------
# `make dist` builds dist/督办台账/, the folder an office copies to a PC with no
# network; `make dist-smoke` runs both built programs headless and checks them.
# PyInstaller is pinned (6.22.3: tried with Python 3.11 and PySide6 6.12); pefile
# lets the spec check the Windows version resource on Linux too.
DIST_NAME := 督办台账
DIST_DIR := dist/$(DIST_NAME)
DIST_INSTALLED := $(VENV)/.installed-dist
PYINSTALLER_PINS := pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.9 pefile==2024.8.26

.PHONY: dist dist-smoke

$(DIST_INSTALLED): $(INSTALLED)
	$(PY) -m pip install --quiet --disable-pip-version-check $(PYINSTALLER_PINS)
	touch $@

dist: $(DIST_INSTALLED) $(QM)
	@start=$$(date +%s); \
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller pyinstaller.spec || exit 1; \
	echo "built $(DIST_DIR)/ in $$(( $$(date +%s) - start )) s: $$(du -sm '$(DIST_DIR)' | cut -f1) MB"

dist-smoke: $(TEST_INSTALLED)
	$(PY) -m tools.dist_smoke --window $(DIST_DIR)

# The Windows folder, dist/windows/督办台账/, built and tried under Wine
# (tools/wine_build.py; .ci/run installs what it needs: wine64, mingw-w64,
# xvfb, xdotool, locales). About 5 minutes.
.PHONY: dist-windows
dist-windows: $(TEST_INSTALLED) $(QM)
	$(PY) -m tools.wine_build $(PYINSTALLER_PINS)
