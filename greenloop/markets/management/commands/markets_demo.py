from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from greenloop.accounts.models import User


class Command(BaseCommand):
    help = "Seed a demonstration market (participants, allocations, orders, trades)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--admin", required=True, help="user name of an administrator")

    def handle(self, *args: Any, **options: Any) -> None:
        from greenloop.markets.demo import seed_demonstration

        admin = User.objects.filter(username=options["admin"]).first()
        if admin is None:
            raise CommandError(_("No such user."))
        counts = seed_demonstration(admin)
        self.stdout.write(
            self.style.SUCCESS(_("Demonstration market: %(counts)s") % {"counts": counts})
        )
