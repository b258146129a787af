#!/usr/bin/env bash
# CI: Varnish (deploy/varnish/default.vcl) in front of gunicorn with the production settings.
# A page fetched twice is a hit the second time; after a change is published (from another
# process, as an editor would), the next request through Varnish shows the change.
# Everything runs on free ports of 127.0.0.1 against a temporary SQLite database; the processes
# it starts are stopped on exit. Exits non-zero when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "varnish check FAILED: $*" >&2; exit 1; }

if ! command -v varnishd >/dev/null 2>&1 && [ -x /usr/sbin/varnishd ]; then
    export PATH="$PATH:/usr/sbin"
fi
if ! command -v varnishd >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        step "Installing varnish"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null
        export PATH="$PATH:/usr/sbin"
    else
        fail "varnishd is missing and cannot be installed here"
    fi
fi

WORK=$(mktemp -d /tmp/bot-varnish-check.XXXXXX)
GUNICORN_PID=""
cleanup() {
    if [ -n "$GUNICORN_PID" ]; then kill "$GUNICORN_PID" 2>/dev/null || true; fi
    if [ -f "$WORK/varnishd.pid" ]; then kill "$(cat "$WORK/varnishd.pid")" 2>/dev/null || true; fi
    sleep 1
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
APP_PORT=$(free_port)
CACHE_PORT=$(free_port)
CACHE="http://127.0.0.1:$CACHE_PORT"

export PORTAL_IGNORE_DOTENV=1
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export MEDIA_ROOT="$WORK/media" PRIVATE_MEDIA_ROOT="$WORK/private"
export SECRET_KEY="ci-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1,localhost BASE_URL="$CACHE"
export SECURE_SSL_REDIRECT=false  # plain http on the loopback
export FRONTEND_CACHE_URL="$CACHE"
export REDIS_URL=""

step "Demo database (seed_demo refuses the production settings, so it runs with dev)"
FRONTEND_CACHE_URL= DJANGO_SETTINGS_MODULE=portal.settings.dev "$PY" manage.py migrate --no-input -v0
FRONTEND_CACHE_URL= DJANGO_SETTINGS_MODULE=portal.settings.dev "$PY" manage.py seed_demo --no-accounts -v0
export DJANGO_SETTINGS_MODULE=portal.settings.production
"$PY" manage.py collectstatic --no-input -v0

step "gunicorn on 127.0.0.1:$APP_PORT, varnishd on 127.0.0.1:$CACHE_PORT"
.venv/bin/gunicorn portal.wsgi --workers 2 --bind "127.0.0.1:$APP_PORT" \
    --log-level warning >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
sed "s/\.port = \"8000\";/.port = \"$APP_PORT\";/" deploy/varnish/default.vcl >"$WORK/default.vcl"
varnishd -a "127.0.0.1:$CACHE_PORT" -f "$WORK/default.vcl" -n "$WORK/varnish" \
    -T 127.0.0.1:0 -s malloc,64m -j none -P "$WORK/varnishd.pid"
for _ in $(seq 60); do
    curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/robots.txt" && break
    sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/robots.txt" || {
    cat "$WORK/gunicorn.log"
    fail "gunicorn did not start"
}

URL="$CACHE/en/about/"
fetch() { curl -s -D "$WORK/headers" -o "$WORK/body" "$@"; }
header() { grep -i "^$1:" "$WORK/headers" | head -1 | cut -d' ' -f2- | tr -d '\r'; }

step "The same page twice: the second answer comes from Varnish"
fetch "$URL"
grep -q " 200" "$WORK/headers" || fail "GET $URL did not answer 200"
fetch "$URL"
header Cache-Control | grep -q public || fail "the page is not Cache-Control: public"
header X-Varnish | grep -Eq '^[0-9]+ [0-9]+$' || fail "second request was not a hit (X-Varnish: $(header X-Varnish))"
[ -n "$(header Age)" ] || fail "no Age header"
echo "hit: X-Varnish $(header X-Varnish), Age $(header Age)"

step "A visitor with a session is never served from Varnish"
fetch -H "Cookie: sessionid=abc" "$URL"
header X-Varnish | grep -Eq '^[0-9]+$' || fail "a session request was served from the cache"

step "Publishing a change from another process"
TITLE="Published through the CI check $(date +%s)"
"$PY" manage.py shell -c "
from wagtail.models import Page
page = Page.objects.get(url_path__endswith='/about/', locale__language_code='en').specific
page.title = '$TITLE'
page.save_revision().publish()
"

step "The next request through Varnish shows the change"
fetch "$URL"
grep -q "$TITLE" "$WORK/body" || fail "the published change is not shown through Varnish"
fetch "$URL"
grep -q "$TITLE" "$WORK/body" || fail "the change is not shown on the second request"
header X-Varnish | grep -Eq '^[0-9]+ [0-9]+$' || fail "the new version is not cached"

step "Varnish check passed"
