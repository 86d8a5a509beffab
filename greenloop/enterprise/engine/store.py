"""Durable, append-only storage of readings: a write-ahead log and date-partitioned Parquet.

Layout under the store's root::

    wal/wal-1767571200000000.log               segments of the write-ahead log (JSON lines)
    data/kind=gas/date=2026-01-05/seg-1767571200000000.parquet    one file per flushed segment
    data/kind=gas/date=2026-01-05/compact-<uuid>.parquet       after background compaction

A reading is *durable* once its WAL line is fsynced: the receiver acknowledges only then.
Flushing a segment writes its rows (deduplicated on device, command, time and parameter
against what the partition already holds) to Parquet files named after the segment, each
written to a temporary name, fsynced and renamed, and only then deletes the segment. After a
crash, :meth:`Store.recover` removes any Parquet files of segments still in the WAL and
flushes those segments again, so every durable reading ends up stored exactly once.
Compaction merges a partition's files into one; the new file lists the files it replaces in
its metadata, so a crash between the rename and the deletions is finished at recovery.

Times are stored as ``ts``: seconds since 1970-01-01 of the local (China Standard Time) clock,
an integer both DuckDB and Spark compute with identically. Pure module.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import os
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

KINDS = ("gas", "water", "energy")
EPOCH = dt.datetime(1970, 1, 1)

SCHEMA = pa.schema(
    [
        ("device", pa.string()),
        ("cn", pa.string()),
        ("ts", pa.int64()),
        ("param", pa.string()),
        ("value", pa.float64()),
        ("vmin", pa.float64()),
        ("vmax", pa.float64()),
        ("cou", pa.float64()),
        ("flag", pa.string()),
        ("received", pa.int64()),
    ]
)
COLUMNS = tuple(SCHEMA.names)
KEY = ("device", "cn", "ts", "param")


def to_ts(value: dt.datetime) -> int:
    return int((value.replace(tzinfo=None) - EPOCH).total_seconds())


def from_ts(ts: int) -> dt.datetime:
    return EPOCH + dt.timedelta(seconds=int(ts))


def date_of(ts: int) -> str:
    return from_ts(ts).strftime("%Y-%m-%d")


@dataclass(frozen=True)
class Row:
    """One reading as stored (``kind`` and the date become the partition)."""

    kind: str
    device: str
    cn: str
    ts: int
    param: str
    value: float | None
    vmin: float | None
    vmax: float | None
    cou: float | None
    flag: str
    received: int

    def key(self) -> tuple[str, str, int, str]:
        return (self.device, self.cn, self.ts, self.param)

    def as_list(self) -> list[Any]:
        return [
            self.kind,
            self.device,
            self.cn,
            self.ts,
            self.param,
            self.value,
            self.vmin,
            self.vmax,
            self.cou,
            self.flag,
            self.received,
        ]

    @classmethod
    def from_list(cls, items: list[Any]) -> Row:
        return cls(*items)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class WriteAheadLog:
    """Numbered segments of JSON lines; :meth:`commit` makes everything appended durable.
    Not thread-safe: one thread appends, commits and rotates."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        # Segment numbers never repeat across restarts (they name Parquet files): start from
        # the clock in microseconds, and after any segment still on disk.
        existing = self.segments()
        last = self.segment_number(existing[-1]) if existing else 0
        self.seq = max(last + 1, time.time_ns() // 1000)
        self.rows = 0
        self.opened_at = 0.0
        self._file = self._open()

    @staticmethod
    def segment_number(path: Path) -> int:
        return int(path.stem.split("-")[1])

    def segments(self) -> list[Path]:
        return sorted(self.directory.glob("wal-[0-9]*.log"))

    def _path(self, seq: int) -> Path:
        return self.directory / f"wal-{seq:016d}.log"

    def _open(self) -> Any:
        self.opened_at = time.monotonic()
        handle = open(self._path(self.seq), "ab")  # noqa: SIM115 - kept open between appends
        _fsync_dir(self.directory)
        return handle

    def append(self, rows: Iterable[Row]) -> None:
        lines = [json.dumps(row.as_list(), separators=(",", ":")) for row in rows]
        if lines:
            self._file.write(("\n".join(lines) + "\n").encode("utf-8"))
            self.rows += len(lines)

    def commit(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())

    def rotate(self) -> Path | None:
        """Close the current segment and start the next; the closed one (None if empty)."""
        self.commit()
        self._file.close()
        closed = self._path(self.seq)
        had_rows = self.rows > 0
        self.seq += 1
        self.rows = 0
        self._file = self._open()
        if not had_rows:
            closed.unlink(missing_ok=True)
            return None
        return closed

    def close(self) -> None:
        self.commit()
        self._file.close()


def read_segment(path: Path) -> Iterator[Row]:
    """The rows of a segment; a torn last line (crash while writing, never acknowledged)
    is skipped."""
    with path.open("rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break
            try:
                yield Row.from_list(json.loads(line))
            except (ValueError, TypeError):
                continue


class KeyIndex:
    """The keys each partition holds, loaded lazily from its files, bounded in partitions."""

    def __init__(self, data_dir: Path, max_partitions: int = 64) -> None:
        self.data_dir = data_dir
        self.max_partitions = max_partitions
        self._keys: collections.OrderedDict[tuple[str, str], set[tuple[str, str, int, str]]] = (
            collections.OrderedDict()
        )

    def keys(self, kind: str, date: str) -> set[tuple[str, str, int, str]]:
        part = (kind, date)
        if part in self._keys:
            self._keys.move_to_end(part)
            return self._keys[part]
        found: set[tuple[str, str, int, str]] = set()
        for path in partition_dir(self.data_dir, kind, date).glob("*.parquet"):
            table = pq.read_table(path, columns=list(KEY))
            found.update(
                zip(
                    table["device"].to_pylist(),
                    table["cn"].to_pylist(),
                    table["ts"].to_pylist(),
                    table["param"].to_pylist(),
                    strict=True,
                )
            )
        self._keys[part] = found
        while len(self._keys) > self.max_partitions:
            self._keys.popitem(last=False)
        return found

    def forget(self) -> None:
        self._keys.clear()


def partition_dir(data_dir: Path, kind: str, date: str) -> Path:
    return data_dir / f"kind={kind}" / f"date={date}"


def _write_atomic(table: pa.Table, path: Path, metadata: dict[bytes, bytes] | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if metadata:
        table = table.replace_schema_metadata(metadata)
    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _fsync_dir(path.parent)


def rows_table(rows: list[Row]) -> pa.Table:
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for row in rows:
        for name in COLUMNS:
            columns[name].append(getattr(row, name))
    return pa.table(columns, schema=SCHEMA)


class Store:
    """The readings store under ``root``: WAL segments in ``wal/``, Parquet in ``data/``."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.wal_dir = self.root / "wal"
        self.data_dir = self.root / "data"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.wal_dir.mkdir(parents=True, exist_ok=True)
        self.index = KeyIndex(self.data_dir)
        self.counters: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()

    # -- recovery ---------------------------------------------------------------------------
    def recover(self) -> int:
        """Finish interrupted compactions, then flush every WAL segment left by a crash.
        Returns the number of rows stored from the log."""
        with self.lock:
            self._finish_compactions()
            stored = 0
            for segment in sorted(self.wal_dir.glob("wal-*.log")):
                for stale in self.data_dir.glob(f"kind=*/date=*/seg-{segment.stem[4:]}.parquet"):
                    stale.unlink()
                self.index.forget()
                stored += self._flush_locked(segment)
            return stored

    def _finish_compactions(self) -> None:
        for compact in self.data_dir.glob("kind=*/date=*/compact-*.parquet"):
            metadata = pq.read_schema(compact).metadata or {}
            for name in json.loads(metadata.get(b"greenloop.replaces", b"[]")):
                (compact.parent / name).unlink(missing_ok=True)
        for temporary in self.data_dir.glob("kind=*/date=*/.*.tmp"):
            temporary.unlink()

    # -- flushing ---------------------------------------------------------------------------
    def flush_segment(self, segment: Path) -> int:
        with self.lock:
            return self._flush_locked(segment)

    def _flush_locked(self, segment: Path) -> int:
        by_partition: dict[tuple[str, str], list[Row]] = collections.defaultdict(list)
        for row in read_segment(segment):
            part = (row.kind, date_of(row.ts))
            keys = self.index.keys(*part)
            key = row.key()
            if key in keys:
                self.counters["duplicate_reading"] += 1
                continue
            keys.add(key)
            by_partition[part].append(row)
        name = f"seg-{segment.stem[4:]}.parquet"
        stored = 0
        for (kind, date), rows in sorted(by_partition.items()):
            _write_atomic(rows_table(rows), partition_dir(self.data_dir, kind, date) / name)
            stored += len(rows)
        self.counters["stored_reading"] += stored
        segment.unlink()
        _fsync_dir(self.wal_dir)
        return stored

    # -- compaction -------------------------------------------------------------------------
    def compact(self, min_files: int = 2) -> int:
        """Merge each partition that has ``min_files`` or more files (of flushed segments)
        into one sorted file. Returns the number of partitions compacted."""
        done = 0
        with self.lock:
            pending = {p.stem[4:] for p in self.wal_dir.glob("wal-*.log")}
            for directory in sorted(self.data_dir.glob("kind=*/date=*")):
                files = [
                    path
                    for path in sorted(directory.glob("*.parquet"))
                    if not (path.name.startswith("seg-") and path.stem[4:] in pending)
                ]
                if len(files) < min_files:
                    continue
                table = pa.concat_tables(
                    [pq.read_table(path).replace_schema_metadata(None) for path in files]
                )
                table = _deduplicate(table).sort_by(
                    [("device", "ascending"), ("ts", "ascending"), ("param", "ascending")]
                )
                target = directory / f"compact-{uuid.uuid4().hex}.parquet"
                replaces = json.dumps([path.name for path in files]).encode()
                _write_atomic(table, target, {b"greenloop.replaces": replaces})
                for path in files:
                    path.unlink()
                _fsync_dir(directory)
                done += 1
        return done

    # -- bulk ingestion ---------------------------------------------------------------------
    def ingest(self, rows: list[Row]) -> int:
        """Store ``rows`` durably through a WAL segment of their own (bulk uploads, simulator)."""
        with self.lock:
            if not rows:
                return 0
            segment = self.wal_dir / f"wal-b{uuid.uuid4().hex}.log"
            with segment.open("wb") as handle:
                for row in rows:
                    handle.write(json.dumps(row.as_list(), separators=(",", ":")).encode())
                    handle.write(b"\n")
                handle.flush()
                os.fsync(handle.fileno())
            _fsync_dir(self.wal_dir)
            return self._flush_locked(segment)

    # -- reading ----------------------------------------------------------------------------
    def files(self) -> list[Path]:
        return sorted(self.data_dir.glob("kind=*/date=*/*.parquet"))

    def read_all(self) -> pa.Table:
        """Every stored row with its partition columns (small stores: tests, exports)."""
        tables = []
        for path in self.files():
            kind = path.parent.parent.name.split("=", 1)[1]
            table = pq.read_table(path).replace_schema_metadata(None)
            tables.append(table.append_column("kind", pa.array([kind] * table.num_rows)))
        if not tables:
            return rows_table([]).append_column("kind", pa.array([], pa.string()))
        return pa.concat_tables(tables)


def _deduplicate(table: pa.Table) -> pa.Table:
    """Keep the first-received row of each key."""
    if table.num_rows == 0:
        return table
    table = table.sort_by([("received", "ascending")])
    seen: set[tuple[Any, ...]] = set()
    keep = []
    columns = [table[name].to_pylist() for name in KEY]
    for i, key in enumerate(zip(*columns, strict=True)):
        if key not in seen:
            seen.add(key)
            keep.append(i)
    return table.take(pa.array(keep, pa.int64()))
