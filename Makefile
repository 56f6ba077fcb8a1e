# Two entry points, each doing its own set-up on a fresh machine (see README).
PYTHON ?= python3

.PHONY: install install-test demo test

install:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e .

# System packages the tests need (PostgreSQL, Chromium, Java) when missing, then the test extra.
install-test:
	PYTHON=$(PYTHON) scripts/setup-test

demo: install
	onrecord demo --db demo.db
	onrecord serve --db demo.db

test: install-test
	$(PYTHON) -m pytest -q
