#!/bin/bash
# Audits every clone of a set with a checkout's own source, then measures the reports against the labels.
#
#   bash docs/calibration/audit-set.sh <checkout> <clones-dir> <reports-dir> <set-NN-labels.json>
#
# Writes <reports-dir>/<owner+name>.json (and .err), and <reports-dir>.md: the measure.ts table. A report already
# written is kept, so an interrupted run resumes. Use a detached worktree of the commit being measured as <checkout>.
set -u
wt=$1 clones=$2 out=$3 labels=$4
mkdir -p "$out"
for d in "$clones"/*/; do
  n=$(basename "$d")
  [ -s "$out/$n.json" ] && continue
  (cd "$wt" && timeout 600 npx tsx src/cli.ts "$d" --format json >"$out/$n.json" 2>"$out/$n.err") || echo "rc=$? $n" >>"$out/errors.txt"
done
(cd "$wt" && npx tsx docs/calibration/measure.ts "$labels" "$out") >"$out.md" 2>&1
