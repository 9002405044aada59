#!/bin/sh
# SIGKILL to `ildrive record` mid-run: the output must hold every episode whose progress line was printed before the
# kill (progress is reported after each episode's flush), those episodes must equal the same seeds' episodes of an
# uninterrupted run, and the file must open cleanly; a kill before the first flush leaves the previous file
# byte-identical. Usage: kill_record_test.sh ILDRIVE WORKDIR
set -u
ILDRIVE=$1
WORK=$2
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }
ARGS="record --scenario highway --driver expert --seed 21"

"$ILDRIVE" $ARGS --episodes 3 --out "$WORK/previous.h5" > /dev/null 2>&1 || { echo "setup record failed"; exit 1; }

# killed before any episode can finish: the previous file is untouched
cp "$WORK/previous.h5" "$WORK/early.h5"
"$ILDRIVE" $ARGS --episodes 400 --out "$WORK/early.h5" > /dev/null 2>&1 &
PID=$!
sleep 0.05
kill -KILL $PID 2> /dev/null
wait $PID 2> /dev/null
if cmp -s "$WORK/previous.h5" "$WORK/early.h5"; then
  echo "killed early: previous file untouched"
else
  # the first episode may have been flushed already (a fast machine): then it must be a valid dataset
  "$ILDRIVE" info "$WORK/early.h5" > /dev/null 2>&1 || fail "early kill left an unreadable file"
fi

for delay in 1 3; do
  OUT="$WORK/killed_$delay.h5"
  cp "$WORK/previous.h5" "$OUT"
  "$ILDRIVE" $ARGS --episodes 400 --out "$OUT" > /dev/null 2> "$WORK/killed_$delay.err" &
  PID=$!
  sleep $delay
  kill -KILL $PID 2> /dev/null
  wait $PID 2> /dev/null
  # the last "record highway K/400" line: K episodes were in the file before the kill
  reported=$(tr '\r' '\n' < "$WORK/killed_$delay.err" | sed -n 's/^record highway \([0-9]*\)\/400.*/\1/p' | tail -1)
  reported=${reported:-0}
  if ! "$ILDRIVE" info "$OUT" > "$WORK/killed_$delay.info" 2>&1; then
    fail "kill after ${delay}s: info cannot open the file: $(cat "$WORK/killed_$delay.info")"
    continue
  fi
  held=$(sed -n 's/^ *episodes *\([0-9]*\)$/\1/p' "$WORK/killed_$delay.info")
  echo "kill after ${delay}s: progress reported $reported episodes, file holds ${held:-?}"
  [ -n "$held" ] || { fail "kill after ${delay}s: no episode count: $(cat "$WORK/killed_$delay.info")"; continue; }
  if [ "$reported" -gt 0 ]; then
    [ "$held" -ge "$reported" ] || fail "kill after ${delay}s: file holds $held episodes, $reported were reported done"
    # the same episodes as an uninterrupted run of that many
    "$ILDRIVE" $ARGS --episodes "$held" --out "$WORK/reference_$delay.h5" > /dev/null 2>&1 || fail "reference record"
    /usr/bin/python3 - "$OUT" "$WORK/reference_$delay.h5" << 'PY' || fail "kill after ${delay}s: episodes differ from an uninterrupted run"
import sys
import h5py
import numpy as np
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    assert sorted(a["data"].keys()) == sorted(b["data"].keys()), "episode names differ"
    for name in a["data"]:
        for member in ("actions", "labels", "rewards", "dones"):
            assert np.array_equal(a["data"][name][member][()], b["data"][name][member][()]), name + "/" + member
PY
  fi
done
exit $FAILED
