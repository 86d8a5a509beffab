"""``greenloop monitor``: the HJ 212 receiver, the simulator, compaction and the analytics.

greenloop monitor serve --port 9212 [--host H] [--devices-file F] [--data-dir D]
greenloop monitor simulate --enterprises N --points M --days D [--tcp HOST:PORT]
greenloop monitor compact [--data-dir D]
greenloop monitor analyse --days D [--engine duckdb|spark]
greenloop monitor export-devices FILE
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from greenloop.enterprise import services
from greenloop.enterprise.engine import hj212, receiver, simulator
from greenloop.enterprise.engine.store import Store, to_ts


def device_list() -> list[dict[str, Any]]:
    from greenloop.enterprise.models import Device

    return [
        {
            "mn": device.mn,
            "password": device.password,
            "kind": device.kind if (device.outlet_id or device.point_id) else "energy",
            "bound": bool(device.outlet_id or device.point_id) and device.is_active,
        }
        for device in Device.objects.select_related("outlet")
    ]


class Command(BaseCommand):
    help = "Enterprise online monitoring: receiver, simulator, compaction, analytics."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        serve = sub.add_parser("serve", help="run the HJ 212-2017 TCP receiver")
        serve.add_argument("--host", default="127.0.0.1")
        serve.add_argument("--port", type=int, default=9212)
        serve.add_argument("--data-dir", default="")
        serve.add_argument("--devices-file", default="")
        serve.add_argument("--flush-seconds", type=float, default=5.0)
        serve.add_argument("--batch-rows", type=int, default=20_000)
        serve.add_argument("--compact-seconds", type=float, default=300.0)
        sim = sub.add_parser("simulate", help="demonstration readings over TCP or to Parquet")
        sim.add_argument("--enterprises", type=int, default=3)
        sim.add_argument("--points", type=int, default=4)
        sim.add_argument("--days", type=int, default=2)
        sim.add_argument("--start", default="")
        sim.add_argument("--seed", type=int, default=1)
        sim.add_argument("--tcp", default="", help="HOST:PORT of a receiver; else Parquet")
        sim.add_argument("--bad-rate", type=float, default=0.01)
        sim.add_argument("--exceed-rate", type=float, default=0.01)
        sim.add_argument("--data-dir", default="")
        compact = sub.add_parser("compact", help="merge each partition's Parquet files")
        compact.add_argument("--data-dir", default="")
        analyse = sub.add_parser("analyse", help="aggregates, quality and alerts")
        analyse.add_argument("--days", type=int, default=2)
        analyse.add_argument("--engine", default="")
        export = sub.add_parser("export-devices", help="devices as JSON for serve")
        export.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        getattr(self, "do_" + action.replace("-", "_"))(options)

    def _store(self, options: dict[str, Any]) -> Store:
        directory = options.get("data_dir")
        return Store(Path(directory)) if directory else services.store()

    def do_serve(self, options: dict[str, Any]) -> None:
        devices = (
            receiver.load_devices(options["devices_file"])
            if options["devices_file"]
            else {d["mn"]: receiver.DeviceInfo(**d) for d in device_list()}
        )
        store = self._store(options)

        def announce(text: str) -> None:
            self.stdout.write(text)
            self.stdout.flush()

        async def main() -> dict[str, int]:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, stop.set)
            return await receiver.serve(
                store,
                devices,
                host=options["host"],
                port=options["port"],
                announce=announce,
                stop_event=stop,
                batch_rows=options["batch_rows"],
                flush_seconds=options["flush_seconds"],
                compact_seconds=options["compact_seconds"],
            )

        stats = asyncio.run(main())
        self.stdout.write(json.dumps(stats))

    def do_simulate(self, options: dict[str, Any]) -> None:
        from greenloop.enterprise import demo

        start = (
            dt.date.fromisoformat(options["start"])
            if options["start"]
            else dt.date.today() - dt.timedelta(days=options["days"])
        )
        devices = simulator.plan(options["enterprises"], options["points"])
        demo.ensure_registry(devices, start.year)
        stream = simulator.samples(
            devices,
            start,
            options["days"],
            seed=options["seed"],
            exceed_rate=options["exceed_rate"],
        )
        if options["tcp"]:
            sent, acked = self._send(stream, options["tcp"], options["bad_rate"], options["seed"])
            self.stdout.write(f"demonstration data: {sent} packets sent, {acked} acknowledged")
            return
        store = self._store(options)
        rows = []
        received = to_ts(dt.datetime.now())
        for sample in stream:
            rows.extend(simulator.to_rows(sample, received))
        stored = store.ingest(rows)
        self.stdout.write(f"demonstration data: {stored} readings written to {store.data_dir}")

    def _send(self, stream: Any, address: str, bad_rate: float, seed: int) -> tuple[int, int]:
        host, _, port = address.rpartition(":")
        rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        sent = acked = 0
        with socket.create_connection((host or "127.0.0.1", int(port))) as conn:
            conn.settimeout(30)
            buffer = bytearray()
            window = 0
            for i, sample in enumerate(stream):
                packet = simulator.to_packet(sample, qn=f"{i:017d}")
                if rng.random() < bad_rate:
                    packet = simulator.corrupt(packet, rng)
                conn.sendall(packet)
                sent += 1
                window += 1
                if window >= 200:
                    acked += self._drain(conn, buffer, block=False)
                    window = 0
            conn.shutdown(socket.SHUT_WR)
            acked += self._drain(conn, buffer, block=True)
        return sent, acked

    @staticmethod
    def _drain(conn: socket.socket, buffer: bytearray, *, block: bool) -> int:
        count = 0
        conn.setblocking(block)
        try:
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                buffer += chunk
                count += len(hj212.split_stream(buffer))
        except (BlockingIOError, TimeoutError):
            pass
        finally:
            conn.setblocking(True)
        return count

    def do_compact(self, options: dict[str, Any]) -> None:
        done = self._store(options).compact()
        self.stdout.write(f"{done} partitions compacted")

    def do_analyse(self, options: dict[str, Any]) -> None:
        from greenloop.enterprise.analysis import run_analytics

        summary = run_analytics(days=options["days"], engine=options["engine"] or None)
        self.stdout.write(json.dumps({"results": summary.counts, "new_alerts": summary.alerts}))

    def do_export_devices(self, options: dict[str, Any]) -> None:
        Path(options["file"]).write_text(json.dumps(device_list(), indent=1), encoding="utf-8")
        self.stdout.write(f"{len(device_list())} devices")


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run as: greenloop monitor …")
