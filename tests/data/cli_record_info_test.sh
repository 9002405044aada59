#!/bin/sh
# End-to-end: `ildrive record` and `ildrive info` as a user runs them, the file read back with h5py, every bad
# option answered with one line and exit status 2 before any work, and an interrupted recording leaving a valid
# file. Slow-ish (records a few short highway episodes). Usage: cli_record_info_test.sh ILDRIVE PYTHON_CHECK WORKDIR
set -u
ILDRIVE=$1
CHECK=$2
WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
. "$(dirname "$0")/../cli_test_lib.sh"  # fail, expect_error

"$ILDRIVE" record --list > "$WORK/list.out" 2>&1 || fail "record --list exited $?"
grep -Eq "^highway +direct " "$WORK/list.out" || fail "record --list: $(cat "$WORK/list.out")"

# --- record 3 expert episodes, info shows them, h5py reads them
if ! "$ILDRIVE" record --scenario highway --driver expert --episodes 3 --seed 7 --out "$WORK/demos.h5" \
     --json "$WORK/record.json" > "$WORK/record.out" 2> "$WORK/record.err"; then
  fail "record exited $?: $(cat "$WORK/record.err")"
fi
grep -q "^recorded 3 episodes, [0-9]* steps of highway with expert" "$WORK/record.out" || fail "record summary: $(cat "$WORK/record.out")"
grep -q "^expert success rate [0-9.]*% ([0-9]*/3)" "$WORK/record.out" || fail "success line: $(cat "$WORK/record.out")"
grep -q '"record.episodes": 3' "$WORK/record.json" || fail "record --json: $(cat "$WORK/record.json")"
"$ILDRIVE" info "$WORK/demos.h5" > "$WORK/info.out" 2>&1 || fail "info exited $?: $(cat "$WORK/info.out")"
grep -q "ildrive dataset" "$WORK/info.out" || fail "info kind: $(cat "$WORK/info.out")"
grep -Eq "^ +episodes +3$" "$WORK/info.out" || fail "info episodes: $(cat "$WORK/info.out")"
grep -Eq "^ +sources +expert 3$" "$WORK/info.out" || fail "info sources: $(cat "$WORK/info.out")"
grep -Eq "^ +scenario +highway " "$WORK/info.out" || fail "info scenario: $(cat "$WORK/info.out")"
grep -Eq "^ +obs keys +.*ego \([0-9]+\)" "$WORK/info.out" || fail "info obs keys: $(cat "$WORK/info.out")"
/usr/bin/python3 "$CHECK" "$WORK/demos.h5" --episodes 3 --source expert --scenario highway || fail "h5py check (expert)"

"$ILDRIVE" record --scenario highway --driver noisy-expert --noise-sigma 0.2 --episodes 2 --seed 3 \
  --out "$WORK/noisy.h5" > /dev/null 2>&1 || fail "noisy-expert record"
/usr/bin/python3 "$CHECK" "$WORK/noisy.h5" --episodes 2 --source noisy-expert || fail "h5py check (noisy-expert)"

# --- bad input: exit status 2, exactly one line on stderr naming the problem, nothing on stdout, no file
OUT="$WORK/never.h5"
expect_error "unknown scenario 'nope'" record --scenario nope --episodes 1 --out "$OUT"
expect_error "highway" record --scenario nope --episodes 1 --out "$OUT"
expect_error "--driver" record --scenario highway --driver robot --episodes 1 --out "$OUT"
expect_error "--episodes" record --scenario highway --episodes 0 --out "$OUT"
expect_error "--episodes" record --scenario highway --episodes lots --out "$OUT"
expect_error "--seed" record --scenario highway --seed -5 --episodes 1 --out "$OUT"
expect_error "--valid-fraction" record --scenario highway --valid-fraction 1.5 --episodes 1 --out "$OUT"
expect_error "--colour" record --scenario highway --episodes 1 --colour red --out "$OUT"
expect_error "--noise-sigma" record --scenario highway --driver noisy-expert --noise-sigma 7 --episodes 1 --out "$OUT"
expect_error "only applies to --driver noisy-expert" record --scenario highway --noise-sigma 0.2 --episodes 1 --out "$OUT"
expect_error "/nonexistent-ildrive-dir/x.h5" record --scenario highway --episodes 1 --out /nonexistent-ildrive-dir/x.h5
expect_error "--out" record --scenario highway --episodes 1
expect_error "--scenario" record --episodes 1 --out "$OUT"
expect_error "no_such.json" record --scenario-file "$WORK/no_such.json" --episodes 1 --out "$OUT"
[ ! -e "$OUT" ] || fail "a refused record wrote $OUT"
expect_error "no such file" info "$WORK/missing.h5"
echo "not hdf5" > "$WORK/text.h5"
expect_error "not a readable HDF5 file" info "$WORK/text.h5"
head -c 3000 "$WORK/demos.h5" > "$WORK/truncated.h5"
expect_error "truncated.h5" info "$WORK/truncated.h5"
: > "$WORK/empty.h5"
expect_error "empty file" info "$WORK/empty.h5"

# --- an interrupted recording leaves the previous file or a valid file with every finished episode
cp "$WORK/demos.h5" "$WORK/interrupted.h5"
"$ILDRIVE" record --scenario highway --episodes 500 --seed 11 --out "$WORK/interrupted.h5" > /dev/null 2>&1 &
PID=$!
sleep 2
kill -KILL $PID 2> /dev/null
wait $PID 2> /dev/null
/usr/bin/python3 "$CHECK" "$WORK/interrupted.h5" --scenario highway || fail "interrupted recording left an invalid file"
"$ILDRIVE" info "$WORK/interrupted.h5" > "$WORK/interrupted.out" 2>&1 || fail "info on the interrupted file"
echo "interrupted recording: $(grep -E '^ +episodes' "$WORK/interrupted.out")"

[ $FAILED -eq 0 ] && echo "cli_record_info_test: OK"
exit $FAILED
