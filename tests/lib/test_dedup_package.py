"""The ``dedup`` package split: tunables live in ``dedup.settings`` only, read at call time."""

import importlib
import pkgutil

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
