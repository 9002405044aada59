"""Observation and action spaces: gymnasium's when gymnasium is importable, else small stand-ins with the same
attributes (shape, dtype, low, high; Dict.spaces) and the methods tests and simple agents use (sample, contains)."""
import numpy as np

try:  # gymnasium is optional (not packaged for Debian 12)
    import gymnasium as _gym
    from gymnasium import spaces as _gym_spaces
except ImportError:  # pragma: no cover - depends on the machine
    _gym = None
    _gym_spaces = None

HAVE_GYMNASIUM = _gym is not None


class Box:
    """A box in R^n (gymnasium.spaces.Box's attributes)."""

    def __init__(self, low, high, shape, dtype=np.float32, seed=None):
        self.shape = tuple(shape)
        self.dtype = np.dtype(dtype)
        self.low = np.broadcast_to(np.asarray(low, dtype=self.dtype), self.shape).copy()
        self.high = np.broadcast_to(np.asarray(high, dtype=self.dtype), self.shape).copy()
        self._rng = np.random.default_rng(seed)

    def seed(self, seed=None):
        self._rng = np.random.default_rng(seed)

    def sample(self):
        low = np.where(np.isfinite(self.low), self.low, -1.0)
        high = np.where(np.isfinite(self.high), self.high, 1.0)
        return self._rng.uniform(low, high).astype(self.dtype)

    def contains(self, x):
        x = np.asarray(x)
        return (x.shape == self.shape and np.can_cast(x.dtype, self.dtype)
                and bool(np.all(x >= self.low)) and bool(np.all(x <= self.high)))

    __contains__ = contains

    def __repr__(self):
        return f"Box({self.low.min()}, {self.high.max()}, {self.shape}, {self.dtype})"


class Dict:
    """A dict of spaces keyed by observation component (gymnasium.spaces.Dict's attributes)."""

    def __init__(self, spaces):
        self.spaces = dict(spaces)

    def __getitem__(self, key):
        return self.spaces[key]

    def keys(self):
        return self.spaces.keys()

    def items(self):
        return self.spaces.items()

    def sample(self):
        return {k: s.sample() for k, s in self.spaces.items()}

    def contains(self, x):
        return isinstance(x, dict) and x.keys() == self.spaces.keys() and all(
            self.spaces[k].contains(v) for k, v in x.items())

    __contains__ = contains

    def __repr__(self):
        return "Dict(" + ", ".join(f"{k}: {s!r}" for k, s in self.spaces.items()) + ")"


def box(low, high, shape):
    """A float32 Box, gymnasium's when available."""
    if HAVE_GYMNASIUM:
        return _gym_spaces.Box(low=low, high=high, shape=tuple(shape), dtype=np.float32)
    return Box(low, high, shape, np.float32)


def dict_space(spaces):
    if HAVE_GYMNASIUM:
        return _gym_spaces.Dict(spaces)
    return Dict(spaces)


def observation_space(layout, batch=None):
    """Dict of unbounded float32 boxes, one per component: layout is [(key, [entry names])]."""
    lead = () if batch is None else (batch,)
    return dict_space({key: box(-np.inf, np.inf, lead + (len(names),)) for key, names in layout})


def action_space(batch=None):
    """(steer, accel) in [-1, 1]^2 (both action modes; sim/action.h)."""
    return box(-1.0, 1.0, ((batch, 2) if batch is not None else (2,)))
