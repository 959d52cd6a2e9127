"""The result: a table on stdout and bench/results/latest.json (plus a copy named by database and size)."""

import json
from pathlib import Path
from typing import Any

from bench.pages import QUERY_LIMIT

RESULTS = Path(__file__).resolve().parent / "results"


def verdicts(result: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Which targets were met and which missed, as readable lines."""
    met: list[str] = []
    missed: list[str] = []
    for page in result["pages"]:
        if page["p95_met"] is not None:
            line = f"{page['name']}: p95 {page['p95_ms']} ms (target ≤ {page['target_p95_ms']:g} ms)"
            (met if page["p95_met"] else missed).append(line)
        line = f"{page['name']}: {page['queries']} queries (target ≤ {QUERY_LIMIT})"
        (met if page["queries_met"] else missed).append(line)
    for peer in result["peers"]:
        if peer["name"] == "django_admin_changelist":
            line = f"case_list / admin changelist at p50: {peer['ratio']} (target ≤ {peer['target_ratio_max']})"
        else:
            line = f"case_detail rps / bare view rps: {peer['ratio']} (target ≥ {peer['target_ratio_min']})"
        (met if peer["met"] else missed).append(line)
    if "screening" in result:
        from bench.screening import verdict_lines

        screening_met, screening_missed = verdict_lines(result["screening"])
        met += screening_met
        missed += screening_missed
    return met, missed


def table(result: dict[str, Any]) -> str:
    dataset = result["dataset"]
    lines = [
        f"Dataset: {dataset['cases']:,} cases on {dataset['db']} ({dataset.get('db_version', '')}); "
        f"{result['run']['requests_per_page']} timed requests per page after {result['run']['warmup']} warm-up",
        "",
        f"{'page':<18}{'p50 ms':>9}{'p95 ms':>9}{'target':>8}{'queries':>9}{'raw p50':>9}{'ratio':>7}",
    ]
    for page in result["pages"]:
        target = f"{page['target_p95_ms']:g}" if page["target_p95_ms"] is not None else "-"
        flag = "" if page["p95_met"] in (True, None) and page["queries_met"] else "  ✗"
        lines.append(
            f"{page['name']:<18}{page['p50_ms']:>9.2f}{page['p95_ms']:>9.2f}{target:>8}{page['queries']:>9}"
            f"{page['raw_sql_p50_ms']:>9.2f}{page['ratio_to_raw']:>7.1f}{flag}"
        )
    lines.append("")
    for peer in result["peers"]:
        if peer["name"] == "django_admin_changelist":
            lines.append(
                f"admin changelist: p50 {peer['p50_ms']} ms, p95 {peer['p95_ms']} ms, {peer['queries']} queries; "
                f"case_list/admin = {peer['ratio']} (target ≤ {peer['target_ratio_max']})"
            )
        else:
            load = peer["load"]
            lines.append(
                f"gunicorn (2 workers): bare view {peer['rps']} rps, case_detail {peer['case_detail_rps']} rps; "
                f"ratio {peer['ratio']} (target ≥ {peer['target_ratio_min']}); load: {load['threads']} threads, "
                f"{load['duration_s']:g} s after {load['warmup_s']:g} s warm-up"
            )
    met, missed = result["targets"]["met"], result["targets"]["missed"]
    lines += ["", f"Targets met: {len(met)}, missed: {len(missed)}"]
    lines += [f"  MISSED {line}" for line in missed]
    machine = result["machine"]
    lines.append(
        f"Machine: {machine['cpus']} CPUs, load average {machine['loadavg_start']} at start, "
        f"{machine['loadavg_end']} at end"
    )
    return "\n".join(lines)


def write(result: dict[str, Any], output: Path | None = None) -> list[Path]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    paths = [
        output or RESULTS / "latest.json",
        RESULTS / f"{result['dataset']['db']}-{result['dataset']['generated']}.json",
    ]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    return paths
