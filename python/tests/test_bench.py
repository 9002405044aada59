"""The speed benchmark runs end to end (figures only; speed targets are never asserted) and `ildrive bench python`
fails with one line when it cannot start the interpreter."""
import json
import os
import subprocess
import sys

from conftest import CLI

import ildrive.bench

EXPECTED = ["env.python_us_per_step", "env.cpp_us_per_step", "cpp.steps_per_s",
            "cpp_2_independent_threads.steps_per_s", "vector_1_thread.steps_per_s", "vector_2_threads.steps_per_s",
            "vector_2_threads.ratio_to_cpp", "vector_2_threads.simulated_s_per_wall_s"]


def test_quick_bench_writes_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    assert ildrive.bench.main(["--quick", "--quiet", "--num-envs", "4", "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    for name in EXPECTED:
        assert figures[name] > 0, name


def test_cli_names_a_missing_interpreter(tmp_path):
    env = dict(os.environ, ILDRIVE_PYTHON=str(tmp_path / "no-python"))
    done = subprocess.run([str(CLI), "bench", "python"], capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no-python" in lines[0] and "ILDRIVE_PYTHON" in lines[0], done.stderr


def test_cli_runs_the_module_it_was_built_beside(tmp_path):
    """`ildrive bench python` finds build/python itself (no PYTHONPATH) and reports the module's figures: checked
    with an interpreter wrapper that forwards --quick, so the run stays short."""
    wrapper = tmp_path / "python"
    wrapper.write_text(f"#!/bin/sh\nexec {sys.executable} \"$@\" --quick --num-envs 4\n")
    wrapper.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["ILDRIVE_PYTHON"] = str(wrapper)
    out = tmp_path / "figures.json"
    done = subprocess.run([str(CLI), "bench", "python", "--json", str(out)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    figures = json.loads(out.read_text())
    assert figures["python.vector_2_threads.steps_per_s"] > 0
    assert "python.env.overhead_us" in done.stdout
