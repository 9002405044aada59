#!/usr/bin/env bash
# Every scenario's own demonstrations clone (issue 12 item 4): for each scenario, DEMOS clean expert
# demonstrations with `ildrive record` defaults, `ildrive train` with its defaults for each head suited to the
# scenario (and the heads that show the scenario's lesson), `ildrive eval --episodes EPISODES`; prints one Markdown
# row per scenario × head × training seed with the success rate and its 95% Wilson interval, then pooled rows.
#
#   scripts/clone_table.sh [OUT_DIR]     (make clone-table; ~1-2 h on 2 cores, longer on a loaded machine)
#
# Settings (environment): ILDRIVE (binary, default build/app/ildrive), DEMOS (150), EPISODES (100), SEEDS
# (training seeds, "0"), RECORD_SEED (1), EVAL_SEED (1000), THREADS (eval threads, 2), ONLY (scenario names to
# run, space-separated; default all), HEADS_<scenario> (override a scenario's head list).
# The recordings and policies stay in OUT_DIR (default build/clone_table) and are reused when present.
set -euo pipefail

ILDRIVE=${ILDRIVE:-build/app/ildrive}
OUT=${1:-build/clone_table}
DEMOS=${DEMOS:-150}
EPISODES=${EPISODES:-100}
SEEDS=${SEEDS:-0}
RECORD_SEED=${RECORD_SEED:-1}
EVAL_SEED=${EVAL_SEED:-1000}
THREADS=${THREADS:-2}
ONLY=${ONLY:-highway brake_light lane_choice fast_slow goal_arena}

# Suited heads first; mse on lane_choice and bins on fast_slow show the lessons (expected to fail there).
HEADS_highway=${HEADS_highway:-mse}
HEADS_brake_light=${HEADS_brake_light:-mse}
HEADS_lane_choice=${HEADS_lane_choice:-flow_matching gmm bins ar_bins cvae mse}
HEADS_fast_slow=${HEADS_fast_slow:-ar_bins flow_matching gmm cvae bins}
HEADS_goal_arena=${HEADS_goal_arena:-mse}

mkdir -p "$OUT"
rows="$OUT/rows.tsv"
: > "$rows"
for scenario in $ONLY; do
  data="$OUT/$scenario-demos.h5"
  [ -f "$data" ] || "$ILDRIVE" record --scenario "$scenario" --driver expert --episodes "$DEMOS" \
    --seed "$RECORD_SEED" --out "$data" > "$OUT/$scenario-record.log"
  heads_var="HEADS_$scenario"
  for head in ${!heads_var}; do
    for seed in $SEEDS; do
      policy="$OUT/$scenario-$head-$seed.h5"
      [ -f "$policy" ] || "$ILDRIVE" train --data "$data" --policy "$head" --seed "$seed" --out "$policy" \
        > "$OUT/$scenario-$head-$seed-train.log"
      json="$OUT/$scenario-$head-$seed-eval.json"
      [ -f "$json" ] || "$ILDRIVE" eval --policy "$policy" --scenario "$scenario" --episodes "$EPISODES" \
        --seed "$EVAL_SEED" --threads "$THREADS" --json "$json" > "$OUT/$scenario-$head-$seed-eval.log"
      python3 - "$json" "$scenario" "$head" "$seed" >> "$rows" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
print("\t".join([sys.argv[2], sys.argv[3], sys.argv[4], str(round(j["success_rate"] * j["episodes"])),
                 str(int(j["episodes"]))]))
PY
    done
  done
done

# The table: per-seed rows, then each scenario × head pooled over the training seeds (Wilson 95%).
python3 - "$rows" "$DEMOS" <<'PY'
import math, sys
from collections import OrderedDict
def wilson(k, n, z=1.959963984540054):
    p = k / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, c - h), min(1.0, c + h)
pooled = OrderedDict()
print(f"| scenario | head | training seed | success ({sys.argv[2]} clean expert demos) | 95% interval |")
print("|---|---|---|---|---|")
for line in open(sys.argv[1]):
    scenario, head, seed, k, n = line.split()
    k, n = int(k), int(n)
    lo, hi = wilson(k, n)
    print(f"| {scenario} | {head} | {seed} | {k / n:.2f} ({k}/{n}) | [{lo:.2f}, {hi:.2f}] |")
    a = pooled.setdefault((scenario, head), [0, 0, 0])
    a[0] += k; a[1] += n; a[2] += 1
if any(v[2] > 1 for v in pooled.values()):
    print()
    print("| scenario | head | seeds pooled | success | 95% interval |")
    print("|---|---|---|---|---|")
    for (scenario, head), (k, n, s) in pooled.items():
        lo, hi = wilson(k, n)
        print(f"| {scenario} | {head} | {s} | {k / n:.2f} ({k}/{n}) | [{lo:.2f}, {hi:.2f}] |")
PY
