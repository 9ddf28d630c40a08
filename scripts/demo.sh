#!/usr/bin/env bash
# npm run demo [-- stop | reset] [-- --port N]
# A local MediaWiki with the template, the gadget, the configuration page and ~30 sample
# partnerships, and the bot run once against it. A second run reuses the wiki.
set -euo pipefail
cd "$(dirname "$0")/.."

WIKI_DIR=.dev-wiki/demo
PORT=8080
ACTION=up
while [ $# -gt 0 ]; do
  case "$1" in
    stop|reset|up) ACTION=$1 ;;
    --port) PORT=$2; shift ;;
    --port=*) PORT=${1#--port=} ;;
    *) echo "usage: npm run demo [-- stop|reset] [-- --port N]" >&2; exit 2 ;;
  esac
  shift
done

case "$ACTION" in
  stop) exec bash scripts/dev-wiki.sh stop --dir "$WIKI_DIR" ;;
  reset) exec bash scripts/dev-wiki.sh reset --dir "$WIKI_DIR" ;;
esac

bash scripts/ensure-deps.sh
echo "Building"
npm run --silent build
[ -f scripts/build-gadget.ts ] && npx ts-node --transpile-only scripts/build-gadget.ts >/dev/null
bash scripts/dev-wiki.sh up --dir "$WIKI_DIR" --port "$PORT"

bot() { node bin/partnership-bot.js "$@"; }

echo
echo "== partnership-bot install"
bot install
echo
npx ts-node --transpile-only scripts/demo/seed-sample.ts "$WIKI_DIR"
echo
echo "== partnership-bot run"
bot run

BASE="http://127.0.0.1:$PORT/index.php"
cat <<TXT

The demo wiki is running at http://127.0.0.1:$PORT/ (it keeps running; stop it with npm run demo -- stop).
Open in a browser:
  All pages using the template:  $BASE?title=Special:WhatLinksHere/Template:Partnership&hidelinks=1&hideredirs=1
  A partnership:                 $BASE?title=Wikim%C3%A9dia_France/Partnerships/Mus%C3%A9e_du_Louvre
  The template's documentation:  $BASE?title=Template:Partnership
  Status table:                  $BASE?title=Partnerships/Status
  Bot configuration:             $BASE?title=Partnerships/Configuration.json
Log in as Admin with the password in $WIKI_DIR/admin.env.
From this checkout, \`npx partnership-bot check\` (or nudge, report, set…) talks to this wiki with no options.
TXT
