"""axe-core in Playwright pages: inject the npm package's axe.min.js, run the WCAG 2.1 A/AA rules.

`npm ci` (make setup, .ci/run) installs axe-core from package.json / package-lock.json into node_modules/.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary}))
  }));
}"""


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8") + "\n;undefined"


def axe_violations(page: Any, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """The WCAG 2.1 A/AA violations axe-core finds on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the pages' Content-Security-Policy (script-src 'self')
        # would block an injected <script> tag.
        page.evaluate(_axe_source())
    return page.evaluate(_RUN, tags or WCAG_TAGS)


def describe(label: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{label}: {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}  {node['html']}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)
