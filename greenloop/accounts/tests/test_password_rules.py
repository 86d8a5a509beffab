"""Password rules: length, common and numeric passwords, and mixed character classes."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from greenloop.accounts.validators import character_classes, one_time_password


@pytest.mark.parametrize(
    "password",
    ["short1A!", "alllowercaseletters", "ALLUPPER12345678", "1234567890123", "password1234"],
)
def test_weak_passwords_are_refused(password, db):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_mixed_long_password_is_accepted(db):
    validate_password("Qinghai-lake-3200m")


def test_the_refusal_explains_the_rule_in_chinese_by_default(db):
    with pytest.raises(ValidationError) as caught:
        validate_password("qinghailakeshore")
    assert any("至少" in message for message in caught.value.messages)


def test_generated_one_time_passwords_always_pass(db):
    for _ in range(300):
        password = one_time_password()
        assert len(password) == 16 and character_classes(password) >= 3
        validate_password(password)


def test_character_classes_counts_each_kind_once():
    assert character_classes("aaaa") == 1
    assert character_classes("aA1") == 3
    assert character_classes("aA1-") == 4
