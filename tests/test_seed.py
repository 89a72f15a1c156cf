"""The demo coalition: `flask seed` loads seed_data/ into an empty database, once."""
import shutil

import pytest
import sqlalchemy as sa

from coalition.db import db
from coalition.identifiers import normalise_org_number
from coalition.models import (
    AuditRecord,
    Meeting,
    Membership,
    Neighbourhood,
    Organisation,
    Participation,
    Sector,
)
from coalition.seed import SEED_DATA, SeedDataError, load_demo_coalition, read_seed_file

from .conftest import log_in


def _row_counts() -> dict[str, int]:
    return {
        table.name: db.session.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        for table in db.metadata.sorted_tables
    }


@pytest.fixture
def seeded(runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    return result


def test_seeding_an_empty_database_loads_everything_in_the_seed_files(seeded):
    people, meetings = read_seed_file("people"), read_seed_file("meetings")
    commitments, kpis = read_seed_file("commitments"), read_seed_file("kpis")
    neighbourhoods = read_seed_file("neighbourhoods")
    counts = _row_counts()
    assert counts["users"] == len(read_seed_file("accounts")["users"])
    assert counts["neighbourhoods"] == len(neighbourhoods)
    assert counts["stage_changes"] == sum(len(n["stages"]) for n in neighbourhoods)
    assert counts["organisations"] == len(read_seed_file("organisations"))
    assert counts["persons"] == len(people)
    assert counts["memberships"] == sum(len(p["memberships"]) for p in people)
    assert counts["meetings"] == len(meetings)
    assert counts["participations"] == sum(len(m["participants"]) for m in meetings)
    assert counts["follow_up_actions"] == sum(len(m.get("actions", [])) for m in meetings)
    assert counts["initiatives"] == len(read_seed_file("initiatives"))
    assert counts["commitments"] == len(commitments)
    assert counts["commitment_parties"] == sum(len(c["parties"]) for c in commitments)
    assert counts["commitment_status_changes"] == sum(len(c["history"]) for c in commitments)
    assert counts["relationships"] == len(read_seed_file("relationships"))
    assert counts["kpis"] == len(kpis)
    assert counts["kpi_targets"] == sum(len(k["targets"]) for k in kpis)
    assert counts["kpi_measurements"] == sum(len(v) for k in kpis for v in k["measurements"].values())
    assert counts["stakeholder_assessments"] == len(read_seed_file("assessments"))


def test_seeding_prints_where_and_as_whom_to_log_in(seeded):
    accounts = read_seed_file("accounts")
    assert "http://127.0.0.1:5000" in seeded.output
    assert accounts["password"] in seeded.output
    for user in accounts["users"]:
        assert user["email"] in seeded.output


def test_seeding_twice_adds_nothing_and_says_so(seeded, runner):
    before = _row_counts()
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert "nothing was added" in result.output
    assert "staff@example.se" in result.output
    assert _row_counts() == before


def test_the_seeded_staff_user_can_log_in(seeded, client):
    response = log_in(client, "staff@example.se", read_seed_file("accounts")["password"])
    assert response.status_code == 302


def test_every_seeded_organisation_number_passes_the_luhn_check(seeded):
    numbers = db.session.scalars(sa.select(Organisation.org_number).where(Organisation.org_number.is_not(None))).all()
    assert len(numbers) >= 20
    assert all(normalise_org_number(number) == number for number in numbers)


def test_every_sector_is_represented_and_one_neighbourhood_lacks_academia(seeded):
    assert set(db.session.scalars(sa.select(Organisation.sector).distinct())) == set(Sector)
    sectors_in = {
        neighbourhood.name: {organisation.sector for organisation in neighbourhood.organisations}
        for neighbourhood in db.session.scalars(sa.select(Neighbourhood))
    }
    lacking = {name for name, sectors in sectors_in.items() if sectors != set(Sector)}
    assert lacking == {"Strandparken"}
    assert sectors_in["Strandparken"] == {Sector.PUBLIC, Sector.PRIVATE, Sector.CIVIL}


def test_each_attendance_is_for_an_organisation_the_person_belonged_to_that_day(seeded):
    rows = db.session.execute(
        sa.select(Participation.person_id, Participation.organisation_id, Meeting.starts_at)
        .join(Meeting, Meeting.id == Participation.meeting_id)
    ).all()
    seats: dict[int, list[Membership]] = {}
    for membership in db.session.scalars(sa.select(Membership)):
        seats.setdefault(membership.person_id, []).append(membership)
    for person_id, organisation_id, starts_at in rows:
        day = starts_at.date()
        assert any(
            m.organisation_id == organisation_id and (m.from_date is None or m.from_date <= day)
            and (m.until_date is None or day <= m.until_date)
            for m in seats[person_id]
        )
    organisations_per_person = {}
    for person_id, organisation_id, _ in rows:
        organisations_per_person.setdefault(person_id, set()).add(organisation_id)
    assert any(len(ids) > 1 for ids in organisations_per_person.values()), "someone attended for two organisations"


def test_the_seed_is_attributed_to_the_seed_in_the_audit_trail(seeded):
    origins = set(db.session.execute(sa.select(AuditRecord.origin, AuditRecord.user_id).distinct()))
    assert origins == {("seed", None)}


def test_a_seed_file_naming_an_unknown_organisation_is_refused(app, tmp_path):
    shutil.copytree(SEED_DATA, tmp_path, dirs_exist_ok=True)
    relationships = tmp_path / "relationships.yaml"
    relationships.write_text(
        relationships.read_text(encoding="utf-8").replace("Norrviks Sparbank", "Okänd Bank AB"), encoding="utf-8"
    )
    with pytest.raises(SeedDataError, match="Okänd Bank AB"):
        load_demo_coalition(db.session, tmp_path)
