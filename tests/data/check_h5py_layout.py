#!/usr/bin/env python3
"""Reads an ildrive dataset with h5py, as users do, and checks the robomimic layout (docs/design.md, "Files"):
attributes and their Python types, dataset dtypes and shapes, the split, and the values (finite, in range,
consistent with each other and with env_args). Exits 1 with one line naming the problem.

usage: check_h5py_layout.py FILE.h5 [--episodes N] [--source S] [--scenario S]
"""
import argparse
import json
import sys

import h5py
import numpy as np


class LayoutError(Exception):
    pass


def check(condition, message):
    if not condition:
        raise LayoutError(message)


def check_attrs(obj, where, expected):
    for name, types in expected.items():
        check(name in obj.attrs, f"{where}: missing attribute {name!r}")
        value = obj.attrs[name]
        check(isinstance(value, types), f"{where}: attribute {name!r} is {type(value).__name__}, expected {types}")
    return {name: obj.attrs[name] for name in expected}


def check_dataset(group, name, where, dtype, shape):
    check(name in group and isinstance(group[name], h5py.Dataset), f"{where}: missing dataset {name!r}")
    dataset = group[name]
    check(dataset.dtype == np.dtype(dtype), f"{where}/{name}: dtype {dataset.dtype}, expected {dtype}")
    check(dataset.shape == shape, f"{where}/{name}: shape {dataset.shape}, expected {shape}")
    values = dataset[()]
    if values.dtype.kind == "f":
        check(np.all(np.isfinite(values)), f"{where}/{name}: non-finite values")
    return values


def decode_names(values):
    return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in values]


def check_file(path, args):
    with h5py.File(path, "r") as f:
        root = check_attrs(f, "/", {"format": str, "format_version": (int, np.integer)})
        check(root["format"] == "ildrive.dataset", f"/: format is {root['format']!r}")
        check(int(root["format_version"]) == 1, f"/: format_version {root['format_version']}")

        check("data" in f, "missing group 'data'")
        data = f["data"]
        attrs = check_attrs(data, "data", {"total": (int, np.integer), "env_args": str})
        env = json.loads(attrs["env_args"])
        for key in ("env_name", "type", "scenario", "control_rate_hz", "action_mode", "action_names", "obs_layout",
                    "env_kwargs"):
            check(key in env, f"data: env_args has no {key!r}")
        check(isinstance(env["env_kwargs"], dict) and env["env_kwargs"], "data: env_args env_kwargs is not the Def")
        check(env["env_name"] == env["scenario"], "data: env_args env_name differs from scenario")
        check(len(env["action_names"]) == 2, "data: env_args action_names must have 2 entries")
        check(env["control_rate_hz"] > 0, "data: env_args control_rate_hz must be positive")
        layout = env["obs_layout"]
        check(isinstance(layout, dict) and layout, "data: env_args obs_layout must be a non-empty object")
        if args.scenario:
            check(env["scenario"] == args.scenario, f"data: scenario {env['scenario']!r}, expected {args.scenario!r}")

        demos = list(data.keys())
        expected_names = [f"demo_{i}" for i in range(len(demos))]
        check(sorted(demos) == sorted(expected_names),
              f"data: demo names {demos[:5]}… are not demo_0..demo_{len(demos) - 1}")
        if args.episodes is not None:
            check(len(demos) == args.episodes, f"data: {len(demos)} demos, expected {args.episodes}")

        total = 0
        seeds = set()
        for name in expected_names:
            where = f"data/{name}"
            demo = data[name]
            a = check_attrs(demo, where, {"num_samples": (int, np.integer), "seed": np.uint64, "source": str,
                                          "scenario": str, "success": np.uint8, "collision": np.uint8,
                                          "metrics": str})
            steps = int(a["num_samples"])
            check(steps > 0, f"{where}: num_samples must be positive")
            check(a["scenario"] == env["scenario"], f"{where}: scenario {a['scenario']!r} differs from env_args")
            check(int(a["success"]) in (0, 1) and int(a["collision"]) in (0, 1), f"{where}: success/collision not 0/1")
            check(isinstance(json.loads(a["metrics"]), dict), f"{where}: metrics is not a JSON object")
            if args.source:
                check(a["source"] == args.source, f"{where}: source {a['source']!r}, expected {args.source!r}")
            seeds.add(int(a["seed"]))
            total += steps

            check("obs" in demo, f"{where}: missing group 'obs'")
            check(sorted(demo["obs"].keys()) == sorted(layout.keys()),
                  f"{where}/obs: keys {sorted(demo['obs'].keys())}, env_args lists {sorted(layout.keys())}")
            obs = {key: check_dataset(demo["obs"], key, f"{where}/obs", "float32", (steps, len(names)))
                   for key, names in layout.items()}
            for key, names in layout.items():  # robomimic's default load_next_obs reads next_obs/<key>
                check_dataset(demo["final_obs"], key, f"{where}/final_obs", "float32", (1, len(names)))
                nxt = check_dataset(demo["next_obs"], key, f"{where}/next_obs", "float32", (steps, len(names)))
                check(np.array_equal(nxt[:-1], obs[key][1:]), f"{where}/next_obs/{key}: not obs shifted by one")
            check(int(demo.attrs["terminated"]) in (0, 1), f"{where}: terminated not 0/1")
            actions = check_dataset(demo, "actions", where, "float32", (steps, 2))
            labels = check_dataset(demo, "labels", where, "float32", (steps, 2))
            check_dataset(demo, "rewards", where, "float32", (steps,))
            dones = check_dataset(demo, "dones", where, "uint8", (steps,))
            labelled = check_dataset(demo, "labelled", where, "uint8", (steps,))
            check(np.all(np.isin(labelled, (0, 1))), f"{where}/labelled: values other than 0/1")
            if a["source"] != "dagger":
                check(np.all(labelled == 1), f"{where}/labelled: a demonstration with unlabelled steps")

            check(np.all(np.abs(actions) <= 1.0) and np.all(np.abs(labels) <= 1.0), f"{where}: actions outside [-1, 1]")
            check(dones[-1] == 1 and np.all(dones[:-1] == 0), f"{where}: dones must be 1 on the last step only")
            if a["source"] == "expert":
                check(np.array_equal(actions, labels), f"{where}: the expert's executed actions differ from its labels")
            if "ego" in layout and "speed" in layout["ego"]:
                speed = obs["ego"][:, layout["ego"].index("speed")]
                check(np.all(speed > -1.0) and np.all(speed < 100.0), f"{where}: ego speed outside (-1, 100) m/s")
            if "brake_indicator" in obs:
                check(np.all(np.isin(obs["brake_indicator"], (0.0, 1.0))), f"{where}: brake_indicator not 0/1")

        check(int(attrs["total"]) == total, f"data: total {attrs['total']} but the demos hold {total} steps")
        check(len(seeds) == len(demos), "data: two demos share a seed")

        check("mask" in f, "missing group 'mask'")
        masks = {}
        for split in ("train", "valid"):
            check(split in f["mask"], f"mask: missing dataset {split!r}")
            dataset = f["mask"][split]
            check(dataset.ndim == 1 and h5py.check_string_dtype(dataset.dtype) is not None,
                  f"mask/{split}: expected a 1-D array of strings")
            masks[split] = decode_names(dataset[()])
        train, valid = masks["train"], masks["valid"]
        check(not set(train) & set(valid), "mask: train and valid overlap")
        check(sorted(train + valid) == sorted(expected_names), "mask: train + valid is not every demo exactly once")
        return len(demos), total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--episodes", type=int)
    parser.add_argument("--source")
    parser.add_argument("--scenario")
    args = parser.parse_args()
    try:
        demos, total = check_file(args.file, args)
    except (LayoutError, OSError, KeyError, ValueError) as e:
        print(f"check_h5py_layout: {args.file}: {e}", file=sys.stderr)
        return 1
    print(f"check_h5py_layout: {args.file}: OK ({demos} demos, {total} steps, h5py {h5py.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
