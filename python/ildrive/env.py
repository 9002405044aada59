"""ildrive.make / Env / VectorEnv: the simulator with the Gymnasium conventions.

Env.reset(seed=None, options=None) -> (obs, info); Env.step(action) -> (obs, reward, terminated, truncated, info).
obs is a dict of float32 arrays keyed by observation component, with the names and layouts of the datasets
(sim/observation.h; `Env.observation_layout` names every entry). info holds `events` (collision, off_road,
goal_reached, stalled), `reward_terms`, `expert_action` (the scripted expert's action for the state of the returned
observation: labels for DAgger from Python) and, when the episode ends, `metrics` (success, collision, off_road,
progress, mean_speed, time_stopped, duration and the scenario's own).

Seeds: reset(seed=s) plays exactly the C++ sim::Env.Reset(s) episode; later resets without a seed play the
following episodes of that sequence (reproducible), starting from 0 if no seed was ever given.
"""
import json

import numpy as np

from . import _core, spaces

try:
    import gymnasium as _gym
    _EnvBase = _gym.Env
except ImportError:  # pragma: no cover - depends on the machine
    _EnvBase = object


def _scenario_json(scenario, scenario_file, overrides):
    return _core.scenario_json(scenario or "", scenario_file or "", json.dumps(overrides))


def scenarios():
    """The registered scenarios as {name: description}."""
    return dict(_core.scenarios())


class Env(_EnvBase):
    """One environment (see the module docstring). Build it with ildrive.make()."""

    metadata = {"render_modes": ["rgb_array"], "render_fps": 20}

    def __init__(self, scenario=None, scenario_file=None, render_mode=None, **overrides):
        if render_mode not in (None, "rgb_array"):
            raise ValueError(f"render_mode {render_mode!r}: ildrive renders 'rgb_array' only")
        self._env = _core.Env(_scenario_json(scenario, scenario_file, overrides))
        self.render_mode = render_mode
        self.observation_layout = self._env.observation_layout()
        self.observation_space = spaces.observation_space(self.observation_layout)
        self.action_space = spaces.action_space()

    # Gymnasium API ---------------------------------------------------------------------------------------------
    def reset(self, *, seed=None, options=None):
        if options:
            raise ValueError(f"reset(): options {sorted(options)} are not supported (pass scenario fields to make())")
        return self._env.reset(seed)

    def step(self, action):
        return self._env.step(action)

    def close(self):
        self._env.close()

    def render(self, width=640, height=360, zoom=8.0):
        """The top-down view centred on the ego as an RGB array (height, width, 3) uint8, drawn offscreen (no window,
        no video driver) by the same rendering library as the app; zoom in pixels per metre."""
        return self._env.render(int(width), int(height), float(zoom))

    # ildrive extras --------------------------------------------------------------------------------------------
    @property
    def scenario(self):
        return self._env.scenario

    @property
    def scenario_json(self):
        """The scenario's full parameters (overrides applied), loadable with scenario_file=."""
        return self._env.scenario_json

    @property
    def action_mode(self):
        return self._env.action_mode

    @property
    def control_dt(self):
        """Seconds of simulated time per step."""
        return self._env.control_dt

    @property
    def episode_seed(self):
        return self._env.episode_seed

    def expert_action(self):
        """The scripted expert's action for the current state (float32 (2,))."""
        return self._env.expert_action()

    def metrics(self):
        return self._env.metrics()

    def trajectory_hash(self):
        """The world's trajectory hash (the C++ Env's, for determinism checks)."""
        return self._env.trajectory_hash()

    @property
    def unwrapped(self):
        return self

    def __repr__(self):
        return f"ildrive.Env({self.scenario!r})"


def make(scenario=None, scenario_file=None, render_mode=None, **overrides):
    """An Env of a registered scenario (ildrive.scenarios()) or of a scenario file (`ildrive record --list`,
    assets/scenarios/*.json), with keyword overrides of its fields: make("highway", duration=20, lidarRays=16,
    vehicle={"maxAccel": 3.0}). Fields of `common` may be given at the top level. Unknown scenarios, unknown
    fields and out-of-range values raise ValueError naming them."""
    return Env(scenario, scenario_file, render_mode, **overrides)


class VectorEnv:
    """num_envs environments of one scenario stepped by C++ worker threads with the GIL released.

    step(actions (num_envs, 2)) -> (obs, rewards, terminated, truncated, info); reset(seed=None) -> (obs, info).
    Environment i plays seed + i, then the following episodes of its own sequence (the same episodes as
    ildrive.make(...).reset(seed=seed + i) followed by reset() at each episode end). Autoreset: an environment whose
    episode ends returns the first observation of its next episode, with the flags of the finished one;
    info["final_obs"][key][i], info["episode_return"][i], info["episode_length"][i] and info["episode_success"][i]
    describe the finished episode (valid where terminated | truncated). info["episode_seed"][i] is the seed of the
    episode row i now plays; info["expert_action"] (with expert_actions=True) the expert's action for each row.

    The arrays are read-only views of preallocated buffers, VALID UNTIL THE NEXT step() OR reset(): copy what you
    keep (np.array(x)), or pass copy=True to receive copies. Results are the same for any num_threads
    (0 = one per core)."""

    def __init__(self, scenario=None, num_envs=1, num_threads=0, seed=0, *, scenario_file=None, copy=False,
                 expert_actions=False, **overrides):
        self._pool = _core.VectorEnv(_scenario_json(scenario, scenario_file, overrides), int(num_envs),
                                     int(num_threads), int(seed), bool(copy), bool(expert_actions))
        self.num_envs = self._pool.num_envs
        self.num_threads = self._pool.num_threads
        layout = _core.Env(self._pool.scenario_json).observation_layout()
        self.observation_layout = layout
        self.single_observation_space = spaces.observation_space(layout)
        self.single_action_space = spaces.action_space()
        self.observation_space = spaces.observation_space(layout, self.num_envs)
        self.action_space = spaces.action_space(self.num_envs)

    def reset(self, *, seed=None, options=None):
        if options:
            raise ValueError(f"reset(): options {sorted(options)} are not supported")
        return self._pool.reset(seed)

    def step(self, actions):
        return self._pool.step(actions)

    def close(self):
        self._pool.close()

    def trajectory_hash(self, index):
        return self._pool.trajectory_hash(index)

    def __repr__(self):
        return f"ildrive.VectorEnv({self.num_envs} envs, {self.num_threads} threads)"
