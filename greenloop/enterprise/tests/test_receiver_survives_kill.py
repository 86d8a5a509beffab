"""Done means: thousands of HJ 212 packets (some corrupted) over real sockets, the receiver
killed with SIGKILL mid-stream and restarted: every acknowledged reading is stored once."""

from __future__ import annotations

import asyncio
import collections
import json
import signal
from pathlib import Path

import pytest

from greenloop.enterprise.engine.store import Store
from greenloop.enterprise.tests.receiver_client import (
    Server,
    devices_file,
    make_packets,
    send_all,
)

pytestmark = pytest.mark.timeout_sensitive


def test_every_acknowledged_reading_is_stored_exactly_once_after_sigkill(tmp_path: Path) -> None:
    devices = devices_file(tmp_path, 6)
    packets = make_packets(devices=6, per_device=500, bad_every=25)  # 3000 packets, 120 bad
    data_dir = tmp_path / "store"
    by_qn = {sent.qn: sent for sent in packets}

    first = Server(data_dir, devices, tmp_path / "var")
    killed: list[int] = []

    def kill_midway(acks: int) -> None:
        if acks >= 1200 and not killed:
            first.process.send_signal(signal.SIGKILL)
            killed.append(acks)

    acked_before = asyncio.run(send_all(first.port, packets, on_ack=kill_midway))
    first.process.wait(timeout=30)
    assert killed and first.process.returncode == -signal.SIGKILL
    assert 1200 <= len(acked_before) < sum(s.good for s in packets)

    # The devices resend what was not acknowledged, and (lost acknowledgements) some that were.
    second = Server(data_dir, devices, tmp_path / "var")
    resend = [s for s in packets if s.qn not in acked_before]
    resend += [by_qn[qn] for qn in sorted(acked_before)[:200]]
    acked_after = asyncio.run(send_all(second.port, resend))
    second.process.send_signal(signal.SIGTERM)
    second.process.wait(timeout=60)
    assert second.process.returncode == 0

    acked = acked_before | acked_after
    assert acked == {s.qn for s in packets if s.good}
    assert not {s.qn for s in packets if not s.good} & acked

    stored = Store(data_dir).read_all()
    keys = list(
        zip(
            stored["device"].to_pylist(),
            stored["cn"].to_pylist(),
            stored["ts"].to_pylist(),
            stored["param"].to_pylist(),
            strict=True,
        )
    )
    counts = collections.Counter(keys)
    assert max(counts.values()) == 1
    expected = {key for qn in acked for key in by_qn[qn].keys}
    assert set(counts) == expected
    bad_keys = {key for s in packets if not s.good for key in s.keys}
    assert not bad_keys & set(counts)

    stats = json.loads((data_dir / "stats.json").read_text())
    resent_bad = sum(1 for s in resend if not s.good)
    assert stats.get("refused:bad_crc", 0) == resent_bad
    # The 200 resent, already acknowledged packets carry 2 readings each: all refused as
    # duplicates, yet acknowledged again.
    assert stats["duplicate_reading"] >= 400
