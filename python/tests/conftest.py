"""Shared fixtures: the build's CLI (for C++ reference runs) and small datasets recorded by it once per session."""
import os
import subprocess
from pathlib import Path

import pytest

BINARY_DIR = Path(os.environ.get("ILDRIVE_BINARY_DIR", Path(__file__).resolve().parents[2] / "build"))
SOURCE_DIR = Path(os.environ.get("ILDRIVE_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = BINARY_DIR / "app" / "ildrive"


def run_cli(*args):
    """Runs the ildrive CLI; returns stdout (fails the test with its stderr otherwise)."""
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: build the project first (make build)")
    done = subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"ildrive {' '.join(map(str, args))} failed ({done.returncode}): {done.stderr}")
    return done.stdout


@pytest.fixture(scope="session")
def highway_demos(tmp_path_factory):
    """4 expert episodes of highway (10 s each), recorded by the C++ CLI."""
    path = tmp_path_factory.mktemp("data") / "highway_demos.h5"
    scenario = tmp_path_factory.mktemp("scenario") / "highway_short.json"
    import ildrive
    scenario.write_text(ildrive.make("highway", duration=10.0).scenario_json)
    run_cli("record", "--scenario-file", scenario, "--driver", "expert", "--episodes", 4, "--seed", 3, "--out", path)
    return path, scenario
