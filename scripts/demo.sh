#!/usr/bin/env bash
# Install everything, build the knowledge base from the seed articles and print its entities.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
SEEDS="${1:-../shared/corpus/seeds}"
rm -f kroniek.db
.venv/bin/kroniek build "$SEEDS" --db kroniek.db
.venv/bin/kroniek export --db kroniek.db --output kb.json
.venv/bin/kroniek entities --db kroniek.db
