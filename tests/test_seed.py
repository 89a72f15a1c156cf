"""The demo coalition: `flask seed` loads seed_data/ into an empty database, once, through the operations."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from coalition.db import db
from coalition.identifiers import normalise_org_number
from coalition.models import AuditRecord, Commitment, CommitmentStatus, Meeting, Membership, Organisation, Participation
from coalition.seed import SEED_DATA, SeedDataError, load_demo_coalition, read_seed_file

from .conftest import log_in


def _row_counts() -> dict[str, int]:
    return {
        table.name: db.session.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        for table in db.metadata.sorted_tables
    }


def test_seeding_an_empty_database_loads_everything_in_the_seed_files(demo):
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
    proposals = read_seed_file("proposals")
    assert counts["proposals"] == len(proposals)
    assert counts["proposal_votes"] == sum(len(p["votes"]) for p in proposals)
    assert counts["proposal_status_changes"] == sum(1 + len(p.get("history", [])) for p in proposals)


def test_seeding_prints_where_and_as_whom_to_log_in(demo_coalition):
    accounts = read_seed_file("accounts")
    assert "http://127.0.0.1:5000" in demo_coalition.output
    assert accounts["password"] in demo_coalition.output
    for user in accounts["users"]:
        assert user["email"] in demo_coalition.output


def test_seeding_twice_adds_nothing_and_says_so(demo):
    before = _row_counts()
    result = demo.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert "nothing was added" in result.output
    assert "staff@example.se" in result.output
    assert _row_counts() == before


def test_the_seeded_staff_user_can_log_in(app, tmp_path):
    # On a database of its own: a login writes the time of it, and the shared demo is only read.
    load_demo_coalition(db.session, _only_the_accounts(tmp_path))
    db.session.commit()
    response = log_in(app.test_client(), "staff@example.se", read_seed_file("accounts")["password"])
    assert response.status_code == 302


def test_every_seeded_organisation_number_passes_the_luhn_check(demo):
    numbers = db.session.scalars(sa.select(Organisation.org_number).where(Organisation.org_number.is_not(None))).all()
    assert len(numbers) >= 20
    assert all(normalise_org_number(number) == number for number in numbers)


def test_each_attendance_is_for_an_organisation_the_person_belonged_to_that_day(demo):
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


def test_a_delivered_commitment_is_delivered_on_the_day_of_its_delivery(demo):
    delivered = db.session.scalars(sa.select(Commitment).where(Commitment.status == CommitmentStatus.DELIVERED)).all()
    assert len(delivered) >= 20
    for commitment in delivered:
        last = commitment.status_changes[-1]
        assert (last.status, last.changed_on) == (CommitmentStatus.DELIVERED, commitment.delivered_on)
    reopened = [c for c in db.session.scalars(sa.select(Commitment))
                if CommitmentStatus.DELIVERED in [s.status for s in c.status_changes[:-1]]]
    assert reopened and all(c.delivered_on is None for c in reopened if c.status is not CommitmentStatus.DELIVERED)


def test_the_seed_is_attributed_to_the_seed_in_the_audit_trail(demo):
    origins = set(db.session.execute(sa.select(AuditRecord.origin, AuditRecord.user_id).distinct()))
    assert origins == {("seed", None)}


def _only_the_accounts(directory: Path) -> Path:
    """A seed directory holding the demo's accounts and nothing else."""
    shutil.copy(SEED_DATA / "accounts.yaml", directory)
    for topic in ("neighbourhoods", "organisations", "people", "meetings", "initiatives", "commitments",
                  "relationships", "kpis", "assessments", "places", "surveys", "proposals"):
        (directory / f"{topic}.yaml").write_text("[]\n", encoding="utf-8")
    return directory


def _small_coalition(directory: Path, **files) -> Path:
    """A seed directory with two organisations of the demo and the files given (YAML text by topic)."""
    _only_the_accounts(directory)
    organisations = [{**organisation, "neighbourhoods": []} for organisation in read_seed_file("organisations")[:2]]
    (directory / "organisations.yaml").write_text(yaml.safe_dump(organisations, allow_unicode=True), encoding="utf-8")
    for topic, text in files.items():
        (directory / f"{topic}.yaml").write_text(text, encoding="utf-8")
    return directory


def test_a_seed_file_naming_an_unknown_organisation_is_refused(app, tmp_path):
    first = read_seed_file("organisations")[0]["name"]
    directory = _small_coalition(tmp_path, relationships=(
        f"- {{from_organisation: '{first}', to_organisation: Okänd Bank AB, kind: funding, from_date: 2025-01-01}}\n"))
    with pytest.raises(SeedDataError, match="Okänd Bank AB"):
        load_demo_coalition(db.session, directory)


def test_a_seed_file_breaking_a_rule_of_the_register_is_refused_naming_the_record(app, tmp_path):
    first, second = (o["name"] for o in read_seed_file("organisations")[:2])
    directory = _small_coalition(tmp_path, commitments=f"""
- description: Lokal för läxhjälp
  kind: premises
  amount: 80
  unit: square_metres
  parties: ['{first}', '{second}']
  made_on: 2025-03-01
  history:
  - {{status: agreed, date: 2025-03-01}}
  - {{status: delivered, date: 2025-06-01}}
  - {{status: in_progress, date: 2025-07-01}}
""")
    with pytest.raises(SeedDataError, match="Lokal för läxhjälp: Say why the commitment is reopened"):
        load_demo_coalition(db.session, directory)



def test_the_seed_files_are_what_the_story_generator_writes(tmp_path):
    """seed_data/ is written by bench/generate_seed_data.py: a hand edit would be lost at the next run."""
    result = subprocess.run([sys.executable, str(SEED_DATA.parent / "bench" / "generate_seed_data.py"),
                             "--out", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    written = sorted(path.name for path in tmp_path.glob("*.yaml"))
    assert len(written) == 11
    for name in written:
        assert (tmp_path / name).read_text(encoding="utf-8") == (SEED_DATA / name).read_text(encoding="utf-8"), name
