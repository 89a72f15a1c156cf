"""Load the demo coalition's proposals from seed_data/proposals.yaml: put forward, voted on, then moved on.

As the other loaders of this package do, through the operations staff use, each proposal matched by its
title and left as it is when it exists, so a second run adds nothing. A proposal merged into
another names it by title; the file lists the one merged into first.
"""
from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Proposal, ProposalKind, ProposalStatus
from ..proposals import ProposalDetails, adopt_proposal, change_status, create_proposal, merge_proposal, record_votes


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _move_on(session: Session, proposal: Proposal, change: dict, found, proposals_by_title: dict) -> None:
    status, on, note = ProposalStatus(change["status"]), _day(change["date"]), change.get("note", "")
    if status is ProposalStatus.ADOPTED:
        adopt_proposal(session, proposal, changed_on=on, note=note,
                       initiative_id=found.get("initiatives", change["initiative"]).id)
    elif status is ProposalStatus.MERGED:
        merge_proposal(session, proposal, proposals_by_title[change["into"]].id, changed_on=on, note=note)
    else:
        change_status(session, proposal, status, changed_on=on, note=note)


def load_proposals(session: Session, rows: list[dict], found, added: Counter, *, about) -> None:
    """Add the proposals of the workshops with their votes and history (after the meetings and initiatives)."""
    by_title = {p.title: p for p in session.scalars(select(Proposal).where(
        Proposal.title.in_([row["title"] for row in rows])))}
    for row in rows:
        if row["title"] in by_title:
            continue
        with about("proposals", row["title"]):
            meeting = found.get("meetings", row.get("meeting"))
            proposal = create_proposal(session, ProposalDetails(
                title=row["title"], kind=ProposalKind(row["kind"]), description=row.get("text", ""),
                meeting_id=meeting.id if meeting else None,
                backer_ids=found.ids("organisations", row["backers"]),
                neighbourhood_ids=found.ids("neighbourhoods", row.get("neighbourhoods", []))))
            for title, votes in row.get("votes", {}).items():
                record_votes(session, found.get("meetings", title), {proposal.id: votes})
            by_title[row["title"]] = proposal
            for change in row.get("history", []):
                _move_on(session, proposal, change, found, by_title)
        added["proposals"] += 1
        added["proposal votes"] += sum(row.get("votes", {}).values())
