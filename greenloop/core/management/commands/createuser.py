from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from greenloop.accounts.models import Role
from greenloop.accounts.validators import one_time_password


class Command(BaseCommand):
    help = "Create a user who acts for an organization in a role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--org", help="organization code, e.g. qh-iit")
        parser.add_argument("--email", default="")
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
        source.add_argument(
            "--prompt", action="store_true", help="ask for the password on the terminal"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from greenloop.accounts.services import create_user
        from greenloop.orgs.models import Organization

        organization = None
        if options["org"]:
            organization = Organization.objects.filter(code=options["org"]).first()
            if organization is None:
                raise CommandError(
                    _("organization: no organization has the code “%(code)s”.")
                    % {"code": options["org"]}
                )
        generated = False
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        elif options["prompt"]:
            password = getpass.getpass(_("Password: "))
        else:
            password, generated = one_time_password(), True
        try:
            user = create_user(
                actor=None,
                username=options["username"],
                role=options["role"],
                organization=organization,
                email=options["email"],
                password=password,
            )
        except ValidationError as error:
            lines = [
                f"{field}: {message}"
                for field, messages in error.message_dict.items()
                for message in messages
            ]
            raise CommandError("\n".join(lines)) from error
        if generated:
            user.must_change_password = True
            user.save(update_fields=["must_change_password"])
            self.stdout.write(
                _("Created %(user)s. One-time password: %(password)s (to change at first login)")
                % {"user": user.username, "password": password}
            )
        else:
            self.stdout.write(_("Created %(user)s.") % {"user": user.username})
