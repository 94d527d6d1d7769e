"""The project's own files: dependency lists in step, CI runs the README's command."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge names that differ from PyPI names
CONDA_TO_PYPI = {"python-igraph": "igraph"}


def _split(requirement: str) -> tuple[str, str]:
    m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    return m.group(1).lower(), m.group(2).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    reqs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["dev"]
    return dict(_split(r) for r in reqs)


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            if item.startswith("-e") or item in ("pip",) or item.startswith("python="):
                continue
            name, spec = _split(item)
            found[CONDA_TO_PYPI.get(name, name)] = spec
    return found


def test_environment_yml_matches_pyproject():
    assert conda_requirements() == pyproject_requirements()


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and re.search(r"^make test$", ci, re.M)


def test_readme_shows_reports_and_test_first_and_every_make_target_is_real():
    readme = (ROOT / "README.md").read_text()
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    assert [line.split("#")[0].strip() for line in first_block.splitlines()] == ["make reports", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    assert {"help", "test", "reports", "bench", "lab", "clean"} <= targets
    for target in re.findall(r"`make ([a-z-]+)`", readme):
        assert target in targets, f"README names make {target}, which the Makefile lacks"
    assert re.search(r"^reports: \$\(STAMP\)\n\t\$\(BIN\)/partnet report ", makefile, re.M)
    assert re.search(r"^bench: \$\(STAMP\)\n\t\$\(BIN\)/python benchmarks/run.py", makefile, re.M)


def test_readme_python_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    block = re.search(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)
    assert namespace["case"].id == "shire"
    assert len(namespace["nodes"]) == namespace["G"].number_of_nodes()
