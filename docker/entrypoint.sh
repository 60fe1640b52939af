#!/bin/sh
# Kefu container entrypoint.
#
#   (no arguments)                  migrate the database, then start Kefu in the role ROLE (api | worker | all)
#   migrate | migrate:down | migrate:status   run that migration command and exit
#   anything else                   run it as a command (e.g. `sh`)
#
# ROLE=worker never migrates: it waits (up to 5 minutes) until the schema is up to date, which an api or
# all process, or an operator running `migrate`, brings about. MIGRATIONS_RUN=false skips migrating and
# waiting, for operators who migrate as a separate step. The app itself always starts with MIGRATIONS_RUN=false:
# the migrations ran (or were skipped) here, once, before it.
set -eu

APP_DIR=/app/dist/apps/api/apps/api/src
CLI="$APP_DIR/cli.js"
MAIN="$APP_DIR/main.js"

case "${1:-}" in
  migrate | migrate:down | migrate:status) exec node "$CLI" "$@" ;;
esac
if [ "$#" -gt 0 ]; then exec "$@"; fi

log() { echo "kefu-entrypoint: $*" >&2; }

role="${ROLE:-all}"
case "$(echo "${MIGRATIONS_RUN:-true}" | tr '[:upper:]' '[:lower:]')" in
  false | 0 | no) migrate=no ;;
  *) migrate=yes ;;
esac

if [ "$role" = worker ]; then
  # Wait for the schema (up to 5 minutes) so a worker never runs against an old one.
  if [ "$migrate" = yes ]; then
    waited=0
    until [ "$(node "$CLI" migrate:status 2>/dev/null || true)" = "database is up to date" ]; do
      if [ "$waited" -ge 300 ]; then
        log "the database schema is still not up to date after 300 s; start an api process or run 'migrate' first"
        exit 1
      fi
      if [ "$waited" -eq 0 ]; then log "waiting for the database schema (ROLE=api or all applies the migrations)"; fi
      sleep 5
      waited=$((waited + 5))
    done
  fi
elif [ "$migrate" = yes ]; then
  # Retried: the database may still be starting, or another replica may be migrating right now.
  attempt=1
  until node "$CLI" migrate; do
    if [ "$attempt" -ge 5 ]; then
      log "migrations failed $attempt times; not starting"
      exit 1
    fi
    log "migration attempt $attempt failed; retrying in $((attempt * 3)) s"
    sleep $((attempt * 3))
    attempt=$((attempt + 1))
  done
fi

export MIGRATIONS_RUN=false
exec node "$MAIN"
