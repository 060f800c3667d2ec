#!/usr/bin/env bash
# Ingest figures (docs/benchmarks.md): bench/run-ingest.sh [devices] [sse-events] [webhook-events] [webhook-clients]
#   bench/run-ingest.sh 1000 20000 10000 16
# Needs the local PostgreSQL on 127.0.0.1:5432; uses and drops database fleetota_bench_ingest.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/compile.sh
exec timeout 1500 java -Xmx512m -cp target/bench-classes -Dingest.devices="${1:-1000}" \
  -Dingest.sseEvents="${2:-20000}" -Dingest.webhookEvents="${3:-10000}" -Dingest.clients="${4:-16}" \
  -Dbench.startTimeout=300 -Dbench.jar="$(ls target/fleet-ota-*.jar | head -1)" ${INGEST_OPTS:-} Ingest
