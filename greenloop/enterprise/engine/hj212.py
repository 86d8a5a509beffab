"""HJ 212-2017 (污染物在线监控（监测）系统数据传输标准) packet codec. Pure module.

A packet is ``##`` + 4-digit decimal length of the data segment + data segment + CRC16
(4 upper-case hex digits) + CRLF. The data segment is
``QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;CP=&&…&&``. The CRC is the standard's own CRC16
(register 0xFFFF, each byte XORed into the low byte after shifting the high byte down,
polynomial 0xA001, reflected), computed over the data segment only; the standard's appendix
example ``##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;
Flag=5;CP=&&RtdInterval=30&&1C80`` is checked by the tests.

Flag is ``V5V4V3V2V1V0 D A``: A (bit 0) asks for an acknowledgement, D (bit 1) says the
packet is one of several (PNUM/PNO follow), the version bits are 000001 for HJ 212-2017.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

HEADER = b"##"
TRAILER = b"\r\n"
MAX_SEGMENT = 1024

# Data commands this platform stores: real-time, minute, hourly, daily data.
CN_REALTIME = "2011"
CN_MINUTE = "2051"
CN_HOUR = "2061"
CN_DAY = "2031"
DATA_COMMANDS = frozenset({CN_REALTIME, CN_MINUTE, CN_HOUR, CN_DAY})
CN_DATA_ACK = "9014"
ST_SYSTEM = "91"

# Data flags (HJ 212-2017 table 6.3.x): N normal, F stopped, M maintenance, S manual value,
# D fault, C calibration, T above the instrument's upper limit, B communication fault.
FLAGS = frozenset("NFMSDCTB")
VALID_FLAGS = frozenset({"N"})
STAT_FIELDS = ("Rtd", "Avg", "Min", "Max", "Cou", "Flag", "ZsRtd", "ZsAvg", "ZsMin", "ZsMax")

_QN = re.compile(r"^\d{17}$")
_ST = re.compile(r"^\d{2}$")
_CN = re.compile(r"^\d{4}$")
_MN = re.compile(r"^[0-9A-Za-z\-_]{1,24}$")
_PW = re.compile(r"^[0-9A-Za-z]{1,6}$")
_CODE = re.compile(r"^[A-Za-z0-9]{1,12}$")


class PacketError(ValueError):
    """A packet refused: ``reason`` is a short stable code counted by the receiver."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


def _crc_step(value: int) -> int:
    for _ in range(8):
        carry = value & 1
        value >>= 1
        if carry:
            value ^= 0xA001
    return value


# The standard's loop sets register = (register >> 8) ^ byte, a value below 256, then shifts
# it 8 times: so each byte maps the register through this 256-entry table.
_CRC_TABLE = tuple(_crc_step(value) for value in range(256))


def crc16(data: bytes) -> int:
    """The HJ 212-2017 CRC16 of ``data`` (the data segment)."""
    register = 0xFFFF
    table = _CRC_TABLE
    for byte in data:
        register = table[(register >> 8) ^ byte]
    return register


def frame(segment: str) -> bytes:
    """The complete packet for a data segment."""
    data = segment.encode("ascii")
    if len(data) > MAX_SEGMENT:
        raise PacketError("too_long", f"{len(data)} bytes")
    return HEADER + b"%04d" % len(data) + data + b"%04X" % crc16(data) + TRAILER


def unframe(packet: bytes) -> str:
    """The data segment of one packet (CRLF included or not); refuses bad framing and CRC."""
    body = packet[:-2] if packet.endswith(TRAILER) else packet
    if not body.startswith(HEADER):
        raise PacketError("bad_header")
    digits = body[2:6]
    if len(digits) != 4 or not digits.isdigit():
        raise PacketError("bad_length", "length field is not 4 digits")
    length = int(digits)
    if length > MAX_SEGMENT:
        raise PacketError("bad_length", f"{length} > {MAX_SEGMENT}")
    if len(body) != 6 + length + 4:
        raise PacketError("bad_length", f"declared {length}, got {len(body) - 10}")
    data = body[6 : 6 + length]
    given = body[6 + length :]
    try:
        crc_given = int(given, 16)
    except ValueError:
        raise PacketError("bad_crc", "CRC is not hexadecimal") from None
    if crc_given != crc16(data):
        raise PacketError("bad_crc", f"{given.decode('ascii', 'replace')} != {crc16(data):04X}")
    try:
        return data.decode("ascii")
    except UnicodeDecodeError:
        raise PacketError("malformed", "non-ASCII data segment") from None


@dataclass(frozen=True)
class Reading:
    """One parameter of one device at one time, as received."""

    device: str
    cn: str
    time: dt.datetime
    param: str
    value: float | None
    min: float | None = None
    max: float | None = None
    cou: float | None = None
    flag: str = "N"


@dataclass
class Packet:
    qn: str
    st: str
    cn: str
    pw: str
    mn: str
    flag: int
    cp: dict[str, str] = field(default_factory=dict)
    data_time: dt.datetime | None = None
    readings: list[Reading] = field(default_factory=list)

    @property
    def wants_ack(self) -> bool:
        return bool(self.flag & 1)


def _number(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise PacketError("malformed", f"{where}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise PacketError("malformed", f"{where}: {text!r} is not finite")
    return value


def parse_time(text: str) -> dt.datetime:
    """``YYYYMMDDhhmmss`` (optionally with milliseconds ``zzz``) as a naive local time."""
    if not text.isdigit() or len(text) not in (14, 17):
        raise PacketError("malformed", f"DataTime {text!r}")
    try:
        value = dt.datetime.strptime(text[:14], "%Y%m%d%H%M%S")
    except ValueError:
        raise PacketError("malformed", f"DataTime {text!r}") from None
    if len(text) == 17:
        value = value.replace(microsecond=int(text[14:]) * 1000)
    return value


def format_time(value: dt.datetime) -> str:
    return value.strftime("%Y%m%d%H%M%S")


def _header(segment: str) -> tuple[dict[str, str], str]:
    marker = segment.find("CP=&&")
    if marker < 0 or not segment.endswith("&&") or len(segment) < marker + 7:
        raise PacketError("malformed", "no CP=&&…&& field")
    fields: dict[str, str] = {}
    for part in segment[:marker].split(";"):
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep or key in fields:
            raise PacketError("malformed", f"field {part!r}")
        fields[key] = value
    return fields, segment[marker + 5 : -2]


def _parse_cp(cp: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Plain CP keys and, per pollutant code, its ``Rtd``/``Avg``/… values."""
    plain: dict[str, str] = {}
    per_code: dict[str, dict[str, str]] = {}
    for group in cp.split(";"):
        if not group:
            continue
        for item in group.split(","):
            key, sep, value = item.partition("=")
            if not sep:
                raise PacketError("malformed", f"CP item {item!r}")
            code, dash, stat = key.rpartition("-")
            if dash and stat in STAT_FIELDS:
                if not _CODE.match(code):
                    raise PacketError("malformed", f"pollutant code {code!r}")
                values = per_code.setdefault(code, {})
                if stat in values:
                    raise PacketError("malformed", f"{key} given twice")
                values[stat] = value
            elif dash and not key.startswith("DataTime"):
                # Other per-pollutant items (SampleTime, EFlag, …) are accepted and not stored.
                continue
            else:
                plain[key] = value
    return plain, per_code


def parse(segment: str) -> Packet:
    """A data segment (already checked by :func:`unframe`) as a :class:`Packet`."""
    fields, cp = _header(segment)
    for key in ("ST", "CN", "PW", "MN"):
        if key not in fields:
            raise PacketError("malformed", f"missing {key}")
    qn = fields.get("QN", "")
    if qn and not _QN.match(qn):
        raise PacketError("malformed", f"QN {qn!r}")
    if not _ST.match(fields["ST"]):
        raise PacketError("malformed", f"ST {fields['ST']!r}")
    if not _CN.match(fields["CN"]):
        raise PacketError("malformed", f"CN {fields['CN']!r}")
    if not _MN.match(fields["MN"]):
        raise PacketError("malformed", f"MN {fields['MN']!r}")
    if not _PW.match(fields["PW"]):
        raise PacketError("malformed", f"PW {fields['PW']!r}")
    flag_text = fields.get("Flag", "4")
    if not flag_text.isdigit() or int(flag_text) > 255:
        raise PacketError("malformed", f"Flag {flag_text!r}")
    packet = Packet(
        qn=qn,
        st=fields["ST"],
        cn=fields["CN"],
        pw=fields["PW"],
        mn=fields["MN"],
        flag=int(flag_text),
    )
    plain, per_code = _parse_cp(cp)
    packet.cp = plain
    if packet.cn in DATA_COMMANDS:
        if "DataTime" not in plain:
            raise PacketError("malformed", "data packet without DataTime")
        packet.data_time = parse_time(plain["DataTime"])
        packet.readings = [
            _reading(packet, code, values) for code, values in sorted(per_code.items())
        ]
        if not packet.readings:
            raise PacketError("malformed", "data packet without values")
    return packet


def _optional(values: dict[str, str], key: str, where: str) -> float | None:
    text = values.get(key)
    return None if text is None or text == "" else _number(text, where)


def _reading(packet: Packet, code: str, values: dict[str, str]) -> Reading:
    where = f"{code}"
    flag = values.get("Flag", "N") or "N"
    if flag not in FLAGS:
        raise PacketError("malformed", f"{code}-Flag {flag!r}")
    main = "Rtd" if packet.cn == CN_REALTIME else "Avg"
    value = _optional(values, main, f"{where}-{main}")
    if value is None:
        value = _optional(values, "Rtd" if main == "Avg" else "Avg", where)
    cou = _optional(values, "Cou", f"{where}-Cou")
    if value is None and cou is None:
        raise PacketError("malformed", f"{code} has no value")
    assert packet.data_time is not None
    return Reading(
        device=packet.mn,
        cn=packet.cn,
        time=packet.data_time,
        param=code,
        value=value,
        min=_optional(values, "Min", f"{where}-Min"),
        max=_optional(values, "Max", f"{where}-Max"),
        cou=cou,
        flag=flag,
    )


def decode(packet: bytes) -> Packet:
    """Unframe, check the CRC and parse one packet."""
    return parse(unframe(packet))


def _number_text(value: float) -> str:
    return repr(round(value, 6)) if not float(value).is_integer() else f"{value:.1f}"


def data_segment(
    *,
    mn: str,
    pw: str,
    cn: str,
    st: str,
    data_time: dt.datetime,
    values: dict[str, dict[str, float | str]],
    qn: str = "",
    ack: bool = True,
) -> str:
    """The data segment of a data upload: ``values`` maps a code to {"Avg": 1.0, "Flag": "N"}."""
    groups = []
    for code, stats in values.items():
        items = []
        for stat, value in stats.items():
            text = value if isinstance(value, str) else _number_text(value)
            items.append(f"{code}-{stat}={text}")
        groups.append(",".join(items))
    cp = ";".join([f"DataTime={format_time(data_time)}", *groups])
    head = f"QN={qn};" if qn else ""
    return f"{head}ST={st};CN={cn};PW={pw};MN={mn};Flag={5 if ack else 4};CP=&&{cp}&&"


def acknowledgement(packet: Packet) -> bytes:
    """The data response (CN 9014) to a packet whose Flag asks for one."""
    head = f"QN={packet.qn};" if packet.qn else ""
    return frame(
        f"{head}ST={ST_SYSTEM};CN={CN_DATA_ACK};PW={packet.pw};MN={packet.mn};Flag=4;CP=&&&&"
    )


def split_stream(buffer: bytearray) -> list[bytes]:
    """Remove and return the complete lines (packets, CRLF stripped) at the head of ``buffer``."""
    out: list[bytes] = []
    start = 0
    while True:
        end = buffer.find(TRAILER, start)
        if end < 0:
            break
        out.append(bytes(buffer[start:end]))
        start = end + 2
    del buffer[:start]
    return out
