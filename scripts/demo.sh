#!/usr/bin/env bash
# Install everything, build the knowledge base from the seed articles and print its entities.
# Builds are idempotent, so running this again adds nothing twice; no database is deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
SEEDS="${1:-../shared/corpus/seeds}"
DB="${KRONIEK_DB:-kroniek.db}"
.venv/bin/kroniek build "$SEEDS" --db "$DB"
.venv/bin/kroniek export --db "$DB" --output kb.json
.venv/bin/kroniek entities --db "$DB"
