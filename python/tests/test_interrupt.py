"""Ctrl-C (SIGINT) stops a long VectorEnv loop and a long evaluation promptly with KeyboardInterrupt."""
import os
import signal
import subprocess
import sys
import time

import pytest

LOOPS = {
    "vector_env": """
import numpy as np, ildrive
vec = ildrive.VectorEnv("highway", 8, num_threads=2)
obs, info = vec.reset()
actions = np.zeros((8, 2), np.float32)
print("ready", flush=True)
while True:
    vec.step(actions)
""",
    "evaluate_policy": """
import ildrive
policy = ildrive.Policy.create("mse", ildrive.make("highway"))
print("ready", flush=True)
ildrive.evaluate(policy, "highway", episodes=1000000, threads=2)
""",
    "evaluate_callable": """
import ildrive
print("ready", flush=True)
ildrive.evaluate(lambda obs: [0.0, 0.0], "highway", episodes=1000000, threads=2)
""",
}


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_ctrl_c_returns_promptly(name):
    child = subprocess.Popen([sys.executable, "-c", LOOPS[name]], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=os.environ.copy())
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.5)  # inside the loop
        child.send_signal(signal.SIGINT)
        start = time.perf_counter()
        _, stderr = child.communicate(timeout=30)
        elapsed = time.perf_counter() - start
    finally:
        if child.poll() is None:
            child.kill()
    assert "KeyboardInterrupt" in stderr, stderr
    assert elapsed < 10.0, elapsed  # promptly (the loops would run for hours); generous for a loaded machine
