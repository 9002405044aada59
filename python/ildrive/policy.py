"""ildrive.Policy and ildrive.evaluate.

Policy.load(path).act(obs) acts on one observation dict (arrays (dim,), or (history, dim) for history policies)
or a batch ((B, dim) / (B, history, dim)) and returns (2,) / (B, 2) actions ((H, 2) / (B, H, 2) with chunking).
Policy.create(...) builds an untrained policy of the registry (`ildrive train --list`) whose parameters and
normaliser can be set from numpy (e.g. weights trained in PyTorch) and saved as an ildrive policy file.

evaluate(policy, scenario, episodes, seed, threads) drives closed-loop episodes with an ildrive Policy (on C++
threads) or any Python callable obs -> action (with an optional reset(seed) method called at each episode start),
and returns the figures of `ildrive eval --json`: success_rate with success_ci_low/high (Wilson 95%), collision and
off-road likewise, every continuous metric with its 95% t interval, plus "results" (one dict per episode)."""
import json

import numpy as np

from . import _core
from .data import Dataset
from .env import Env, _scenario_json


class Policy:
    def __init__(self, core):
        self._p = core

    @classmethod
    def load(cls, path, seed=0):
        """A policy file written by `ildrive train`, the app or save(); seed starts act()'s sampling stream."""
        return cls(_core.Policy.load(str(path), int(seed)))

    @classmethod
    def create(cls, policy, obs, seed=0, **config):
        """An untrained policy: `policy` a registry name, `obs` a Dataset, an Env or {key: dim}; config fields
        (obsKeys, history, width, depth, chunk, ...) override the registry defaults."""
        if isinstance(obs, Dataset):
            dims = {k: len(v) for k, v in obs.obs_layout.items()}
        elif isinstance(obs, Env):
            dims = {k: len(v) for k, v in obs.observation_layout}
        else:
            dims = {k: int(v) for k, v in dict(obs).items()}
        config = dict(config, policy=policy)
        return cls(_core.Policy.create(json.dumps(config), dims, int(seed)))

    def save(self, path):
        self._p.save(str(path))

    @property
    def config(self):
        return json.loads(self._p.config_json)

    @property
    def obs_keys(self):
        return self._p.obs_keys

    @property
    def history(self):
        return self._p.history

    @property
    def chunk(self):
        return self._p.chunk

    @property
    def input_dim(self):
        return self._p.input_dim

    def act(self, obs, mean=False):
        return self._p.act(obs, bool(mean))

    __call__ = act

    def act_features(self, features, mean=False):
        """Actions (B, 2 * chunk) for raw feature rows (B, input_dim) as Dataset.features gives them."""
        return self._p.act_features(features, bool(mean))

    def loss(self, features, labels, seed=0):
        """The policy's training loss on raw features (N, input_dim) and labels (N, 2 * chunk), normalised inside."""
        return self._p.loss(features, labels, int(seed))

    def parameters(self):
        """[(name, array, decays)]: every tensor in order; a Linear weight is (outputs, inputs), as in PyTorch."""
        return self._p.parameters()

    def set_parameters(self, values):
        """Replaces every tensor from {name: array} (all names, same shapes)."""
        self._p.set_parameters({k: np.ascontiguousarray(v, dtype=np.float32) for k, v in dict(values).items()})

    @property
    def normalizer(self):
        """(mean, std) per frame entry."""
        return self._p.normalizer_mean, self._p.normalizer_std

    def fit_normalizer(self, features):
        self._p.fit_normalizer(np.ascontiguousarray(features, dtype=np.float32))

    def __repr__(self):
        c = self.config
        return f"ildrive.Policy({c['policy']!r}, keys={self.obs_keys}, history={self.history}, chunk={self.chunk})"


def evaluate(policy, scenario=None, episodes=100, seed=0, threads=1, *, scenario_file=None, max_steps=0,
             temperature=None, **overrides):
    """Closed-loop evaluation (see the module docstring); same figures for any thread count. Ctrl-C interrupts."""
    scenario_json = _scenario_json(scenario, scenario_file, overrides)
    if isinstance(policy, Policy):
        return _core.evaluate_policy(policy._p, scenario_json, int(episodes), int(seed), int(threads), int(max_steps),
                                     -1.0 if temperature is None else float(temperature))
    if temperature is not None:
        raise ValueError("evaluate(): temperature applies to ildrive Policy objects only")
    return _core.evaluate_callable(policy, scenario_json, int(episodes), int(seed), int(threads), int(max_steps))
