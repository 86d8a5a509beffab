"""An application is scored by the scheme version it was made under."""

from __future__ import annotations

import copy
from typing import Any

from greenloop.registry import services
from greenloop.registry.models import Scheme


def test_a_changed_scheme_file_does_not_rescore_earlier_applications(
    actors: Any, factory_answers: dict[str, Any]
) -> None:
    scheme = Scheme.objects.get(code="green-factory")
    app = services.create_application(
        actor=actors.enterprise_user,
        scheme=scheme,
        applicant=actors.enterprise,
        answers=factory_answers,
    )
    assert app.scheme_version == "GB/T 36132-2018"
    newer = copy.deepcopy(scheme.definition)
    newer["version"] = "GB/T 36132-2025"
    newer["pass_rule"]["min_total"] = 99
    scheme.definition, scheme.version = newer, "GB/T 36132-2025"
    scheme.save()
    app.refresh_from_db()
    assert services.parsed_for(app).min_total == 80
    later = services.create_application(
        actor=actors.enterprise_user, scheme=scheme, applicant=actors.enterprise, answers={}
    )
    assert services.parsed_for(later).min_total == 99 and later.scheme_version == "GB/T 36132-2025"
