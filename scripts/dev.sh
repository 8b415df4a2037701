#!/usr/bin/env bash
# Starts the whole system on the local service stack: MongoDB (mongo-java-server), Redis, SQS
# (ElasticMQ), SES (aws-ses-v2-local), S3 (versitygw) and Razorpay (the local driver in
# tooling/razorpay-local) unless their URLs or keys are set, seeds the demo restaurant,
# then runs the guest app (:3000), the dashboard (:3001) and the worker. The apps run in their own
# server in dev mode (`tabletap-next --dev`, their `dev` scripts: the same server as in production,
# with hot reload). Ctrl-C stops it all, gracefully.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

exec pnpm exec tsx tooling/stack/src/cli.ts --profile dev -- bash -c '
  set -e
  pnpm seed
  cat <<BANNER

  Tabletap is starting (first page loads compile for a few seconds):
    Guest app        http://127.0.0.1:3000   (open a table link above)
    Kitchen display  http://127.0.0.1:3001/kitchen   (floor view: /floor, admin: /admin)
    Dev SMS outbox   http://127.0.0.1:3000/api/dev/outbox   (sign-in codes)
    Sent email       ${SES_ENDPOINT:-AWS SES}
    Razorpay         ${RAZORPAY_API_URL:-Razorpay}   (local test cards: 4111 1111 1111 1111 pays, 4000 0000 0000 0002 is declined)
    Health           http://127.0.0.1:3000/api/health   (readiness: /api/ready; same on :3001)

BANNER
  exec pnpm dev
'
