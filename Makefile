# Two commands: `make run` (demo on SQLite) and `make test` (whole suite, SQLite + PostgreSQL + Chromium).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := wsgi

.PHONY: run test venv test-deps system-deps translations messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

venv: $(BIN)/python
	$(BIN)/pip install --quiet -e .

translations: venv
	$(BIN)/pybabel compile -d translations -f

# The production WSGI server (gunicorn; waitress-serve on Windows, see the README): one process of 8 threads, so the
# login throttle's in-memory counters are the only ones (a shared store is needed for several processes). No access
# log: the desk's search URLs carry delegates' names.
SERVE := $(BIN)/gunicorn --workers 1 --worker-class gthread --threads 8

run: venv translations
	$(BIN)/flask init-db
	$(BIN)/flask load-demo
	@echo ""
	@echo "  Mở trình duyệt / open: $(if $(filter 1,$(HTTPS)),https,http)://127.0.0.1:$(PORT)"
	@echo "  Máy khác trong mạng (camera điện thoại) / other devices on the LAN: HTTPS=1 make run"
	@echo "  Đăng nhập mẫu / demo logins (mật khẩu / password: demo1234):"
	@echo "    bantochuc        Ban Tổ chức (organizer)"
	@echo "    donvi01..donvi30 công đoàn cơ sở (unit)"
	@echo "    dontiep          bàn đón tiếp (check-in desk)"
	@echo ""
ifeq ($(HTTPS),1)
	$(BIN)/flask check-passwords
	$(BIN)/flask make-cert --port $(PORT)
	$(SERVE) --bind 0.0.0.0:$(PORT) --certfile instance/tls-cert.pem --keyfile instance/tls-key.pem wsgi:app
else
	$(SERVE) --bind 127.0.0.1:$(PORT) wsgi:app
endif

# Debian packages the tests need: PostgreSQL server, Chromium for Playwright, fonts, ffmpeg, poppler, LibreOffice
# (the reports as the office opens them); wrk (bench/); redis-server (two processes sharing the login throttle).
system-deps:
	@if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	    || ! command -v pdftoppm >/dev/null || ! command -v ffmpeg >/dev/null || ! command -v wrk >/dev/null \
	    || ! command -v soffice >/dev/null || ! command -v redis-server >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium chromium-driver postgresql fonts-dejavu-core ffmpeg poppler-utils wrk \
	    libreoffice-calc-nogui libreoffice-writer-nogui fonts-liberation redis-server >/dev/null; \
	fi

test-deps: venv system-deps
	$(BIN)/pip install --quiet -e '.[test]'

test: test-deps translations
	$(BIN)/ruff check conference tests bench
	$(BIN)/lint-imports
	$(BIN)/pytest -q -n 3  # three processes (pytest-xdist), each with its own PostgreSQL and browser: the browser tests wait on Chromium, so a third keeps both cores busy

# Maintainers: refresh the English catalog after changing UI text (`_macros/` is not skipped).
messages: venv
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --ignore-dirs '.*' -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations -l en
