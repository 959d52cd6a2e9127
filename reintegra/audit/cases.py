"""How the access log finds cases without importing the cases app (which writes the log, so it
sits above audit): the cases app registers a `CaseDirectory` from its `AppConfig.ready()`.
Only ids and references cross, restricted to one organisation — never case content."""

from collections.abc import Iterable
from typing import Protocol


class CaseDirectory(Protocol):
    def references(self, *, organisation_id: str, case_ids: Iterable[str]) -> dict[str, str]:
        """{case id: reference} for the given ids that are cases of the organisation."""
        ...

    def by_reference(self, *, organisation_id: str, reference: str) -> str | None:
        """The id of the organisation's case with this reference (case-insensitive), if any."""
        ...

    def organisation_of(self, *, case_id: str) -> str | None:
        """The id of the organisation that owns the case `case_id`, if there is such a case."""
        ...


_directory: list[CaseDirectory] = []


def case_directory_register(directory: CaseDirectory) -> None:
    _directory[:] = [directory]


def case_directory() -> CaseDirectory:
    if not _directory:
        raise RuntimeError("No case directory registered (the cases app registers it in ready()).")
    return _directory[0]
