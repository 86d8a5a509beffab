"""Benchmark: HJ 212-2017 receiver throughput over loopback.

Two servers receive the same packets from the same client (several connections, each
pipelining windows of packets and waiting for their acknowledgements):

- ``greenloop``: the real receiver: framing, CRC16, parsing, device and password checks,
  write-ahead log fsynced before acknowledging (group commit), Parquet flushes in batches;
- ``minimal``: a socket reader that only splits packets at CRLF, parses the data segment
  (no CRC, no checks, nothing written) and acknowledges: the ceiling set by asyncio and
  the parser.

    .venv/bin/python benchmarks/enterprise_receiver.py [--packets 20000] [--connections 8]

Prints packets per second for each and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

from greenloop.enterprise.engine import hj212
from greenloop.enterprise.engine.receiver import DeviceInfo, Receiver
from greenloop.enterprise.engine.store import Store

START = dt.datetime(2026, 1, 5)


def packets(count: int, devices: int) -> list[bytes]:
    out = []
    for n in range(count):
        device, minute = n % devices, n // devices
        segment = hj212.data_segment(
            mn=f"BENCHMN{device:06d}", pw="123456", cn="2051", st="31",
            data_time=START + dt.timedelta(minutes=minute),
            values={
                "a21026": {"Avg": 20.5, "Min": 19.0, "Max": 22.0, "Flag": "N"},
                "a21002": {"Avg": 31.2, "Min": 30.0, "Max": 33.0, "Flag": "N"},
                "a34013": {"Avg": 4.1, "Min": 3.9, "Max": 4.4, "Flag": "N"},
                "a00000": {"Avg": 61.0, "Cou": 3660.0, "Flag": "N"},
            },
            qn=f"{n:017d}",
        )
        out.append(hj212.frame(segment))
    return out


async def minimal_server() -> tuple[asyncio.Server, int]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        buffer = bytearray()
        while chunk := await reader.read(65536):
            buffer += chunk
            acks = []
            for line in hj212.split_stream(buffer):
                packet = hj212.parse(line[6:-4].decode("ascii"))
                if packet.wants_ack:
                    acks.append(hj212.acknowledgement(packet))
            if acks:
                writer.write(b"".join(acks))
                await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, int(server.sockets[0].getsockname()[1])


async def client(port: int, data: list[bytes], connections: int, window: int) -> float:
    async def worker(share: list[bytes]) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        buffer = bytearray()
        for start in range(0, len(share), window):
            batch = share[start : start + window]
            writer.write(b"".join(batch))
            await writer.drain()
            got = 0
            while got < len(batch):
                buffer += await reader.read(65536)
                got += len(hj212.split_stream(buffer))
        writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker(data[i::connections]) for i in range(connections)))
    return time.perf_counter() - started


async def run(count: int, connections: int, window: int, devices: int) -> None:
    data = packets(count, devices)
    server, port = await minimal_server()
    minimal = await client(port, data, connections, window)
    server.close()

    root = Path(tempfile.mkdtemp(prefix="greenloop-recv-"))
    registry = {
        f"BENCHMN{d:06d}": DeviceInfo(f"BENCHMN{d:06d}", "123456", "gas") for d in range(devices)
    }
    receiver = Receiver(Store(root), registry, batch_rows=50_000, flush_seconds=1.0)
    port = await receiver.start()
    real = await client(port, data, connections, window)
    await receiver.stop()
    stats = receiver.stats()
    shutil.rmtree(root)
    print(f"{count:,} packets ({count * 4:,} readings), {connections} connections, "
          f"window {window}")
    print(f"  minimal parse-only reader : {count / minimal:>10,.0f} packets/s")
    print(f"  greenloop receiver        : {count / real:>10,.0f} packets/s "
          f"(CRC, checks, fsynced WAL, Parquet)")
    print(f"  ratio: the receiver takes {real / minimal:.2f}× the minimal reader's time")
    print(f"  stored readings: {stats.get('stored_reading', 0):,}; refused: {stats.get('refused', 0)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--packets", type=int, default=20_000)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--window", type=int, default=50)
    parser.add_argument("--devices", type=int, default=200)
    args = parser.parse_args()
    asyncio.run(run(args.packets, args.connections, args.window, args.devices))


if __name__ == "__main__":
    main()
