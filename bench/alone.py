"""Running one benchmark by itself (`python -m bench.screening`, `python -m bench.insights`).

Sets Django up with the bench settings, migrates both databases, measures, adds the verdicts and
the machine, and writes bench/results/<name>.json (and prints it). Nothing here imports Django
before `django.setup()`, so the benchmark modules may call it from their `main`.
"""

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def arguments(module: str, doc: str | None) -> argparse.ArgumentParser:
    """The options every benchmark takes alone (--seed, --requests, --warmup); add your own."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=(doc or "").split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    return parser


def run_alone(
    name: str,
    measure: Callable[[], dict[str, Any]],
    verdicts: Callable[[dict[str, Any]], tuple[list[str], list[str]]],
) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from bench.report import RESULTS

    call_command("migrate", interactive=False, verbosity=0)
    call_command("migrate", database="audit", interactive=False, verbosity=0)
    result = measure()
    met, missed = verdicts(result)
    result["targets"] = {"met": met, "missed": missed}
    result["machine"] = {"cpus": os.cpu_count(), "loadavg": [round(x, 2) for x in os.getloadavg()]}
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2, ensure_ascii=False, default=str)
    (RESULTS / f"{name}.json").write_text(text + "\n")
    print(text)
    return 0
