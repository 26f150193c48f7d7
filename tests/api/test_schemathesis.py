"""Schemathesis against the OpenAPI spec, in-process: every GET operation answers without a server
error and with a body that matches its declared response schema."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from flashpoint.api import create_app

from .conftest import TOKEN, build_store

_DIR = Path(tempfile.mkdtemp(prefix="flashpoint-st-"))
atexit.register(shutil.rmtree, _DIR, True)
build_store(_DIR / "api.db").close()
APP = create_app(str(_DIR / "api.db"), token=TOKEN)
SCHEMA = schemathesis.openapi.from_asgi("/api/openapi.json", APP).include(method="GET")


@SCHEMA.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
def test_get_operations_conform(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
