"""Speed of the Python front end (`python3 -m ildrive.bench [--json out.json]`; a benchmark, not a test).

 * Env.step overhead: microseconds per step of ildrive.Env.step (building the obs dict, info, numpy arrays) over
   the same steps run in C++ alone (sim::Env::Step plus the expert's action, which info carries), the expert
   driving in both, on the same env and seeds; rounds alternate and the median of the per-round figures counts,
   so a busy machine affects both alike.
 * VectorEnv steps/s on 1 and 2 threads against the C++ single-thread rate of the same work measured in the same
   run (the expert driving every env), and `ildrive bench sim`'s highway figure when the CLI is found.
 * The 2-thread ceiling: two C++ envs stepped by two threads that never synchronise (the same work as the C++
   rate, GIL released), so a loaded machine's share of its second core shows apart from the pool's own cost.
Targets (issue 15): overhead <= 5 us; VectorEnv >= 0.9x the C++ rate per thread, >= 1.8x on 2 threads.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

from . import _core
from .env import VectorEnv, make


def _python_steps(env, steps, seed):
    obs, info = env.reset(seed=seed)
    start = time.perf_counter()
    for _ in range(steps):
        obs, reward, terminated, truncated, info = env.step(info["expert_action"])
        if terminated or truncated:
            obs, info = env.reset()
    return time.perf_counter() - start


def _cpp_steps(env, steps, seed):
    env.reset(seed=seed)
    return env._env._time_cpp_steps(steps)


def step_overhead(scenario="highway", steps=2000, rounds=9):
    env = make(scenario)
    per_round = []
    for r in range(rounds):
        py = _python_steps(env, steps, seed=r)
        cpp = _cpp_steps(env, steps, seed=r)
        per_round.append((py / steps * 1e6, cpp / steps * 1e6))
    py_us = statistics.median(p for p, _ in per_round)
    cpp_us = statistics.median(c for _, c in per_round)
    return {"python_us_per_step": py_us, "cpp_us_per_step": cpp_us,
            "overhead_us": statistics.median(p - c for p, c in per_round)}


def vector_rate(scenario, num_envs, threads, steps, seed=0):
    vec = VectorEnv(scenario, num_envs, num_threads=threads, seed=seed, expert_actions=True)
    obs, info = vec.reset()
    start = time.perf_counter()
    for _ in range(steps):
        obs, rewards, terminated, truncated, info = vec.step(info["expert_action"])
    seconds = time.perf_counter() - start
    return num_envs * steps / seconds


def cpp_rate(scenario, steps, seed=0):
    env = make(scenario)
    env.reset(seed=seed)
    return steps / env._env._time_cpp_steps(steps)


def independent_rate(scenario, steps, threads=2, seed=0):
    """Steps/s of `threads` C++ envs stepped side by side with no synchronisation (each its own thread)."""
    envs = [make(scenario) for _ in range(threads)]
    for i, env in enumerate(envs):
        env.reset(seed=seed + i)
    workers = [threading.Thread(target=env._env._time_cpp_steps, args=(steps,)) for env in envs]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return threads * steps / (time.perf_counter() - start)


def bench_sim_cli():
    """`ildrive bench sim`'s highway control steps/s, if the CLI is next to this build (else None)."""
    here = Path(__file__).resolve()
    candidates = [here.parents[2] / "app" / "ildrive", shutil.which("ildrive")]
    cli = next((Path(c) for c in candidates if c and Path(c).exists()), None)
    if cli is None:
        return None
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"ildrive_bench_sim_{os.getpid()}.json"
    try:
        subprocess.run([str(cli), "bench", "sim", "--json", str(out)], check=True, capture_output=True, timeout=600)
        return json.loads(out.read_text()).get("highway.control_steps_per_s")
    except (subprocess.SubprocessError, OSError, ValueError):
        return None
    finally:
        out.unlink(missing_ok=True)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m ildrive.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default="highway")
    parser.add_argument("--num-envs", type=int, default=16)
    parser.add_argument("--steps", type=int, default=300, help="VectorEnv steps per measurement")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (medians are reported)")
    parser.add_argument("--json", help="write the figures to this JSON file")
    parser.add_argument("--quiet", action="store_true", help="print nothing (`ildrive bench python` prints)")
    parser.add_argument("--quick", action="store_true",
                        help="a few hundred steps, one round, without `ildrive bench sim` (the test's smoke run)")
    args = parser.parse_args(argv)
    if args.quick:
        args.steps, args.rounds = min(args.steps, 16), 1

    load = os.getloadavg()[0]
    figures = {"load_average_1min": load}
    figures.update({"env." + k: v for k, v in step_overhead(args.scenario, *((200, 1) if args.quick else ())).items()})
    rates = {"cpp": [], "cpp2": [], "vec1": [], "vec2": []}
    for r in range(args.rounds):
        rates["cpp"].append(cpp_rate(args.scenario, args.num_envs * args.steps // 4, seed=r))
        rates["cpp2"].append(independent_rate(args.scenario, args.num_envs * args.steps // 2, seed=r))
        rates["vec1"].append(vector_rate(args.scenario, args.num_envs, 1, args.steps // 4, seed=r))
        rates["vec2"].append(vector_rate(args.scenario, args.num_envs, 2, args.steps, seed=r))
    cpp = statistics.median(rates["cpp"])
    vec1 = statistics.median(rates["vec1"])
    vec2 = statistics.median(rates["vec2"])
    cpp2 = statistics.median(rates["cpp2"])
    figures.update({
        "cpp.steps_per_s": cpp,
        "cpp_2_independent_threads.steps_per_s": cpp2,
        "cpp_2_independent_threads.ratio_to_cpp": cpp2 / cpp,
        "vector_1_thread.steps_per_s": vec1,
        "vector_2_threads.steps_per_s": vec2,
        "vector_1_thread.ratio_to_cpp": vec1 / cpp,
        "vector_2_threads.ratio_to_cpp": vec2 / cpp,
        "vector_2_threads.ratio_to_independent": vec2 / cpp2,
        "vector_2_threads.simulated_s_per_wall_s": vec2 * make(args.scenario).control_dt,
    })
    cli = None if args.quick else bench_sim_cli()
    if cli is not None:
        figures["bench_sim.highway.control_steps_per_s"] = cli
    figures["load_average_1min_end"] = os.getloadavg()[0]
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=1)
    if args.quiet:
        return 0

    print(f"ildrive Python front end, {args.scenario} (load average {load:.1f} at start, "
          f"{figures['load_average_1min_end']:.1f} at end; medians of {args.rounds} rounds)")
    print(f"  Env.step            {figures['env.python_us_per_step']:8.2f} us   C++ step + expert "
          f"{figures['env.cpp_us_per_step']:.2f} us   overhead {figures['env.overhead_us']:.2f} us (target <= 5)")
    print(f"  C++ Env, 1 thread   {cpp:10.0f} steps/s")
    print(f"  VectorEnv 1 thread  {vec1:10.0f} steps/s  {vec1 / cpp:.2f}x C++ (target >= 0.9)")
    print(f"  VectorEnv 2 threads {vec2:10.0f} steps/s  {vec2 / cpp:.2f}x C++ (target >= 1.8)  "
          f"= {figures['vector_2_threads.simulated_s_per_wall_s']:.0f} simulated s per wall s")
    print(f"  C++ 2 free threads  {cpp2:10.0f} steps/s  {cpp2 / cpp:.2f}x C++ (this machine's 2-thread ceiling now); "
          f"VectorEnv 2 threads {vec2 / cpp2:.2f}x of it")
    if cli is not None:
        print(f"  ildrive bench sim   {cli:10.0f} control steps/s (highway; Env::Step only, expert outside the timing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
