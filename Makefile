# Two commands on a fresh machine:  make book  (build both editions of the HTML book)  and  make test  (run every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BOOK_READY := $(VENV)/.book-ready
TEST_READY := $(VENV)/.test-ready
GRADE_READY := $(VENV)/.grade-ready
JOBS ?= 2
# The browser tests drive Debian's Chromium (never a browser download); `make test` installs it.
CHROMIUM := /usr/bin/chromium
# The grader runs every student's kernel in a bubblewrap sandbox; `make test` and `make grade` install it.
BWRAP := /usr/bin/bwrap
# Chromium draws the Chinese edition with Debian's Noto CJK fonts; `make test` installs them too.
CJK_FONTS := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: book test exercises catalogues grade grade-merge mutation clean help

help:
	@echo "make book       set up .venv and build the book: English in _build/html, Chinese in _build/html/zh"
	@echo "make test       set up .venv with the test extras and Chromium, and run every test"
	@echo "make exercises  re-run the solutions and regenerate exercises/ (and exercises/zh/) from them"
	@echo "make catalogues refresh the Chinese catalogues after an English edit and list what needs translating"
	@echo "make grade      grade SUBMISSIONS=<folder> into OUT=<folder> [JOBS=2 ONLY=<name> MANUAL=<sheet.csv> OPTIONS=...] (book/instructor_guide.md)"
	@echo "make grade-merge  merge the marking sheet into OUT=<folder> without grading [MANUAL=<sheet.csv> OPTIONS=...]"
	@echo "make mutation   mutation testing of the core on the fast unit tests; prints the score per module (README)"
	@echo "make clean      remove the build and the virtual environment"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(BOOK_READY): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet -e ".[book]"
	touch $@

$(TEST_READY): $(BOOK_READY)
	$(BIN)/python -m pip install --quiet -e ".[book,test,grade]"
	touch $@

book: $(BOOK_READY)
	$(BIN)/python site/build_book.py
	@echo "Open $(CURDIR)/_build/html/index.html (English) or $(CURDIR)/_build/html/zh/index.html (Chinese)"

# After an English edit: the messages of the book, the exercises and the package, merged into the
# Chinese catalogues (new and changed ones marked for translation), then the list of what to translate.
catalogues: $(BOOK_READY)
	$(BIN)/python site/build_book.py gettext
	$(BIN)/python -m productive_forces.exercises catalogue _build/gettext
	$(BIN)/pybabel extract --keyword=_ --no-location --omit-header --output-file=_build/gettext/course_site.pot site/
	$(BIN)/sphinx-intl update --pot-dir _build/gettext --locale-dir locale --language zh_CN --line-width 0
	$(BIN)/python -m productive_forces.i18n update

test: $(TEST_READY) book $(CHROMIUM) $(BWRAP) $(CJK_FONTS)
	$(BIN)/python -m productive_forces.exercises assign --check
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval --nbval-current-env tests solutions

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

$(CJK_FONTS):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-noto-cjk

$(BWRAP):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq bubblewrap

$(GRADE_READY): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet -e ".[grade]"
	touch $@

# ONLY= and MANUAL= become --only and --manual; OPTIONS= passes any other option (--roster, --deadline...).
grade: $(GRADE_READY) $(BWRAP)
	@if [ -z "$(SUBMISSIONS)" ] || [ -z "$(OUT)" ]; then echo "usage: make grade SUBMISSIONS=<folder> OUT=<folder> [JOBS=2] [ONLY=<name>] [MANUAL=<sheet.csv>] [OPTIONS=...]"; exit 2; fi
	$(BIN)/python -m productive_forces.grade "$(SUBMISSIONS)" --out "$(OUT)" --jobs $(JOBS) $(if $(ONLY),--only "$(ONLY)") $(if $(MANUAL),--manual "$(MANUAL)") $(OPTIONS)

grade-merge: $(GRADE_READY)
	@if [ -z "$(OUT)" ]; then echo "usage: make grade-merge OUT=<report folder> [MANUAL=<sheet.csv>] [OPTIONS=...]"; exit 2; fi
	$(BIN)/python -m productive_forces.grade --out "$(OUT)" $(if $(MANUAL),--manual "$(MANUAL)") $(OPTIONS)

# Mutation testing (not part of make test): mutmut mutates the core modules listed under [tool.mutmut]
# in pyproject.toml and runs the fast unit tests listed there on each mutant, from a fresh copy in
# mutants/; the score must reach 85%. The survivors judged harmless are listed in README.md.
mutation: $(TEST_READY)
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(JOBS) > mutants.log 2>&1 || (tail -n 30 mutants.log; exit 1)
	mv mutants.log mutants/run.log
	$(BIN)/python -m tests.mutation_score --minimum 85

exercises: $(BOOK_READY)
	$(BIN)/python -m productive_forces.exercises execute
	$(BIN)/python -m productive_forces.exercises assign

clean:
	rm -rf _build $(VENV)
