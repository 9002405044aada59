#!/usr/bin/env bash
# The Dask sweep against a local run (issue 16's benchmark; figures in docs/sweeps.md): LESSON (default
# "causal_confusion --quick") by `ildrive lesson` on 1 and 2 threads and by `python3 -m ildrive.sweep` on a local
# cluster of 1 and 2 workers (2 tasks per wave), ROUNDS interleaved rounds; then a task's set-up alone (a task
# whose share of wave 0 is empty) and the Dask round trip of a task carrying one network's records (300 kB).
# Every sweep's JSON is compared with the local run's (`seconds` aside).
#
#   scripts/sweep_bench.sh [OUT_DIR]     (~3 min a round for the default lesson on 2 idle cores)
#
# Settings (environment): BUILD (default build), LESSON, ROUNDS (2).
set -euo pipefail

BUILD=${BUILD:-build}
ILDRIVE=$BUILD/app/ildrive
LESSON=${LESSON:-causal_confusion --quick}
ROUNDS=${ROUNDS:-2}
OUT=${1:-$BUILD/sweep_bench}
export PYTHONPATH=$BUILD/python${PYTHONPATH:+:$PYTHONPATH}
PYTHON=${PYTHON:-/usr/bin/python3}
mkdir -p "$OUT"

seconds() { local s e; s=$(date +%s.%N); "$@" > "$OUT/last.out" 2> "$OUT/last.err"; e=$(date +%s.%N); echo "$e - $s" | bc; }

for r in $(seq 1 "$ROUNDS"); do
  for t in 1 2; do
    echo "round $r: ildrive lesson $LESSON --threads $t: $(seconds $ILDRIVE lesson $LESSON --threads $t --json "$OUT/local$t.json") s (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  for w in 1 2; do
    total=$(seconds $PYTHON -m ildrive.sweep --workers $w --tasks 2 lesson $LESSON --json "$OUT/sweep$w.json")
    echo "round $r: sweep on $w worker(s): $total s in all; $(tail -n 1 "$OUT/last.out") (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  echo "round $r: a task's set-up alone: $(seconds $ILDRIVE lesson $LESSON --threads 1 --task 99/100 --records-out "$OUT/empty.json") s ($(tail -n 1 "$OUT/last.out"))"
done

cat > "$OUT/round_trip.py" <<'PY'
import statistics, sys, time
from distributed import Client, LocalCluster
if __name__ == "__main__":
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        payload, times = b"x" * 300000, []
        for _ in range(40):
            start = time.perf_counter()
            client.submit(len, payload, pure=False).result()
            times.append(time.perf_counter() - start)
    print(f"Dask round trip of a task carrying 300 kB: median {statistics.median(times) * 1e3:.1f} ms over 40")
    out = sys.argv[1]
    import json
    local = json.load(open(f"{out}/local1.json")); local.pop("seconds")
    for name in ("local2", "sweep1", "sweep2"):
        other = json.load(open(f"{out}/{name}.json")); other.pop("seconds")
        print(f"{name}.json equal to local1.json (seconds aside): {other == local}")
PY
$PYTHON "$OUT/round_trip.py" "$OUT" 2> /dev/null
