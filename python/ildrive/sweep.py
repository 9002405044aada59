"""Lessons spread over a Dask cluster (`python3 -m ildrive.sweep`).

    python3 -m ildrive.sweep [--scheduler tcp://HOST:PORT] lesson NAME [--quick] [--seeds S] [--episodes N]
                             [--seed K] [--tasks N] --json out.json
    python3 -m ildrive.sweep [--scheduler tcp://HOST:PORT] grid NAME --over seed=0,1,2 [--quick] --out DIR

The split is the lesson's own (C++, learning/imitation/lessons/lesson_tasks.h): the networks a lesson trains side by
side come in waves (the clones, then e.g. DAgger rows that start from them); each wave runs as --tasks tasks (task
i takes jobs j with j % tasks == i), and the next wave's tasks get the records of the earlier ones. The round in
which no job is left returns the lesson's table, exactly that of `ildrive lesson NAME` with the same options
(`seconds` aside). Without --scheduler the tasks run on a local cluster of one single-threaded worker per core.
A worker killed mid-task is replaced by the scheduler, which runs its task again elsewhere: tasks are
deterministic, so the result does not change. Every worker needs the ildrive module (the same build).
"""
import argparse
import json
import os
import sys
import time
from pathlib import Path

try:
    from . import _core
except ImportError:  # the client itself needs the module to check names and merge records
    _core = None

OPTION_NAMES = ("quick", "sweep", "seeds", "episodes", "seed")
GRID_PARAMETERS = ("seed", "seeds", "episodes")
WORKER_WAIT_S = float(os.environ.get("ILDRIVE_SWEEP_WORKER_WAIT", "60"))  # for a scheduler that has none yet


class SweepError(Exception):
    """Bad input or an unusable cluster: one line, exit status 2."""


def run_task(name, index, count, records, options):
    """One task on a worker (module-level, so Dask sends it by reference: a worker without ildrive fails to load
    it and says so)."""
    from ildrive import _core as core
    return core.run_lesson_task(name, index, count, records, threads=options.get("threads", 1),
                                **{k: v for k, v in options.items() if k in OPTION_NAMES})


class Progress:
    """One status line of finished tasks per run, on stderr (redrawn in place on a terminal)."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.tty = stream.isatty()

    def update(self, label, done, total):
        width = 24
        filled = width * done // max(total, 1)
        line = f"{label} [{'#' * filled}{'-' * (width - filled)}] {done}/{total} tasks"
        if self.tty:
            self.stream.write("\r" + line + ("\n" if done == total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _failure_text(error):
    text = f"{type(error).__name__}: {error}"
    if isinstance(error, ImportError) and "ildrive" in str(error):
        raise SweepError(f"a worker cannot import the ildrive module ({error}): install it (or set PYTHONPATH) on "
                         "every worker")
    return text


def run_lesson(client, name, options, tasks, progress, label=None):
    """Runs lesson `name` split into waves of `tasks` tasks on `client`; returns (result dict, stats)."""
    from distributed import as_completed

    label = label or name
    records = b""
    wave_stats = []
    for round_index in range(1000):
        start = time.perf_counter()
        futures = {client.submit(run_task, name, i, tasks, records, options, pure=False,
                                 key=f"{label}-round{round_index}-task{i}of{tasks}-{os.getpid()}-{time.time_ns()}"): i
                   for i in range(tasks)}
        outputs = [None] * tasks
        done = 0
        progress.update(f"{label} round {round_index + 1}", done, tasks)
        for future in as_completed(futures):
            i = futures[future]
            error = future.exception()
            if error is not None:
                for other in futures:
                    other.cancel()
                raise RuntimeError(f"{label}: task {i}/{tasks} of round {round_index + 1} failed: "
                                   f"{_failure_text(error)}")
            outputs[i] = future.result()
            done += 1
            progress.update(f"{label} round {round_index + 1}", done, tasks)
        seconds = time.perf_counter() - start
        complete = [o for o in outputs if o["complete"]]
        if complete:
            wave_stats.append({"round": round_index + 1, "final": True, "seconds": seconds})
            return json.loads(complete[0]["result"]), wave_stats
        wave = outputs[0]["wave"]
        wave_stats.append({"round": round_index + 1, "wave": wave, "jobs": outputs[0]["jobs"], "seconds": seconds})
        records = _core.merge_lesson_records([o["records"] for o in outputs])
    raise RuntimeError(f"{label}: more than 1000 rounds")


def _connect(scheduler, workers):
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise SweepError(f"Dask distributed is not installed ({error}): apt-get install python3-distributed")
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as error:
            raise SweepError(f"cannot reach the Dask scheduler {scheduler}: {error}")
        try:  # tasks would wait forever on a scheduler without workers
            client.wait_for_workers(1, timeout=WORKER_WAIT_S)
        except (OSError, TimeoutError) as error:
            client.close()
            raise SweepError(f"the Dask scheduler {scheduler} has no workers (waited {WORKER_WAIT_S:.0f} s: {error})")
        return client, None
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster


def _total_threads(client):
    info = client.scheduler_info().get("workers", {})
    return sum(w.get("nthreads", 1) for w in info.values()) or 1


def _table(result):
    """The lesson's rows as Markdown, one table per title (what `ildrive lesson` prints, from the JSON)."""
    lines = [f"{result['lesson']}: {result['statement']}"]
    tables = {}
    for row in result["rows"]:
        tables.setdefault(row["table"], []).append(row)
    for title, rows in tables.items():
        columns = [k for k in rows[0] if k not in ("method", "table") and not k.endswith(("_ci_low", "_ci_high"))]
        lines += ["", f"### {title}", "| method | " + " | ".join(columns) + " |",
                  "|---" * (len(columns) + 1) + "|"]
        for row in rows:
            cells = []
            for c in columns:
                value = row.get(c)
                text = "–" if value is None else f"{value:.3f}"
                if f"{c}_ci_low" in row:
                    text += f" [{row[c + '_ci_low']:.3f}, {row[c + '_ci_high']:.3f}]"
                cells.append(text)
            lines.append(f"| {row['method']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _write_json(path, value):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(value, indent=2) + "\n")
    tmp.replace(path)  # atomic: a reader never sees half a file


def _parse_over(text):
    if "=" not in text:
        raise SweepError(f"--over {text!r}: expected PARAMETER=V1,V2,... (parameters: {', '.join(GRID_PARAMETERS)})")
    name, values = text.split("=", 1)
    if name not in GRID_PARAMETERS:
        raise SweepError(f"--over: unknown parameter {name!r} (parameters: {', '.join(GRID_PARAMETERS)})")
    try:
        parsed = [int(v) for v in values.split(",") if v != ""]
    except ValueError:
        raise SweepError(f"--over {text!r}: values must be integers")
    if not parsed or any(v < (0 if name == "seed" else 1) for v in parsed):
        raise SweepError(f"--over {text!r}: needs integers >= {0 if name == 'seed' else 1}")
    return name, parsed


def _parser():
    parser = argparse.ArgumentParser(prog="python3 -m ildrive.sweep", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scheduler", help="tcp://HOST:PORT of a running `dask scheduler` (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=0, help="local cluster: worker processes (default: cores)")
    parser.add_argument("--tasks", type=int, default=0,
                        help="tasks per wave (default: the cluster's worker threads, at least 2)")
    parser.add_argument("--threads", type=int, default=1, help="threads of each task (side-by-side jobs)")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in ("lesson", "grid"):
        p = sub.add_parser(command)
        p.add_argument("name")
        p.add_argument("--quick", action="store_true")
        p.add_argument("--sweep", action="store_true", help="the lesson's own sweeps instead of its tables")
        p.add_argument("--seeds", type=int, default=0)
        p.add_argument("--episodes", type=int, default=0)
        p.add_argument("--seed", type=int, default=0)
        if command == "lesson":
            p.add_argument("--json", required=True, help="write the lesson's JSON (as `ildrive lesson --json`)")
        else:
            p.add_argument("--over", required=True, help="PARAMETER=V1,V2,... (seed, seeds or episodes)")
            p.add_argument("--out", required=True, help="folder for one JSON per cell, combined.json and table.md")
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        return _main(args)
    except SweepError as error:
        print(f"ildrive.sweep: {error}", file=sys.stderr)
        return 2
    except RuntimeError as error:
        print(f"ildrive.sweep: {error}", file=sys.stderr)
        return 1


def _main(args):
    if _core is None:
        raise SweepError("the ildrive module is not importable here (build it, or set PYTHONPATH=build/python)")
    if args.name not in _core.lesson_names():
        raise SweepError(f"unknown lesson {args.name!r} (lessons: {', '.join(_core.lesson_names())})")
    for field, low in (("seeds", 0), ("episodes", 0), ("seed", 0), ("tasks", 0), ("threads", 1), ("workers", 0)):
        if getattr(args, field) < low:
            raise SweepError(f"--{field} must be >= {low}, got {getattr(args, field)}")
    cells = [{}]
    if args.command == "grid":
        parameter, values = _parse_over(args.over)
        cells = [{parameter: v} for v in values]
    client, cluster = _connect(args.scheduler, args.workers)
    try:
        tasks = args.tasks or max(2, _total_threads(client))
        progress = Progress()
        base = {"quick": args.quick, "sweep": args.sweep, "seeds": args.seeds, "episodes": args.episodes,
                "seed": args.seed, "threads": args.threads}
        if args.command == "lesson":
            start = time.perf_counter()
            result, rounds = run_lesson(client, args.name, base, tasks, progress)
            _write_json(args.json, result)
            print(_table(result))
            times = ", ".join(f"{r['seconds']:.1f}" for r in rounds)
            print(f"\n({time.perf_counter() - start:.1f} s on the cluster, {len(rounds)} rounds of {tasks} tasks "
                  f"({times} s); JSON in {args.json})")
            return 0
        return _run_grid(client, args, base, cells, tasks, progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run_grid(client, args, base, cells, tasks, progress):
    """Every cell is a lesson run of its own; cells run one after another, each spread over the cluster."""
    out = Path(args.out)
    combined = []
    for cell in cells:
        label = "_".join(f"{k}={v}" for k, v in cell.items())
        result, _ = run_lesson(client, args.name, {**base, **cell}, tasks, progress, label=f"{args.name} {label}")
        _write_json(out / f"{args.name}_{label}.json", result)
        for row in result["rows"]:
            combined.append({**cell, **row})
    _write_json(out / "combined.json", {"lesson": args.name, "over": list(cells[0]), "rows": combined})
    parameter = next(iter(cells[0]))
    metrics = [k for k in combined[0] if k not in ("method", "table", parameter) and
               not k.endswith(("_ci_low", "_ci_high"))] if combined else []
    lines = [f"| {parameter} | table | method | " + " | ".join(metrics) + " |", "|---" * (len(metrics) + 3) + "|"]
    for row in combined:
        lines.append(f"| {row[parameter]} | {row['table']} | {row['method']} | " +
                     " | ".join("–" if row.get(m) is None else f"{row[m]:.3f}" for m in metrics) + " |")
    (out / "table.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"\n{len(cells)} cells: one JSON each, combined.json and table.md in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
