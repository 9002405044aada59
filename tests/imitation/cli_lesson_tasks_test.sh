#!/bin/sh
# End-to-end: a lesson split into tasks (`ildrive lesson NAME --task i/n --records-out F [--records-in F…]`, wave by
# wave) and merged (`--merge F…`) gives exactly the JSON of the local run, `seconds` aside; causal_confusion's quick
# run has two waves (the clones, then DAgger from one of them). Bad split options: one line, exit 2.
# Usage: cli_lesson_tasks_test.sh ILDRIVE WORKDIR
set -u
ILDRIVE=$1
WORK=$2
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
. "$(dirname "$0")/../cli_test_lib.sh"  # fail, expect_error

RUN="lesson causal_confusion --quick --seeds 1 --episodes 4 --threads 2"
"$ILDRIVE" $RUN --json "$WORK/local.json" > /dev/null 2> "$WORK/local.err" || fail "local run: $(cat "$WORK/local.err")"

# Wave 0 in two tasks, then wave 1 with wave 0's records (task 1/2 has no job there), then the merge.
IN=""
for wave in 0 1; do
  for i in 0 1; do
    "$ILDRIVE" $RUN --task $i/2 $IN --records-out "$WORK/w${wave}_$i.json" > "$WORK/w${wave}_$i.out" 2> "$WORK/task.err" ||
      fail "wave $wave task $i/2: $(cat "$WORK/task.err")"
    grep -q "^task $i/2: wave $wave, ran job" "$WORK/w${wave}_$i.out" || fail "wave $wave task $i/2 said: $(cat "$WORK/w${wave}_$i.out")"
  done
  IN="--records-in $WORK/w${wave}_0.json --records-in $WORK/w${wave}_1.json"
done
grep -q "ran job(s) \[0,2\] of 3" "$WORK/w0_0.out" || fail "wave 0 task 0/2 ran: $(cat "$WORK/w0_0.out")"
grep -q "ran job(s) \[\] of 1" "$WORK/w1_1.out" || fail "wave 1 task 1/2 ran: $(cat "$WORK/w1_1.out")"
"$ILDRIVE" $RUN $(echo "$IN" | sed 's/--records-in/--merge/g') --json "$WORK/merged.json" > "$WORK/merged.out" \
  2> "$WORK/merge.err" || fail "merge: $(cat "$WORK/merge.err")"
/usr/bin/python3 - "$WORK/local.json" "$WORK/merged.json" <<'PY' || fail "merged JSON differs from the local run"
import json, sys
local, merged = (json.load(open(p)) for p in sys.argv[1:3])
for j in (local, merged):
    j.pop("seconds")
assert local == merged, [(a, b) for a, b in zip(local["rows"], merged["rows"]) if a != b][:1]
assert len(local["rows"]) >= 4
PY

# A merge that lacks a wave names it; bad task specs and combinations.
# (found mid-run, so the progress lines come first: the error is the last line)
"$ILDRIVE" $RUN --merge "$WORK/w0_0.json" --merge "$WORK/w0_1.json" > /dev/null 2> "$WORK/short.err"
[ $? -eq 2 ] || fail "a merge without wave 1 did not exit 2"
tail -n 1 "$WORK/short.err" | grep -q "no records for job 0 of wave 1" || fail "short merge: $(cat "$WORK/short.err")"
expect_error "needs 0 <= i < n" $RUN --task 2/2 --records-out "$WORK/x.json"
expect_error "expected i/n" $RUN --task two --records-out "$WORK/x.json"
expect_error "needs --records-out" $RUN --task 0/2
expect_error "exclude each other" $RUN --task 0/2 --records-out "$WORK/x.json" --merge "$WORK/w0_0.json"
expect_error "other options" lesson causal_confusion --quick --seeds 2 --episodes 4 --merge "$WORK/w1_0.json"
expect_error "of lesson \"causal_confusion\"" lesson history --quick --merge "$WORK/w1_0.json"
[ ! -e "$WORK/x.json" ] || fail "a refused task wrote its records file"
exit $FAILED
