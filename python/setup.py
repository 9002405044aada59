"""Builds ildrive._core with the project's CMake (the same target `make build` builds into build/python) and packages
it with the ildrive/*.py files. See pyproject.toml for the offline venv install."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SOURCE_DIR = Path(__file__).resolve().parent.parent  # the repository


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        jobs = os.environ.get("JOBS", str(os.cpu_count() or 1))
        if os.environ.get("ILDRIVE_BUILD_DIR"):
            # An existing build of this tree (e.g. build/ after `make build`), for the same Python version: only the
            # module target is brought up to date and packaged.
            build_dir = Path(os.environ["ILDRIVE_BUILD_DIR"]).resolve()
        else:
            build_dir = Path(self.build_temp).resolve() / "cmake"
            subprocess.run(["cmake", "-S", str(SOURCE_DIR), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                            "-DILDRIVE_TESTS=OFF", "-DILDRIVE_PYTHON=ON",
                            f"-DPython_EXECUTABLE={sys.executable}"], check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "ildrive_python", "-j", jobs], check=True)
        built = next((build_dir / "python" / "ildrive").glob("_core*.so"))
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(
    name="ildrive",
    version="0.1.0",
    description="2D driving simulator with imitation learning built in (Python front end)",
    packages=["ildrive"],
    package_dir={"ildrive": "ildrive"},
    ext_modules=[Extension("ildrive._core", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    python_requires=">=3.9",
    install_requires=["numpy"],
)
