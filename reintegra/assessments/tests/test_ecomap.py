"""The network map picture: layout without overlapping labels, line styles, escaping."""

import math
import random
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from reintegra.assessments import ecomap

SVG = "{http://www.w3.org/2000/svg}"
SECTORS = ["family", "friends", "work", "professional"]
NAMES = [
    "Anna Müller",
    "Peter Schnyder",
    "Dr. Keller (Hausärztin)",
    "Team Lager",
    "Frau Özdemir",
    "Jörg & Söhne <GmbH>",
    "Nachbarin Frau Baumgartner",
    "Sozialdienst",
    "IV-Stelle Basel",
    "Chef Herr Roth",
    "Bruder Marco",
    "Mutter",
    "Vater",
    "Lea (Freundin)",
    "Fussballclub",
    "Physiotherapie Meier",
    "Kollege Urs",
    "Schwester Petra",
    "Hausarzt Dr. Vogel",
    "Psychiater",
]


def node(name, sector="family", closeness=1, tie="weak", support=""):
    return SimpleNamespace(name=name, sector=sector, closeness=closeness, tie=tie, support=support)


def parse(svg: str) -> ET.Element:
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(svg.encode("utf-8"))  # noqa: S314 - our own output


def test_twenty_persons_spread_over_the_sectors_do_not_overlap():
    nodes = [node(name, SECTORS[i % 4], 1 + i % 3) for i, name in enumerate(NAMES)]
    assert ecomap.overlapping_pairs(ecomap.layout(nodes)) == []


@pytest.mark.parametrize("seed", range(8))
def test_twenty_persons_at_random_do_not_overlap(seed):
    rnd = random.Random(seed)
    nodes = [node(name, rnd.choice(SECTORS), rnd.randint(1, 3)) for name in NAMES]
    assert ecomap.overlapping_pairs(ecomap.layout(nodes)) == []


@pytest.mark.parametrize("sector", SECTORS)
def test_twenty_persons_in_one_sector_over_the_rings_do_not_overlap(sector):
    nodes = [node(name, sector, 1 + i % 3) for i, name in enumerate(NAMES)]
    assert ecomap.overlapping_pairs(ecomap.layout(nodes)) == []


@pytest.mark.parametrize(("ring", "count"), [(1, 7), (2, 13), (3, 16)])
def test_a_ring_of_one_sector_holds_many_long_names(ring, count):
    nodes = [node("Nachbarin Frau Baumgartner-Hürlimann", "work", ring) for _ in range(count)]
    assert ecomap.overlapping_pairs(ecomap.layout(nodes)) == []


def test_nodes_sit_in_their_sector_and_ring():
    nodes = [node(name, SECTORS[i % 4], 1 + i % 3) for i, name in enumerate(NAMES)]
    for placed in ecomap.layout(nodes):
        dx, dy = placed.x - ecomap.CENTRE, ecomap.CENTRE - placed.y
        inner, outer = ecomap.BANDS[placed.node.closeness]
        assert inner <= math.hypot(dx, dy) <= outer
        east, north = dx > 0, dy > 0
        expected = {"friends": (True, True), "family": (False, True), "professional": (False, False)}
        assert (east, north) == expected.get(placed.node.sector, (True, False))


def test_line_style_by_tie_and_arrows_by_support():
    nodes = [
        node("Stark", "family", 1, "strong", "gives"),
        node("Schwach", "friends", 2, "weak", "receives"),
        node("Belastend", "work", 3, "stressful", "both"),
        node("Ohne", "professional", 2, "weak", "none"),
    ]
    root = parse(ecomap.render(nodes, client_label="Jürg Müller", title="Netzwerkkarte"))
    ties = root.find(f"{SVG}g")  # the group of tie lines comes first
    assert ties is not None
    strong, weak, stressful, without = ties.findall(f"{SVG}path")
    assert strong.get("stroke-width") == "5" and strong.get("stroke-dasharray") is None
    assert weak.get("stroke-dasharray") and weak.get("stroke-width") == "2"
    assert stressful.get("stroke-dasharray") is None and stressful.get("d").count("L") > 6  # zigzag
    assert any(text.text == "!" for text in ties.iter(f"{SVG}text"))  # stressful ties are marked
    assert (strong.get("marker-start"), strong.get("marker-end")) == ("url(#arrow-in)", None)
    assert (weak.get("marker-start"), weak.get("marker-end")) == (None, "url(#arrow-out)")
    assert stressful.get("marker-start") and stressful.get("marker-end")
    assert without.get("marker-start") is None and without.get("marker-end") is None
    for element in root.iter():
        assert element.get("stroke") in (None, "none", "#ffffff", ecomap.INK, "#6b767d")  # black and white print


def test_names_are_escaped_and_long_names_shortened_with_a_full_title():
    long_name = "Verein für Arbeitsintegration & Beratung <Basel>"
    svg = ecomap.render([node(long_name), node("Jörg")], client_label="Zoë O'Brien", title="Karte <1>")
    assert "&amp;" in svg and "&lt;Basel&gt;" in svg
    root = parse(svg)
    titles = [element.text for element in root.iter(f"{SVG}title")]
    assert "Karte <1>" in titles and long_name in titles
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "Verein für Arbeitsint…" in texts
    assert "Jörg" in texts and "Zoë" in texts


def test_no_style_elements_or_attributes_for_the_csp():
    svg = ecomap.render([node("Anna")], client_label="Jürg Müller", title="Karte")
    root = parse(svg)
    assert root.find(f".//{SVG}style") is None
    assert all(element.get("style") is None for element in root.iter())
    assert "<script" not in svg


def test_empty_map_says_so():
    root = parse(ecomap.render([], client_label="Jürg Müller", title="Karte"))
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text
    assert any(element.text == desc.text for element in root.iter(f"{SVG}text"))
