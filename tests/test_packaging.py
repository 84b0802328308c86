"""A built wheel, installed in a fresh environment, gives a working ``parallax`` command with
the sample corpus and themes; the README's commands and CI agree; dependencies are declared."""

from __future__ import annotations

import ast
import email.parser
import importlib.metadata
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tui.config import DEFAULT_THEME

REPO_ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI") == "true"


def require_build_tools() -> None:
    missing = [name for name in ("pip", "hatchling") if importlib.util.find_spec(name) is None]
    if missing:
        message = f"building a wheel needs {', '.join(missing)} (the test extra installs them)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The project built as a wheel, the way a release would be."""
    require_build_tools()
    dist = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO_ROOT), "--no-deps",
         "--no-build-isolation", "-w", str(dist)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    (built,) = dist.glob("parallax_reader-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory) -> Path:
    """A new virtual environment with the wheel installed in it; returns its bin folder.

    Only the wheel provides our packages and the ``parallax`` command there. Its third-party
    dependencies are borrowed from the test environment (one ``.pth`` line): installing them
    would take minutes and the network, and the checkout's editable install, a ``.pth`` file
    of its own, is not read through such a line.
    """
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / BIN / "python"), "install",
         "--no-deps", "--no-index", "--no-compile", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr
    (site,) = venv.glob("lib/python3*/site-packages") or [venv / "Lib" / "site-packages"]
    borrowed = [p for p in sys.path if p.endswith("site-packages")]
    (site / "test-dependencies.pth").write_text("\n".join(borrowed) + "\n", "utf-8")
    return venv / BIN


BIN = "Scripts" if sys.platform == "win32" else "bin"


def run_installed(
    bin_dir: Path, command: str, *args: str, cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` (``python``, ``parallax``) of the fresh environment, outside the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PARALLAX_DEBUG")}
    return subprocess.run(
        [str(bin_dir / command), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
    )


_PROBE = """
import json, aligner, tui.cli
from aligner.load.resources import sample_corpus_dir
from tui.themes import themes_dir
print(json.dumps({
    "aligner": aligner.__file__,
    "cli": tui.cli.__file__,
    "corpus": str(sample_corpus_dir()),
    "corpus_files": sorted(p.name for p in sample_corpus_dir().glob("*.txt")),
    "themes": str(themes_dir()),
    "theme_files": sorted(p.name for p in themes_dir().glob("*.toml")),
}))
"""


def test_wheel_carries_the_packages_and_shipped_data(fresh_venv: Path, tmp_path: Path) -> None:
    result = run_installed(fresh_venv, "python", "-c", _PROBE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    venv = fresh_venv.parent
    for key in ("aligner", "cli", "corpus", "themes"):
        assert Path(found[key]).is_relative_to(venv), (key, found[key])
    shipped_corpus = sorted(p.name for p in (REPO_ROOT / "sample_corpus").glob("*.txt"))
    assert len(shipped_corpus) == 5
    assert found["corpus_files"] == shipped_corpus
    shipped_themes = sorted(p.name for p in (REPO_ROOT / "themes").glob("*.toml"))
    assert f"{DEFAULT_THEME}.toml" in shipped_themes
    assert found["theme_files"] == shipped_themes


def test_wheel_metadata_declares_both_licences(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        headers = email.parser.HeaderParser().parsestr(archive.read(metadata).decode("utf-8"))
        licences = {Path(n).name for n in archive.namelist() if "/licenses/" in n}
    assert headers["License-Expression"] == "MIT AND LicenseRef-WordNet-3.0"
    assert headers.get_all("License-File") == ["LICENSE", "aligner/text/WORDNET-LICENSE.txt"]
    assert licences == {"LICENSE", "WORDNET-LICENSE.txt"}


def test_the_installed_parallax_command_reports_its_version(
    fresh_venv: Path, tmp_path: Path
) -> None:
    from aligner import __version__

    result = run_installed(fresh_venv, "parallax", "--version", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"parallax {__version__}\n"


def test_the_installed_parallax_command_exports_the_packaged_sample_as_the_checkout_does(
    fresh_venv: Path, tmp_path: Path
) -> None:
    installed = run_installed(fresh_venv, "parallax", "export", "--format", "json", cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    data = json.loads(installed.stdout)
    shipped = sorted(p.name for p in (REPO_ROOT / "sample_corpus").glob("*.txt"))
    assert sorted(Path(a["path"]).name for a in data["articles"]) == shipped
    checkout = subprocess.run(
        [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))",
         "export", "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", cwd=REPO_ROOT, timeout=120,
    )  # fmt: skip
    assert checkout.returncode == 0, checkout.stderr
    assert installed.stdout == checkout.stdout


# -- the CI script runs exactly the README's test command ---------------------------------


def readme_command(marker: str) -> str:
    """The one-line shell command that follows ``marker`` in a README code block."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(re.escape(marker) + r".*?```(?:sh|bash|console)?\n(.+?)\n```", readme, re.S)
    assert match, f"no code block after {marker!r} in README.md"
    return match.group(1).strip()


def test_ci_script_runs_the_readme_test_command() -> None:
    script = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r"^readme_test_command=(.+)$", script, re.M)
    assert match, ".ci/run does not define readme_test_command"
    (in_script,) = shlex.split(match.group(1))
    assert in_script == readme_command("<!-- test-command -->")
    assert "ruff check" in in_script and "pytest" in in_script
    assert os.access(REPO_ROOT / ".ci" / "run", os.X_OK)


def test_readme_run_command_installs_and_starts_parallax() -> None:
    command = readme_command("<!-- run-command -->")
    assert command.startswith("python3 -m venv .venv && ")
    assert command.endswith(".venv/bin/parallax")


def test_a_run_that_collects_no_test_fails() -> None:
    # pytest exits 5 when nothing is collected; tests/conftest.py turns that into a failure.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_engine_isolation.py", "-k", "no_such_test",
         "-p", "no:cacheprovider", "-q"],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr


def test_the_readme_screenshots_are_snapshots_the_tests_keep_current() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+\.svg)\)", readme)
    assert images
    for image in images:
        assert image.startswith("tests/tui/__snapshots__/"), image
        assert (REPO_ROOT / image).is_file(), image


# -- what the code imports is what the project declares -----------------------------------


def _declared_distributions() -> set[str]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    names = (re.match(r"[A-Za-z0-9._-]+", spec) for spec in project["dependencies"])
    return {_canonical(name.group()) for name in names if name}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_top_level_modules(package: str) -> set[str]:
    modules: set[str] = set()
    for path in (REPO_ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules


def test_every_third_party_module_the_code_imports_is_a_declared_dependency() -> None:
    # A module that only arrives through another dependency (rich through Textual) can
    # vanish or change major version under the code when that dependency changes.
    providers = importlib.metadata.packages_distributions()
    own = {"aligner", "tui"}
    undeclared = {}
    for module in set().union(*map(_imported_top_level_modules, sorted(own))) - own:
        if module in sys.stdlib_module_names:
            continue
        distributions = {_canonical(name) for name in providers.get(module, [module])}
        if not distributions & _declared_distributions():
            undeclared[module] = sorted(distributions)
    assert undeclared == {}
