#!/bin/bash
# Clones every repo of a labelled set at its labelled sha, from snapshots brought in with `fetch`.
#
#   bash docs/calibration/clone-set.sh <set-NN-labels.json> <dest>      (MIRROR defaults to /work/.mirror)
#
# Each snapshot is <MIRROR>/<owner+name>/repo. Snapshots lack blobs of 4 MiB and more: those files are left out of the
# work tree (git status shows them deleted), as in every measured run. Prints MISSING / SHA-FAIL for repos it could not
# place at the labelled commit.
set -u
labels=$1 dest=$2 mirror=${MIRROR:-/work/.mirror}
mkdir -p "$dest"
python3 -c "import json,sys;[print(x['repo'],x['sha']) for x in json.load(open(sys.argv[1]))]" "$labels" |
  while read -r repo sha; do
    n=${repo/\//+} g=$mirror/${repo/\//+}/repo
    [ -d "$dest/$n" ] && continue
    if [ ! -d "$g" ]; then echo "MISSING $repo"; continue; fi
    git clone -q --no-checkout "$g" "$dest/$n" 2>/dev/null || { echo "CLONE-FAIL $repo"; continue; }
    (cd "$dest/$n" && git reset -q "$sha" 2>/dev/null && { git checkout -q -- . 2>/dev/null; git reset -q; } &&
      [ "$(git rev-parse HEAD)" = "$sha" ]) || echo "SHA-FAIL $repo"
  done
