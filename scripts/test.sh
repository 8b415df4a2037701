#!/usr/bin/env bash
# Runs every test from a fresh clone: lint and typecheck, unit and integration tests against the
# real local service stack (started here, test profile, then stopped), a production build of
# both apps with the guest menu's first-load JavaScript budget, and the Playwright end-to-end
# journey in Debian's Chromium.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

if [ ! -x /usr/bin/chromium ]; then
  echo "› installing Debian's chromium for the end-to-end tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
fi

echo "› lint and typecheck"
pnpm turbo run lint typecheck --output-logs=errors-only

echo "› build the apps"
pnpm turbo run build --filter=@tabletap/guest --filter=@tabletap/dashboard --output-logs=errors-only
pnpm --filter @tabletap/guest check:first-load

pnpm exec tsx tooling/stack/src/cli.ts --profile test -- bash -c '
  set -e
  echo "› unit and integration tests"
  pnpm test
  echo "› end-to-end tests"
  pnpm test:e2e
'
