#!/usr/bin/python3
"""Reads ildrive files the way other tools' loaders do, with h5py only (robomimic and Minari are not packaged
for Debian, so their real loaders are not run here; the access patterns below follow their documented behaviour
and source: robomimic's SequenceDataset and FileUtils metadata readers, Minari 0.5's MinariStorage/HDF5Storage).

  check_interop.py DATASET.h5 ROBOMIMIC_EXPORT.h5 MINARI_DIR

1. DATASET.h5 (as recorded) through robomimic's loader with its default load_next_obs=True: next_obs must equal
   obs shifted by one, its last row the final observation.
2. The robomimic export through the same loader: actions are the dataset's labels, executed_actions its actions.
3. The Minari export through Minari 0.5's reader: metadata, spaces, episodes with T+1 observations.
Exits 1 with one line naming the problem.
"""
import json
import re
import sys
from pathlib import Path

import h5py
import numpy as np


def check(condition, message):
    if not condition:
        print(f"FAIL: {message}")
        sys.exit(1)


def pad_slice(data, begin, end, length, pad_before, pad_after):
    """robomimic's get_sequence_from_demo: data[begin:end] padded by repeating the first/last row."""
    seq = data[begin:end]
    if pad_before:
        seq = np.concatenate([np.repeat(seq[:1], pad_before, axis=0), seq])
    if pad_after:
        seq = np.concatenate([seq, np.repeat(seq[-1:], pad_after, axis=0)])
    return seq


def robomimic_load(path, filter_key):
    """SequenceDataset(load_next_obs=True, hdf5_cache_mode="all", filter_by_attribute=filter_key) plus the metadata
    readers its train script calls first. Returns {demo: {"obs": {...}, "next_obs": {...}, key: array}}."""
    with h5py.File(path, "r") as f:  # FileUtils.get_env_metadata_from_dataset / get_shape_metadata_from_dataset
        env_meta = json.loads(f["data"].attrs["env_args"])
        for key in ("env_name", "type", "env_kwargs"):
            check(key in env_meta, f"{path}: env_args lacks {key!r}")
        check(isinstance(env_meta["env_kwargs"], dict), f"{path}: env_args env_kwargs is not an object")
        first = list(f["data"].keys())[0]
        ac_dim = f[f"data/{first}/actions"].shape[1]
        check(ac_dim == 2, f"{path}: action dim {ac_dim}")
        obs_keys = sorted(k for k in f[f"data/{first}"]["obs"])
        shapes = {k: f[f"data/{first}/obs/{k}"].shape[1:] for k in obs_keys}
    # The dataset itself: swmr, latest libver and a huge chunk cache, as SequenceDataset opens it.
    with h5py.File(path, "r", swmr=True, libver="latest", rdcc_nbytes=int(1e10)) as f:
        demos = [elem.decode("utf-8") for elem in np.array(f[f"mask/{filter_key}"][:])]
        demos = [demos[i] for i in np.argsort([int(elem[5:]) for elem in demos])]
        loaded = {}
        for ep in demos:
            n = f[f"data/{ep}"].attrs["num_samples"]
            d = {"num_samples": int(n)}
            d["obs"] = {k: f[f"data/{ep}/obs/{k}"][()] for k in obs_keys}
            d["next_obs"] = {k: f[f"data/{ep}/next_obs/{k}"][()] for k in obs_keys}
            for k in ("actions", "rewards", "dones"):
                check(k in f[f"data/{ep}"], f"{path}: data/{ep} lacks {k!r} (robomimic would train on zeros)")
                d[k] = f[f"data/{ep}/{k}"][()].astype("float32")
            for k, v in list(d["obs"].items()) + list(d["next_obs"].items()):
                check(v.shape == (n,) + shapes[k], f"{path}: data/{ep} {k} shape {v.shape}, num_samples {n}")
                check(v.dtype == np.float32, f"{path}: data/{ep} {k} dtype {v.dtype}")
            check(d["actions"].shape == (n, 2), f"{path}: data/{ep}/actions shape {d['actions'].shape}")
            # get_item with frame_stack=2, seq_length=3 at the last index: padded slices of the cached arrays
            t = n - 1
            stacked = pad_slice(d["next_obs"][obs_keys[0]], max(0, t - 1), n, 4, max(0, 1 - t), t + 3 - n)
            check(stacked.shape[0] == 4 and np.array_equal(stacked[-1], d["next_obs"][obs_keys[0]][-1]),
                  f"{path}: data/{ep} next_obs sequence at the end")
            loaded[ep] = d
    return loaded


def check_next_obs(path, loaded):
    with h5py.File(path, "r") as f:
        for ep, d in loaded.items():
            for k, obs in d["obs"].items():
                nxt = d["next_obs"][k]
                check(np.array_equal(nxt[:-1], obs[1:]), f"{path}: data/{ep}/next_obs/{k} is not obs shifted by one")
                check(np.array_equal(nxt[-1], f[f"data/{ep}/final_obs/{k}"][0]),
                      f"{path}: data/{ep}/next_obs/{k} last row is not final_obs")
                check(np.all(np.isfinite(nxt)), f"{path}: data/{ep}/next_obs/{k} holds NaN (a broken view)")
                check(f[f"data/{ep}/next_obs/{k}"].is_virtual, f"{path}: data/{ep}/next_obs/{k} is not virtual")


def check_splits(path, names):
    with h5py.File(path, "r") as f:
        train = [e.decode() for e in f["mask/train"][:]]
        valid = [e.decode() for e in f["mask/valid"][:]]
    check(not set(train) & set(valid), f"{path}: train and valid overlap")
    check(sorted(train + valid) == sorted(names), f"{path}: masks do not cover the demos")


def main():
    dataset, exported, minari_dir = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    with h5py.File(dataset, "r") as f:
        names = list(f["data"].keys())
        raw = {ep: {"obs": {k: f[f"data/{ep}/obs/{k}"][()] for k in f[f"data/{ep}/obs"]},
                    "final": {k: f[f"data/{ep}/final_obs/{k}"][0] for k in f[f"data/{ep}/final_obs"]},
                    "actions": f[f"data/{ep}/actions"][()], "labels": f[f"data/{ep}/labels"][()],
                    "labelled": f[f"data/{ep}/labelled"][()], "terminated": int(f[f"data/{ep}"].attrs["terminated"])}
               for ep in names}
    # 1. the recorded dataset itself
    check_splits(dataset, names)
    loaded = {**robomimic_load(dataset, "train"), **robomimic_load(dataset, "valid")}
    check(sorted(loaded) == sorted(names), f"{dataset}: the loader saw {sorted(loaded)}")
    check_next_obs(dataset, loaded)
    check(any(not np.array_equal(r["actions"], r["labels"]) for r in raw.values()),
          f"{dataset}: actions equal labels everywhere (record with a noisy expert for this check)")

    # 2. the robomimic export: the same loader, actions = labels, executed actions kept
    with h5py.File(exported, "r") as f:
        export_names = list(f["data"].keys())
        origin = {ep: (f[f"data/{ep}"].attrs["source_demo"], int(f[f"data/{ep}"].attrs["first_step"]))
                  for ep in export_names}
        executed = {ep: f[f"data/{ep}/executed_actions"][()] for ep in export_names}
    check_splits(exported, export_names)
    ex = {**robomimic_load(exported, "train"), **robomimic_load(exported, "valid")}
    check_next_obs(exported, ex)
    steps = 0
    for ep, d in ex.items():
        src, first = origin[ep]
        r, n = raw[src], d["num_samples"]
        check(np.all(r["labelled"][first:first + n] == 1), f"{exported}: {ep} holds unlabelled steps")
        check(np.array_equal(d["actions"], r["labels"][first:first + n]), f"{exported}: {ep} actions are not labels")
        check(np.array_equal(executed[ep], r["actions"][first:first + n]), f"{exported}: {ep} executed_actions")
        for k, obs in d["obs"].items():
            check(np.array_equal(obs, r["obs"][k][first:first + n]), f"{exported}: {ep} obs/{k}")
        steps += n
    check(steps == sum(int(r["labelled"].sum()) for r in raw.values()), f"{exported}: {steps} steps exported")

    # 3. Minari 0.5: MinariStorage.read(DIR/data) then HDF5Storage.get_episodes / get_episode_metadata
    data_path = minari_dir / "data"
    metadata = json.loads((data_path / "metadata.json").read_text())
    check(metadata["data_format"] == "hdf5", "minari: data_format")
    for key in ("dataset_id", "total_episodes", "total_steps", "minari_version", "observation_space", "action_space"):
        check(key in metadata, f"minari: metadata lacks {key!r}")
    check(re.fullmatch(r"([\w.-]+/)*[\w.-]+-v\d+", metadata["dataset_id"]) is not None, "minari: dataset_id syntax")
    check(metadata["minari_version"] == "~=0.5", "minari: minari_version")
    obs_space = json.loads(metadata["observation_space"])  # minari.serialization.deserialize_space
    act_space = json.loads(metadata["action_space"])
    check(obs_space["type"] == "Dict" and act_space["type"] == "Box", "minari: space types")
    for name, box in list(obs_space["subspaces"].items()) + [("action", act_space)]:
        low, high = np.array(box["low"]), np.array(box["high"])
        check(box["type"] == "Box" and np.dtype(box["dtype"]) == np.float32, f"minari: space {name}")
        check(low.shape == tuple(box["shape"]) == high.shape and np.all(low <= high), f"minari: space {name} bounds")
    total = 0
    with h5py.File(data_path / "main_data.hdf5", "r") as f:
        for i in range(metadata["total_episodes"]):
            g = f[f"episode_{i}"]
            meta = dict(g.attrs)
            int(meta["seed"])
            obs = {k: g["observations"][k][()] for k in g["observations"].keys()}
            check(set(obs) == set(obs_space["subspaces"]), f"minari: episode_{i} observation keys")
            actions = g["actions"][()]
            ep = {k: g[k][:] for k in ("rewards", "terminations", "truncations")}
            infos = {k: v[()] for k, v in g["infos"].items()}
            n = len(ep["rewards"])
            check(meta["total_steps"] == n and meta["id"] == i, f"minari: episode_{i} attrs")
            check(actions.shape == (n, 2), f"minari: episode_{i} actions {actions.shape}")
            for k, v in obs.items():
                check(v.shape == (n + 1, obs_space["subspaces"][k]["shape"][0]), f"minari: episode_{i} {k} {v.shape}")
            check(ep["terminations"].dtype == np.bool_ and ep["truncations"].dtype == np.bool_,
                  f"minari: episode_{i} terminations/truncations are not bool")
            check(bool(ep["terminations"][-1]) != bool(ep["truncations"][-1]), f"minari: episode_{i} last step")
            check(not ep["terminations"][:-1].any() and not ep["truncations"][:-1].any(),
                  f"minari: episode_{i} ends early")
            check(infos["executed_action"].shape == (n + 1, 2), f"minari: episode_{i} infos")
            r = raw[meta["source_demo"]]
            first = int(meta["first_step"])
            check(np.array_equal(actions, r["labels"][first:first + n]), f"minari: episode_{i} actions are not labels")
            for k, v in obs.items():
                check(np.array_equal(v[:-1], r["obs"][k][first:first + n]), f"minari: episode_{i} observations/{k}")
                whole = np.concatenate([r["obs"][k], r["final"][k][None]])
                check(np.array_equal(v[1:], whole[first + 1:first + n + 1]), f"minari: episode_{i} next observations")
            total += n
    check(total == metadata["total_steps"], "minari: total_steps")
    print(f"ok: robomimic loader on {len(names)} demos (next_obs virtual), robomimic export {len(ex)} demos, "
          f"Minari {metadata['total_episodes']} episodes")


if __name__ == "__main__":
    main()
