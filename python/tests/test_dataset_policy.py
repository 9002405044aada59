"""ildrive.Dataset, ildrive.Policy and ildrive.evaluate against the C++ CLI."""
import json

import numpy as np
import pytest

import ildrive
from conftest import run_cli


def test_python_written_dataset_opens_everywhere(tmp_path):
    env = ildrive.make("highway", duration=3.0)
    data = ildrive.Dataset.for_env(env)
    recorded = []
    for seed in (1, 2, 3):
        obs, info = env.reset(seed=seed)
        frames, actions, rewards = {k: [] for k in obs}, [], []
        while True:
            for k, v in obs.items():
                frames[k].append(v)
            actions.append(info["expert_action"])
            obs, reward, terminated, truncated, info = env.step(info["expert_action"])
            rewards.append(reward)
            if terminated or truncated:
                break
        episode = dict(obs={k: np.array(v) for k, v in frames.items()}, actions=np.array(actions),
                       rewards=np.array(rewards, np.float32))
        recorded.append(episode)
        data.add_episode(episode["obs"], episode["actions"], rewards=episode["rewards"], seed=seed,
                         source="expert", success=bool(info["metrics"]["success"]), metrics=info["metrics"],
                         valid=(seed == 3))
    path = tmp_path / "python_demos.h5"
    data.save(path)
    loaded = ildrive.Dataset.load(path)
    assert len(loaded) == 3 and loaded.train == [0, 1] and loaded.valid == [2]
    assert loaded.env_args["scenario"] == "highway"
    for a, b in zip(recorded, loaded):
        for k in a["obs"]:
            np.testing.assert_array_equal(a["obs"][k], b["obs"][k])
        np.testing.assert_array_equal(a["actions"], b["labels"])
        np.testing.assert_array_equal(a["rewards"], b["rewards"])
        assert b["source"] == "expert" and b["dones"][-1] and not b["dones"][:-1].any()
    info = run_cli("info", path)
    assert "3" in info and "highway" in info
    with pytest.raises(ValueError, match="obs"):
        data.add_episode({}, np.zeros((2, 2), np.float32))


@pytest.fixture(scope="module")
def trained_policy(highway_demos, tmp_path_factory):
    data, scenario = highway_demos
    path = tmp_path_factory.mktemp("policy") / "mse.h5"
    run_cli("train", "--data", data, "--policy", "mse", "--steps", 300, "--out", path)
    return path, data, scenario


def test_policy_acts_single_and_batched(trained_policy):
    path, data_path, _ = trained_policy
    policy = ildrive.Policy.load(path)
    data = ildrive.Dataset.load(data_path)
    episode = data.episode(0)
    batch = {k: episode["obs"][k][:16] for k in episode["obs"]}
    actions = policy.act(batch)
    assert actions.shape == (16, 2) and actions.dtype == np.float32
    for t in range(16):
        np.testing.assert_allclose(policy.act({k: v[t] for k, v in batch.items()}), actions[t], atol=1e-6)
    features, _ = data.features(policy.obs_keys)
    np.testing.assert_allclose(policy.act_features(features[:16]), actions, atol=1e-6)


def test_evaluate_matches_the_cli(trained_policy, tmp_path):
    path, _, scenario = trained_policy
    policy = ildrive.Policy.load(path)
    native = ildrive.evaluate(policy, scenario_file=str(scenario), episodes=6, seed=4, threads=2)
    single = ildrive.evaluate(policy, scenario_file=str(scenario), episodes=6, seed=4, threads=1)
    calls = []

    class Callable:  # any Python callable: obs dict -> action, with an optional reset(seed)
        def reset(self, seed):
            calls.append(seed)

        def __call__(self, obs):
            return policy.act(obs)

    python = ildrive.evaluate(Callable(), scenario_file=str(scenario), episodes=6, seed=4, threads=2)
    out = tmp_path / "eval.json"
    run_cli("eval", "--policy", path, "--scenario-file", scenario, "--episodes", 6, "--seed", 4, "--json", out)
    cli = json.loads(out.read_text())
    assert sorted(calls) == sorted(r["seed"] for r in native["results"])
    for key in ("success_rate", "success_ci_low", "success_ci_high", "collision_rate", "progress",
                "progress_ci_low", "progress_ci_high", "mean_speed"):
        assert native[key] == single[key] == python[key], key
        assert native[key] == pytest.approx(cli[key]), key
    assert native["episodes"] == 6 and len(native["results"]) == 6
