#!/usr/bin/env bash
# Simulates a sharded run on this machine: N `assay build --shard K/N` processes at once (as N pods or array
# tasks would run), then `assay merge`, then one ordinary `assay build` of the same corpus, and `diff -r` of the two
# Output/ folders, which must be identical.
#
#   Deploy/run-local.sh N [CORPUS]        # CORPUS defaults to Corpus/ of the repository
#
# Environment: ASSAY (default .build/release/assay, else .build/debug/assay), RULES (default Rules/),
# KEEP=1 keeps the work folder. Exit 0 when the merged output equals the single run's, 1 when it differs or a step
# failed.
set -euo pipefail
n="${1:?usage: run-local.sh N [CORPUS]}"
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then echo "run-local.sh: N must be a positive integer" >&2; exit 2; fi
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$(cd "${2:-$root/Corpus}" && pwd)"
rules="$(cd "${RULES:-$root/Rules}" && pwd)"
assay="${ASSAY:-}"
if [ -z "$assay" ]; then
    for candidate in "$root/.build/release/assay" "$root/.build/debug/assay"; do
        if [ -x "$candidate" ]; then assay="$candidate"; break; fi
    done
fi
if [ -z "$assay" ] || [ ! -x "$assay" ]; then
    echo "run-local.sh: no assay executable; run 'swift build -c release --product assay' or set ASSAY" >&2
    exit 2
fi
if ! "$assay" build --help 2>/dev/null | grep -q -- '--shard'; then
    echo "run-local.sh: $assay has no 'build --shard' yet" >&2
    exit 2
fi
quiet=()
if "$assay" build --help 2>/dev/null | grep -q -- '--quiet'; then quiet=(--quiet); fi

work="$(mktemp -d "${TMPDIR:-/tmp}/assay-shards.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then echo "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/logs" "$work/partials" "$work/merged" "$work/single"

# Exit codes: 0 success, 1 a check of error severity failed or a document had an error (the output is written),
# anything else a failure of the step.
ran() { [ "$1" -eq 0 ] || [ "$1" -eq 1 ]; }

seconds() { date +%s.%N; }
start=$(seconds)
pids=()
for ((k = 0; k < n; k++)); do
    "$assay" build --corpus "$corpus" --rules "$rules" --shard "$k/$n" --partial "$work/partials/shard-$k" \
        --jobs 1 --no-cache "${quiet[@]}" >"$work/logs/shard-$k.log" 2>&1 &
    pids+=($!)
done
failed=0
for ((k = 0; k < n; k++)); do
    status=0
    wait "${pids[$k]}" || status=$?
    if ! ran "$status"; then
        echo "shard $k/$n failed with exit $status:" >&2
        tail -n 20 "$work/logs/shard-$k.log" >&2
        failed=1
    fi
done
[ "$failed" = 0 ] || exit 1
sharded=$(seconds)

merge_status=0
"$assay" merge --rules "$rules" --output "$work/merged/Output" "$work"/partials/shard-* \
    >"$work/logs/merge.log" 2>&1 || merge_status=$?
if ! ran "$merge_status"; then
    echo "assay merge failed with exit $merge_status:" >&2
    tail -n 20 "$work/logs/merge.log" >&2
    exit 1
fi
merged=$(seconds)

single_status=0
"$assay" build --corpus "$corpus" --rules "$rules" --output "$work/single/Output" --jobs 1 --no-cache "${quiet[@]}" \
    >"$work/logs/single.log" 2>&1 || single_status=$?
if ! ran "$single_status"; then
    echo "the single assay build failed with exit $single_status:" >&2
    tail -n 20 "$work/logs/single.log" >&2
    exit 1
fi
single=$(seconds)

documents=$(find "$work/single/Output/text" -type f 2>/dev/null | wc -l)
printf '%s documents, %s shards: shards %.1f s (at once), merge %.1f s; single build %.1f s\n' \
    "$documents" "$n" "$(echo "$sharded - $start" | bc)" "$(echo "$merged - $sharded" | bc)" \
    "$(echo "$single - $merged" | bc)"
for ((k = 0; k < n; k++)); do
    printf '  shard %s: %s\n' "$k" "$(grep -m1 -E '^assay: ' "$work/logs/shard-$k.log" || echo '(no summary line)')"
done

result=0
if [ "$merge_status" != "$single_status" ]; then
    echo "exit codes differ: merge $merge_status, single build $single_status"
    result=1
fi
if diff -r "$work/single/Output" "$work/merged/Output" >"$work/logs/diff.txt"; then
    echo "merged Output/ is identical to the single build's ($(find "$work/single/Output" -type f | wc -l) files, diff -r)"
else
    echo "merged Output/ differs from the single build's:"
    head -n 40 "$work/logs/diff.txt"
    result=1
fi
exit "$result"
