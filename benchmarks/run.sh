#!/usr/bin/env bash
# Runs one benchmark figure: benchmarks/run.sh <figure> [arguments for it]. See benchmarks/README.md.
# Figures are plain main classes in functions/src/test/java/org/teamstelehealth/benchmarks (not tests);
# "benchmarks/run.sh main <class> [args]" runs any other main on the same classpath.
set -euo pipefail
cd "$(dirname "$0")/.."

figure="${1:-}"
shift || true
case "$figure" in
  intake)  main=org.teamstelehealth.benchmarks.IntakeBenchmark ;;
  startup) main=org.teamstelehealth.benchmarks.StartupBenchmark ;;
  main)    main="$1"; shift ;;
  *) echo "usage: benchmarks/run.sh intake|startup|main <class> [args]" >&2; exit 2 ;;
esac

mvn -B -q -o test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark-classpath.txt -Dmdep.includeScope=test
exec java -Dsun.net.httpserver.nodelay=true -Dproject.root="$PWD" \
    -cp "target/classes:target/test-classes:$(cat target/benchmark-classpath.txt)" "$main" "$@"
