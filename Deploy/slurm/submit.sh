#!/usr/bin/env bash
# Submits assay as N array tasks (one per shard) and a merge job that starts only when all of them succeeded.
#   cd /shared/project && /path/to/Deploy/slurm/submit.sh 8
# Run it from the folder holding Corpus/ and Rules/ (or set ASSAY_DATA); ASSAY names the executable if it is
# not on PATH on the compute nodes. Extra arguments go to both sbatch calls (for example --partition=batch).
set -euo pipefail
n="${1:?usage: submit.sh N [sbatch options…]}"
shift
here="$(cd "$(dirname "$0")" && pwd)"
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
    echo "submit.sh: N must be a positive integer" >&2
    exit 2
fi
rm -rf "${ASSAY_DATA:-$PWD}/partials"   # shards of an earlier run with another N must not be merged
jobid=$(sbatch --parsable "$@" --array="0-$((n - 1))" "$here/assay-shards.sbatch")
jobid="${jobid%%;*}"                    # --parsable prints "id" or "id;cluster"
merge=$(sbatch --parsable "$@" --dependency="afterok:$jobid" "$here/assay-merge.sbatch")
echo "shards: job $jobid (array 0-$((n - 1))); merge: job ${merge%%;*} (after all shards succeed)"
