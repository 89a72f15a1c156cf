"""Organisations and people: the actors of the coalition."""
import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..db import db
from .base import Archivable, Timestamped, Versioned, enum_column, keeps_match_key
from .links import organisation_tags
from .places import Neighbourhood, organisation_neighbourhoods


class Sector(enum.StrEnum):
    """The quadruple helix."""

    PRIVATE = "private"
    PUBLIC = "public"
    CIVIL = "civil"
    ACADEMIC = "academic"


class OrganisationKind(enum.StrEnum):
    MUNICIPALITY = "municipality"
    REGION = "region"
    GOVERNMENT_AGENCY = "government_agency"
    HOUSING_COMPANY = "housing_company"
    PROPERTY_OWNER = "property_owner"
    COMPANY = "company"
    AREA_COMPANY = "area_company"
    ASSOCIATION = "association"
    FOUNDATION = "foundation"
    FAITH_COMMUNITY = "faith_community"
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    SCHOOL = "school"
    OTHER = "other"


class LawfulBasis(enum.StrEnum):
    """GDPR Art. 6 grounds on which the office holds a person's data."""

    CONSENT = "consent"
    LEGITIMATE_INTEREST = "legitimate_interest"
    PUBLIC_TASK = "public_task"


class JoinedBecause(enum.StrEnum):
    """What the day an organisation joined the programme comes from (see coalition/joining.py)."""

    MEETING = "meeting"
    COMMITMENT = "commitment"
    RELATIONSHIP = "relationship"
    REGISTERED = "registered"
    STAFF = "staff"


class Engagement(enum.StrEnum):
    UNAWARE = "unaware"
    INFORMED = "informed"
    CONSULTED = "consulted"
    INVOLVED = "involved"
    COLLABORATING = "collaborating"
    LEADING = "leading"


class Tag(db.Model):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(80), unique=True)


class Organisation(Archivable, Versioned, Timestamped, db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    # Same name ignoring case, accents and spacing is the same organisation.
    name_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    sector: Mapped[Sector] = mapped_column(enum_column(Sector), index=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind), default=OrganisationKind.OTHER, index=True)
    org_number: Mapped[str | None] = mapped_column(sa.String(11), unique=True)
    website: Mapped[str] = mapped_column(sa.String(300), default="")
    # Where it is reached: checked by coalition/contact_details.py.
    address: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    postcode: Mapped[str] = mapped_column(sa.String(6), default="", server_default="")
    town: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="", server_default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    # The day it joined the programme, which "new actors" count by: kept by coalition/joining.py.
    joined_on: Mapped[date | None] = mapped_column(index=True)
    joined_because: Mapped[JoinedBecause] = mapped_column(enum_column(JoinedBecause), default=JoinedBecause.REGISTERED,
                                                          server_default=JoinedBecause.REGISTERED.value)

    neighbourhoods: Mapped[list[Neighbourhood]] = relationship(
        secondary=organisation_neighbourhoods, back_populates="organisations", order_by=Neighbourhood.name
    )
    tags: Mapped[list[Tag]] = relationship(secondary=organisation_tags, order_by=Tag.name)
    # The neighbourhoods it serves as their area company (områdesföretag), running places and creating jobs.
    area_company_of: Mapped[list[Neighbourhood]] = relationship(
        secondary="area_company_neighbourhoods", order_by=Neighbourhood.name
    )
    memberships: Mapped[list["Membership"]] = relationship(back_populates="organisation")
    assessments: Mapped[list["StakeholderAssessment"]] = relationship(
        back_populates="organisation", order_by="StakeholderAssessment.assessed_on.desc()",
        cascade="all, delete-orphan",
    )

    _keep_name_key = keeps_match_key("name", tidied=True)

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"


class Person(Archivable, Versioned, Timestamped, db.Model):
    __tablename__ = "persons"
    __table_args__ = (
        sa.CheckConstraint(
            "lawful_basis != 'consent' OR consent_given_on IS NOT NULL", name="consent_has_date"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    name_key: Mapped[str] = mapped_column(sa.String(200), index=True)
    email: Mapped[str | None] = mapped_column(sa.String(254), unique=True)
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    lawful_basis: Mapped[LawfulBasis] = mapped_column(enum_column(LawfulBasis))
    consent_given_on: Mapped[date | None]
    consent_method: Mapped[str] = mapped_column(sa.String(200), default="")
    consent_text_version: Mapped[str] = mapped_column(sa.String(40), default="")
    consent_withdrawn_on: Mapped[date | None]
    # GDPR Art. 18: kept for the archive, but not processed further.
    restricted_at: Mapped[date | None]
    restriction_reason: Mapped[str] = mapped_column(sa.String(500), default="")
    # Retention review: kept on this day, so the person leaves the review list for a period.
    retention_reviewed_on: Mapped[date | None]
    # GDPR Art. 17: identifying data removed; participations stay for the statistics.
    anonymised_at: Mapped[date | None]

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="person", order_by="Membership.from_date.desc()", cascade="all, delete-orphan"
    )

    _keep_name_key = keeps_match_key("name", tidied=True)

    @validates("email")
    def _normalise_email(self, _key, value: str | None) -> str | None:
        value = (value or "").strip().lower()
        return value or None

    @property
    def current_memberships(self) -> list["Membership"]:
        today = date.today()
        return [m for m in self.memberships if m.until_date is None or m.until_date >= today]

    @property
    def current_organisation(self) -> Organisation | None:
        current = self.current_memberships
        return current[0].organisation if current else None

    def __repr__(self) -> str:
        return f"<Person {self.id}>"  # no name: reprs end up in logs


class Membership(Versioned, Timestamped, db.Model):
    """A person working for or representing an organisation over a period."""

    __tablename__ = "memberships"
    __table_args__ = (
        sa.CheckConstraint("until_date IS NULL OR from_date IS NULL OR until_date >= from_date", name="period_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    from_date: Mapped[date | None]
    until_date: Mapped[date | None]

    person: Mapped[Person] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")


class StakeholderAssessment(db.Model):
    """Influence, interest and engagement of an organisation as judged on a date."""

    __tablename__ = "stakeholder_assessments"
    __table_args__ = (
        sa.CheckConstraint("influence BETWEEN 1 AND 5", name="influence_1_to_5"),
        sa.CheckConstraint("interest BETWEEN 1 AND 5", name="interest_1_to_5"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    assessed_on: Mapped[date]
    influence: Mapped[int]
    interest: Mapped[int]
    engagement: Mapped[Engagement] = mapped_column(enum_column(Engagement))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    assessed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship(back_populates="assessments")
