#!/bin/sh
# End-to-end: the policies a lesson trained, saved with `ildrive lesson --save-policies DIR` and watched again as
# a user would — `ildrive eval --scenario-file … --lane-keeping` and (when the app is built) `ildrive gui` on the
# offscreen driver — plus the bad inputs of those options (one line on stderr, exit 2).
# Usage: cli_lesson_policies_test.sh ILDRIVE WORKDIR GUI(0|1)
set -u
ILDRIVE=$1
WORK=$2
GUI=$3
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
. "$(dirname "$0")/../cli_test_lib.sh"  # fail, expect_error

LP="$WORK/policies"
if ! "$ILDRIVE" lesson causal_confusion --quick --seeds 1 --episodes 4 --threads 2 --save-policies "$LP" \
     > "$WORK/lesson.out" 2> "$WORK/lesson.err"; then
  fail "lesson --save-policies exited $?: $(cat "$WORK/lesson.err")"
fi
grep -q "^4 policies in $LP" "$WORK/lesson.out" || fail "lesson --save-policies summary: $(tail -n 3 "$WORK/lesson.out")"
for stem in bc_no_lamp_0 bc_lamp_0 bc_previous_action_0 dagger_lamp_1_iter_0; do
  [ -s "$LP/$stem.h5" ] || fail "no $LP/$stem.h5"
  [ -s "$LP/$stem.scenario.json" ] || fail "no $LP/$stem.scenario.json"
done
# The index names every row (pooled rows share their first seed's files) and says how each was driven.
/usr/bin/python3 - "$LP/policies.json" <<'PY' || fail "policies.json: $(cat "$LP/policies.json")"
import json, sys
index = json.load(open(sys.argv[1]))
assert index["lesson"] == "causal_confusion"
rows = {(p["table"], p["method"]): p for p in index["policies"]}
assert len(rows) == 8, len(rows)
assert rows[("30 demonstrations, 1500 steps (quick)", "bc + lamp")]["policy"] == "bc_lamp_0.h5"
assert all(p["lane_keeping"] for p in index["policies"])
PY

# Watched as the lesson measured it (the pedals; the expert steers): no collision, as in the lesson's rows.
if ! "$ILDRIVE" eval --policy "$LP/bc_lamp_0.h5" --scenario-file "$LP/bc_lamp_0.scenario.json" --lane-keeping \
     --episodes 3 --seed 7 --threads 2 > "$WORK/eval.out" 2> "$WORK/eval.err"; then
  fail "eval --lane-keeping exited $?: $(cat "$WORK/eval.err")"
fi
grep -Eq "^collision_rate +0.000 .*\(0/3\)" "$WORK/eval.out" || fail "eval --lane-keeping: $(cat "$WORK/eval.out")"
grep -Eq "^drive_offs +" "$WORK/eval.out" || fail "eval --lane-keeping lacks brake_light metrics: $(cat "$WORK/eval.out")"

if [ "$GUI" = 1 ]; then
  if ! SDL_VIDEODRIVER=offscreen "$ILDRIVE" gui --scenario-file "$LP/bc_lamp_0.scenario.json" --policy "$LP/bc_lamp_0.h5" \
       --drive policy --lane-keeping --frames 60 --stats > "$WORK/gui.out" 2> "$WORK/gui.err"; then
    fail "gui --scenario-file --lane-keeping exited $?: $(cat "$WORK/gui.err")"
  fi
  grep -q "^frame_ms median" "$WORK/gui.out" || fail "gui --stats: $(cat "$WORK/gui.out")"
  expect_error "not both" gui --scenario highway --scenario-file "$LP/bc_lamp_0.scenario.json" --frames 1
fi

# Bad input: nothing runs when the folder cannot be written (checked before the lesson), or a file is malformed.
echo "not a folder" > "$WORK/file"
expect_error "$WORK/file/sub" lesson causal_confusion --quick --save-policies "$WORK/file/sub"
if [ "$GUI" = 1 ]; then
  expect_error "$WORK/file/sub" lesson causal_confusion --quick --figures "$WORK/file/sub"
  expect_error "$WORK/file/sub" dagger --scenario highway --out "$WORK/d.h5" --figures "$WORK/file/sub"
else  # no SDL in this build: one line saying so, before any work
  expect_error "needs the GUI build" lesson causal_confusion --quick --figures "$WORK/figures"
  expect_error "needs the GUI build" dagger --scenario highway --out "$WORK/d.h5" --figures "$WORK/figures"
fi
echo "{" > "$WORK/bad.scenario.json"
expect_error "$WORK/bad.scenario.json" eval --policy "$LP/bc_lamp_0.h5" --scenario-file "$WORK/bad.scenario.json" --episodes 1

[ $FAILED -eq 0 ] && echo "cli lesson policies end-to-end: ok"
exit $FAILED
