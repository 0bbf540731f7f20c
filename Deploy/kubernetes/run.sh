#!/usr/bin/env bash
# Runs assay on Kubernetes: the shard Job, then (once every shard has succeeded) the merge Job.
#   Deploy/kubernetes/run.sh            # uses the current kubectl context and namespace
# Corpus/ and Rules/ must already be on the assay-data volume (see Deploy/README.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
timeout="${ASSAY_TIMEOUT:-24h}"

kubectl delete job assay-shards assay-merge --ignore-not-found
kubectl apply -f "$here/assay-shards.yaml"
if ! kubectl wait --for=condition=complete --timeout="$timeout" job/assay-shards; then
    echo "run.sh: the shard Job did not complete; nothing merged" >&2
    kubectl get pods -l app.kubernetes.io/component=shard >&2 || true
    exit 1
fi
kubectl apply -f "$here/assay-merge.yaml"
# The merge Job either completes or fails; wait for whichever comes first, then show its log.
kubectl wait --for=condition=complete --timeout="$timeout" job/assay-merge &
complete=$!
kubectl wait --for=condition=failed --timeout="$timeout" job/assay-merge &
failed=$!
wait -n "$complete" "$failed" || true
kill "$complete" "$failed" 2>/dev/null || true
kubectl logs job/assay-merge
[ "$(kubectl get job assay-merge -o jsonpath='{.status.succeeded}')" = "1" ]
