#!/usr/bin/env python3
"""Writes malformed datasets and policy files from one good dataset and one good policy file: truncated, corrupted,
wrong-schema, wrong-version, non-finite and empty. Prints one line per case: "<kind> <file> <what>".
Usage: make_malformed.py GOOD_DATASET GOOD_POLICY OUTDIR"""
import os
import re
import shutil
import sys

import h5py
import numpy as np


def metadata_positions(path, size):
    """Byte offsets after the superblock (512) that are not raw data of a contiguous dataset."""
    raw_ranges = []

    def visit(_, obj):
        if isinstance(obj, h5py.Dataset):
            offset = obj.id.get_offset()
            if offset is not None:
                raw_ranges.append((offset, offset + obj.id.get_storage_size()))

    with h5py.File(path, "r") as f:
        f.visititems(visit)
    is_raw = bytearray(size)
    for begin, end in raw_ranges:
        is_raw[begin:end] = b"\1" * (min(end, size) - begin)
    return [i for i in range(512, size) if not is_raw[i]]


def main():
    good_data, good_policy, out = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    cases = []

    def raw(kind, name, what, data):
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(data)
        cases.append((kind, path, what))

    def edited(kind, good, name, what, edit):
        path = os.path.join(out, name)
        shutil.copyfile(good, path)
        with h5py.File(path, "r+") as f:
            edit(f)
        cases.append((kind, path, what))

    for kind, good in (("dataset", good_data), ("policy", good_policy)):
        blob = open(good, "rb").read()
        raw(kind, kind + "_empty.h5", "empty file", b"")
        raw(kind, kind + "_text.h5", "text, not HDF5", b"this is not an hdf5 file\n" * 10)
        raw(kind, kind + "_trunc_header.h5", "truncated inside the superblock", blob[:100])
        raw(kind, kind + "_trunc_half.h5", "truncated at half", blob[: len(blob) // 2])
        raw(kind, kind + "_trunc_tail.h5", "last 64 bytes cut", blob[:-64])
        flipped = bytearray(blob)
        for i in range(512, len(flipped), max(1, len(flipped) // 64)):
            flipped[i] ^= 0xFF
        raw(kind, kind + "_bitflips.h5", "64 bytes flipped through the file", bytes(flipped))
        # The same outside the datasets' raw data: HDF5 keeps no checksum of raw values, so only flips in
        # metadata (object headers, B-trees, heaps) are detectable whatever the file's layout.
        meta = bytearray(blob)
        positions = metadata_positions(good, len(meta))
        for i in positions[:: max(1, len(positions) // 64)][:64]:
            meta[i] ^= 0xFF
        raw(kind, kind + "_metaflips.h5", "64 bytes flipped through the metadata", bytes(meta))
        zeroed = bytearray(blob)
        zeroed[96:4096] = bytes(len(zeroed[96:4096]))
        raw(kind, kind + "_zeroed_meta.h5", "metadata after the superblock zeroed", bytes(zeroed))
        edited(kind, good, kind + "_no_attrs.h5", "every root attribute removed",
               lambda f: [f.attrs.__delitem__(k) for k in list(f.attrs)])

    def first_demo(f):
        return f["data"][sorted(f["data"].keys())[0]]

    def set_attr(name, value):
        return lambda f: f.attrs.__setitem__(name, value)

    def replace(path, value):
        def edit(f):
            del f[path]
            f[path] = value
        return edit

    def demo_replace(member, make):
        def edit(f):
            g = first_demo(f)
            old = g[member][()]
            del g[member]
            g[member] = make(old)
        return edit

    def nan_in(member):
        def make(old):
            old = old.astype(np.float32)
            old.flat[len(old.flat) // 2] = np.nan
            return old
        return demo_replace(member, make)

    # The global heap (variable-length strings): the free-space object's size zeroed (HDF5 1.10 loops forever on
    # it) and an object renumbered (a heap ID naming nothing: HDF5 1.10 only asserts). Policy files store
    # fixed-length strings since the fix, so their case first rewrites the attributes as h5py's variable-length str.
    def as_vlen_strings(f):
        for name in list(f.attrs):
            if isinstance(f.attrs[name], bytes):
                f.attrs[name] = f.attrs[name].decode()
    edited("policy", good_policy, "policy_heap_free_zero.h5", "vlen strings, heap free space of size 0",
           lambda f: (as_vlen_strings(f), f.flush()))
    corrupt_heap(cases[-1][1], free_zero=True)
    edited("policy", good_policy, "policy_heap_bad_index.h5", "vlen strings, heap object renumbered", as_vlen_strings)
    corrupt_heap(cases[-1][1], free_zero=False)
    shutil.copyfile(good_data, os.path.join(out, "dataset_heap_free_zero.h5"))
    corrupt_heap(os.path.join(out, "dataset_heap_free_zero.h5"), free_zero=True)
    cases.append(("dataset", os.path.join(out, "dataset_heap_free_zero.h5"), "heap free space of size 0"))
    shutil.copyfile(good_data, os.path.join(out, "dataset_heap_bad_index.h5"))
    corrupt_heap(os.path.join(out, "dataset_heap_bad_index.h5"), free_zero=False)
    cases.append(("dataset", os.path.join(out, "dataset_heap_bad_index.h5"), "heap object renumbered"))

    d = "dataset"
    edited(d, good_data, "dataset_version_99.h5", "format_version 99", set_attr("format_version", 99))
    edited(d, good_data, "dataset_version_0.h5", "format_version 0", set_attr("format_version", 0))
    edited(d, good_data, "dataset_wrong_format.h5", "format 'something.else'", set_attr("format", "something.else"))
    edited(d, good_data, "dataset_version_string.h5", "format_version as a string", set_attr("format_version", "1"))
    edited(d, good_data, "dataset_no_data.h5", "/data group removed", lambda f: f.__delitem__("data"))
    edited(d, good_data, "dataset_no_episodes.h5", "/data has no episodes",
           lambda f: [f["data"].__delitem__(k) for k in list(f["data"].keys())])
    edited(d, good_data, "dataset_nan_obs.h5", "NaN in an observation", lambda f: nan_in("obs/ego")(f))
    edited(d, good_data, "dataset_inf_action.h5", "+inf in an action",
           demo_replace("actions", lambda a: np.where(np.arange(a.size).reshape(a.shape) == 3, np.inf, a).astype(np.float32)))
    edited(d, good_data, "dataset_nan_label.h5", "NaN in a label", nan_in("labels"))
    edited(d, good_data, "dataset_short_actions.h5", "actions one row short", demo_replace("actions", lambda a: a[:-1]))
    edited(d, good_data, "dataset_actions_3cols.h5", "actions with 3 columns",
           demo_replace("actions", lambda a: np.zeros((a.shape[0], 3), np.float32)))
    edited(d, good_data, "dataset_actions_int.h5", "actions stored as strings",
           demo_replace("actions", lambda a: np.array([b"x"] * a.shape[0])))
    edited(d, good_data, "dataset_missing_obs_key.h5", "an episode lacks obs/lidar",
           lambda f: first_demo(f)["obs"].__delitem__("lidar"))
    edited(d, good_data, "dataset_obs_width.h5", "obs/ego 7 wide in one episode",
           demo_replace("obs/ego", lambda a: a[:, :-1]))
    edited(d, good_data, "dataset_num_samples.h5", "num_samples attribute disagrees",
           lambda f: first_demo(f).attrs.__setitem__("num_samples", 10 ** 9))
    edited(d, good_data, "dataset_negative_samples.h5", "num_samples negative",
           lambda f: first_demo(f).attrs.__setitem__("num_samples", -5))
    edited(d, good_data, "dataset_mask_unknown.h5", "mask names a missing episode",
           replace("mask/train", np.array([b"demo_99999"], dtype=object)))
    edited(d, good_data, "dataset_zero_steps.h5", "an episode with 0 steps",
           lambda f: [demo_replace(m, lambda a: a[:0])(f)
                      for m in ("actions", "labels", "dones", "rewards", "obs/brake_indicator", "obs/ego",
                                "obs/lane", "obs/lidar", "obs/vehicles")])
    edited(d, good_data, "dataset_obs_is_dataset.h5", "obs is a dataset, not a group",
           replace(first_demo_path(good_data) + "/obs", np.zeros((3, 3), np.float32)))

    p = "policy"
    edited(p, good_policy, "policy_version_99.h5", "format_version 99", set_attr("format_version", 99))
    edited(p, good_policy, "policy_wrong_kind.h5", "kind 'ildrive.dataset'", set_attr("kind", "ildrive.dataset"))
    edited(p, good_policy, "policy_config_not_json.h5", "config is not JSON", set_attr("config", "{not json"))
    edited(p, good_policy, "policy_config_unknown_key.h5", "config with an unknown key",
           lambda f: f.attrs.__setitem__("config", text(f.attrs["config"])[:-1] + ',"bogus":1}'))
    edited(p, good_policy, "policy_config_bad_value.h5", "config width -3",
           lambda f: f.attrs.__setitem__("config", re.sub(r'"width":\d+', '"width":-3', text(f.attrs["config"]))))
    edited(p, good_policy, "policy_unknown_name.h5", "policy name 'nope'", set_attr("policy", "nope"))
    edited(p, good_policy, "policy_layout_bad.h5", "obs_layout not JSON", set_attr("obs_layout", "[["))
    edited(p, good_policy, "policy_missing_weight.h5", "a weight tensor removed",
           lambda f: f["weights"].__delitem__(sorted(f["weights"].keys())[0]))
    edited(p, good_policy, "policy_weight_shape.h5", "a weight tensor with the wrong shape",
           lambda f: replace_in(f, "weights/" + sorted(f["weights"].keys())[0], lambda a: np.zeros((3, 3), np.float32)))
    edited(p, good_policy, "policy_nan_weight.h5", "NaN in a weight",
           lambda f: replace_in(f, "weights/" + sorted(f["weights"].keys())[1], with_nan))
    edited(p, good_policy, "policy_inf_norm.h5", "+inf in the normaliser std",
           lambda f: replace_in(f, "normalizer/std", lambda a: np.full(a.shape, np.inf, np.float32)))
    edited(p, good_policy, "policy_zero_std.h5", "normaliser std all 0",
           lambda f: replace_in(f, "normalizer/std", lambda a: np.zeros(a.shape, np.float32)))
    edited(p, good_policy, "policy_weight_f64.h5", "a weight stored as int32",
           lambda f: replace_in(f, "weights/" + sorted(f["weights"].keys())[0], lambda a: a.astype(np.int32)))
    edited(p, good_policy, "policy_no_normalizer.h5", "normaliser group removed", lambda f: f.__delitem__("normalizer"))

    for kind, path, what in cases:
        print("%s %s %s" % (kind, path, what))


def text(value):
    """A string attribute as str: policy files store fixed-length strings, which h5py returns as bytes."""
    return value.decode() if isinstance(value, bytes) else value


def corrupt_heap(path, free_zero):
    """Edits the first global heap collection ("GCOL") in place: zeroes the size of its free-space object (index 0)
    or renumbers its first object to index 200."""
    blob = bytearray(open(path, "rb").read())
    start = blob.find(b"GCOL")
    assert start >= 0, path + ": no global heap"
    size = int.from_bytes(blob[start + 8:start + 16], "little")
    p = start + 16
    while p + 16 <= start + size:
        index = int.from_bytes(blob[p:p + 2], "little")
        length = int.from_bytes(blob[p + 8:p + 16], "little")
        if not free_zero:
            blob[p:p + 2] = (200).to_bytes(2, "little")
            break
        if index == 0:
            blob[p + 8:p + 16] = bytes(8)
            break
        p += 16 + (length + 7) // 8 * 8
    open(path, "wb").write(bytes(blob))


def with_nan(a):
    a = a.copy()
    a.flat[0] = np.nan
    return a


def replace_in(f, path, make):
    old = f[path][()]
    del f[path]
    f[path] = make(old)


def first_demo_path(good):
    with h5py.File(good, "r") as f:
        return "data/" + sorted(f["data"].keys())[0]


if __name__ == "__main__":
    main()
