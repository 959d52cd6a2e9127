"""One writer of the concurrent-writers drill: `python -m tests.drills.writer <dir> <username> <seconds>`.

Sets Django up with tests.drills.settings (the databases come from the environment), says it is
ready (`<dir>/ready-<pid>`), waits for `<dir>/go`, then opens cases through the service for
`<seconds>` seconds, as the named case manager. It prints one JSON line: the references of the
cases it was told were stored, and every error (type and message).
"""

import json
import os
import sys
import time
from pathlib import Path


def main() -> None:
    directory, username, seconds = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.drills.settings")
    import django

    django.setup()
    from reintegra.accounts.models import User
    from reintegra.cases.models import CaseType
    from reintegra.cases.services.case import case_create

    actor = User.objects.get(username=username)
    case_type = CaseType.objects.get(organisation=actor.organisation, key="bem")
    (directory / f"ready-{os.getpid()}").touch()
    while not (directory / "go").exists():
        time.sleep(0.01)
    references: list[str] = []
    errors: list[str] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        number = len(references) + len(errors)
        try:
            case = case_create(
                actor=actor,
                case_type=case_type,
                client={"first_name": f"Writer{os.getpid()}", "last_name": f"Nr{number}", "birth_date": "1980-01-01"},
                summary="Drill",
            )
        except Exception as error:  # counted, never hidden
            errors.append(f"{type(error).__name__}: {error}")
        else:
            references.append(case.reference)
    print(json.dumps({"pid": os.getpid(), "references": references, "errors": errors}))


if __name__ == "__main__":
    main()
