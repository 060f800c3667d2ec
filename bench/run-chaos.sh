#!/usr/bin/env bash
# Fault injection (issue 6; docs/benchmarks.md): scenarios against the standalone simulator, invariants checked
# against its ground truth; last line "N runs, V invariant violations", exit 1 when V > 0.
#   bench/chaos [short|full] [kill,two,drops,storms,fuzz]
#     kill    kill -9 of the service mid-rollout, restarted each time (short: 200 devices, 3 kills; full: 2,000, 20)
#     two     two instances on one database, the event-stream lease holder killed mid-rollout (short: 2 kills; full: 6)
#     drops   event stream dropped every 3 s (full: 2 s) + a device stuck silent in safe mode: halt on time, resume
#     storms  429 / 5xx storms on every route (harder on lock+flash and stream opens) for the whole rollout
#     fuzz    the OpenAPI fuzzer (bench/src/Fuzz.java) when present
#   short (run by .ci/run) runs all of them in ~5–6 min on 2 cores; full in ~30 min.
# Extra JVM options pass through CHAOS_OPTS, e.g. CHAOS_OPTS="-Dchaos.runs=3 -Dchaos.seed=7 -Dchaos.db=other_db".
# Needs the local PostgreSQL on 127.0.0.1:5432 (user postgres, trust); uses and drops database fleetota_bench_chaos.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/compile.sh
exec timeout "${CHAOS_TIMEOUT:-3600}" java -Xmx512m -cp target/bench-classes \
  -Dbench.jar="$(ls target/fleet-ota-*.jar | head -1)" ${CHAOS_OPTS:-} Chaos "${1:-short}" ${2:+"$2"}
