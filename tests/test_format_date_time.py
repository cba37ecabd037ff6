"""``schemas.formats.is_date_time`` puts the ranges of RFC 3339 in its pattern (fewer integer
conversions per call: the compiled validator calls it for every date-time); it must say what the
earlier definition (below, as it was) says, on every date, time and offset edge."""

from __future__ import annotations

import itertools
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from mcconform.schemas.formats import is_date_time

_REFERENCE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$", re.ASCII
)


def reference(value: object) -> bool:
    """The definition before the fast pattern."""
    if not isinstance(value, str):
        return True
    m = _REFERENCE.match(value)
    if m is None:
        return False
    try:
        date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False
    hour, minute, second = int(m[4]), int(m[5]), int(m[6])
    if hour > 23 or minute > 59 or second > 60:
        return False
    return m[9] is None or (int(m[9]) <= 23 and int(m[10]) <= 59)


def test_edges() -> None:
    years = ["0000", "0001", "1900", "2000", "2023", "2024", "9999"]
    months = ["00", "01", "02", "04", "09", "10", "12", "13", "99"]
    days = ["00", "01", "09", "10", "19", "28", "29", "30", "31", "32", "99"]
    times = ["00:00:00", "23:59:59", "24:00:00", "23:60:00", "23:59:60", "23:59:61", "19:09:09", "20:00:00"]
    zones = ["Z", "z", "+00:00", "-23:59", "+24:00", "+23:60", "+19:30", "", "+0100"]
    n = 0
    for y, mo, d, t, z in itertools.product(years, months, days, times, zones):
        for sep, frac in (("T", ""), ("t", ".5"), (" ", "")):
            value = f"{y}-{mo}-{d}{sep}{t}{frac}{z}"
            assert is_date_time(value) == reference(value), value
            n += 1
    assert n > 10000


def test_other_values() -> None:
    for value in [None, 3, "", "2024-01-01", "2024-01-01T00:00:00Z\n", "2024-01-01T00:00:00.Z",
                  "\u0662024-01-01T00:00:00Z", "2024-01-01T00:00:00+01:00x", "x2024-01-01T00:00:00Z"]:
        assert is_date_time(value) == reference(value), value


_SHAPED = (
    r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?\Z"
)


@settings(max_examples=2000, deadline=None)
@given(st.from_regex(_SHAPED))
def test_random(value: str) -> None:
    assert is_date_time(value) == reference(value)
