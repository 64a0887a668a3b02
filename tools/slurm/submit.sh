#!/bin/sh
# Submits clio's scale-out flow to Slurm: an array of N annotation tasks (one part of the
# corpus each, annotated and indexed), then a merge-and-report job that starts when all
# of them succeeded.
#   tools/slurm/submit.sh N WORKDIR [clio options] CORPUS...
# WORKDIR must be on a file system every node sees; it receives segments/, merged/
# (with merged/index.clio), report.html and the jobs' logs. Prints the two job ids. Extra sbatch options (account,
# partition, time) go in $SBATCH_OPTIONS; $CLIO names the clio binary on the nodes.
# With SUBMIT_WAIT=1 it returns only when the merge job has ended (sbatch --wait).
set -eu
n=${1:?usage: submit.sh N WORKDIR [clio options] CORPUS...}
work=${2:?usage: submit.sh N WORKDIR [clio options] CORPUS...}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work/segments"
array=$(sbatch --parsable ${SBATCH_OPTIONS:-} --array=0-$((n - 1)) \
    --output="$work/annotate-%A_%a.log" \
    "$here/annotate-part.sbatch" "$n" "$work/segments" "$@")
array=${array%%;*}
wait=""
[ "${SUBMIT_WAIT:-0}" = 1 ] && wait="--wait"
echo "annotation array: job $array ($n tasks)"
merge=$(sbatch --parsable $wait ${SBATCH_OPTIONS:-} --dependency=afterok:"$array" \
    --kill-on-invalid-dep=yes --output="$work/merge-%j.log" \
    "$here/merge.sbatch" "$work/segments" "$work/merged" "$work/report.html" "$@")
echo "merge and report: job ${merge%%;*}"
