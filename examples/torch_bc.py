#!/usr/bin/env python3
"""Behaviour cloning in PyTorch on an ildrive dataset, with exactly `ildrive train --policy mse`'s recipe, then
closed-loop evaluation with ildrive.evaluate and (optionally) an ildrive policy file the app and CLI can drive.

The recipe (learning/imitation/trainer.cpp, learning/policies): features = the dataset's observation keys except
`controls`, sorted by name (the current frame); targets = the recorded labels; per-entry standardisation fitted on
the training split (population std, entries with std < 1e-6 left at 1); an MLP obs -> 128 -> 128 -> 2 with ReLU
after each hidden layer and Kaiming-uniform weights (bound sqrt(6 / fan_in)), zero biases; mean squared error;
AdamW (betas 0.9/0.999, eps 1e-8, weight decay 0.1 on weights only, not biases); cosine learning rate from 1e-3 to
1e-4 over all steps; global gradient-norm clipping at 1.0; minibatches of 256 drawn through a fresh permutation
each epoch (the remainder left out); max(20 epochs, 20,000 steps) unless --steps; the validation loss measured at
every epoch's end and at the last step, and the weights with the best one kept.

    python3 examples/torch_bc.py --data demos.h5 --scenario highway --out torch_policy.h5
    ./build/app/ildrive eval --policy torch_policy.h5 --scenario highway
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import torch

import ildrive


def recipe_defaults():
    return dict(batch_size=256, lr=1e-3, final_lr_fraction=0.1, weight_decay=0.1, clip_norm=1.0, epochs=20,
                min_steps=20000)


def build_torch_mlp(policy):
    """The torch twin of an ildrive mse/mlp policy: one nn.Linear per (weight, bias) pair of its parameters, in
    order, ReLU after every layer but the last (encoder.mlp.* are ReLU layers, head.out is linear)."""
    params = policy.parameters()
    names = [name for name, _, _ in params]
    if policy.config["policy"] != "mse" or policy.config["encoder"] != "mlp" or policy.history != 1 or policy.chunk != 1:
        raise ValueError("torch_bc reproduces the mse policy with the mlp encoder, history 1, chunk 1")
    layers, decay_flags = [], []
    for k in range(0, len(params), 2):
        (w_name, w, w_decays), (b_name, b, b_decays) = params[k], params[k + 1]
        if not (w_name.endswith(".weight") and b_name.endswith(".bias")):
            raise ValueError(f"unexpected parameter layout {names}")
        linear = torch.nn.Linear(w.shape[1], w.shape[0])
        layers.append(linear)
        decay_flags += [w_decays, b_decays]
    modules = []
    for i, linear in enumerate(layers):
        modules.append(linear)
        if i + 1 < len(layers):
            modules.append(torch.nn.ReLU())
    return torch.nn.Sequential(*modules), names, decay_flags


def init_like_ildrive(model, generator):
    """Kaiming-uniform weights (bound sqrt(6 / fan_in), learning/nn/init.cpp) and zero biases."""
    with torch.no_grad():
        for m in model:
            if isinstance(m, torch.nn.Linear):
                bound = math.sqrt(6.0 / m.in_features)
                m.weight.uniform_(-bound, bound, generator=generator)
                m.bias.zero_()


def split_loss(model, x, y):
    with torch.no_grad():
        return torch.mean((model(x) - y) ** 2).item()


def train(data, seed=0, steps=0, log=print, **overrides):
    """Trains on an ildrive.Dataset; returns (ildrive.Policy holding the kept weights, result dict)."""
    cfg = dict(recipe_defaults(), **overrides)
    start = time.perf_counter()
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    policy = ildrive.Policy.create("mse", data, seed=seed)  # the registry's layout: keys, widths, depth
    keys = policy.obs_keys
    train_x, train_y = data.features(keys, split="train")
    valid_x, valid_y = data.features(keys, split="valid")
    policy.fit_normalizer(train_x)  # ildrive's own statistics, so the saved file normalises the same way
    mean, std = policy.normalizer
    tx = torch.from_numpy((train_x - mean) / std)
    ty = torch.from_numpy(train_y)
    vx = torch.from_numpy((valid_x - mean) / std)
    vy = torch.from_numpy(valid_y)

    model, names, decays = build_torch_mlp(policy)
    init_like_ildrive(model, generator)
    params = list(model.parameters())
    groups = [{"params": [p for p, d in zip(params, decays) if d], "weight_decay": cfg["weight_decay"]},
              {"params": [p for p, d in zip(params, decays) if not d], "weight_decay": 0.0}]
    optimiser = torch.optim.AdamW(groups, lr=cfg["lr"], betas=(0.9, 0.999), eps=1e-8)

    n = tx.shape[0]
    batch = min(cfg["batch_size"], n)
    per_epoch = n // batch
    total = steps if steps > 0 else max(cfg["epochs"] * per_epoch, cfg["min_steps"])
    base, final = cfg["lr"], cfg["lr"] * cfg["final_lr_fraction"]
    best, best_loss, best_step, curve = None, math.inf, 0, []
    interval_sum, interval_steps = 0.0, 0
    order = None
    for step in range(total):
        if step % per_epoch == 0:
            order = torch.randperm(n, generator=generator)
        lr = final + 0.5 * (base - final) * (1.0 + math.cos(math.pi * step / total))
        for group in optimiser.param_groups:
            group["lr"] = lr
        idx = order[(step % per_epoch) * batch:(step % per_epoch + 1) * batch]
        loss = torch.mean((model(tx[idx]) - ty[idx]) ** 2)
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, cfg["clip_norm"])
        optimiser.step()
        interval_sum += loss.item()
        interval_steps += 1
        done = step + 1
        if done % per_epoch == 0 or done == total:
            valid = split_loss(model, vx, vy) if len(vy) else math.nan
            curve.append((done, interval_sum / interval_steps, valid))
            interval_sum, interval_steps = 0.0, 0
            if not valid >= best_loss:
                best_loss, best_step = valid, done
                best = [p.detach().clone() for p in params]
    if best is not None:
        with torch.no_grad():
            for p, b in zip(params, best):
                p.copy_(b)
    seconds = time.perf_counter() - start
    values = {}
    for name, p in zip(names, params):
        array = p.detach().numpy().astype(np.float32)
        values[name] = array.reshape(-1, 1) if name.endswith(".bias") else array
    policy.set_parameters(values)
    result = dict(steps=total, seconds=seconds, best_step=best_step,
                  train_loss=split_loss(model, tx, ty), valid_loss=split_loss(model, vx, vy) if len(vy) else math.nan,
                  ildrive_valid_loss=policy.loss(valid_x, valid_y) if len(vy) else math.nan, curve=curve)
    log(f"torch: {total} steps in {seconds:.1f} s; kept step {best_step}: train loss {result['train_loss']:.5g}, "
        f"valid loss {result['valid_loss']:.5g}")
    return policy, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="dataset (.h5) from `ildrive record`")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", type=int, default=0, help="optimiser steps (0: the recipe's epochs / minimum)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads and evaluation threads")
    parser.add_argument("--scenario", help="evaluate closed loop on this scenario (default: the dataset's)")
    parser.add_argument("--scenario-file", help="evaluate on this scenario file instead")
    parser.add_argument("--episodes", type=int, default=100, help="evaluation episodes (0: no evaluation)")
    parser.add_argument("--eval-seed", type=int, default=0)
    parser.add_argument("--out", help="also save the trained network as an ildrive policy file")
    parser.add_argument("--json", help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    torch.set_num_threads(max(1, args.threads))
    data = ildrive.Dataset.load(args.data)
    policy, result = train(data, seed=args.seed, steps=args.steps)
    if args.out:
        policy.save(args.out)
        print(f"wrote {args.out}")
    if args.episodes > 0:
        scenario = None if args.scenario_file else (args.scenario or data.scenario)
        figures = ildrive.evaluate(policy, scenario, args.episodes, args.eval_seed, args.threads,
                                   scenario_file=args.scenario_file)
        result["evaluation"] = {k: v for k, v in figures.items() if k != "results"}
        print(f"closed loop: success {figures['success_rate']:.3f} "
              f"[{figures['success_ci_low']:.3f}, {figures['success_ci_high']:.3f}] over {args.episodes} episodes")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
