"""Synthetic (demonstration) monitoring data: daily and weekly cycles, noise, gaps, flagged
minutes, exceedances and bad packets. Every value it makes is demonstration data.

Each simulated enterprise has one waste-gas outlet (SO2, NOx, particulates, flow), one
waste-water outlet (COD, NH3-N, flow) and energy metering points (electricity, natural gas),
``points`` devices in all (at least 1; the first two are the outlets when points ≥ 2).
Pure module: no Django.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from greenloop.enterprise.engine import hj212
from greenloop.enterprise.engine.store import Row, to_ts

# code: (name, unit, typical value, permit limit) — limits of the GB 13223-2011 /
# ultra-low-emission order of magnitude, for demonstration only.
GAS_PARAMS = {
    "a21026": ("SO2", "mg/m3", 20.0, 35.0),
    "a21002": ("NOx", "mg/m3", 30.0, 50.0),
    "a34013": ("particulates", "mg/m3", 4.0, 10.0),
    "a00000": ("flow", "m3/s", 60.0, None),
}
WATER_PARAMS = {
    "w01018": ("COD", "mg/L", 25.0, 50.0),
    "w21003": ("NH3-N", "mg/L", 2.0, 5.0),
    "w00000": ("flow", "L/s", 30.0, None),
}
ENERGY_KINDS = (("electricity", "kWh", 8000.0), ("natural_gas", "m3", 500.0))
ENERGY_PARAM = "e01"


@dataclass
class SimDevice:
    mn: str
    password: str
    kind: str  # gas, water, energy
    enterprise: int
    params: dict[str, tuple[str, str, float, float | None]] = field(default_factory=dict)
    energy: str = ""
    physical_unit: str = ""
    hourly_quantity: float = 0.0

    @property
    def interval_minutes(self) -> int:
        return 60 if self.kind == "energy" else 1


def plan(enterprises: int, points: int) -> list[SimDevice]:
    devices = []
    for e in range(enterprises):
        for p in range(max(points, 1)):
            mn = f"DEMO{e:04d}{p:03d}".ljust(14, "0")
            if p == 0 and points >= 2:
                devices.append(SimDevice(mn, "123456", "gas", e, dict(GAS_PARAMS)))
            elif p == 1 and points >= 2:
                devices.append(SimDevice(mn, "123456", "water", e, dict(WATER_PARAMS)))
            else:
                energy, unit, quantity = ENERGY_KINDS[p % len(ENERGY_KINDS)]
                devices.append(
                    SimDevice(
                        mn,
                        "123456",
                        "energy",
                        e,
                        energy=energy,
                        physical_unit=unit,
                        hourly_quantity=quantity * (1 + 0.1 * e),
                    )
                )
    return devices


def _cycle(moment: dt.datetime) -> float:
    hour = moment.hour + moment.minute / 60
    daily = 0.25 * math.sin(2 * math.pi * (hour - 8) / 24)
    weekly = -0.15 if moment.weekday() >= 5 else 0.0
    return 1.0 + daily + weekly


@dataclass
class Sample:
    """One device's values at one time: what a packet carries."""

    device: SimDevice
    cn: str
    time: dt.datetime
    values: dict[str, dict[str, float | str]]


def samples(
    devices: list[SimDevice],
    start: dt.date,
    days: int,
    *,
    seed: int = 1,
    gap_rate: float = 0.01,
    exceed_rate: float = 0.01,
    flag_rate: float = 0.005,
) -> Iterator[Sample]:
    """Minute data for outlets and hourly data for meters, in time order."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    begin = dt.datetime.combine(start, dt.time())
    # Per device: hours that are missing, exceed, or are in maintenance.
    hours = days * 24
    state = {}
    for device in devices:
        state[device.mn] = {
            "gap": {h for h in range(hours) if rng.random() < gap_rate},
            "exceed": {h for h in range(hours) if rng.random() < exceed_rate},
            "flagged": {h for h in range(hours) if rng.random() < flag_rate},
        }
    for minute in range(days * 1440):
        moment = begin + dt.timedelta(minutes=minute)
        hour_index = minute // 60
        factor = _cycle(moment)
        for device in devices:
            marks = state[device.mn]
            if hour_index in marks["gap"]:
                continue
            if device.kind == "energy":
                if moment.minute != 0:
                    continue
                quantity = device.hourly_quantity * factor * (1 + rng.gauss(0, 0.05))
                yield Sample(
                    device,
                    hj212.CN_HOUR,
                    moment,
                    {ENERGY_PARAM: {"Cou": round(max(quantity, 0.0), 3), "Flag": "N"}},
                )
                continue
            flag = "M" if hour_index in marks["flagged"] else "N"
            boost = 2.5 if hour_index in marks["exceed"] else 1.0
            values: dict[str, dict[str, float | str]] = {}
            for code, (_, _, typical, limit) in device.params.items():
                level = typical * factor * (1 + rng.gauss(0, 0.08))
                if limit is not None:
                    level *= boost
                level = round(max(level, 0.0), 3)
                values[code] = {
                    "Avg": level,
                    "Min": round(level * 0.95, 3),
                    "Max": round(level * 1.05, 3),
                    "Flag": flag,
                }
            yield Sample(device, hj212.CN_MINUTE, moment, values)


def to_rows(sample: Sample, received: int) -> list[Row]:
    rows = []
    for code, stats in sample.values.items():
        value = stats.get("Avg")
        cou = stats.get("Cou")
        rows.append(
            Row(
                kind=sample.device.kind,
                device=sample.device.mn,
                cn=sample.cn,
                ts=to_ts(sample.time),
                param=code,
                value=float(value) if isinstance(value, float | int) else None,
                vmin=_num(stats.get("Min")),
                vmax=_num(stats.get("Max")),
                cou=_num(cou),
                flag=str(stats.get("Flag", "N")),
                received=received,
            )
        )
    return rows


def _num(value: float | str | None) -> float | None:
    return float(value) if isinstance(value, float | int) else None


def to_packet(sample: Sample, qn: str) -> bytes:
    segment = hj212.data_segment(
        mn=sample.device.mn,
        pw=sample.device.password,
        cn=sample.cn,
        st="31" if sample.device.kind == "gas" else "32",
        data_time=sample.time,
        values=sample.values,
        qn=qn,
    )
    return hj212.frame(segment)


def corrupt(packet: bytes, rng: random.Random) -> bytes:
    """A bad packet: a flipped byte in the data, a truncation, or a wrong password."""
    choice = rng.randrange(3)
    if choice == 0:
        position = rng.randrange(6, len(packet) - 6)
        flipped = bytes([packet[position] ^ 0x01])
        return packet[:position] + flipped + packet[position + 1 :]
    if choice == 1:
        return packet[: len(packet) // 2] + hj212.TRAILER
    segment = hj212.unframe(packet).replace("PW=123456", "PW=000000")
    return hj212.frame(segment)
