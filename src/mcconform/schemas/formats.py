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

_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$", re.ASCII
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_date_time(value: object) -> bool:
    """RFC 3339 ``date-time`` (JSON Schema format): a date, a time and a time zone offset."""
    if not isinstance(value, str):
        return True
    m = _DATE_TIME.match(value)
    if m is None:
        return False
    try:
        date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False
    hour, minute, second = int(m[4]), int(m[5]), int(m[6])
    if hour > 23 or minute > 59 or second > 60:  # 60: leap second
        return False
    return m[9] is None or (int(m[9]) <= 23 and int(m[10]) <= 59)


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
