"""The data model: one module per topic, all importable from here."""
from .accounts import Role, User
from .actors import (
    Engagement,
    LawfulBasis,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Sector,
    StakeholderAssessment,
    Tag,
)
from .audit import AuditRecord
from .commitments import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    CommitmentStatusChange,
    Initiative,
    InitiativeStatus,
    Unit,
)
from .kpis import Direction, Kpi, KpiMeasurement, KpiTarget
from .meetings import (
    Attachment,
    FollowUpAction,
    Meeting,
    MeetingKind,
    Participation,
    ParticipationRole,
    ParticipationStatus,
)
from .network_snapshots import NetworkSnapshot
from .places import Neighbourhood, Stage, StageChange
from .relationships import Relationship, RelationshipKind

__all__ = [
    "Attachment", "AuditRecord", "Commitment", "CommitmentKind", "CommitmentStatus",
    "CommitmentStatusChange", "Direction", "Engagement", "FollowUpAction", "Initiative",
    "InitiativeStatus", "Kpi", "KpiMeasurement", "KpiTarget", "LawfulBasis", "Meeting",
    "MeetingKind", "Membership", "Neighbourhood", "NetworkSnapshot", "Organisation", "OrganisationKind",
    "Participation", "ParticipationRole", "ParticipationStatus", "Person", "Relationship",
    "RelationshipKind", "Role", "Sector", "StageChange", "Stage", "StakeholderAssessment",
    "Tag", "Unit", "User",
]
