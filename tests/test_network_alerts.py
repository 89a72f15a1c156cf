"""The health alerts as the steering group reads them: on the network page, the dashboard and the report."""
import io
import re

import sqlalchemy as sa
from pypdf import PdfReader

from coalition.db import db
from coalition.models import Neighbourhood, Organisation


def _id(model, name: str) -> int:
    return db.session.scalar(sa.select(model.id).where(model.name == name))


def _alert(html: str, kind: str) -> str:
    found = re.search(rf'data-alert="{kind}">(.*?)</div>', html, re.DOTALL)
    return found.group(1) if found else ""


def _links(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'href="/organisations/(\d+)"', html)}


def test_the_network_page_names_the_demo_s_dormant_ties_and_the_months_are_chosen_there(demo, demo_viewer):
    page = demo_viewer.get("/network/").text
    dormant = _alert(page, "dormant-tie")
    assert "in the last 6 months" in dormant
    football = {_id(Organisation, "Kvarnängens IF"), _id(Organisation, "Solbacka BK")}
    assert football <= _links(dormant), "the football alliance that ended in February, both ends linked"
    assert 'id="dormant_months"' in page
    two_years = demo_viewer.get("/network/?dormant_months=24").text
    assert 'data-alert="dormant-tie"' not in two_years, "every tie of the demo's two years was active within 24 months"
    assert "in the last 6 months" in _alert(demo_viewer.get("/network/?dormant_months=7").text, "dormant-tie"), \
        "a month not offered falls back to six"


def test_the_network_page_filtered_to_ekhojden_shows_the_lone_broker_of_its_faith_communities(demo, demo_viewer):
    ekhojden = _id(Neighbourhood, "Ekhöjden")
    brokers = _alert(demo_viewer.get(f"/network/?neighbourhood={ekhojden}").text, "lone-broker")
    assert "Kvinnor i Ekhöjden" in brokers and _id(Organisation, "Norrviks församling") in _links(brokers)


def test_the_dashboard_warns_of_strandparken_without_academia_and_myrbacken_s_single_partner(demo, demo_viewer):
    page = demo_viewer.get("/").text
    gaps = _alert(page, "sector-gap")
    assert "Strandparken" in gaps and "Academia" in gaps
    brokers = _alert(page, "lone-broker")
    assert "Myrbacken" in brokers and _id(Organisation, "Sjöberga kommun, kommunledningskontoret") in _links(brokers)
    influence = _alert(page, "influence")
    assert _id(Organisation, "Fastighets AB Sjöstjärnan") in _links(influence), "rated 5 for influence, two partners"


def test_the_steering_report_and_its_pdf_carry_the_alerts(demo, demo_viewer):
    html = demo_viewer.get("/reports/steering?lang=en").text
    assert "Strandparken" in _alert(html, "sector-gap")
    pdf = demo_viewer.get("/reports/steering?lang=en&format=pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages).split())
    assert "Health alerts" in text and "Lone brokers" in text and "Dormant ties" in text
    assert "no actor from Academia is active" in text


def test_the_network_page_lists_the_first_alerts_of_a_kind_and_links_to_a_page_with_all_of_them(
        demo, demo_viewer, monkeypatch):
    """At the design scale thousands of dormant ties would make the page megabytes long: it lists a
    hundred and links to the kind's own page, which keeps the network page's filters."""
    monkeypatch.setattr("coalition.web.network.ALERTS_LISTED", 4)
    dormant = _alert(demo_viewer.get("/network/?dormant_months=3").text, "dormant-tie")
    assert dormant.count("<li") == 4
    link = re.search(r'<a href="(/network/alerts/dormant-tie\?[^"]*)">All (\d+) on a page of their own</a>', dormant)
    assert link and "dormant_months=3" in link.group(1)
    everything = demo_viewer.get(link.group(1).replace("&amp;", "&")).text
    assert _alert(everything, "dormant-tie").count("<li") == int(link.group(2)) > 4
    assert "in the last 3 months" in everything
    assert 'data-alert="sector-gap"' not in everything, "only the kind asked for"
    assert demo_viewer.get("/network/alerts/no-such-kind").status_code == 404
