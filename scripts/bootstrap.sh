#!/usr/bin/env bash
# Sourced by scripts/dev.sh and scripts/test.sh: makes sure a fresh machine has what Tabletap
# needs, then installs the workspace. Idempotent and quiet when everything is already there.
#  - pnpm (pinned in package.json "packageManager"), installed into .data/tools if missing;
#  - the workspace dependencies (pnpm install --frozen-lockfile), which bring Node 22 itself
#    (the `node` dev dependency), so package scripts run on Node 22 whatever the machine has.
# Go, Java/Maven and redis-server are provisioned by the service stack (tooling/stack).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
PNPM_VERSION=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  if [ ! -x .data/tools/node_modules/.bin/pnpm ] || [ "$(.data/tools/node_modules/.bin/pnpm --version)" != "$PNPM_VERSION" ]; then
    echo "› installing pnpm $PNPM_VERSION into .data/tools"
    npm install --silent --no-audit --no-fund --prefix .data/tools "pnpm@$PNPM_VERSION"
  fi
  export PATH="$PWD/.data/tools/node_modules/.bin:$PATH"
fi
# Go installs live in /usr/local/go on this kind of machine; make sure the stack finds them.
[ -d /usr/local/go/bin ] && export PATH="$PATH:/usr/local/go/bin"

echo "› pnpm install"
pnpm install --frozen-lockfile --reporter=silent
