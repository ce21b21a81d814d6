#!/usr/bin/env bash
# Install everything and run the whole test suite, the end-to-end seed build included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
