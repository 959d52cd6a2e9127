"""Known bugs found by the access matrix: "route-METHOD-role" → what happens and where.

The matrix keeps the correct expectation for these cells; the test runs them as strict xfails,
so a fix turns them into XPASS failures: then delete the entry here.
"""

from __future__ import annotations

BUGS: dict[str, str] = {}


def _bug(name: str, method: str, roles: tuple[str, ...], reason: str) -> None:
    for role in roles:
        BUGS[f"{name}-{method}-{role}"] = reason


# Found by the matrix and fixed (kept as a record; the cells now pass as expected):
# - validation before authorisation (400 instead of 403/404) in the introduce API, the case and
#   provider and questionnaire create endpoints, and the case/project forms;
# - a 500 on removing a participant named by a consent (now 409);
# - the portal gate refusing signed-in portal users the public office-hour pages.
