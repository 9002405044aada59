"""ildrive.VectorEnv: equal to N single Envs (with autoreset), the same for any thread count, read-only views."""
import numpy as np
import pytest

import ildrive

N = 5
STEPS = 120
OVERRIDES = dict(duration=2.0)  # short episodes, so autoreset happens several times


def random_actions(seed):
    rng = np.random.default_rng(seed)
    return rng.uniform(-1, 1, size=(STEPS, N, 2)).astype(np.float32)


def run_vector(threads, seed=11):
    vec = ildrive.VectorEnv("highway", N, num_threads=threads, seed=seed, copy=True, expert_actions=True, **OVERRIDES)
    obs, info = vec.reset()
    trace = [(obs, None, None, None, info)]
    for actions in random_actions(0):
        trace.append(vec.step(actions))
    return vec, trace


def test_vector_env_equals_single_envs():
    _, trace = run_vector(threads=2)
    actions = random_actions(0)
    for i in range(N):
        env = ildrive.make("highway", **OVERRIDES)
        obs, info = env.reset(seed=11 + i)
        for key in obs:
            np.testing.assert_array_equal(trace[0][0][key][i], obs[key])
        np.testing.assert_array_equal(trace[0][4]["expert_action"][i], info["expert_action"])
        ret, length = 0.0, 0
        for t in range(STEPS):
            obs, reward, terminated, truncated, info = env.step(actions[t, i])
            v_obs, v_rew, v_term, v_trunc, v_info = trace[t + 1]
            assert v_rew[i] == np.float32(reward) and v_term[i] == terminated and v_trunc[i] == truncated
            ret += reward
            length += 1
            if terminated or truncated:
                for key in obs:
                    np.testing.assert_array_equal(v_info["final_obs"][key][i], obs[key])
                assert v_info["episode_length"][i] == length
                assert v_info["episode_return"][i] == pytest.approx(ret, rel=1e-5)
                assert v_info["episode_success"][i] == bool(info["metrics"]["success"])
                obs, info = env.reset()
                ret, length = 0.0, 0
            for key in obs:
                np.testing.assert_array_equal(v_obs[key][i], obs[key])
            np.testing.assert_array_equal(v_info["expert_action"][i], info["expert_action"])
            assert v_info["episode_seed"][i] == env.episode_seed
    ends = sum(int(np.sum(step[2] | step[3])) for step in trace[1:])
    assert ends >= N  # autoreset was exercised


def test_same_results_for_any_thread_count():
    vec1, one = run_vector(threads=1)
    vec3, three = run_vector(threads=3)
    assert vec1.num_threads == 1 and vec3.num_threads == 3
    for a, b in zip(one, three):
        for key in a[0]:
            np.testing.assert_array_equal(a[0][key], b[0][key])
        for x, y in zip(a[1:4], b[1:4]):
            np.testing.assert_array_equal(x, y)
    assert [vec1.trajectory_hash(i) for i in range(N)] == [vec3.trajectory_hash(i) for i in range(N)]


def test_views_are_read_only_and_valid_until_the_next_step():
    vec = ildrive.VectorEnv("highway", 3, num_threads=2, seed=0)
    obs, _ = vec.reset()
    before = obs["ego"].copy()
    with pytest.raises(ValueError):
        obs["ego"][0, 0] = 1.0
    obs2, rewards, terminated, truncated, _ = vec.step(np.zeros((3, 2), np.float32))
    assert np.shares_memory(obs["ego"], obs2["ego"])  # the same buffer, refilled
    assert not np.array_equal(obs["ego"], before)
    with pytest.raises(ValueError):
        rewards[0] = 1.0
    assert terminated.dtype == np.bool_ and truncated.dtype == np.bool_

    copied = ildrive.VectorEnv("highway", 3, num_threads=2, seed=0, copy=True)
    c_obs, _ = copied.reset()
    c_obs["ego"][0, 0] = 5.0  # a copy: writable, and the env is unaffected
    np.testing.assert_array_equal(copied.reset(seed=0)[0]["ego"], before)


def test_spaces_match_batched_observations():
    vec = ildrive.VectorEnv("lane_choice", 2, seed=3)
    obs, _ = vec.reset()
    for key, value in obs.items():
        assert value.shape == vec.observation_space[key].shape == (2,) + vec.single_observation_space[key].shape
        assert value.dtype == np.float32
    assert vec.action_space.shape == (2, 2)
