"""The data model: one module per topic, all importable from here."""
from .accounts import Role, User
from .actors import (
    Engagement,
    JoinedBecause,
    LawfulBasis,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Sector,
    StakeholderAssessment,
    Tag,
)
from .area_companies import LocalJobs
from .audit import AuditRecord
from .collaboration import NetworkChangeCount, NetworkJob, NetworkResult
from .commitments import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    CommitmentStatusChange,
    Initiative,
    InitiativeStatus,
    Unit,
)
from .duplicates import NotDuplicate
from .interactions import Interaction, InteractionKind
from .introductions import IntroductionDecision, IntroductionOutcome
from .kpis import Direction, Kpi, KpiMeasurement, KpiTarget
from .meeting_places import MeetingPlace, PlaceStage, PlaceStageChange
from .meetings import (
    Attachment,
    FollowUpAction,
    HeadcountGroup,
    Meeting,
    MeetingHeadcount,
    MeetingKind,
    Participation,
    ParticipationRole,
    ParticipationStatus,
)
from .places import Neighbourhood, Stage, StageChange
from .proposals import Proposal, ProposalKind, ProposalStatus, ProposalStatusChange, ProposalVote
from .relationships import Relationship, RelationshipKind
from .reporting import StoredReport
from .surveys import AnswerChannel, QuestionKind, Survey, SurveyAnswer, SurveyQuestion, SurveyRecipient, SurveyStatus

__all__ = [
    "Attachment", "AuditRecord", "Commitment", "CommitmentKind", "CommitmentStatus", "CommitmentStatusChange",
    "Direction", "Engagement", "FollowUpAction", "HeadcountGroup", "Initiative", "InitiativeStatus",
    "Interaction", "InteractionKind", "IntroductionDecision", "IntroductionOutcome", "JoinedBecause", "Kpi", "KpiMeasurement", "KpiTarget", "LawfulBasis",
    "LocalJobs", "Meeting", "MeetingHeadcount", "MeetingKind", "MeetingPlace", "Membership", "Neighbourhood",
    "NetworkChangeCount", "NetworkJob", "NetworkResult", "NotDuplicate", "Organisation", "OrganisationKind",
    "Participation", "ParticipationRole", "ParticipationStatus", "Person", "PlaceStage", "PlaceStageChange", "Proposal",
    "ProposalKind", "ProposalStatus", "ProposalStatusChange", "ProposalVote", "Relationship",
    "RelationshipKind", "Role", "Sector", "Stage", "StageChange", "StakeholderAssessment", "StoredReport",
    "AnswerChannel", "QuestionKind", "Survey", "SurveyAnswer", "SurveyQuestion", "SurveyRecipient", "SurveyStatus",
    "Tag", "Unit", "User",
]
