"""schemathesis against /api/openapi.json, in process (ASGI), logged in as the
administrator: no server error, and every answer conforms to the documented status codes,
content types and schemas (errors included: the one error shape).

Each API operation is one test; its cases come from schemathesis' Hypothesis strategy for
that operation. (``schemathesis.pytest.from_fixture`` 4.32 reads a private pytest attribute
that pytest 9 no longer has, so the strategy is used directly.)
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from costeo.store import open_store
from costeo.web import create_app
from tests.web.conftest import Auth

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
METHODS = ("get", "post", "put", "patch", "delete")


def operations() -> list[tuple[str, str]]:
    """(method, path) of every API operation, read from the OpenAPI document itself."""
    document = create_app(store=open_store("sqlite://"), secret_key="-", upgrade=False).openapi()
    return [(method.upper(), path) for path, item in document["paths"].items()
            for method in item if method in METHODS]


@pytest.fixture(scope="module")
def backend() -> str:
    return "sqlite"  # the API and authorization suites run on both backends


@pytest.fixture(scope="module")
def api_schema(web_app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/api/openapi.json", web_app)


@pytest.mark.parametrize(("method", "path"), operations())
def test_operation_conforms_to_its_schema(api_schema: schemathesis.BaseSchema,
                                          auths: dict[str, Auth], method: str,
                                          path: str) -> None:
    admin = auths["admin"]
    operation = api_schema[path][method]
    calls = []

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        response = case.call_and_validate(headers=admin.headers, cookies=admin.cookies,
                                          checks=CHECKS)
        calls.append(response.status_code)

    run()
    assert calls, f"{method} {path}: no case was generated"
