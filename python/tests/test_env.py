"""ildrive.make / Env: Gymnasium conventions, spaces, info, and the same observations as the C++ Env."""
import hashlib
import json

import numpy as np
import pytest

import ildrive


def obs_hash(obs_list):
    h = hashlib.sha256()
    for obs in obs_list:
        for key in sorted(obs):
            h.update(key.encode())
            h.update(np.ascontiguousarray(obs[key], dtype=np.float32).tobytes())
    return h.hexdigest()


@pytest.mark.parametrize("scenario", sorted(ildrive.scenarios()))
def test_spaces_match_observations(scenario):
    env = ildrive.make(scenario)
    obs, info = env.reset(seed=1)
    assert list(obs) == [key for key, _ in env.observation_layout]
    assert set(obs) == set(env.observation_space.keys())
    for key, value in obs.items():
        space = env.observation_space[key]
        assert value.dtype == np.float32 and value.shape == space.shape, key
        assert space.contains(value), key
    assert env.action_space.shape == (2,) and env.action_space.dtype == np.float32
    assert np.all(env.action_space.low == -1) and np.all(env.action_space.high == 1)
    assert env.action_space.contains(info["expert_action"])
    obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
    assert isinstance(reward, float) and isinstance(terminated, bool) and isinstance(truncated, bool)
    assert set(info["events"]) == {"collision", "off_road", "goal_reached", "stalled"}
    assert all(env.observation_space[k].contains(v) for k, v in obs.items())


def drive_expert(env, seed, steps=None):
    """Observations, rewards and expert actions of one expert-driven episode."""
    obs, info = env.reset(seed=seed)
    seen, rewards, labels = [obs], [], []
    while True:
        action = info["expert_action"]
        labels.append(action)
        obs, reward, terminated, truncated, info = env.step(action)
        rewards.append(reward)
        if terminated or truncated or (steps is not None and len(rewards) == steps):
            return seen, rewards, labels, info
        seen.append(obs)


def test_same_seed_same_observations():
    a = drive_expert(ildrive.make("highway", duration=5.0), seed=7)
    b = drive_expert(ildrive.make("highway", duration=5.0), seed=7)
    c = drive_expert(ildrive.make("highway", duration=5.0), seed=8)
    assert obs_hash(a[0]) == obs_hash(b[0]) and a[1] == b[1]
    assert obs_hash(a[0]) != obs_hash(c[0])


def test_observations_equal_the_cpp_recording(highway_demos):
    """The C++ recorder (ildrive record, expert driver) and the Python Env give byte-identical observations and the
    same expert actions for the same episode seeds."""
    path, scenario_file = highway_demos
    data = ildrive.Dataset.load(path)
    env = ildrive.make(scenario_file=str(scenario_file))
    for episode in data:
        obs, rewards, labels, info = drive_expert(env, episode["seed"])
        recorded = [{k: episode["obs"][k][t] for k in episode["obs"]} for t in range(len(episode["actions"]))]
        assert len(obs) == len(recorded)
        assert obs_hash(obs) == obs_hash(recorded)
        np.testing.assert_array_equal(np.array(labels), episode["labels"])
        np.testing.assert_array_equal(np.array(rewards, dtype=np.float32), episode["rewards"])
        assert bool(info["metrics"]["success"]) == episode["success"]
        assert info["metrics"]["progress"] == pytest.approx(episode["metrics"]["progress"])


def test_episode_sequence_and_metrics():
    env = ildrive.make("highway", duration=2.0)
    env.reset(seed=5)
    first = env.episode_seed
    _, _, _, info = drive_expert(env, seed=5)
    assert env.episode_seed == first == 5
    assert {"success", "collision", "off_road", "progress", "mean_speed", "duration"} <= set(info["metrics"])
    assert info["metrics"]["duration"] == pytest.approx(2.0, abs=env.control_dt)
    obs1, _ = env.reset()
    seed1 = env.episode_seed
    env.reset(seed=5)
    env.reset()
    assert env.episode_seed == seed1 != 5


def test_overrides_reach_the_scenario():
    env = ildrive.make("highway", duration=3.0, lidarRays=8, vehicle={"maxAccel": 2.0})
    spec = json.loads(env.scenario_json)
    assert spec["common"]["duration"] == 3.0 and spec["common"]["vehicle"]["maxAccel"] == 2.0
    assert spec["common"]["vehicle"]["maxSpeed"] == 40.0  # nested objects merge
    obs, _ = env.reset(seed=0)
    assert obs["lidar"].shape == (8,)
    steps = 0
    while True:
        _, _, terminated, truncated, _ = env.step(env.expert_action())
        steps += 1
        if terminated or truncated:
            break
    assert truncated and steps == round(3.0 / env.control_dt)


def test_box2d_timer_override_in_effect_in_the_module():
    """The module steps as fast as the executables: libbox2d calls the no-op timer of sim/b2_timer_override.cpp
    (its profile stays zero) instead of timing itself with gettimeofday."""
    assert ildrive._core._box2d_profile_ms() == 0.0


def test_render_draws_the_top_down_view_offscreen():
    env = ildrive.make("highway", render_mode="rgb_array")
    env.reset(seed=3)
    if not ildrive._core.Env.can_render:  # a headless build (ILDRIVE_GUI=OFF) says so
        with pytest.raises(RuntimeError, match="rendering library"):
            env.render()
        return
    image = env.render(width=320, height=200)
    assert image.shape == (200, 320, 3) and image.dtype == np.uint8
    assert len(np.unique(image.reshape(-1, 3), axis=0)) >= 4  # background, road, markings, cars
    centre = image[90:110, 150:170].reshape(-1, 3)  # the ego sits at the centre
    corner = image[:20, :20].reshape(-1, 3)
    assert not np.array_equal(np.unique(centre, axis=0), np.unique(corner, axis=0))
    np.testing.assert_array_equal(image, env.render(width=320, height=200))  # drawing never advances the world
    again = ildrive.make("highway")
    again.reset(seed=3)
    np.testing.assert_array_equal(image, again.render(width=320, height=200))
    with pytest.raises(ValueError, match="positive"):
        env.render(width=0)
