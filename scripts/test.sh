#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, then runs unit, integration and
# browser tests against a throwaway local MediaWiki (see test/integration/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run -s build
npx eslint --max-warnings 0 .
npx jest --ci "$@"
