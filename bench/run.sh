#!/usr/bin/env bash
# The benchmark suite (docs/performance.md): builds the jar, then measures it as a black box against a fake
# upstream and a static server of its own output, and prints one markdown table (bench/README.md).
#   bench/run.sh            the full run, several minutes; quiet machine wanted
#   bench/run.sh --smoke    tiny sizes, proves the tooling works (CI); fails only if something
#                           breaks, never on a figure
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

mode=()
case "${1:-}" in
  --smoke) mode=(--smoke) ;;
  "") ;;
  *) echo "usage: bench/run.sh [--smoke]" >&2; exit 2 ;;
esac

# The exporter runs with the image's JVM flags, read from the Dockerfile so the two cannot drift:
# the items of the exec-form ENTRYPOINT between "java" and "-jar".
entrypoint=$(sed -n 's/^ENTRYPOINT \[\(.*\)\]$/\1/p' Dockerfile)
read -r -a items <<<"$(tr -d '",' <<<"$entrypoint")"
jvm_flags=()
for item in "${items[@]:1}"; do
  [[ $item == -jar ]] && break
  jvm_flags+=("$item")
done
if [[ ${items[0]:-} != java || ${#jvm_flags[@]} -eq 0 ]]; then
  echo "bench/run.sh: no JVM flags in the Dockerfile's ENTRYPOINT" >&2
  exit 1
fi

bench_build
classpath=$(bench_classpath)
work=target/bench
rm -rf "$work"
echo "bench: $(nproc) cores; logs and captures in $work" >&2
java -Dbench.clk.tck="$(getconf CLK_TCK)" -cp "$classpath" dev.routewatch.exporter.bench.Bench \
  "${mode[@]}" --jar target/openrouter-exporter.jar --work "$work" -- "${jvm_flags[@]}"
