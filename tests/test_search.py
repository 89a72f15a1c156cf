"""Search everything from the header (issue 15, item 4)."""
import re
from datetime import date, datetime

from coalition.data_protection.anonymisation import anonymise_person
from coalition.db import db
from coalition.models import (
    Commitment,
    CommitmentKind,
    Initiative,
    MeetingPlace,
    Organisation,
    Proposal,
    Sector,
    Survey,
)
from coalition.search import KINDS, SearchableKind, register, search_everything


def _groups(page: str) -> dict[str, str]:
    """Each group of results on the page: kind -> the group's HTML."""
    return dict(re.findall(r'data-kind="(\w+)">(.*?)</section>', page, re.S))


def test_one_search_finds_every_kind_of_record_grouped_with_counts_and_links(
        client_as, make_organisation, make_person, make_neighbourhood, make_meeting):
    club = make_organisation("Rosengårds IF", sector=Sector.CIVIL, town="Malmö")
    person = make_person("Rose Nilsson", club)
    area = make_neighbourhood("Rosengård")
    meeting = make_meeting("Samråd om Rosengårds torg", starts_at=datetime(2026, 2, 3, 18, 0))
    initiative = Initiative(name="Rosengårdsstråket", participants=[club])
    promise = Commitment(kind=CommitmentKind.POLICY_CHANGE, description="Öppna fritidsgården i Rosengård på kvällar",
                         parties=[club], made_on=date(2026, 2, 3))
    place = MeetingPlace(name="Träffpunkt Rosengård", address="Ramels väg 1")
    db.session.add_all([initiative, promise, place])
    db.session.commit()
    # Every kind ignores case, accents and spacing, as the pickers do.
    page = client_as("staff").get("/search/?q=rosengard").get_data(as_text=True)
    groups = _groups(page)
    assert set(groups) == {"organisations", "neighbourhoods", "places", "meetings", "commitments", "initiatives"}
    assert f'href="/organisations/{club.id}"' in groups["organisations"] and "Malmö" in groups["organisations"]
    assert f'href="/neighbourhoods/{area.id}"' in groups["neighbourhoods"]
    assert f'href="/meetings/{meeting.id}"' in groups["meetings"] and "2026-02-03" in groups["meetings"]
    assert f'href="/commitments/{promise.id}"' in groups["commitments"]
    assert f'href="/initiatives/{initiative.id}"' in groups["initiatives"]
    assert f'href="/places/{place.id}"' in groups["places"]
    assert "Rose Nilsson" not in page, "“rosengard” is not her name"
    page = client_as("staff").get("/search/?q=ROSE").get_data(as_text=True)
    assert f'href="/people/{person.id}"' in _groups(page)["people"]


def test_the_search_ignores_case_accents_and_spacing_as_the_pickers_do(app, make_organisation, make_meeting):
    make_organisation("Malmö  Stadsmission")
    make_meeting("Årsmöte i Malmö Stadsmission")
    for typed in ("malmo stadsmission", "MALMÖSTADS", "  stadsmission "):
        organisations, meetings = search_everything(db.session, typed, personal_allowed=True)
        assert [hit.title for hit in organisations.hits] == ["Malmö Stadsmission"], typed
        assert [hit.title for hit in meetings.hits] == ["Årsmöte i Malmö Stadsmission"], typed


def test_a_viewer_never_finds_people(client_as, make_organisation, make_person):
    club = make_organisation("Backens IF")
    make_person("Backe Andersson", club)
    page = client_as("viewer").get("/search/?q=backe").get_data(as_text=True)
    assert "Backe Andersson" not in page and "/people/" not in page
    assert set(_groups(page)) == {"organisations"}


def test_restricted_and_anonymised_people_are_not_found(app, make_person):
    make_person("Kim Restrikt", restricted_at=date(2026, 1, 1))
    make_person("Kim Synlig")
    (found,) = search_everything(db.session, "kim", personal_allowed=True)
    assert [hit.title for hit in found.hits] == ["Kim Synlig"]


def test_archived_records_are_found_and_marked(client_as, make_organisation):
    gone = make_organisation("Gamla Föreningen")
    gone.archive()
    db.session.commit()
    page = client_as("staff").get("/search/?q=gamla").get_data(as_text=True)
    assert "Gamla Föreningen" in page and "Archived" in _groups(page)["organisations"]


def test_many_matches_show_a_few_and_link_to_the_list_filtered_the_same_way(client_as, make_organisation):
    for number in range(12):
        make_organisation(f"Bollklubben {number:02d}")
    page = client_as("staff").get("/search/?q=bollklubb").get_data(as_text=True)
    group = _groups(page)["organisations"]
    assert group.count("<li") == 8 and ">12<" in group
    assert "/organisations/?q=bollklubb&amp;archived=y" in group


def test_a_search_of_one_letter_or_nothing_finds_nothing_and_says_why(client_as, make_organisation):
    make_organisation("Abc-föreningen")
    staff = client_as("staff")
    assert "Type at least two letters." in staff.get("/search/?q=a").get_data(as_text=True)
    assert _groups(staff.get("/search/?q=").get_data(as_text=True)) == {}
    assert "Nothing was found" in staff.get("/search/?q=zzqx").get_data(as_text=True)


def test_the_search_box_is_in_every_page_header_with_its_shortcut(client_as):
    page = client_as("viewer").get("/organisations/").get_data(as_text=True)
    assert 'action="/search/"' in page and 'aria-keyshortcuts="/"' in page
    assert "js/search_shortcut.js" in page


def test_the_lists_find_titles_and_descriptions_the_same_way(client_as, make_meeting):
    make_meeting("Trygghetsvandring på Östra Torget")
    page = client_as("viewer").get("/meetings/?q=ostra+torget").get_data(as_text=True)
    assert "Trygghetsvandring på Östra Torget" in page


def test_a_register_added_later_joins_the_search_with_one_line(app, make_organisation):
    make_organisation("Enradsföreningen")
    extra = register(SearchableKind("again", "Again", lambda text: db.select(Organisation).where(
        Organisation.name_key.contains(text.lower())), "organisations.show", "organisation_id"))
    try:
        found = search_everything(db.session, "enrads", personal_allowed=False)
        assert [group.kind.name for group in found] == ["organisations", "again"]
    finally:
        KINDS.remove(extra)


def test_the_search_only_reads_what_it_shows(app, make_person, statements):
    for number in range(30):
        make_person(f"Samma Namn {number}")
    statements.clear()
    (found,) = search_everything(db.session, "samma", personal_allowed=True)
    assert found.total == 30 and len(found.hits) == 8
    reads = [statement for statement in statements if statement.startswith("SELECT")]
    assert len(reads) <= len(KINDS), "one query per kind, none per record"


def test_a_name_erased_from_a_meeting_title_is_not_found_by_searching_for_it(app, make_person, make_meeting):
    person = make_person("Greta Sökbarsson")
    make_meeting("Samtal med Greta Sökbarsson")
    assert search_everything(db.session, "greta sokbarsson", personal_allowed=True)
    anonymise_person(db.session, person, "Begäran om radering")
    db.session.commit()
    assert search_everything(db.session, "greta sokbarsson", personal_allowed=True) == []
    assert search_everything(db.session, "samtal med", personal_allowed=True)[0].hits[0].title == \
        "Samtal med [anonymised]"


def test_proposals_and_surveys_are_found_too(client_as, make_meeting):
    db.session.add_all([Proposal(title="Läxhjälp i Kvarnängen", proposed_on=date(2026, 2, 1)),
                        Survey(title_sv="Enkät om läxhjälp", title_en="Survey on homework help")])
    db.session.commit()
    page = client_as("viewer").get("/search/?q=läxhjälp").get_data(as_text=True)
    groups = _groups(page)
    assert "Läxhjälp i Kvarnängen" in groups["proposals"] and "2026-02-01" in groups["proposals"]
    assert "Survey on homework help" in groups["surveys"]
