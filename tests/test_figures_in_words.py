"""Figures in plain words: each carries its meaning, and an organisation's place is said in words before figures."""
import re
from html import unescape

import sqlalchemy as sa

from coalition.db import db
from coalition.models import Organisation
from coalition.network import ACTOR_FIGURES, FIGURES, NETWORK_FIGURES, PERIOD_FIGURES


def _organisation(name: str) -> int:
    return db.session.scalar(sa.select(Organisation.id).where(Organisation.name == name))


def test_the_programme_office_s_page_says_it_is_among_the_best_connected_brokers_before_any_figure(demo, demo_viewer):
    page = unescape(demo_viewer.get(f"/organisations/{_organisation('Norrvik kommun, stadsledningskontoret')}").text)
    words = re.search(r'id="place-in-words">(.*?)</ul>', page, re.DOTALL).group(1)
    assert "One of the 5 best-connected actors" in words
    assert "A broker: it links" in words and "If it leaves, they lose that link." in words
    assert page.index('id="place-in-words"') < page.index('id="ego-figures"'), "words first, numbers second"
    figures = page[page.index('id="ego-figures"'):]
    for key in ("degree", "strength", "betweenness", "constraint", "community"):
        assert FIGURES[key].meaning in figures, key
    assert FIGURES["betweenness"].todo in figures


def test_a_landlord_rated_powerful_but_with_two_partners_is_said_to_stand_on_the_edge(demo, demo_viewer):
    page = demo_viewer.get(f"/organisations/{_organisation('Fastighets AB Sjöstjärnan')}").text
    assert "On the edge of the network: it works with 2 actors, fewer than most do." in page


def test_every_figure_on_the_network_page_and_the_dashboard_carries_its_meaning(demo, demo_viewer):
    page = unescape(demo_viewer.get("/network/").text)
    for figure in (*NETWORK_FIGURES, *ACTOR_FIGURES):
        assert figure.meaning in page, figure.key
    assert FIGURES["density"].todo in page and FIGURES["ei_index"].todo in page
    dashboard = unescape(demo_viewer.get("/").text)
    for figure in PERIOD_FIGURES.values():
        assert figure.meaning in dashboard, figure.key


def test_the_helix_table_names_strandparken_s_missing_academia(demo, demo_viewer):
    page = demo_viewer.get("/network/").text
    table = page[page.index("Quadruple-helix coverage"):]
    row = table[table.index("Strandparken"):]
    row = row[:row.index("</tr>")]
    assert "Missing</span> Academia" in row
