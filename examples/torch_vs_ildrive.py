#!/usr/bin/env python3
"""The full PyTorch-vs-`ildrive train` comparison (a benchmark, not a test; its figures are in the README):
the same highway expert demonstrations, `ildrive train --policy mse` and examples/torch_bc.py with the default
budget on seeds 0..N-1, each clone evaluated closed loop by ildrive.evaluate on the same held-out episodes.

    PYTHONPATH=build/python env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \\
        /usr/bin/python3 examples/torch_vs_ildrive.py --cli build/app/ildrive --out /tmp/torch_vs_ildrive
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import torch

import ildrive

sys.path.insert(0, str(Path(__file__).resolve().parent))
import torch_bc  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True, help="the ildrive executable")
    parser.add_argument("--out", required=True, help="folder for the dataset, policies and results.json")
    parser.add_argument("--demos", type=int, default=60)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--episodes", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2, help="evaluation threads (training runs on one)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data_path = out / "highway_demos.h5"
    if not data_path.exists():
        subprocess.run([args.cli, "record", "--scenario", "highway", "--driver", "expert", "--episodes",
                        str(args.demos), "--seed", "1", "--out", str(data_path)], check=True, capture_output=True)
    data = ildrive.Dataset.load(data_path)
    rows = []
    for seed in range(args.seeds):
        policy_path = out / f"ildrive_{seed}.h5"
        start = time.perf_counter()
        stdout = subprocess.run([args.cli, "train", "--data", str(data_path), "--policy", "mse", "--seed", str(seed),
                                 "--out", str(policy_path)], check=True, capture_output=True, text=True).stdout
        seconds = time.perf_counter() - start
        kept = re.search(r"kept weights \(step (\d+)\): train loss ([0-9.e+-]+), valid loss ([0-9.e+-]+)", stdout)
        ev = ildrive.evaluate(ildrive.Policy.load(policy_path), "highway", args.episodes, 0, args.threads)
        rows.append(dict(trainer="ildrive train", seed=seed, kept_step=int(kept.group(1)),
                         train_loss=float(kept.group(2)), valid_loss=float(kept.group(3)), seconds=seconds,
                         success=ev["success_rate"], ci=(ev["success_ci_low"], ev["success_ci_high"])))
        policy, result = torch_bc.train(data, seed=seed)
        policy.save(out / f"torch_{seed}.h5")
        ev = ildrive.evaluate(policy, "highway", args.episodes, 0, args.threads)
        rows.append(dict(trainer="PyTorch", seed=seed, kept_step=result["best_step"], train_loss=result["train_loss"],
                         valid_loss=result["valid_loss"], seconds=result["seconds"], success=ev["success_rate"],
                         ci=(ev["success_ci_low"], ev["success_ci_high"])))
        print(rows[-2], rows[-1], flush=True)
    (out / "results.json").write_text(json.dumps(rows, indent=1))
    print(f"\n{args.demos} highway expert demos, mse policy, default budget, {args.episodes} held-out episodes "
          f"(torch {torch.__version__}, 1 training thread each)\n")
    print("| trainer | seed | kept step | train loss (kept) | valid loss (kept) | success [95% CI] | train s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['trainer']} | {r['seed']} | {r['kept_step']} | {r['train_loss']:.5f} | {r['valid_loss']:.5f} | "
              f"{r['success']:.2f} [{r['ci'][0]:.2f}, {r['ci'][1]:.2f}] | {r['seconds']:.0f} |")
    for name in ("ildrive train", "PyTorch"):
        mine = [r for r in rows if r["trainer"] == name]
        print(f"| {name} mean | | | {statistics.mean(r['train_loss'] for r in mine):.5f} | "
              f"{statistics.mean(r['valid_loss'] for r in mine):.5f} | "
              f"{statistics.mean(r['success'] for r in mine):.3f} | {statistics.mean(r['seconds'] for r in mine):.0f} |")


if __name__ == "__main__":
    main()
