#!/usr/bin/env bash
# JMH over the in-process render path with allocation per scrape (-prof gc: gc.alloc.rate.norm,
# bytes per op). Runs every benchmark in the test classes (ScrapeBenchmark); arguments go to JMH,
# e.g. `bench/jmh.sh -p size=400x5` or `bench/jmh.sh -f 1 -wi 1 -i 3 'ScrapeBenchmark.text$'`.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

bench_build
classpath=$(bench_classpath)
java -cp "$classpath" org.openjdk.jmh.Main -prof gc -rf text -rff target/jmh-result.txt "$@"
echo
echo "Allocation per scrape (target: under 1 MiB = 1048576 B/op):"
grep -E '^Benchmark|gc\.alloc\.rate\.norm' target/jmh-result.txt
