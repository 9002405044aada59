"""ildrive.sweep on a real Dask cluster on 127.0.0.1: `dask scheduler` and two `dask worker` processes on free ports;
a quick lesson swept over them gives exactly the JSON of the local run (`seconds` aside), also when a worker is
killed in the middle of a task; bad input is one line and exit status 2. Every process started here is stopped."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

import ildrive._core as core

distributed = pytest.importorskip("distributed")

DASK = shutil.which("dask") or "/usr/bin/dask"  # Debian python3-distributed's `dask scheduler` / `dask worker`
LESSON = ["causal_confusion", "--quick", "--seeds", "1", "--episodes", "4"]  # two waves: the clones, then DAgger


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args, tmp_path, name, env=None):
    log = open(tmp_path / f"{name}.log", "w")
    return subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env or os.environ.copy(),
                            cwd=tmp_path, start_new_session=True)


def stop(processes):
    for p in processes:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in processes:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


class Cluster:
    def __init__(self, tmp_path, workers, worker_env=None):
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.processes = [start([DASK, "scheduler", "--host", "127.0.0.1",
                                 "--port", self.address.rsplit(":", 1)[1], "--no-dashboard"], tmp_path, "scheduler")]
        self.workers = {}
        for i in range(workers):
            name = f"w{i}"
            # No nanny: a killed worker stays dead, so its task must run on the other one.
            self.workers[name] = start([DASK, "worker", self.address,
                                        "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
                                        "--name", name, "--local-directory", str(tmp_path / name)],
                                       tmp_path, name, worker_env)
            self.processes.append(self.workers[name])
        with distributed.Client(self.address, timeout="30s") as client:
            if workers:
                client.wait_for_workers(workers, timeout=60)

    def close(self):
        stop(self.processes)


def sweep(*args):
    return subprocess.Popen([sys.executable, "-m", "ildrive.sweep", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def without_seconds(path):
    result = json.loads(open(path).read())
    result.pop("seconds")
    return result


@pytest.fixture(scope="module")
def local_result():
    result = json.loads(core.run_lesson("causal_confusion", quick=True, seeds=1, episodes=4, threads=2))
    result.pop("seconds")
    return result


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = Cluster(tmp_path_factory.mktemp("cluster"), workers=2)
    yield c
    c.close()


def test_sweep_equals_local_run(cluster, local_result, tmp_path):
    out = tmp_path / "sweep.json"
    p = sweep("--scheduler", cluster.address, "lesson", *LESSON, "--json", str(out))
    stdout, stderr = p.communicate(timeout=300)
    assert p.returncode == 0, stderr
    assert without_seconds(out) == local_result
    assert "2/2 tasks" in stderr  # progress of finished tasks
    assert "dagger + lamp" in stdout


def test_killed_worker_is_retried_elsewhere(cluster, local_result, tmp_path):
    """Kills the worker that runs a task of the first wave; the scheduler runs the task again on the other worker."""
    out = tmp_path / "sweep.json"
    p = sweep("--scheduler", cluster.address, "--tasks", "2", "lesson", *LESSON, "--json", str(out))
    killed = None
    with distributed.Client(cluster.address, timeout="30s") as client:
        deadline = time.monotonic() + 120
        while killed is None and time.monotonic() < deadline and p.poll() is None:
            busy = [address for address, keys in client.processing().items() if keys]
            info = client.scheduler_info()["workers"]
            for address in busy:
                name = info[address]["name"]
                if name in cluster.workers:
                    time.sleep(0.5)  # well inside the task (each takes seconds)
                    cluster.workers[name].kill()
                    cluster.workers[name].wait()
                    killed = name
                    break
            time.sleep(0.05)
    stdout, stderr = p.communicate(timeout=300)
    assert killed is not None, "no task was seen running"
    assert p.returncode == 0, stderr
    assert without_seconds(out) == local_result


def test_bad_input_is_one_line(tmp_path):
    cases = [
        (["--scheduler", f"tcp://127.0.0.1:{free_port()}", "lesson", *LESSON, "--json", str(tmp_path / "x.json")],
         "cannot reach the Dask scheduler"),
        (["lesson", "no_such_lesson", "--json", str(tmp_path / "x.json")], "unknown lesson 'no_such_lesson'"),
        (["grid", "causal_confusion", "--over", "width=1,2", "--out", str(tmp_path)], "unknown parameter 'width'"),
        (["grid", "causal_confusion", "--over", "seeds=0", "--out", str(tmp_path)], "needs integers >= 1"),
    ]
    for args, needle in cases:
        p = sweep(*args)
        stdout, stderr = p.communicate(timeout=120)
        assert p.returncode == 2, (args, stderr)
        assert stderr.count("\n") == 1 and needle in stderr, (args, stderr)
    assert not (tmp_path / "x.json").exists()


def test_scheduler_without_workers_is_named(tmp_path):
    c = Cluster(tmp_path, workers=0)
    try:
        p = subprocess.Popen([sys.executable, "-m", "ildrive.sweep", "--scheduler", c.address, "lesson", *LESSON,
                              "--json", str(tmp_path / "x.json")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=dict(os.environ, ILDRIVE_SWEEP_WORKER_WAIT="2"))
        stdout, stderr = p.communicate(timeout=120)
    finally:
        c.close()
    assert p.returncode == 2, stderr
    assert stderr.count("\n") == 1 and "has no workers" in stderr, stderr


def test_worker_without_the_module_is_named(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    c = Cluster(tmp_path, workers=1, worker_env=env)
    try:
        p = sweep("--scheduler", c.address, "lesson", *LESSON, "--json", str(tmp_path / "x.json"))
        stdout, stderr = p.communicate(timeout=120)
    finally:
        c.close()
    assert p.returncode == 2, stderr
    last = stderr.strip().splitlines()[-1]
    assert "cannot import the ildrive module" in last, stderr
