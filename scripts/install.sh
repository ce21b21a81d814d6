#!/usr/bin/env bash
# Install kroniek and what it needs on a Debian/Ubuntu machine: Frog from apt, Debian's chromium and its
# chromedriver for the browser test of the web app, Debian's postgresql for the PostgreSQL store tests
# (they start a throwaway server of their own; the package's own cluster is not used), a virtual
# environment in .venv with the pinned Python dependencies (constraints.txt), kroniek itself.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if ! command -v frog >/dev/null 2>&1 || ! python3 -c "import venv, ensurepip" >/dev/null 2>&1 \
   || [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] \
   || ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq frog frogdata ucto uctodata python3-venv \
    chromium chromium-driver postgresql >/dev/null
fi
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --upgrade "pip>=23,<27"
.venv/bin/python -m pip install -q -c constraints.txt -e ".[test]"
