"""Shared pieces of the data builder: who manages cases, the batch of rows, the context of one case."""

import random
import unicodedata
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

ZURICH = ZoneInfo("Europe/Zurich")


@dataclass
class Manager:
    """A case manager of a generated or demo organisation, with the unit the cases go to."""

    user_id: Any
    unit_id: Any


@dataclass
class OrgPlan:
    """What the builder needs to know about one organisation."""

    organisation_id: Any
    case_types: list[tuple[Any, str, str]]  # (id, key, reference prefix)
    managers: list[Manager]
    manager_weights: list[float]
    deputies: list[Any]


@dataclass
class Batch:
    """The rows of a batch of cases, per model, plus the many-to-many links."""

    rows: dict[type, list[Any]] = field(default_factory=lambda: defaultdict(list))
    note_present: list[tuple[Any, Any]] = field(default_factory=list)
    measure_goals: list[tuple[Any, Any]] = field(default_factory=list)

    def add(self, obj: Any) -> Any:
        self.rows[type(obj)].append(obj)
        return obj


@dataclass
class CaseContext:
    """One case being built: its random generator and the facts its records refer to."""

    rng: random.Random
    case: Any
    manager: Any
    opened_on: date
    created_at: datetime
    anchor: date

    def at(self, day: date) -> datetime:
        """A moment during office hours on `day` (Zurich time)."""
        rng = self.rng
        moment = time(rng.randint(7, 17), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999_999))
        return datetime.combine(day, moment, tzinfo=ZURICH)


def new_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def ascii_slug(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().replace(" ", "").lower()
