"""ildrive.Dataset: read and write the HDF5 dataset layout of learning/data (robomimic style) from Python, so
Python-side drivers produce files that `ildrive train` and the app open. Episodes are dicts of numpy arrays:
obs {key: (T, dim)}, actions (T, 2) executed, labels (T, 2) what the labeller said, rewards (T,), dones (T,)."""
import json

from . import _core
from .env import Env, _scenario_json


class Dataset:
    """A dataset in memory; load(path) / save(path) read and write the files (writes are atomic)."""

    def __init__(self, core):
        self._d = core

    @classmethod
    def load(cls, path):
        return cls(_core.Dataset.load(str(path)))

    @classmethod
    def for_env(cls, env_or_scenario, **overrides):
        """An empty dataset describing an Env (or a scenario name with overrides), ready for add_episode."""
        scenario_json = (env_or_scenario.scenario_json if isinstance(env_or_scenario, Env)
                         else _scenario_json(env_or_scenario, None, overrides))
        return cls(_core.Dataset(_core.env_args_json(scenario_json)))

    def save(self, path):
        self._d.save(str(path))

    @property
    def env_args(self):
        """The recorded env_args (scenario, control rate, action mode, observation layout, scenario parameters)."""
        return json.loads(self._d.env_args_json)

    @property
    def scenario(self):
        return self._d.scenario

    @property
    def obs_layout(self):
        return self._d.obs_layout

    @property
    def total_steps(self):
        return self._d.total_steps

    @property
    def train(self):
        return self._d.train

    @property
    def valid(self):
        return self._d.valid

    def __len__(self):
        return len(self._d)

    def episode(self, index):
        return self._d.episode(index)

    def __iter__(self):
        return (self._d.episode(i) for i in range(len(self._d)))

    def add_episode(self, obs, actions, labels=None, rewards=None, *, seed=0, source="python", success=False,
                    collision=False, metrics=None, valid=False):
        """Appends an episode (arrays as above; labels default to actions) to the train (or valid) split."""
        self._d.add_episode(obs, actions, labels, rewards, seed, source, success, collision, metrics or {}, valid)

    def make_split(self, valid_fraction, seed=0):
        """A fresh train/valid split of the episodes (deterministic in seed)."""
        self._d.make_split(valid_fraction, seed)

    def features(self, keys, history=1, chunk=1, split="all"):
        """The training view `ildrive train` uses: (features (N, history * frame_dim), labels (N, 2 * chunk)), frames
        oldest to newest, each frame the keys in the given order, padded at an episode's start."""
        return self._d.features(list(keys), history, chunk, split)

    def __repr__(self):
        return f"ildrive.Dataset({self.scenario!r}, {len(self)} episodes, {self.total_steps} steps)"
