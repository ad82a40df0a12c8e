"""The public API is small and explicit: ``__all__`` is what the package resolves, no more."""

from __future__ import annotations

import importlib
import inspect

import newsbrief


def test_every_exported_name_resolves_to_its_defining_module() -> None:
    lazy = newsbrief._LAZY
    assert set(newsbrief.__all__) == {"__version__", *lazy}
    for name, module in lazy.items():
        value = getattr(newsbrief, name)
        # the object really comes from the module the table names (not a stale re-export)
        assert value is getattr(importlib.import_module(module), name)
        assert inspect.getmodule(value) is not None


def test_exports_are_public_and_documented() -> None:
    for name in newsbrief.__all__:
        assert not name.startswith("_") or name == "__version__"
        if name != "__version__":
            assert inspect.getdoc(getattr(newsbrief, name)), f"{name} has no docstring"


def test_unknown_names_raise_attribute_error() -> None:
    try:
        newsbrief.not_a_member  # noqa: B018
    except AttributeError as exc:
        assert "not_a_member" in str(exc)
    else:
        raise AssertionError("unknown attribute resolved")


def test_dir_lists_the_public_names() -> None:
    assert set(newsbrief.__all__) <= set(dir(newsbrief))
