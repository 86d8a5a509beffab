"""Password rules beyond Django's: the complexity Chinese government systems require
(at least three of: upper-case letters, lower-case letters, digits, other characters)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def character_classes(password: str) -> int:
    classes = [
        any(char.isupper() for char in password),
        any(char.islower() for char in password),
        any(char.isdigit() for char in password),
        any(not char.isalnum() for char in password),
    ]
    return sum(classes)


class CharacterClassesValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _(
            "Your password must mix at least %(n)d of: upper-case letters, lower-case letters, "
            "digits, other characters."
        ) % {"n": self.min_classes}


def one_time_password() -> str:
    """A random 16-character password that satisfies the rules above."""
    import secrets

    while True:
        password = secrets.token_urlsafe(12)
        if character_classes(password) >= 3:
            return password
