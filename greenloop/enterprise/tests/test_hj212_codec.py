"""The HJ 212-2017 codec against the standard's published example packets."""

from __future__ import annotations

import datetime as dt

import pytest

from greenloop.enterprise.engine import hj212

# HJ 212-2017 appendix: the CRC of this data segment is 1C80 and its length 0101.
STANDARD_EXAMPLE = (
    b"##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;"
    b"Flag=5;CP=&&RtdInterval=30&&1C80\r\n"
)
# A real-time data packet published with the hj-t212-parser project's tests (CRC 4980).
DATA_EXAMPLE = (
    b"##0139ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;"
    b"B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&4980\r\n"
)


def test_crc_of_the_standard_example() -> None:
    segment = hj212.unframe(STANDARD_EXAMPLE)
    assert hj212.crc16(segment.encode()) == 0x1C80
    assert hj212.frame(segment) == STANDARD_EXAMPLE


def test_parses_published_real_time_packet() -> None:
    packet = hj212.decode(DATA_EXAMPLE)
    assert (packet.st, packet.cn, packet.pw, packet.mn) == (
        "32",
        "2011",
        "123456",
        "LD130133000015",
    )
    assert packet.data_time == dt.datetime(2016, 8, 24, 0, 38, 17)
    values = {r.param: (r.value, r.flag) for r in packet.readings}
    assert values == {"B01": (36.91, "N"), "011": (231.0, "N"), "060": (1.803, "N")}
    assert not packet.wants_ack  # no Flag field: no acknowledgement asked


def test_minute_packet_round_trip_and_acknowledgement() -> None:
    segment = hj212.data_segment(
        mn="MN0001",
        pw="123456",
        cn="2051",
        st="31",
        data_time=dt.datetime(2026, 1, 5, 8, 1),
        values={
            "a21026": {"Avg": 21.5, "Min": 20.0, "Max": 23.0, "Flag": "N"},
            "a00000": {"Avg": 55.0, "Cou": 3300.0, "Flag": "M"},
        },
        qn="20260105080100000",
    )
    packet = hj212.decode(hj212.frame(segment))
    assert packet.wants_ack
    by_param = {r.param: r for r in packet.readings}
    assert by_param["a21026"].value == 21.5 and by_param["a21026"].max == 23.0
    assert by_param["a00000"].cou == 3300.0 and by_param["a00000"].flag == "M"
    ack = hj212.decode(hj212.acknowledgement(packet))
    assert (ack.cn, ack.qn, ack.mn, ack.st) == ("9014", "20260105080100000", "MN0001", "91")


@pytest.mark.parametrize(
    ("packet", "reason"),
    [
        (STANDARD_EXAMPLE.replace(b"1C80", b"1C81"), "bad_crc"),
        (STANDARD_EXAMPLE.replace(b"##0101", b"##0102"), "bad_length"),
        (STANDARD_EXAMPLE[:40] + b"\r\n", "bad_length"),
        (STANDARD_EXAMPLE[2:], "bad_header"),
        (
            hj212.frame("ST=32;CN=2051;PW=123456;MN=X1;CP=&&DataTime=20260105;a-Avg=1&&"),
            "malformed",
        ),
        (
            hj212.frame("ST=32;CN=2051;PW=123456;MN=X1;CP=&&DataTime=20260105000000;a-Avg=x&&"),
            "malformed",
        ),
        (hj212.frame("ST=32;CN=2051;PW=123456;MN=X1;CP=&&DataTime=20260105000000&&"), "malformed"),
        (
            hj212.frame(
                "ST=32;CN=2051;PW=123456;MN=X1;CP=&&DataTime=20260105000000;a-Avg=1,a-Flag=Q&&"
            ),
            "malformed",
        ),
        (
            hj212.frame("ST=32;CN=2051;PW=123456;CP=&&DataTime=20260105000000;a-Avg=1&&"),
            "malformed",
        ),
    ],
)
def test_refuses_bad_packets_with_a_reason(packet: bytes, reason: str) -> None:
    with pytest.raises(hj212.PacketError) as error:
        hj212.decode(packet)
    assert error.value.reason == reason
