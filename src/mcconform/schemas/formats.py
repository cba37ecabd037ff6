"""The JSON Schema formats the OB 3.0 schemas use (``date-time``, ``date``), checked by the same
functions whichever validator (jsonschema, jsonschema_rs) and extras are installed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jsonschema import FormatChecker

#: the ranges are in the pattern (month 01-12, day 01-31, hour 00-23, minute 00-59, second
#: 00-60 for a leap second, offset up to 23:59); a day past 28 and year 0000 are asked of date()
_DATE_TIME = re.compile(
    r"^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)"
    r"(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$",
    re.ASCII,
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_date_time(value: object) -> bool:
    """RFC 3339 ``date-time`` (JSON Schema format): a date, a time and a time zone offset."""
    if not isinstance(value, str):
        return True
    m = _DATE_TIME.match(value)
    if m is None:
        return False
    if m[3] > "28" or m[1] == "0000":  # every month has 28 days; date() knows the rest
        try:
            date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return False
    return True


def is_date(value: object) -> bool:
    """RFC 3339 ``full-date`` (JSON Schema format ``date``)."""
    if not isinstance(value, str):
        return True
    if _DATE.match(value) is None:
        return False
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return False
    return True


def format_checker() -> FormatChecker:
    """The formats the OB 3.0 schemas use, checked the same way whatever extras are installed."""
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("date-time")(is_date_time)
    checker.checks("date")(is_date)
    return checker


@cache
def shared_format_checker() -> FormatChecker:
    return format_checker()
