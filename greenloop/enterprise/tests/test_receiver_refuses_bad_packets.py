"""Bad packets over a real socket: each refused with its counted reason, no acknowledgement,
nothing stored, and the same connection goes on to serve good packets."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from greenloop.enterprise.engine import hj212
from greenloop.enterprise.engine.receiver import DeviceInfo, Receiver
from greenloop.enterprise.engine.store import Store

NOW = dt.datetime(2026, 1, 5, 12, 0)
DEVICES = {
    "MNGOOD01": DeviceInfo("MNGOOD01", "123456", "gas"),
    "MNLOOSE1": DeviceInfo("MNLOOSE1", "123456", "gas", bound=False),
}


def packet(
    mn: str = "MNGOOD01", pw: str = "123456", when: dt.datetime = NOW, qn: str = ""
) -> bytes:
    return hj212.frame(
        hj212.data_segment(
            mn=mn,
            pw=pw,
            cn="2051",
            st="31",
            data_time=when,
            values={"a21026": {"Avg": 12.0, "Flag": "N"}},
            qn=qn or "20260105120000001",
        )
    )


def test_bad_packets_are_refused_and_counted(tmp_path: Path) -> None:
    good = packet()
    bad = {
        "unknown_device": packet(mn="MNNOBODY"),
        "unbound_device": packet(mn="MNLOOSE1"),
        "wrong_password": packet(pw="654321"),
        "future_time": packet(when=NOW + dt.timedelta(hours=2)),
        "bad_crc": good[:-6] + b"0000\r\n",
        "bad_length": good[:30] + b"\r\n",
        "bad_header": b"garbage\r\n",
        "unsupported_command": hj212.frame(
            "QN=20260105120000009;ST=91;CN=9021;PW=123456;MN=MNGOOD01;Flag=5;CP=&&&&"
        ),
    }

    async def scenario() -> tuple[list[hj212.Packet], dict[str, int]]:
        receiver = Receiver(Store(tmp_path), DEVICES, now=lambda: NOW, flush_seconds=0.05)
        port = await receiver.start()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"".join(bad.values()) + good)
        await writer.drain()
        first = hj212.decode((await reader.readline()).rstrip(b"\r\n"))
        # The connection is still served after all that.
        writer.write(packet(qn="20260105120000002", when=NOW - dt.timedelta(minutes=1)))
        await writer.drain()
        second = hj212.decode((await reader.readline()).rstrip(b"\r\n"))
        writer.close()
        await receiver.stop()
        return [first, second], receiver.stats()

    acks, stats = asyncio.run(scenario())
    assert [a.qn for a in acks] == ["20260105120000001", "20260105120000002"]
    for reason in bad:
        assert stats[f"refused:{reason}"] == 1, reason
    assert stats["refused"] == len(bad)
    assert stats["accepted"] == 2 and stats["stored_reading"] == 2
    stored = Store(tmp_path).read_all()
    assert stored["device"].to_pylist() == ["MNGOOD01", "MNGOOD01"]
