"""Property-based API test: requests generated from the OpenAPI schema never cause a
server error, and every successful JSON response matches its documented schema.

(schemathesis builds the requests; hypothesis drives them operation by operation.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

EXAMPLES_PER_OPERATION = 25
# A CSRF cookie and the same value in the header let generated writes reach the services.
CSRF = "fuzz" * 8


def session_key(user: Any) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return str(session.session_key)


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Requests through the WSGI app must not close the test's database connection
    (Django's own test client disconnects these handlers the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_no_generated_request_breaks_the_api(actors: Any, keep_test_connection: None) -> None:
    from greenloop.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    # (label, headers, cookies) of each caller.
    callers = [
        ("anonymous", {}, {}),
        (
            "admin",
            {"X-CSRFToken": CSRF, "Accept-Language": "en"},
            {"sessionid": session_key(actors.admin), "csrftoken": CSRF},
        ),
        (
            "prefecture",
            {"X-CSRFToken": CSRF},
            {"sessionid": session_key(actors.xining_reporter), "csrftoken": CSRF},
        ),
    ]
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: Any) -> None:
            for label, headers, cookies in callers:
                response = case.call(headers=headers, cookies=cookies)
                where = f"{case.method} {case.formatted_path} as {label}"
                assert response.status_code < 500, (where, response.text[:500])
                content_type = response.headers.get("Content-Type", "")
                if 200 <= response.status_code < 300 and "json" in content_type:
                    case.validate_response(
                        response, checks=[schemathesis.checks.response_schema_conformance]
                    )

        check()
