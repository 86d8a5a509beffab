"""``greenloop monitor simulate`` makes demonstration enterprises and sends HJ 212 packets
(some bad) to a real receiver over TCP; the good ones are stored, the bad ones counted."""

from __future__ import annotations

import asyncio
import threading
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command

from greenloop.enterprise.engine.receiver import DeviceInfo, Receiver
from greenloop.enterprise.engine.store import Store
from greenloop.enterprise.models import Device, KeyEnergyUnit, PollutionSource
from greenloop.orgs.models import Organization


class Background:
    """A receiver on its own event loop thread."""

    def __init__(self, root: Path, devices: dict[str, DeviceInfo]) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.receiver = Receiver(Store(root), devices, flush_seconds=0.2)
        self.port = asyncio.run_coroutine_threadsafe(self.receiver.start(), self.loop).result(10)

    def stop(self) -> dict[str, int]:
        asyncio.run_coroutine_threadsafe(self.receiver.stop(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        return self.receiver.stats()


def test_simulate_over_tcp(db: Any, tmp_path: Path) -> None:
    from greenloop.enterprise.engine import simulator

    plan = simulator.plan(1, 3)
    devices = {d.mn: DeviceInfo(d.mn, d.password, d.kind) for d in plan}
    server = Background(tmp_path, devices)
    out = StringIO()
    call_command(
        "monitor",
        "simulate",
        "--enterprises",
        "1",
        "--points",
        "3",
        "--days",
        "1",
        "--start",
        "2026-01-05",
        "--bad-rate",
        "0.05",
        "--tcp",
        f"127.0.0.1:{server.port}",
        stdout=out,
    )
    stats = server.stop()
    assert "demonstration data" in out.getvalue()
    assert stats["refused"] > 0 and stats["accepted"] > 1000
    assert stats["packets"] == stats["refused"] + stats["accepted"]
    assert stats["stored_reading"] == stats["readings"] == Store(tmp_path).read_all().num_rows
    # The registry it made is demonstration data throughout.
    org = Organization.objects.get(code="demo-ent-0000")
    assert "演示" in org.name_zh and "Demonstration" in org.name_en
    assert KeyEnergyUnit.objects.get(organization=org).demonstration
    assert PollutionSource.objects.get(organization=org).demonstration
    assert set(Device.objects.filter(mn__in=devices).values_list("demonstration", flat=True)) == {
        True
    }
