"""JSON Schemas of the canonical records (events, statements) that the CLI, API and exports emit."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """``load("event")`` or ``load("statement")``."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8"))


def validator(name: str) -> Any:
    """A jsonschema validator with the event schema registered so statement refs resolve."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        [(load(n)["$id"], Resource.from_contents(load(n))) for n in ("event", "statement")]
        + [(f"{n}.schema.json", Resource.from_contents(load(n))) for n in ("event", "statement")]
    )
    return Draft202012Validator(load(name), registry=registry)
