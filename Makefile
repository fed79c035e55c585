# Two entry points for a fresh machine: `make demo` and `make test`.
# Each creates .venv (if missing) and installs the package with its dev extras.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SAMPLE := examples/bao-cao-ttdn-tuy-phuoc-2022.yaml
SEED   := examples/bao-cao-ttdn-tuy-phuoc-2022.txt
OUT    := out

.PHONY: install demo test lint typecheck unit schemas docs browser golden clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## demo: read the sample (the seed text and its YAML), validate it, export it into out/
demo: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/bcpipe validate $(SEED) $(SAMPLE)
	$(BIN)/bcpipe export $(SAMPLE) --to text -o $(OUT)/bao-cao.txt
	$(BIN)/bcpipe export $(SAMPLE) --to json -o $(OUT)/bao-cao.json
	$(BIN)/bcpipe export $(SAMPLE) --to xml -o $(OUT)/bao-cao.xml
	$(BIN)/bcpipe export $(SAMPLE) --to pdf -o $(OUT)/bao-cao.pdf
	$(BIN)/bcpipe export $(SAMPLE) --to docx -o $(OUT)/bao-cao.docx
	$(BIN)/bcpipe export $(SEED) --to pdf -o $(OUT)/bao-cao-from-text.pdf
	@echo "written: $(OUT)/bao-cao.txt .json .xml .pdf .docx, $(OUT)/bao-cao-from-text.pdf"

## test: lint, type-check and run the test suite
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) browser
	$(BIN)/pytest -q

## browser: Debian's chromium and chromium-driver for the page's browser test (as root,
## when they are missing: about 40 s from Debian's mirror; nothing when they are there)
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium and chromium-driver for the browser test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			-o DPkg::Lock::Timeout=600 --no-install-recommends chromium chromium-driver \
			>/dev/null; \
	else \
		echo "the browser test needs chromium and chromium-driver (apt-get install" \
			"chromium chromium-driver, as root)" >&2; \
	fi

## schemas: regenerate the committed JSON Schema and XSDs (tests check they are current)
schemas: $(STAMP)
	$(BIN)/bcpipe schema > schemas/document.schema.json
	$(BIN)/python -c "import sys; from bcpipe_plugins.xml_document import document_xsd; \
		sys.stdout.buffer.write(document_xsd())" > schemas/bcpipe-document.xsd
	cp plugins/bcpipe_plugins/edxml/edxml.xsd schemas/edxml-qcvn102-2016.xsd
	cp plugins/bcpipe_plugins/edxml/edxml-input.xsd schemas/edxml-qcvn102-2016-input.xsd
	$(BIN)/python -c "import sys; from bcpipe.serve.openapi import openapi_json; \
		sys.stdout.write(openapi_json())" > schemas/openapi.json

## docs: build the documentation (docs/*.md, mkdocs-material) into site/; a warning fails it
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

## golden: rewrite the corpus golden files (tests/corpus/golden) from the default rules,
## keeping the review marks of findings that stay; read the diff, mark new findings
golden: $(STAMP)
	$(BIN)/python tests/golden.py

clean:
	rm -rf $(VENV) $(OUT) site .pytest_cache .mypy_cache .ruff_cache
