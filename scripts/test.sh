#!/usr/bin/env bash
# Runs every test from a fresh clone: lint, formatting, package hygiene and typecheck, a production
# build of both apps with the guest menu's first-load JavaScript budget, unit and integration tests
# against the real local service stack (started here on free ports, then stopped), and the
# Playwright end-to-end journeys in Debian's Chromium. Every stage runs even when an earlier one
# failed (but the end-to-end tests need the build), every package's tests run even when another's
# failed, and the run ends with one line of totals for all test runners together: `N passed, N
# failed`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

if [ ! -x /usr/bin/chromium ]; then
  echo "› installing Debian's chromium for the end-to-end tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
fi

# Vitest and Playwright write their JSON reports here; scripts/test-summary.mjs adds them up.
export TEST_REPORT_DIR="$PWD/.data/test-reports"
rm -rf "$TEST_REPORT_DIR" && mkdir -p "$TEST_REPORT_DIR"
failed_stages=()

echo "› lint and typecheck"
pnpm turbo run lint typecheck --continue --output-logs=errors-only || failed_stages+=("lint and typecheck")
echo "› formatting (prettier)"
pnpm format:check || failed_stages+=("formatting")
echo "› package hygiene (sherif: consistent package.json files; knip: unused files, exports and dependencies)"
pnpm lint:repo || failed_stages+=("package hygiene")

echo "› build the apps"
build_ok=1
pnpm turbo run build --filter=@tabletap/guest --filter=@tabletap/dashboard --output-logs=errors-only || build_ok=0
if [ "$build_ok" = 1 ]; then
  pnpm --filter @tabletap/guest check:first-load || failed_stages+=("guest first-load budget")
else
  failed_stages+=("build (end-to-end tests skipped)")
fi

export RUN_E2E="$build_ok"
pnpm exec tsx tooling/stack/src/cli.ts --profile test -- bash -c '
  status=0
  echo "› unit and integration tests"
  pnpm test || status=1
  if [ "$RUN_E2E" = 1 ]; then
    echo "› end-to-end tests"
    pnpm test:e2e || status=1
  fi
  exit $status
' || failed_stages+=("tests")

node scripts/test-summary.mjs "$TEST_REPORT_DIR" "$RUN_E2E" "${failed_stages[@]}"
