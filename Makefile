# vnadmin-docs: one entry point for setup, the example job, tests and lint.
# Works as root (CI) or with sudo; apt steps are skipped on machines without apt-get.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
APT_PKGS := libreoffice-writer-nogui fonts-liberation2 poppler-utils postgresql

.PHONY: setup setup-system setup-python example test lint gallery bench clean

setup: setup-system setup-python

setup-system:
	@if command -v apt-get >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "Cài đặt gói hệ thống:$$missing"; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	  fi; \
	else echo "apt-get không có: hãy tự cài LibreOffice (https://www.libreoffice.org) để xuất PDF."; fi

setup-python:
	@[ -x $(BIN)/python ] || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"

example:
	$(BIN)/vnadmin-docs render cong-van examples/cong-van/sldtbxh-dak-nong-2023.yaml -o out/cong-van-sldtbxh-dak-nong-2023.docx

test:
	$(BIN)/python -m pytest -n 2 -q

lint:
	$(BIN)/ruff check vnadmin_docs tests
	$(BIN)/mypy vnadmin_docs

clean:
	rm -rf out build dist .pytest_cache .mypy_cache .ruff_cache
