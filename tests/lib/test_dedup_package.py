"""The ``dedup`` package split: tunables live in ``dedup.settings`` only, read at call time."""

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.lib import dedup
from pipelines.lib.dedup import settings

TUNABLES = {n for n in vars(settings) if n.lstrip("_").isupper()}


def test_no_submodule_holds_a_copy_of_a_tunable() -> None:
    # A copy (``from .settings import X``) would ignore a sweep or a monkeypatch on settings.
    assert {"WITNESS_SHARE", "TRIM_LOOK", "FORMULA_MIN_SPREAD", "_MAX_DF"} <= TUNABLES
    for info in pkgutil.iter_modules(dedup.__path__):
        if info.name == "settings":
            continue
        module = importlib.import_module(f"pipelines.lib.dedup.{info.name}")
        assert not TUNABLES & set(vars(module)), info.name
    assert not TUNABLES & set(vars(dedup))


def test_setting_a_tunable_on_the_package_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(AttributeError, match=r"dedup\.settings"):
        monkeypatch.setattr(dedup, "TRIM_LOOK", False)
    with pytest.raises(AttributeError):
        dedup.find_stories = None  # type: ignore[assignment]
    assert settings.TRIM_LOOK is True
    monkeypatch.setattr(settings, "TRIM_LOOK", False)
    assert dedup.TRIM_LOOK is False  # reading through the package gives the live value


# The shuffle tests of the rule modules cannot see an order that changes between processes:
# ``find_stories`` sorts its input first, and a set of strings iterates in the same order within one
# process. A decision that followed such an order (a set of story ids, titles, outlets) would differ
# between two runs of one night with other string-hash seeds; this runs the rule fixtures in two.
_RUN = """
import json
from pipelines.lib.dedup import find_stories
from tests.lib.test_dedup import B_TEXT, art
from tests.lib.test_dedup_formula import _agency_day, _lone_case
from tests.lib.test_dedup_partial import FOLLOW_UP, REPORT
from tests.lib.test_dedup_trimmed import CLOSING, DAY1, DAY2, RELEASE, TRIMMED
cases = {
    "formula": _agency_day(),
    "lone": _lone_case(),
    "trimmed": [
        art("td-o", RELEASE, day=1),
        art("td-c", TRIMMED, outlet="okaz", day=1),
        art("td-x", CLOSING, outlet="sabq", day=1),
        art("td-1", DAY1, day=1),
        art("td-2", DAY2, outlet="okaz", day=2),
    ],
    "passage": [
        art("po-r", REPORT, day=1),
        art("po-v", FOLLOW_UP, outlet="okaz", day=2),
        art("po-b", B_TEXT, day=2),
    ],
}
out = {}
for name, arts in cases.items():
    res = find_stories(arts)
    out[name] = [getattr(res, k).write_json() for k in ("copies", "stories", "pairs", "members")]
print(json.dumps(out))
"""


def test_decisions_do_not_depend_on_the_string_hash_seed() -> None:
    root = Path(__file__).resolve().parents[2]
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", _RUN], cwd=root, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        outs.append(json.loads(run.stdout))
    rules = " ".join(frames[2] for frames in outs[0].values())
    assert all(f'"{r}"' in rules for r in ("aligned_trimmed", "shared_formula", "aligned_passage"))
    assert outs[0] == outs[1]
