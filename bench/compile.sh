#!/usr/bin/env bash
# Compiles the benchmark harness (bench/src, JDK only) into target/bench-classes; builds the jar when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls target/fleet-ota-*.jar >/dev/null 2>&1; then
  ./mvnw -q -B -DskipTests package
fi
mkdir -p target/bench-classes
javac -nowarn -d target/bench-classes bench/src/*.java
