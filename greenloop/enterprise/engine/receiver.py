"""The HJ 212-2017 TCP receiver (asyncio). Pure module: the device list comes in as data.

Per chunk read from a connection: split into packets at CRLF, check framing and CRC, parse,
check the device (known MN, bound to an outlet or metering point, right password) and the
time (not far in the future); refused packets are counted by reason and logged, and the
connection stays open. Accepted readings are appended to the write-ahead log; one writer
thread fsyncs for every connection at once (group commit) and only then are the
acknowledgements (CN 9014, for packets whose Flag asks) written back. Segments of the log are
flushed to Parquet in batches (by size or age) and partitions compacted in the background.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from greenloop.enterprise.engine import hj212
from greenloop.enterprise.engine.store import Row, Store, WriteAheadLog, to_ts

log = logging.getLogger("greenloop.enterprise.receiver")

MAX_LINE = 1100
CHINA = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class DeviceInfo:
    mn: str
    password: str
    kind: str  # gas, water or energy
    bound: bool = True


def load_devices(path: Path | str) -> dict[str, DeviceInfo]:
    """Devices from a JSON file ``[{"mn":…, "password":…, "kind":…, "bound": true}, …]``."""
    items = json.loads(Path(path).read_text(encoding="utf-8"))
    return {item["mn"]: DeviceInfo(**item) for item in items}


def china_now() -> dt.datetime:
    return dt.datetime.now(CHINA).replace(tzinfo=None)


class Receiver:
    def __init__(
        self,
        store: Store,
        devices: dict[str, DeviceInfo],
        *,
        batch_rows: int = 20_000,
        flush_seconds: float = 5.0,
        compact_seconds: float = 300.0,
        future_tolerance: dt.timedelta = dt.timedelta(minutes=10),
        now: Callable[[], dt.datetime] = china_now,
    ) -> None:
        self.store = store
        self.devices = devices
        self.batch_rows = batch_rows
        self.flush_seconds = flush_seconds
        self.compact_seconds = compact_seconds
        self.future_tolerance = future_tolerance
        self.now = now
        self.counters: collections.Counter[str] = collections.Counter()
        self._wal_thread = concurrent.futures.ThreadPoolExecutor(1, "greenloop-wal")
        self._store_thread = concurrent.futures.ThreadPoolExecutor(1, "greenloop-store")
        self._wal: WriteAheadLog | None = None
        self._pending: list[tuple[list[Row], asyncio.Future[None]]] = []
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[Any]] = []
        self._server: asyncio.Server | None = None
        self._flushes: list[asyncio.Future[int]] = []

    # -- validation -------------------------------------------------------------------------
    def check(self, line: bytes) -> tuple[hj212.Packet, list[Row]]:
        """The packet and its rows, or PacketError with the reason."""
        packet = hj212.decode(line)
        device = self.devices.get(packet.mn)
        if device is None:
            raise hj212.PacketError("unknown_device", packet.mn)
        if not device.bound:
            raise hj212.PacketError("unbound_device", packet.mn)
        if packet.pw != device.password:
            raise hj212.PacketError("wrong_password", packet.mn)
        if packet.cn not in hj212.DATA_COMMANDS:
            raise hj212.PacketError("unsupported_command", packet.cn)
        assert packet.data_time is not None
        if packet.data_time > self.now() + self.future_tolerance:
            raise hj212.PacketError("future_time", hj212.format_time(packet.data_time))
        received = to_ts(self.now())
        rows = [
            Row(
                kind=device.kind,
                device=r.device,
                cn=r.cn,
                ts=to_ts(r.time),
                param=r.param,
                value=r.value,
                vmin=r.min,
                vmax=r.max,
                cou=r.cou,
                flag=r.flag,
                received=received,
            )
            for r in packet.readings
        ]
        return packet, rows

    # -- connections ------------------------------------------------------------------------
    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        buffer = bytearray()
        peer = writer.get_extra_info("peername")
        try:
            while True:
                chunk = await reader.read(65536)
                if not chunk:
                    break
                buffer += chunk
                lines = hj212.split_stream(buffer)
                if len(buffer) > MAX_LINE:
                    self._refuse("too_long", f"{len(buffer)} bytes without CRLF", peer)
                    buffer.clear()
                accepted: list[hj212.Packet] = []
                rows: list[Row] = []
                for line in lines:
                    self.counters["packets"] += 1
                    try:
                        packet, packet_rows = self.check(line)
                    except hj212.PacketError as error:
                        self._refuse(error.reason, error.detail, peer)
                        continue
                    accepted.append(packet)
                    rows.extend(packet_rows)
                if not accepted:
                    continue
                await self.commit(rows)
                self.counters["accepted"] += len(accepted)
                self.counters["readings"] += len(rows)
                acks = b"".join(hj212.acknowledgement(p) for p in accepted if p.wants_ack)
                if acks:
                    writer.write(acks)
                    await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    def _refuse(self, reason: str, detail: str, peer: Any) -> None:
        self.counters["refused"] += 1
        self.counters[f"refused:{reason}"] += 1
        log.info("refused packet from %s: %s %s", peer, reason, detail)

    # -- durability -------------------------------------------------------------------------
    async def commit(self, rows: list[Row]) -> None:
        """Return once ``rows`` are fsynced in the write-ahead log."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((rows, future))
        self._wake.set()
        await future

    def _write_group(self, groups: list[list[Row]]) -> bool:
        assert self._wal is not None
        for rows in groups:
            self._wal.append(rows)
        self._wal.commit()
        return (
            self._wal.rows >= self.batch_rows
            or time.monotonic() - self._wal.opened_at >= self.flush_seconds
        )

    async def _committer(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self._wake.wait()
            self._wake.clear()
            pending, self._pending = self._pending, []
            if not pending:
                continue
            try:
                full = await loop.run_in_executor(
                    self._wal_thread, self._write_group, [rows for rows, _ in pending]
                )
            except Exception as error:  # a disk error: nobody is acknowledged
                for _, future in pending:
                    future.set_exception(error)
                continue
            for _, future in pending:
                if not future.done():
                    future.set_result(None)
            if full:
                await self.rotate()

    async def rotate(self) -> None:
        """Close the current WAL segment and flush it to Parquet in the store thread."""
        loop = asyncio.get_running_loop()
        assert self._wal is not None
        segment = await loop.run_in_executor(self._wal_thread, self._wal.rotate)
        if segment is not None:
            self._flushes.append(
                asyncio.ensure_future(
                    loop.run_in_executor(self._store_thread, self.store.flush_segment, segment)
                )
            )
            self._flushes = [f for f in self._flushes if not f.done()]

    async def _ticker(self) -> None:
        last_compaction = time.monotonic()
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(min(1.0, self.flush_seconds))
            assert self._wal is not None
            if self._wal.rows and time.monotonic() - self._wal.opened_at >= self.flush_seconds:
                await self.rotate()
            if time.monotonic() - last_compaction >= self.compact_seconds:
                last_compaction = time.monotonic()
                await loop.run_in_executor(self._store_thread, self.store.compact)

    # -- lifecycle --------------------------------------------------------------------------
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        loop = asyncio.get_running_loop()
        replayed = await loop.run_in_executor(self._store_thread, self.store.recover)
        if replayed:
            log.warning("replayed %s readings from the write-ahead log", replayed)
        self._wal = WriteAheadLog(self.store.wal_dir)
        self._tasks = [
            asyncio.ensure_future(self._committer()),
            asyncio.ensure_future(self._ticker()),
        ]
        self._server = await asyncio.start_server(self.handle, host, port, limit=MAX_LINE * 64)
        sockets = self._server.sockets
        return int(sockets[0].getsockname()[1]) if sockets else port

    async def stop(self) -> None:
        """Stop accepting, commit what is pending, flush every WAL segment to Parquet."""
        loop = asyncio.get_running_loop()
        if self._server is not None:
            self._server.close()
        while self._pending:
            self._wake.set()
            await asyncio.sleep(0.01)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await asyncio.gather(*self._flushes, return_exceptions=True)
        if self._wal is not None:
            await loop.run_in_executor(self._wal_thread, self._wal.close)
            # Closed segments whose flush was interrupted, and the last one, go to Parquet.
            await loop.run_in_executor(self._store_thread, self.store.recover)
        self._wal_thread.shutdown()
        self._store_thread.shutdown()

    def stats(self) -> dict[str, int]:
        merged = collections.Counter(self.counters)
        merged.update(self.store.counters)
        return dict(sorted(merged.items()))


async def serve(
    store: Store,
    devices: dict[str, DeviceInfo],
    *,
    host: str,
    port: int,
    announce: Callable[[str], None] = print,
    stop_event: asyncio.Event | None = None,
    **options: Any,
) -> dict[str, int]:
    """Run until ``stop_event`` is set (SIGTERM/SIGINT in the command); return the counters."""
    receiver = Receiver(store, devices, **options)
    bound = await receiver.start(host, port)
    announce(f"listening on {host}:{bound}")
    stop_event = stop_event or asyncio.Event()
    await stop_event.wait()
    await receiver.stop()
    stats = receiver.stats()
    (store.root / "stats.json").write_text(json.dumps(stats, indent=1), encoding="utf-8")
    return stats
