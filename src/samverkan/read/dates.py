"""Partial dates: a year alone is a fact, a guessed day is not.

A PartialDate keeps exactly the precision the source gave (year, month or day)
and can still be compared, as the first or last day of the period it names.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MONTHS_SV = ["januari", "februari", "mars", "april", "maj", "juni", "juli",
             "augusti", "september", "oktober", "november", "december"]


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @staticmethod
    def well_formed(value: object) -> bool:
        """True for 2019, "2019", "2019-05", "2019-05-12" (even if the day does not exist)."""
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            return False
        return bool(_PATTERN.match(str(value)))

    @classmethod
    def parse(cls, value: object) -> "PartialDate":
        """Parse 2019, "2019", "2019-05" or "2019-05-12"; raise ValueError (Swedish) if impossible."""
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError("skriv datumet som ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD")
        m = _PATTERN.match(str(value))
        if not m:
            raise ValueError("skriv datumet som ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD")
        year = int(m[1])
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        if not 1800 <= year <= 2200:
            raise ValueError(f"året {year} är inte rimligt; skriv årtalet med fyra siffror, 1800–2200")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"månad {month} finns inte; skriv en månad 01–12")
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"datumet {value} finns inte ({MONTHS_SV[month - 1]} {year} har {last} dagar); skriv ett datum som finns")
        return cls(year, month, day)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """As written: 2019, 2019-05 or 2019-05-12."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def swedish(self) -> str:
        """As a reader says it: '2019', 'maj 2019', '12 maj 2019'."""
        if self.day:
            return f"{self.day} {MONTHS_SV[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS_SV[self.month - 1]} {self.year}"
        return str(self.year)
