"""The store after crashes: replayed WAL segments and interrupted compactions leave every
reading stored exactly once; a torn last WAL line (never acknowledged) is dropped."""

from __future__ import annotations

import collections
import shutil
from pathlib import Path

from greenloop.enterprise.engine.store import Row, Store, WriteAheadLog


def rows(device: str, count: int, start: int = 1_767_571_200) -> list[Row]:
    return [
        Row("gas", device, "2051", start + 60 * i, "a21026", float(i), None, None, None, "N", 0)
        for i in range(count)
    ]


def stored_keys(store: Store) -> collections.Counter[tuple[str, int]]:
    table = store.read_all()
    return collections.Counter(
        zip(table["device"].to_pylist(), table["ts"].to_pylist(), strict=True)
    )


def test_segment_flushed_half_way_is_replayed_once(tmp_path: Path) -> None:
    store = Store(tmp_path)
    wal = WriteAheadLog(store.wal_dir)
    wal.append(rows("A", 100) + rows("B", 50, start=1_767_657_600))  # two dates
    segment = wal.rotate()
    assert segment is not None
    keep = tmp_path / "copy.log"
    shutil.copy(segment, keep)
    store.flush_segment(segment)
    # Crash simulation: the segment is back (its deletion was lost) and one partition file too.
    shutil.copy(keep, segment)
    next(iter(store.files())).unlink()
    wal.append(rows("A", 10, start=1_767_571_200 + 6000))  # committed, never flushed
    wal.commit()
    with (wal.directory / wal._path(wal.seq).name).open("ab") as handle:
        handle.write(b'["gas","A","2051",1,"a21026",1.0')  # torn line: no newline
    recovered = Store(tmp_path)
    recovered.recover()
    counts = stored_keys(recovered)
    assert max(counts.values()) == 1
    assert len(counts) == 160
    assert not list(recovered.wal_dir.glob("wal-*.log"))


def test_duplicates_across_segments_are_stored_once(tmp_path: Path) -> None:
    store = Store(tmp_path)
    assert store.ingest(rows("A", 30)) == 30
    assert store.ingest(rows("A", 40)) == 10  # the first 30 are already stored
    assert store.counters["duplicate_reading"] == 30
    assert max(stored_keys(store).values()) == 1


def test_interrupted_compaction_is_finished_at_recovery(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.ingest(rows("A", 30))
    store.ingest(rows("A", 30, start=1_767_571_200 + 1800))
    sources = store.files()
    saved = {path: path.read_bytes() for path in sources}
    assert store.compact() == 1
    assert len(store.files()) == 1
    for path, content in saved.items():  # the deletions after the rename were lost
        path.write_bytes(content)
    Store(tmp_path).recover()
    counts = stored_keys(Store(tmp_path))
    assert len(Store(tmp_path).files()) == 1
    assert len(counts) == 60 and max(counts.values()) == 1
