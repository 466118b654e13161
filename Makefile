# vnadmin-docs: one entry point for setup, the example job, tests and lint.
# Works as root (CI) or with sudo; apt steps are skipped on machines without apt-get.
# APT_WAIT: wait (up to 10 min) for another apt process (automatic updates on a fresh
# machine) to release the lock instead of failing at once.
APT_WAIT ?= -o DPkg::Lock::Timeout=600
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
# chromium: the web app's browser tests (Playwright drives /usr/bin/chromium; no browser download)
# python3-uno: the web app keeps one LibreOffice warm over UNO for sub-second page previews
# softhsm2: a software PKCS#11 token for the signing tests; libnss3-tools: poppler's pdfsig trust
# unzip: Info-ZIP, a second reader of the archives the writer streams (ZIP64 records)
APT_PKGS := libreoffice-writer-nogui fonts-liberation2 poppler-utils postgresql chromium python3-uno \
	softhsm2 libnss3-tools unzip

.PHONY: setup setup-system setup-python example examples test pytest lint gallery bench \
	docs-check i18n-extract i18n-update clean

setup: setup-system setup-python

setup-system:
	@if command -v apt-get >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "Cài đặt gói hệ thống:$$missing"; \
	    $$SUDO apt-get $(APT_WAIT) update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get $(APT_WAIT) install -y -qq --no-install-recommends $$missing; \
	  fi; \
	else echo "apt-get không có: hãy tự cài LibreOffice (https://www.libreoffice.org) để xuất PDF."; fi

setup-python:
	@[ -x $(BIN)/python ] || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,sign]"

# The main job on the bundled example: apology letters for the late dossiers of a real-shaped
# portal export. Three rows are bad on purpose, so the batch reports them and exits 1.
example:
	$(BIN)/vnadmin-docs batch xin-loi examples/xin-loi/ho-so-tre-han.xlsx \
	  --profile examples/xin-loi/profile.yml -o out/xin-loi || test $$? -eq 1
	$(BIN)/vnadmin-docs render cong-van examples/cong-van/sldtbxh-dak-nong-2023.yaml \
	  -o out/cong-van-sldtbxh-dak-nong-2023.docx

# Every built-in template rendered from its example data into out/.
examples:
	@for f in examples/*/*.yaml; do \
	  t=$$(basename $$(dirname $$f)); \
	  [ "$$t" = ban-sao ] && continue; \
	  $(BIN)/vnadmin-docs render $$t $$f -o out/$$t-$$(basename $$f .yaml).docx || exit 1; \
	done
	@# A copy (bản sao) is made of a rendered document, not rendered from a template.
	$(BIN)/vnadmin-docs copy out/cong-van-sldtbxh-dak-nong-2023.docx \
	  examples/ban-sao/sao-y-cong-van-2023.yaml -o out/ban-sao-sao-y-cong-van-2023.docx

# The whole suite: lint and types first (CI runs them too), then every test.
# pytest's exit code 5 ("no tests collected") fails the target like any other.
test: lint pytest

pytest:
	$(BIN)/python -m pytest -n 2 -q

lint:
	$(BIN)/ruff check vnadmin_docs tests
	$(BIN)/mypy vnadmin_docs

# Page 1 of every built-in template as PNG in docs/gallery/ (needs LibreOffice, pdftoppm), and
# the web app's pages in docs/gallery/web/ (the browser tests, Chromium).
gallery:
	$(BIN)/python scripts/gallery.py
	VNADMIN_DOCS_GALLERY=1 $(BIN)/python -m pytest tests/web/test_browser.py -q -n 0 -p no:cacheprovider

# Throughput benchmarks; results and how to read them: benchmarks/RESULTS.md.
bench:
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_pdf.py --letters 1000
	$(BIN)/python benchmarks/registry_allocation.py

# The checker's rule pages (docs/vi/kiem-tra.md, docs/en/check.md) from the rule table.
docs-check:
	$(BIN)/python scripts/gen_check_docs.py

i18n-extract:
	$(BIN)/pybabel extract --no-location --sort-output -k _ -k N_ --project vnadmin-docs \
	  -o vnadmin_docs/locale/vnadmin_docs.pot vnadmin_docs

i18n-update: i18n-extract
	$(BIN)/pybabel update -D vnadmin_docs -i vnadmin_docs/locale/vnadmin_docs.pot -d vnadmin_docs/locale

clean:
	rm -rf out build dist .pytest_cache .mypy_cache .ruff_cache
