"""Load the demo coalition from seed_data/: `flask seed`.

Every record goes in through the operation staff and the importers use (register an
organisation, record a meeting and put people on its list, record a commitment and each change
of its status, declare a relationship, ...), so the demo obeys the rules real data obeys; a
file that breaks one is refused with the record and the rule named. Each record is matched by
its natural key: an organisation by name, a person by e-mail (or by name within their
organisation), a neighbourhood by name and municipality, a meeting by title and start, a
commitment by description and date made, and so on. A record that already exists is left as it
is, with everything recorded under it (memberships, attendance, history); only what is missing is
added, so a second run adds nothing.

One loader per seed file, grouped by register: files (reading a file, the lookups of ``Found``
that later files share, naming a refused record), actors (accounts, neighbourhoods,
organisations, people, assessments), activity (meetings, initiatives, commitments,
relationships, KPIs), places, proposals and surveys. This module runs them in order.
"""
import os
from collections import Counter
from pathlib import Path

import click
from flask import current_app
from sqlalchemy.orm import Session

from ..audit import set_actor
from ..db import db
from ..errors import DomainError
from .activity import load_commitments, load_initiatives, load_kpis, load_meetings, load_relationships
from .actors import load_accounts, load_assessments, load_neighbourhoods, load_organisations, load_people
from .files import SEED_DATA, Found, SeedDataError, about, read_seed_file
from .places import load_local_jobs, load_places
from .proposals import load_proposals
from .surveys import load_surveys

__all__ = ["SEED_DATA", "SeedDataError", "load_demo_coalition", "read_seed_file", "seed_command"]


def load_demo_coalition(session: Session, directory: Path = SEED_DATA) -> Counter:
    """Add whatever of the demo coalition the database lacks; return how many of each were added."""
    added: Counter = Counter()
    found = Found()
    load_accounts(session, read_seed_file("accounts", directory), added)
    load_neighbourhoods(session, read_seed_file("neighbourhoods", directory), found, added)
    load_organisations(session, read_seed_file("organisations", directory), found, added)
    load_people(session, read_seed_file("people", directory), found, added)
    load_places(session, read_seed_file("places", directory), found, added, about=about)
    load_meetings(session, read_seed_file("meetings", directory), found, added)
    load_initiatives(session, read_seed_file("initiatives", directory), found, added)
    load_commitments(session, read_seed_file("commitments", directory), found, added)
    load_proposals(session, read_seed_file("proposals", directory), found, added, about=about)
    load_relationships(session, read_seed_file("relationships", directory), found, added)
    load_kpis(session, read_seed_file("kpis", directory), found, added)
    load_assessments(session, read_seed_file("assessments", directory), found, added)
    load_local_jobs(session, read_seed_file("places", directory), found, added, about=about)
    load_surveys(session, read_seed_file("surveys", directory), found, added, about=about,
                 secret=current_app.config["SECRET_KEY"])
    return added


def _echo_how_to_log_in() -> None:
    accounts = read_seed_file("accounts")
    demo_url = f"http://127.0.0.1:{os.environ.get('PORT') or 5000}"  # the port scripts/start serves on
    click.echo(f"\nOnce the app runs (scripts/start, or `flask run`), log in at {demo_url}"
               f" with the demo password {accounts['password']}:")
    for user in accounts["users"]:
        click.echo(f"  {user['email']:<20} {user['role']}")


@click.command("seed")
def seed_command() -> None:
    """Load the demo coalition from seed_data/; running it again changes nothing."""
    set_actor(db.session, None, "seed")
    try:
        added = load_demo_coalition(db.session)
    except (SeedDataError, DomainError) as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    if added:
        click.echo("Loaded the demo coalition from seed_data/:")
        for topic, count in added.items():
            click.echo(f"  {count:>4} {topic}")
    else:
        click.echo("The demo coalition is already loaded; nothing was added.")
    _echo_how_to_log_in()
