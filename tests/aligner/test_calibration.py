"""The decision thresholds live in aligner/calibration.py, as its docstring says."""

from __future__ import annotations

import ast
from pathlib import Path

import aligner.calibration

ENGINE = Path(aligner.calibration.__file__).parent
# The modules that decide rows, links and conflicts from scores and overlap shares.
DECIDING = [
    *sorted((ENGINE / "match").glob("*.py")),
    *sorted((ENGINE / "conflicts").glob("*.py")),
    ENGINE / "pipeline.py",
    ENGINE / "stages.py",
    ENGINE / "pair.py",
]


def _module_float_constants(path: Path) -> list[str]:
    """Names bound at module level to a float literal (a score, share or ratio)."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        if (
            isinstance(target, ast.Name)
            and target.id.lstrip("_").isupper()
            and isinstance(value, ast.Constant)
            and isinstance(value.value, float)
        ):
            found.append(target.id)
    return found


def test_no_deciding_module_keeps_a_threshold_of_its_own() -> None:
    strays = {
        str(path.relative_to(ENGINE)): names
        for path in DECIDING
        if (names := _module_float_constants(path))
    }
    assert strays == {}


def test_calibration_holds_the_named_thresholds() -> None:
    names = _module_float_constants(ENGINE / "calibration.py")
    for name in ("DEFAULT_THRESHOLD", "MEAN_SLACK", "SAME_STATEMENT_OVERLAP", "SAME_NAME_RATIO"):
        assert name in names
