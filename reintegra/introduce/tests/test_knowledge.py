"""Knowledge pages: Markdown rendered and sanitised on every render."""

import pytest

from reintegra.introduce import services
from reintegra.introduce.models import KnowledgePage
from reintegra.introduce.rendering import markdown_to_html, markdown_to_text
from tests.support.people import api_for

pytestmark = pytest.mark.django_db

NASTY = """# Grundsätze

Hallo <script>alert("x")</script> **fett**

[harmlos](https://example.org/a) [böse](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">auch böse</a>
<img src="x" onerror="alert(3)"> <iframe src="https://evil.example"></iframe>
<a href="https://example.org" onclick="alert(4)" style="color:red">klick</a>
[data](data:text/html;base64,PHNjcmlwdD4=)
"""


def test_markdown_is_rendered_and_scripts_and_javascript_links_are_stripped():
    html = markdown_to_html(NASTY)
    assert "<h1>Grundsätze</h1>" in html
    assert "<strong>fett</strong>" in html
    assert 'href="https://example.org/a"' in html
    lowered = html.lower()
    for forbidden in ("<script", "alert(", "javascript:", "onerror", "<img", "<iframe", "onclick", "style=", "data:"):
        assert forbidden not in lowered, forbidden


def test_plain_text_for_pdfs():
    assert markdown_to_text("# Titel\n\n**fett** & <b>mehr</b>") == "Titel\nfett & mehr"


def test_page_view_and_api_show_only_sanitised_html(client, alice, bob):
    page = services.knowledge_page_create(
        actor=alice, data=services.KnowledgePageData.build({"title": "Verständnis", "body": NASTY})
    )
    client.force_login(bob)
    body = client.get(f"/introduce/knowledge/{page.pk}/").content.decode()
    assert "<strong>fett</strong>" in body
    assert "alert(" not in body and "javascript:" not in body.lower()
    data = api_for(bob).get(f"/api/v1/introduce/knowledge-pages/{page.pk}/").json()
    assert data["body"] == NASTY  # stored as written
    assert "<script" not in data["html"] and "javascript:" not in data["html"].lower()


def test_knowledge_pages_are_linked_from_the_playbook(web, alice):
    services.knowledge_page_create(
        actor=alice, data=services.KnowledgePageData.build({"title": "Im Spielbuch", "body": "x"})
    )
    services.knowledge_page_create(
        actor=alice, data=services.KnowledgePageData.build({"title": "Nur intern", "body": "x", "in_playbook": False})
    )
    body = web.get("/introduce/playbook/").content.decode()
    assert "Im Spielbuch" in body and "Nur intern" not in body
    assert KnowledgePage.objects.count() == 2
