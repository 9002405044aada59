"""ildrive from Python: the 2D driving simulator with the Gymnasium conventions, a GIL-free vectorised pool, the
scripted expert, datasets, policies and closed-loop evaluation. The C++ library does the work (ildrive._core
binds it); this package adds the Python-side conventions.

    import ildrive
    env = ildrive.make("highway")
    obs, info = env.reset(seed=0)
    obs, reward, terminated, truncated, info = env.step(info["expert_action"])

Submodules: ildrive.env (make, Env, VectorEnv), ildrive.data (Dataset), ildrive.policy (Policy, evaluate),
ildrive.spaces, ildrive.bench (`python3 -m ildrive.bench`).
"""
from . import _core
from .data import Dataset
from .env import Env, VectorEnv, make, scenarios
from .policy import Policy, evaluate
from .spaces import HAVE_GYMNASIUM

__all__ = ["make", "Env", "VectorEnv", "Dataset", "Policy", "evaluate", "scenarios", "policy_names"]


def policy_names():
    """The policy registry ({name: description}), as `ildrive train --list` prints it."""
    return dict(_core.policy_names())


def _register_gymnasium():
    """ildrive/<Scenario>-v0 ids (ildrive/Highway-v0, ildrive/LaneChoice-v0, ...) when gymnasium is importable."""
    import gymnasium
    for name in scenarios():
        env_id = "ildrive/" + "".join(part.capitalize() for part in name.split("_")) + "-v0"
        if env_id not in gymnasium.registry:
            gymnasium.register(id=env_id, entry_point="ildrive.env:Env", kwargs={"scenario": name})


if HAVE_GYMNASIUM:  # pragma: no cover - gymnasium is not packaged for Debian 12
    _register_gymnasium()
