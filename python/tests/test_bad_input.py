"""Bad input raises ValueError / RuntimeError naming what is wrong; nothing crashes."""
import math

import numpy as np
import pytest

import ildrive


def test_unknown_scenario_and_bad_overrides():
    with pytest.raises(ValueError, match="no_such_road"):
        ildrive.make("no_such_road")
    with pytest.raises(ValueError, match="lanez"):
        ildrive.make("highway", lanez=3)
    with pytest.raises(ValueError, match="duration"):
        ildrive.make("highway", duration=-1.0)
    with pytest.raises(ValueError, match="maxAccel"):
        ildrive.make("highway", vehicle={"maxAccel": "fast"})
    with pytest.raises(ValueError):
        ildrive.make(scenario_file="/nonexistent/scenario.json")
    with pytest.raises(ValueError, match="num_envs"):
        ildrive.VectorEnv("highway", 0)
    with pytest.raises(ValueError, match="no_such_road"):
        ildrive.VectorEnv("no_such_road", 2)


@pytest.mark.parametrize("action, message", [
    (np.zeros(3, np.float32), "shape"),
    (np.zeros((1, 2), np.float32), "shape"),
    (np.zeros(2, np.int64), "dtype"),
    (np.array([True, False]), "dtype"),
    ([0.0], "entries"),
    (["a", "b"], "str"),
    ("up", "str"),
    (None, "NoneType"),
    (np.array([math.nan, 0.0], np.float32), "finite"),
    (np.array([0.0, math.inf]), "finite"),
    ([0.0, -math.inf], "finite"),
])
def test_bad_actions(action, message):
    env = ildrive.make("highway")
    env.reset(seed=0)
    with pytest.raises(ValueError, match=message):
        env.step(action)
    env.step(np.zeros(2, np.float32))  # the env is still usable


def test_step_out_of_order():
    env = ildrive.make("highway", duration=1.0)
    with pytest.raises(RuntimeError, match="before reset"):
        env.step([0.0, 0.0])
    env.reset(seed=0)
    while True:
        _, _, terminated, truncated, _ = env.step([0.0, 0.0])
        if terminated or truncated:
            break
    with pytest.raises(RuntimeError, match="episode ended"):
        env.step([0.0, 0.0])
    env.reset()
    env.step([0.0, 0.0])
    env.close()
    with pytest.raises(RuntimeError, match="after close"):
        env.step([0.0, 0.0])
    with pytest.raises(RuntimeError, match="after close"):
        env.reset()


def test_vector_env_bad_actions_and_order():
    vec = ildrive.VectorEnv("highway", 3, num_threads=2)
    with pytest.raises(RuntimeError, match="before reset"):
        vec.step(np.zeros((3, 2), np.float32))
    vec.reset(seed=0)
    with pytest.raises(ValueError, match=r"\(2, 2\)"):
        vec.step(np.zeros((2, 2), np.float32))
    with pytest.raises(ValueError, match="dtype"):
        vec.step(np.zeros((3, 2), np.int32))
    bad = np.zeros((3, 2), np.float32)
    bad[1, 0] = np.nan
    with pytest.raises(ValueError, match="row 1"):
        vec.step(bad)
    vec.step(np.zeros((3, 2)))  # float64 is converted
    vec.close()
    with pytest.raises(RuntimeError, match="after close"):
        vec.step(np.zeros((3, 2), np.float32))


def test_bad_files(tmp_path):
    junk = tmp_path / "junk.h5"
    junk.write_bytes(b"not an hdf5 file")
    with pytest.raises(RuntimeError, match="junk.h5"):
        ildrive.Policy.load(junk)
    with pytest.raises(RuntimeError, match="junk.h5"):
        ildrive.Dataset.load(junk)
    with pytest.raises(RuntimeError, match="missing.h5"):
        ildrive.Dataset.load(tmp_path / "missing.h5")


def test_bad_policy_use():
    env = ildrive.make("highway")
    policy = ildrive.Policy.create("mse", env)
    obs, _ = env.reset(seed=0)
    with pytest.raises(ValueError, match="ego"):
        policy.act({k: v for k, v in obs.items() if k != "ego"})
    with pytest.raises(ValueError, match="entries"):
        policy.act(dict(obs, ego=np.zeros(2, np.float32)))
    with pytest.raises(ValueError, match="no value"):
        policy.set_parameters({})
    with pytest.raises(ValueError, match="unknown_policy|unknown policy"):
        ildrive.Policy.create("unknown_policy", env)
    with pytest.raises(ValueError, match="episodes"):
        ildrive.evaluate(policy, "highway", episodes=0)
    with pytest.raises(ValueError, match="callable"):
        ildrive.evaluate(42, "highway", episodes=1)
    with pytest.raises(ValueError, match="finite"):
        ildrive.evaluate(lambda obs: [math.nan, 0.0], "highway", episodes=1)
    with pytest.raises(ZeroDivisionError):
        ildrive.evaluate(lambda obs: 1 / 0, "highway", episodes=2, threads=2)
