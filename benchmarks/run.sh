#!/usr/bin/env bash
# Runs one benchmark figure: benchmarks/run.sh <figure> [arguments for it]. See benchmarks/README.md.
# Figures are plain main classes in functions/src/test/java/org/teamstelehealth/benchmarks (not tests);
# "benchmarks/run.sh main <class> [args]" runs any other main on the same classpath.
set -euo pipefail
cd "$(dirname "$0")/.."

figure="${1:-}"
shift || true
jvm=(-Dsun.net.httpserver.nodelay=true -Dproject.root="$PWD")
# The Java worker's own default flags (worker.config.json) plus the options infra/app/api.bicep ships.
shipped=$(sed -n "s/^ *languageWorkers__java__arguments: '\(.*\)'$/\1/p" infra/app/api.bicep)
worker="-XX:+TieredCompilation -XX:TieredStopAtLevel=1 $shipped"
case "$figure" in
  intake)   main=org.teamstelehealth.benchmarks.IntakeBenchmark ;;
  startup)  main=org.teamstelehealth.benchmarks.StartupBenchmark
    # Both launched JVMs (project and bare server) start as Azure starts the worker; BENCHMARK_JVM_OPTIONS
    # replaces that (e.g. BENCHMARK_JVM_OPTIONS=" " for a plain JVM).
    jvm+=("-Dbenchmark.jvmOptions=${BENCHMARK_JVM_OPTIONS:-$worker}") ;;
  first-meeting) main=org.teamstelehealth.benchmarks.FirstMeetingBenchmark
    jvm+=("-Dbenchmark.jvmOptions=${BENCHMARK_JVM_OPTIONS:-$worker}") ;;
  pipeline) main=org.teamstelehealth.benchmarks.PipelineBenchmark
    # shellcheck disable=SC2206
    jvm+=($worker) ;;
  feed|memory)
    # shellcheck disable=SC2206
    jvm+=($worker)
    main=org.teamstelehealth.benchmarks.FeedBenchmark
    set -- "$figure" "$@" ;;
  main)     main="$1"; shift ;;
  *) echo "usage: benchmarks/run.sh intake|startup|first-meeting|pipeline|feed|memory|main <class> [args]" >&2; exit 2 ;;
esac

mvn -B -q -ntp test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark-classpath.txt -Dmdep.includeScope=test
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average: $(cut -d' ' -f1-3 /proc/loadavg)," \
     "commit $(git rev-parse --short HEAD), $(date -u +%FT%TZ)"
echo "jvm: ${jvm[*]}"
exec java "${jvm[@]}" -cp "target/classes:target/test-classes:$(cat target/benchmark-classpath.txt)" "$main" "$@"
