"""Test helpers: HJ 212 packets for a few devices and an asyncio client that pipelines them
over real sockets and collects the acknowledgements."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from greenloop.enterprise.engine import hj212
from greenloop.enterprise.engine.store import to_ts

START = dt.datetime(2026, 1, 5)
GREENLOOP = str(Path(sys.executable).with_name("greenloop"))


@dataclass
class Sent:
    qn: str
    packet: bytes
    keys: list[tuple[str, str, int, str]]
    good: bool


def devices_file(directory: Path, count: int) -> Path:
    devices = [
        {"mn": f"TESTMN{n:08d}", "password": "123456", "kind": "gas", "bound": True}
        for n in range(count)
    ]
    path = directory / "devices.json"
    path.write_text(json.dumps(devices), encoding="utf-8")
    return path


def make_packets(devices: int, per_device: int, bad_every: int) -> list[Sent]:
    out = []
    n = 0
    for minute in range(per_device):
        for d in range(devices):
            mn = f"TESTMN{d:08d}"
            moment = START + dt.timedelta(minutes=minute)
            values: dict[str, dict[str, float | str]] = {
                "a21026": {"Avg": 10.0 + d + minute % 7, "Flag": "N"},
                "a00000": {"Avg": 50.0 + minute % 3, "Flag": "N"},
            }
            qn = f"{n:017d}"
            segment = hj212.data_segment(
                mn=mn, pw="123456", cn="2051", st="31", data_time=moment, values=values, qn=qn
            )
            packet = hj212.frame(segment)
            good = not (bad_every and n % bad_every == bad_every - 1)
            if not good:
                # Flip one character of the data segment: the CRC no longer matches.
                position = 20 + n % 40
                packet = (
                    packet[:position] + bytes([packet[position] ^ 0x02]) + packet[position + 1 :]
                )
            keys = [(mn, "2051", to_ts(moment), code) for code in sorted(values)]
            out.append(Sent(qn, packet, keys, good))
            n += 1
    return out


class Server:
    """``greenloop monitor serve`` as a real subprocess."""

    def __init__(self, data_dir: Path, devices: Path, var_dir: Path) -> None:
        env = dict(os.environ, GREENLOOP_VAR_DIR=str(var_dir), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [
                GREENLOOP,
                "monitor",
                "serve",
                "--port",
                "0",
                "--data-dir",
                str(data_dir),
                "--devices-file",
                str(devices),
                "--flush-seconds",
                "0.2",
                "--batch-rows",
                "400",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("listening on"):
            self.process.kill()
            errors = self.process.stderr.read() if self.process.stderr else ""
            raise RuntimeError(f"receiver did not start: {line!r} {errors}")
        self.port = int(line.strip().rsplit(":", 1)[1])


async def send_all(
    port: int,
    packets: list[Sent],
    *,
    connections: int = 4,
    window: int = 40,
    on_ack: Callable[[int], None] | None = None,
) -> set[str]:
    """Send ``packets`` over ``connections`` sockets, ``window`` at a time; the acknowledged QNs.
    Stops quietly when the server goes away."""
    acked: set[str] = set()

    async def worker(share: list[Sent]) -> None:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            return
        buffer = bytearray()
        try:
            for start in range(0, len(share), window):
                batch = share[start : start + window]
                writer.write(b"".join(s.packet for s in batch))
                await writer.drain()
                expected = sum(1 for s in batch if s.good)
                got = 0
                while got < expected:
                    chunk = await asyncio.wait_for(reader.read(65536), timeout=60)
                    if not chunk:
                        return
                    buffer += chunk
                    for line in hj212.split_stream(buffer):
                        ack = hj212.decode(line)
                        assert ack.cn == hj212.CN_DATA_ACK
                        acked.add(ack.qn)
                        got += 1
                        if on_ack is not None:
                            on_ack(len(acked))
        except (ConnectionError, OSError):
            return
        finally:
            writer.close()

    shares = [packets[i::connections] for i in range(connections)]
    await asyncio.gather(*(worker(share) for share in shares))
    return acked
