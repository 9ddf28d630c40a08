#!/usr/bin/env bash
# A real, throwaway MediaWiki (Debian's 1.39 package + SQLite + PHP's built-in server)
# for the demo and the integration tests.
#
#   bash scripts/dev-wiki.sh up     [--dir DIR] [--port PORT] [--lang CODE]
#   bash scripts/dev-wiki.sh stop   [--dir DIR]
#   bash scripts/dev-wiki.sh reset  [--dir DIR]
#   bash scripts/dev-wiki.sh status [--dir DIR]
#
# DIR defaults to .dev-wiki/demo under the repository root, PORT to 8080, CODE to en.
# Everything the wiki writes lives in DIR: its LocalSettings.php (the global Debian one,
# /etc/mediawiki and /usr/share/mediawiki are never touched), the SQLite databases, caches,
# logs, server.pid, and the credentials in bot.env / admin.env (mode 600, never printed).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MW_IP="${MW_INSTALL_PATH:-/usr/share/mediawiki}"
APT_PACKAGES=(mediawiki php-sqlite3 php-intl php-mbstring php-xml)
# Commands needed too, and the package providing each when missing (php-cli is only a Recommends
# of mediawiki, so images with Install-Recommends off would lack the php command).
EXTRA_COMMANDS=(php:php-cli curl:curl)
SITE_NAME="Partnership Dev Wiki"
ADMIN_USER="Admin"
BOT_USER="PartnershipBot"
BOT_APPID="tracker"
BOT_GRANTS="basic,highvolume,editpage,editprotected,createeditmovepage,editinterface,editsiteconfig,editmycssjs"
MARKER=".partnership-dev-wiki"
START_TIMEOUT=30

log() { printf 'dev-wiki: %s\n' "$*" >&2; }
die() { printf 'dev-wiki: error: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit "${1:-2}"
}

# ---------------------------------------------------------------- arguments
CMD="${1:-}"
[[ -n "$CMD" ]] || usage
shift
DIR="$REPO_ROOT/.dev-wiki/demo"
PORT=8080
LANG_CODE=en
while (($#)); do
  case "$1" in
    --dir) DIR="${2:?--dir needs a value}"; shift 2 ;;
    --dir=*) DIR="${1#*=}"; shift ;;
    --port) PORT="${2:?--port needs a value}"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    --lang) LANG_CODE="${2:?--lang needs a value}"; shift 2 ;;
    --lang=*) LANG_CODE="${1#*=}"; shift ;;
    -h|--help) usage 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
if ! [[ "$PORT" =~ ^[0-9]+$ ]] || ((PORT < 1 || PORT > 65535)); then die "invalid port: $PORT"; fi
[[ "$LANG_CODE" =~ ^[a-z][a-z0-9-]*$ ]] || die "invalid language code: $LANG_CODE"
# Relative --dir values are relative to the current directory; MediaWiki needs absolute paths.
DIR="$(realpath -m -- "$DIR")"
[[ "$DIR" != *[\'\"\\]* ]] || die "the wiki directory must not contain quotes or backslashes: $DIR"
case "$DIR" in
  /|/usr|/usr/*|/etc|/etc/*|/var/lib/mediawiki*|"$HOME"|"$REPO_ROOT") die "refusing to use $DIR as a wiki directory" ;;
esac

PID_FILE="$DIR/server.pid"
LOG_FILE="$DIR/server.log"
CONF="$DIR/LocalSettings.php"

# ---------------------------------------------------------------- helpers
# $wgLanguageCode as install.php wrote it.
installed_language() {
  local code
  code="$(sed -n "s/^[\$]wgLanguageCode = \"\(.*\)\";/\1/p" "$CONF")"
  printf '%s' "${code:-en}"
}

# URL of a page view of the main page (named Main_Page only in English wikis).
main_page_url() {
  if [[ "$(installed_language)" == en ]]; then
    printf 'http://127.0.0.1:%s/index.php?title=Main_Page' "$PORT"
  else
    printf 'http://127.0.0.1:%s/index.php' "$PORT"
  fi
}

# Run a MediaWiki maintenance script against this wiki's own LocalSettings.php.
mw_maint() {
  local script="$1"; shift
  MW_CONFIG_FILE="$CONF" php "$MW_IP/maintenance/$script.php" "$@"
}

random_password() {
  # 32 alphanumeric characters (no shell/URL-special characters).
  local p=""
  while ((${#p} < 32)); do
    p+="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  done
  printf '%s' "${p:0:32}"
}

# Value of KEY in an env file we wrote (KEY=value lines).
env_value() {
  local file="$1" key="$2"
  [[ -f "$file" ]] || return 0
  sed -n "s/^${key}=//p" "$file" | tail -n 1
}

# Process group of this wiki's server (its leader's pid is in server.pid). Only trusted when a
# process of that group really serves this wiki (its environment names our LocalSettings.php),
# so a stale pid file can never make us signal someone else's processes.
server_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pgid member
  pgid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pgid" ]] || return 1
  for member in $(ps -e -o pid=,pgid= | awk -v g="$pgid" '$2 == g { print $1 }'); do
    if tr '\0' '\n' <"/proc/$member/environ" 2>/dev/null | grep -qxF "MW_CONFIG_FILE=$CONF"; then
      printf '%s' "$pgid"
      return 0
    fi
  done
  return 1
}

# The port the wiki in DIR was last started on.
wiki_port() {
  [[ -f "$DIR/server.port" ]] && tr -dc '0-9' <"$DIR/server.port"
  return 0
}

siteinfo_ok() {
  local port="$1"
  curl -fsS --max-time 5 "http://127.0.0.1:$port/api.php?action=query&meta=siteinfo&format=json" 2>/dev/null |
    grep -q '"sitename"'
}

port_in_use() {
  local port="$1"
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

pkg_installed() {
  dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

# Prints the packages to install (nothing when all is there).
missing_packages() {
  local p c
  for p in "${APT_PACKAGES[@]}"; do pkg_installed "$p" || printf '%s\n' "$p"; done
  for c in "${EXTRA_COMMANDS[@]}"; do command -v "${c%%:*}" >/dev/null 2>&1 || printf '%s\n' "${c#*:}"; done
}

ensure_packages() {
  local missing sudo=()
  missing="$(missing_packages | tr '\n' ' ')"
  [[ -n "${missing// /}" ]] || return 0
  log "installing missing packages: $missing"
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "not root and sudo is not available: install $missing yourself"
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $missing yourself"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  # shellcheck disable=SC2046 # word splitting of the extra package names is intended
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${APT_PACKAGES[@]}" \
    $(missing_packages | grep -vxF -f <(printf '%s\n' "${APT_PACKAGES[@]}") || true)
  missing="$(missing_packages | tr '\n' ' ')"
  [[ -z "${missing// /}" ]] || die "still missing after apt-get install: $missing"
}

# Settings on top of what install.php generated. Rewritten on every `up` (so --port may change).
write_dev_settings() {
  local tmp="$DIR/DevSettings.php.tmp"
  cat >"$tmp" <<PHP
<?php
// Generated by scripts/dev-wiki.sh on every 'up'; edits are lost. Local throwaway dev wiki only.
\$wgServer = 'http://127.0.0.1:$PORT';
\$wgCanonicalServer = \$wgServer;
\$wgScriptPath = '';
\$wgResourceBasePath = '';

\$wgShowExceptionDetails = true;
\$wgDebugLogGroups['exception'] = '$DIR/logs/exception.log';
\$wgDebugLogGroups['error'] = '$DIR/logs/error.log';
\$wgDBerrorLog = '$DIR/logs/dberror.log';

// Everything the wiki writes stays in this directory.
\$wgCacheDirectory = '$DIR/cache';
\$wgUploadDirectory = '$DIR/images';
\$wgEnableUploads = false;
\$wgUseInstantCommons = false;
\$wgEnableEmail = false;
\$wgEmailAuthentication = false;
// Shared by the web server and the maintenance scripts (APCu would not be).
\$wgMainCacheType = CACHE_DB;
\$wgSessionCacheType = CACHE_DB;

\$wgEnableBotPasswords = true;
// No throttling: bots and tests edit and log in quickly and often.
\$wgRateLimits = [];
\$wgGroupPermissions['bot']['noratelimit'] = true;
\$wgPasswordAttemptThrottle = [];
\$wgAccountCreationThrottle = [];
\$wgGroupPermissions['user']['editmyusercss'] = true;
\$wgGroupPermissions['user']['editmyuserjs'] = true;
\$wgGroupPermissions['user']['editmyuserjson'] = true;

// Links tables (templatelinks -> list=embeddedin, categorylinks, ...) must be current as soon
// as an edit's response arrives: run deferred updates before the response is sent.
\$wgForceDeferredUpdatesPreSend = true;
// Jobs (e.g. refreshLinks after a template edit) are run by the runJobs.php --wait loop that
// 'up' starts next to the web server; on 1.39 \$wgJobRunRate only fires on index.php views,
// never on api.php requests, so it is not relied upon (and off, to keep page views fast).
\$wgJobRunRate = 0;
\$wgRunJobsAsync = false;
PHP
  mv -f "$tmp" "$DIR/DevSettings.php"
  if ! grep -q "DevSettings.php" "$CONF"; then
    printf '\n# Local dev wiki settings (scripts/dev-wiki.sh)\nrequire_once __DIR__ . "/DevSettings.php";\n' >>"$CONF"
  fi
}

install_wiki() {
  if [[ -d "$DIR" && ! -f "$DIR/$MARKER" ]] && [[ -n "$(ls -A "$DIR" 2>/dev/null)" ]]; then
    die "$DIR exists, is not empty and was not created by this script"
  fi
  mkdir -p "$DIR"
  chmod 700 "$DIR"  # SQLite databases, secret keys and credentials live here
  touch "$DIR/$MARKER"
  rm -rf "$DIR/data" "$DIR/cache" "$DIR/DevSettings.php" "$DIR"/*.env
  mkdir -p "$DIR/data" "$DIR/cache" "$DIR/images" "$DIR/logs"

  local passfile="$DIR/.admin-pass" admin_pass
  admin_pass="$(random_password)"
  (umask 077 && printf '%s' "$admin_pass" >"$passfile")
  log "installing MediaWiki into $DIR (lang $LANG_CODE)"
  local out
  if ! out="$(cd "$DIR" && php "$MW_IP/maintenance/install.php" \
      --dbtype sqlite --dbpath "$DIR/data" --dbname wiki \
      --server "http://127.0.0.1:$PORT" --scriptpath "" --lang "$LANG_CODE" \
      --passfile "$passfile" --confpath "$DIR" \
      --skins Vector,MonoBook,Timeless --extensions Gadgets,TemplateData,ParserFunctions \
      "$SITE_NAME" "$ADMIN_USER" 2>&1)"; then
    rm -f "$passfile"
    printf '%s\n' "$out" | tail -n 30 >&2
    die "install.php failed"
  fi
  rm -f "$passfile"
  [[ -f "$CONF" ]] || { printf '%s\n' "$out" | tail -n 30 >&2; die "install.php did not write $CONF"; }
  chmod 600 "$CONF"
  write_env "$DIR/admin.env" "MW_ADMIN_USERNAME=$ADMIN_USER" "MW_ADMIN_PASSWORD=$admin_pass"
}

# write_env FILE LINE... (mode 600, atomically)
write_env() {
  local file="$1"; shift
  (umask 077 && printf '%s\n' "$@" >"$file.tmp")
  chmod 600 "$file.tmp"
  mv -f "$file.tmp" "$file"
}

ensure_admin() {
  [[ -n "$(env_value "$DIR/admin.env" MW_ADMIN_PASSWORD)" ]] && return 0
  log "admin.env missing: setting a new password for $ADMIN_USER"
  local pass
  pass="$(random_password)"
  mw_maint createAndPromote --force --sysop --bureaucrat --interface-admin "$ADMIN_USER" "$pass" >/dev/null
  write_env "$DIR/admin.env" "MW_ADMIN_USERNAME=$ADMIN_USER" "MW_ADMIN_PASSWORD=$pass"
}

ensure_bot() {
  local api="http://127.0.0.1:$PORT/api.php" token
  token="$(env_value "$DIR/bot.env" MW_PASSWORD)"
  if [[ -z "$token" ]]; then
    log "creating $BOT_USER (bot, interface-admin) and its bot password '$BOT_APPID'"
    # The main account password is random and never stored: only the bot password is used.
    mw_maint createAndPromote --force --bot --custom-groups interface-admin \
      "$BOT_USER" "$(random_password)" >/dev/null
    # Recreating the bot password (e.g. bot.env was deleted): drop the old one first.
    mw_maint sql --query "DELETE FROM bot_passwords WHERE bp_app_id = '$BOT_APPID' AND bp_user = (SELECT user_id FROM user WHERE user_name = '$BOT_USER')" >/dev/null
    local out
    if ! out="$(mw_maint createBotPassword --appid "$BOT_APPID" --grants "$BOT_GRANTS" "$BOT_USER" 2>&1)"; then
      printf '%s\n' "$out" | grep -v "password:" >&2 || true
      die "createBotPassword failed"
    fi
    # "Log in using username:'PartnershipBot@tracker' and password:'xxxx'."
    token="$(printf '%s\n' "$out" | sed -n "s/.*and password:'\([^']*\)'.*/\1/p")"
    [[ -n "$token" ]] || die "could not read the generated bot password"
  fi
  write_env "$DIR/bot.env" "MW_API=$api" "MW_USERNAME=$BOT_USER@$BOT_APPID" "MW_PASSWORD=$token"
}

start_server() {
  : >"$LOG_FILE"
  printf '%s\n' "$PORT" >"$DIR/server.port"
  # setsid: the server, its workers and the job runner form one process group (led by the
  # pid in server.pid), so `stop` can end exactly them and nothing else.
  # shellcheck disable=SC2016 # the single-quoted script is expanded by the inner bash
  env MW_CONFIG_FILE="$CONF" PHP_CLI_SERVER_WORKERS=4 MW_IP="$MW_IP" DIR="$DIR" PORT="$PORT" \
    PID_FILE="$PID_FILE" \
    setsid nohup bash -c '
      echo $$ >"$PID_FILE"
      (
        while kill -0 $$ 2>/dev/null; do
          php "$MW_IP/maintenance/runJobs.php" --wait --maxtime 3600 --memory-limit 512M \
            >>"$DIR/logs/jobs.log" 2>&1 || true
          sleep 1
        done
      ) &
      exec php -S "127.0.0.1:$PORT" -t "$MW_IP"
    ' >>"$LOG_FILE" 2>&1 </dev/null &
  local deadline=$((SECONDS + START_TIMEOUT)) why=""
  until siteinfo_ok "$PORT"; do
    if ((SECONDS >= deadline)); then
      why="did not answer on port $PORT within ${START_TIMEOUT}s"
    elif [[ -f "$PID_FILE" ]] && ! kill -0 "$(tr -dc '0-9' <"$PID_FILE")" 2>/dev/null; then
      why="exited at once"
    fi
    if [[ -n "$why" ]]; then
      log "the wiki server $why; last lines of $LOG_FILE:"
      tail -n 30 "$LOG_FILE" >&2 || true
      log "its answer to a siteinfo query:"
      curl -sS --max-time 5 "http://127.0.0.1:$PORT/api.php?action=query&meta=siteinfo&format=json" 2>&1 |
        head -c 3000 >&2 || true
      printf '\n' >&2
      exit 1
    fi
    sleep 0.2
  done
}

stop_server() {
  local pid
  if pid="$(server_pid)"; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    local _
    for _ in $(seq 1 50); do
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    log "stopped the wiki server (process group $pid)"
  fi
  rm -f "$PID_FILE"
}

# A page view must work end to end: HTML, ResourceLoader CSS (load.php) and static skin files.
check_web() {
  local base="http://127.0.0.1:$PORT" html css_url page
  page="$(main_page_url)"
  html="$(curl -fsSL --max-time 20 "$page")" || die "GET $page failed (see $LOG_FILE and $DIR/logs/)"
  css_url="$(printf '%s' "$html" | { grep -o '<link rel="stylesheet" href="[^"]*load\.php[^"]*only=styles[^"]*"' || true; } |
    head -n 1 | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')"
  [[ -n "$css_url" ]] || die "the main page HTML has no load.php stylesheet"
  [[ "$css_url" == http* ]] || css_url="$base$css_url"
  local css_file css_type
  css_file="$(mktemp)"
  css_type="$(curl -fsS --max-time 20 -o "$css_file" -w '%{content_type}' "$css_url")" || css_type=""
  if [[ "$css_type" != text/css* ]] || ! grep -q '{' "$css_file" || grep -qi 'exception\|problematic modules' "$css_file"; then
    rm -f "$css_file"
    die "load.php did not return working CSS: $css_url"
  fi
  rm -f "$css_file"
  curl -fsS --max-time 10 -o /dev/null "$base/resources/assets/poweredby_mediawiki_88x31.png" ||
    die "static files under $MW_IP are not served"
}

# Log in with the bot password (password read from bot.env, sent on stdin, never in argv).
check_bot_login() {
  local api jar token body
  api="$(env_value "$DIR/bot.env" MW_API)"
  jar="$(mktemp)"
  token="$(curl -fsS -c "$jar" -b "$jar" "$api?action=query&meta=tokens&type=login&format=json" |
    sed -n 's/.*"logintoken":"\([^"]*\)".*/\1/p' | sed 's/\\\\/\\/g')"
  body="$(env_value "$DIR/bot.env" MW_PASSWORD | tr -d '\n' |
    curl -fsS -c "$jar" -b "$jar" --data-urlencode 'lgpassword@-' \
      --data-urlencode "lgname=$(env_value "$DIR/bot.env" MW_USERNAME)" \
      --data-urlencode "lgtoken=$token" "$api?action=login&format=json")" || true
  rm -f "$jar"
  printf '%s' "$body" | grep -q '"result":"Success"' ||
    die "the bot password in $DIR/bot.env does not log in: $(printf '%s' "$body" | grep -o '"reason":"[^"]*"' || true)"
}

print_summary() {
  local url="http://127.0.0.1:$PORT"
  echo "Wiki:        $(main_page_url)"
  echo "API:         $url/api.php"
  echo "Bot:         $BOT_USER@$BOT_APPID (credentials in $DIR/bot.env)"
  echo "Admin:       $ADMIN_USER (credentials in $DIR/admin.env)"
  echo "Logs:        $LOG_FILE, $DIR/logs/"
  echo "Stop with:   bash scripts/dev-wiki.sh stop --dir $DIR"
}

# ---------------------------------------------------------------- commands
cmd_up() {
  local start_ns
  start_ns="$(date +%s%N)"
  if [[ -f "$CONF" && -f "$DIR/$MARKER" && -f "$DIR/bot.env" && -f "$DIR/admin.env" ]] &&
    server_pid >/dev/null && [[ "$(wiki_port)" == "$PORT" ]] && siteinfo_ok "$PORT"; then
    echo "The wiki in $DIR is already running."
    print_summary
    return 0
  fi
  if siteinfo_ok "$PORT" || port_in_use "$PORT"; then
    local other
    other="$(server_pid || true)"
    if [[ -z "$other" || "$(wiki_port)" != "$PORT" ]]; then
      die "port $PORT is already in use by something other than the wiki in $DIR (pick another --port)"
    fi
  fi

  ensure_packages
  command -v php >/dev/null 2>&1 || die "php not found"
  [[ -f "$MW_IP/maintenance/install.php" ]] || die "MediaWiki not found in $MW_IP"

  # A server of this wiki on another port (or hung): restart it on the requested one.
  stop_server >/dev/null 2>&1

  if [[ -f "$CONF" && -f "$DIR/$MARKER" ]]; then
    log "reusing the wiki in $DIR"
    local installed_lang
    installed_lang="$(installed_language)"
    [[ -z "$installed_lang" || "$installed_lang" == "$LANG_CODE" ]] ||
      log "warning: this wiki was installed with --lang $installed_lang; --lang $LANG_CODE ignored (use reset)"
  else
    install_wiki
  fi
  mkdir -p "$DIR/cache" "$DIR/images" "$DIR/logs"
  write_dev_settings
  ensure_admin
  ensure_bot
  # Build the localisation cache now rather than during the first page view.
  mw_maint rebuildLocalisationCache --lang "$(installed_language)" >/dev/null 2>&1 || true

  # From here on, a failure stops the server again rather than leaving a broken one running.
  trap 'rc=$?; if ((rc != 0)); then log "stopping the server again (logs are in $DIR)"; stop_server >/dev/null 2>&1 || true; fi' EXIT
  start_server
  check_web
  check_bot_login
  trap - EXIT

  local end_ns
  end_ns="$(date +%s%N)"
  printf 'The wiki in %s is up (took %d.%01ds).\n' "$DIR" $(((end_ns - start_ns) / 1000000000)) \
    $((((end_ns - start_ns) / 100000000) % 10))
  print_summary
}

cmd_stop() {
  if server_pid >/dev/null; then
    stop_server
  else
    rm -f "$PID_FILE"
    echo "The wiki in $DIR is not running."
  fi
}

cmd_reset() {
  stop_server
  if [[ -e "$DIR" ]]; then
    if [[ ! -f "$DIR/$MARKER" && -n "$(ls -A "$DIR" 2>/dev/null)" ]]; then
      die "$DIR was not created by this script; not deleting it"
    fi
    rm -rf -- "$DIR"
    log "deleted $DIR"
  fi
}

cmd_status() {
  if [[ ! -f "$CONF" ]]; then
    echo "No wiki in $DIR."
    return 3
  fi
  local port pid
  port="$(wiki_port)"
  if pid="$(server_pid)" && [[ -n "$port" ]] && siteinfo_ok "$port"; then
    PORT="$port"
    echo "The wiki in $DIR is running (pid $pid)."
    print_summary
    return 0
  fi
  echo "The wiki in $DIR is installed but not running${port:+ (last port $port)}."
  return 3
}

case "$CMD" in
  up) cmd_up ;;
  stop) cmd_stop ;;
  reset) cmd_reset ;;
  status) cmd_status ;;
  -h|--help|help) usage 0 ;;
  *) die "unknown command: $CMD (up, stop, reset, status)" ;;
esac
