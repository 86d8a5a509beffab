"""``monitor export-devices`` gives ``monitor serve`` the registry: bound devices with their
kind and password; a device bound to nothing is listed as unbound (refused by the receiver)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command

from greenloop.enterprise import services
from greenloop.enterprise.engine.receiver import DeviceInfo, load_devices
from greenloop.enterprise.tests.factories import energy_unit, pollution_source


def test_export_devices(actors: Any, tmp_path: Path) -> None:
    pollution_source(actors.admin, actors.enterprise, "MNEXP0001")
    energy_unit(actors.admin, actors.haixi_enterprise, "MNEXP0002")
    services.register_device(actor=actors.admin, mn="MNEXP0003", password="999999")
    target = tmp_path / "devices.json"
    call_command("monitor", "export-devices", str(target), stdout=None)
    devices = load_devices(target)
    assert devices["MNEXP0001"] == DeviceInfo("MNEXP0001", "123456", "gas", True)
    assert devices["MNEXP0002"] == DeviceInfo("MNEXP0002", "123456", "energy", True)
    assert devices["MNEXP0003"].bound is False
