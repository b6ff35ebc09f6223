#!/usr/bin/env bash
# One command per figure of benchmarks/RESULTS.md. Each run starts its own in-memory Azurite.
#   benchmarks/run.sh feed [rounds]       feed render vs ical4j alone, full GET, 304, size
#   benchmarks/run.sh memory [requests]   resident memory through repeated feed GETs, with the
#                                         JVM options infra/app/api.bicep ships
set -euo pipefail
cd "$(dirname "$0")/.."
figure="${1:?usage: benchmarks/run.sh feed|memory [n]}"
shift
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
shipped=$(sed -n "s/^ *languageWorkers__java__arguments: '\(.*\)'$/\1/p" infra/app/api.bicep)
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average: $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD), $(date -u +%FT%TZ)"
case "$figure" in
  feed)
    # The worker's own default flags (worker.config.json) plus the shipped ones: what runs in Azure.
    exec java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 $shipped -cp "$cp" org.teamstelehealth.benchmarks.FeedBenchmark feed "$@" ;;
  memory)
    exec java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 $shipped -cp "$cp" org.teamstelehealth.benchmarks.FeedBenchmark memory "$@" ;;
  *) echo "unknown figure: $figure" >&2; exit 2 ;;
esac
