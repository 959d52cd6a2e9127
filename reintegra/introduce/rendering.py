"""Markdown for knowledge pages: converted with python-markdown, then sanitised with nh3.

Sanitising happens on every render, so a page stored before a rule changed is
still shown safely. Only plain formatting tags survive; links keep http(s) and
mailto targets only (a `javascript:` href is dropped).
"""

import html
import re

import markdown  # type: ignore[import-untyped]
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def markdown_to_html(text: str) -> str:
    """Safe HTML for `text` (Markdown). Raw HTML in the source is sanitised like everything else."""
    raw = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown page (for PDFs): all tags removed, entities decoded."""
    cleaned = nh3.clean(markdown_to_html(text).replace("</p>", "</p>\n"), tags=set(), attributes={})
    return re.sub(r"\n{3,}", "\n\n", html.unescape(cleaned)).strip()
