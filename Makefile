# Two entry points, each doing its own set-up on a fresh machine (see README).
PYTHON ?= python3

.PHONY: install install-test demo test

install:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e .

install-test:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e ".[test]"

demo: install
	onrecord demo --db demo.db
	onrecord serve --db demo.db

test: install-test
	$(PYTHON) -m pytest -q
