#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer and runs each for SECONDS (default 60), seeded with the
# project's corpus, fixtures and rule files.
# Usage (from anywhere): Fuzz/run-fuzzers.sh [SECONDS] [TARGET...]
# New inputs go to .build-fuzz/corpus-TARGET (not into git); crashes to Fuzz/crashes/TARGET-*, which should become
# regression tests. The closing lines give executions and crashes per target.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzNormalizer FuzzRuleLoader)
runtime=$(find "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")" -name 'libclang_rt.fuzzer_no_main-x86_64.a' | head -1)
[ -n "$runtime" ] || { echo "run-fuzzers: libFuzzer's runtime (libclang_rt.fuzzer_no_main) is not in this toolchain" >&2; exit 2; }
# SwiftPM renames an executable's main, so the targets call libFuzzer's driver themselves and link the no-main runtime.
swift build --package-path Fuzz --scratch-path .build-fuzz -c debug \
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
  -Xlinker "$runtime" -Xlinker -lstdc++ 2>&1 | grep -Ev 'warning: Cannot export' | tail -3
mkdir -p Fuzz/crashes
status=0
for target in "${targets[@]}"; do
  # Seeds are the project's own fixtures, read where they are (libFuzzer reads the files of each folder given).
  case $target in
    FuzzNormalizer) seeds=(Corpus Tests/AssayKitTests/Fixtures/html Tests/AssayKitTests/Fixtures/encodings Tests/AssayKitTests/Fixtures/fuzz-regressions) ;;
    FuzzRuleLoader) seeds=(Rules Tests/AssayKitTests/Fixtures/broken-rules/*/) ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
  work=.build-fuzz/corpus-$target
  mkdir -p "$work"
  log=.build-fuzz/$target.log
  ASAN_OPTIONS=detect_leaks=0 .build-fuzz/debug/$target -max_total_time="$seconds" -max_len=65536 -timeout=20 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=Fuzz/crashes/$target- "$work" "${seeds[@]}" >"$log" 2>&1
  code=$?
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  crashes=$(ls Fuzz/crashes/$target-* 2>/dev/null | wc -l)
  echo "$target: ${execs:-0} executions in ${seconds}s, exit $code, $crashes crash file(s), corpus $(ls "$work" | wc -l) inputs"
  [ "$code" = 0 ] || status=1
done
exit $status
