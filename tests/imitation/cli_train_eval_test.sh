#!/bin/sh
# End-to-end: `ildrive record` → `ildrive train` → `ildrive eval` on a tiny run as a user runs them, the JSON
# contract of eval, `train --list`, and every bad input answered with one line on stderr and exit status 2,
# with nothing written. Usage: cli_train_eval_test.sh ILDRIVE WORKDIR
set -u
ILDRIVE=$1
WORK=$2
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
. "$(dirname "$0")/../cli_test_lib.sh"  # fail, expect_error

"$ILDRIVE" train --list > "$WORK/list.out" 2>&1 || fail "train --list exited $?"
grep -Eq "^mse +" "$WORK/list.out" || fail "train --list: $(cat "$WORK/list.out")"

# --- record → train → eval
"$ILDRIVE" record --scenario highway --driver expert --episodes 4 --seed 2 --out "$WORK/demos.h5" > /dev/null 2>&1 ||
  fail "record exited $?"
if ! "$ILDRIVE" train --data "$WORK/demos.h5" --policy mse --obs-keys ego,lane,vehicles --history 2 --chunk 2,1 \
     --epochs 2 --min-steps 0 --width 32 --seed 3 --out "$WORK/policy.h5" --json "$WORK/train.json" > "$WORK/train.out" 2> "$WORK/train.err"; then
  fail "train exited $?: $(cat "$WORK/train.err")"
fi
grep -q "^completed [0-9]* steps (2 epochs)" "$WORK/train.out" || fail "train summary: $(cat "$WORK/train.out")"
grep -q "^wrote $WORK/policy.h5" "$WORK/train.out" || fail "train wrote: $(cat "$WORK/train.out")"
grep -q '"train.epochs": 2' "$WORK/train.json" || fail "train --json: $(cat "$WORK/train.json")"
[ -s "$WORK/policy.h5" ] || fail "no policy file"
if ! "$ILDRIVE" eval --policy "$WORK/policy.h5" --scenario highway --episodes 3 --seed 5 --threads 2 --max-steps 40 \
     --json "$WORK/eval.json" > "$WORK/eval.out" 2> "$WORK/eval.err"; then
  fail "eval exited $?: $(cat "$WORK/eval.err")"
fi
grep -Eq "^success_rate +[0-9.]+ +\[[0-9.]+, [0-9.]+\] +\([0-9]/3\)" "$WORK/eval.out" || fail "eval table: $(cat "$WORK/eval.out")"
grep -Eq "^progress +" "$WORK/eval.out" || fail "eval progress line: $(cat "$WORK/eval.out")"
for key in episodes success_rate success_ci_low success_ci_high collision_rate off_road_rate progress mean_speed; do
  grep -q "\"$key\":" "$WORK/eval.json" || fail "eval --json lacks $key: $(cat "$WORK/eval.json")"
done
grep -q '"episodes": 3' "$WORK/eval.json" || fail "eval --json episodes: $(cat "$WORK/eval.json")"
# Same results on one thread.
"$ILDRIVE" eval --policy "$WORK/policy.h5" --scenario highway --episodes 3 --seed 5 --threads 1 --max-steps 40 \
  --json "$WORK/eval1.json" > /dev/null 2>&1 || fail "eval --threads 1"
grep -v '"seconds"' "$WORK/eval.json" > "$WORK/a.json"
grep -v '"seconds"' "$WORK/eval1.json" > "$WORK/b.json"
cmp -s "$WORK/a.json" "$WORK/b.json" || fail "eval differs between 2 threads and 1: $(diff "$WORK/a.json" "$WORK/b.json")"

# --- bad input: exit status 2, exactly one line on stderr naming the problem, nothing on stdout, no file
OUT="$WORK/never.h5"
D="$WORK/demos.h5"
P="$WORK/policy.h5"
expect_error "unknown policy \"nope\"" train --data "$D" --policy nope --out "$OUT"
expect_error "--colour" train --data "$D" --policy mse --colour red --out "$OUT"
expect_error "--epochs" train --data "$D" --policy mse --epochs 0 --out "$OUT"
expect_error "--chunk" train --data "$D" --policy mse --chunk 2,x --out "$OUT"
expect_error "goal" train --data "$D" --policy mse --obs-keys ego,goal --out "$OUT"
expect_error "$WORK/missing.h5" train --data "$WORK/missing.h5" --policy mse --out "$OUT"
expect_error "--out" train --data "$D" --policy mse
expect_error "/nonexistent-ildrive-dir/p.h5" train --data "$D" --policy mse --out /nonexistent-ildrive-dir/p.h5
expect_error "\"lane\"" eval --policy "$P" --scenario brake_light --episodes 1
expect_error "unknown scenario" eval --policy "$P" --scenario nope --episodes 1
expect_error "--episodes" eval --policy "$P" --scenario highway --episodes 0
expect_error "$WORK/missing.h5" eval --policy "$WORK/missing.h5" --scenario highway --episodes 1
expect_error "--policy" eval --scenario highway --episodes 1
# Sampling steps: heads that have them, K <= T, T >= 2, a known sampler; each message names the value.
expect_error "not mse" train --data "$D" --policy mse --sampling-steps 5 --out "$OUT"
expect_error "ddimSteps K = 200 exceeds diffusionSteps T = 100" train --data "$D" --policy diffusion --sampling-steps 200 --out "$OUT"
expect_error "--diffusion-steps: Value 1" train --data "$D" --policy diffusion --diffusion-steps 1 --out "$OUT"
expect_error "--sampling-steps: Value 0" train --data "$D" --policy diffusion --sampling-steps 0 --out "$OUT"
expect_error "euler" train --data "$D" --policy diffusion --sampler euler --out "$OUT"
expect_error "not flow_matching" train --data "$D" --policy flow_matching --sampler ddpm --out "$OUT"
expect_error "no sampling steps" eval --policy "$P" --scenario highway --episodes 1 --sampling-steps 3
expect_error "--driver" record --scenario highway --driver robot --episodes 1 --out "$OUT"
expect_error "--keyboard-press-threshold" record --scenario highway --driver keyboard --keyboard-press-threshold 5 --episodes 1 --out "$OUT"
expect_error "releaseThreshold" record --scenario highway --driver keyboard --keyboard-release-threshold 0.5 --episodes 1 --out "$OUT"
expect_error "--keyboard-late-release-min" record --scenario highway --driver expert --keyboard-late-release-min 0.1 --episodes 1 --out "$OUT"
[ ! -e "$OUT" ] || fail "a failed command wrote $OUT"

# A non-finite loss (warm start from a checkpoint whose head weights are huge but finite, edited with h5py):
# exit 2, the last stderr line names the step, and the existing output is left as it was.
cp "$P" "$WORK/huge.h5"
/usr/bin/python3 -c "
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], 'r+') as f:
    d = f['weights/head.out.weight']
    d[...] = np.full(d.shape, 1e30, np.float32)
" "$WORK/huge.h5" || fail "h5py could not edit the policy file"
cp "$P" "$WORK/keep.h5"
"$ILDRIVE" train --data "$D" --init "$WORK/huge.h5" --epochs 1 --out "$WORK/keep.h5" > /dev/null 2> "$WORK/nan.err"
status=$?
[ $status -eq 2 ] || fail "diverging train: exit status $status, expected 2"
tail -n 1 "$WORK/nan.err" | grep -q "training stopped at step 1 (epoch 1): .*not finite.*was not written" ||
  fail "diverging train message: $(cat "$WORK/nan.err")"
cmp -s "$P" "$WORK/keep.h5" || fail "a diverged training overwrote its output"

# A diffusion policy trained with a small T, evaluated with other K and the other sampler (same weights).
"$ILDRIVE" train --data "$D" --policy diffusion --diffusion-steps 8 --sampling-steps 4 --steps 20 --min-steps 0 \
  --width 16 --seed 3 --out "$WORK/diffusion.h5" > /dev/null 2>&1 || fail "train diffusion exited $?"
for k in 1 8; do
  "$ILDRIVE" eval --policy "$WORK/diffusion.h5" --scenario highway --episodes 1 --max-steps 10 --sampling-steps $k \
    > /dev/null 2>&1 || fail "eval diffusion --sampling-steps $k exited $?"
done
"$ILDRIVE" eval --policy "$WORK/diffusion.h5" --scenario highway --episodes 1 --max-steps 10 --sampler ddpm > /dev/null 2>&1 ||
  fail "eval diffusion --sampler ddpm exited $?"
expect_error "ddimSteps K = 9 exceeds diffusionSteps T = 8" eval --policy "$WORK/diffusion.h5" --scenario highway --episodes 1 --sampling-steps 9

[ $FAILED -eq 0 ] && echo "cli train/eval end-to-end: ok"
exit $FAILED
