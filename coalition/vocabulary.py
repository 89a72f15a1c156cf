"""What each stored value is called in the interface, in the user's language."""
from .i18n import lazy_gettext as _l
from .models import (
    AnswerChannel,
    CommitmentKind,
    CommitmentStatus,
    Direction,
    Engagement,
    InitiativeStatus,
    InteractionKind,
    JoinedBecause,
    LawfulBasis,
    MeetingKind,
    OrganisationKind,
    ParticipationRole,
    ParticipationStatus,
    PlaceStage,
    ProposalKind,
    ProposalStatus,
    QuestionKind,
    RelationshipKind,
    Role,
    Sector,
    Stage,
    SurveyStatus,
    Unit,
)

# Keyed by enum class first: StrEnum members equal their values, and "other" or
# "proposed" mean different things in different lists.
LABELS = {
    Sector: {
        Sector.PRIVATE: _l("Private sector"),
        Sector.PUBLIC: _l("Public sector"),
        Sector.CIVIL: _l("Civil society"),
        Sector.ACADEMIC: _l("Academia"),
    },
    OrganisationKind: {
        OrganisationKind.MUNICIPALITY: _l("Municipality"),
        OrganisationKind.REGION: _l("Region"),
        OrganisationKind.GOVERNMENT_AGENCY: _l("Government agency"),
        OrganisationKind.HOUSING_COMPANY: _l("Housing company"),
        OrganisationKind.PROPERTY_OWNER: _l("Property owner"),
        OrganisationKind.COMPANY: _l("Company"),
        OrganisationKind.AREA_COMPANY: _l("Area company"),
        OrganisationKind.ASSOCIATION: _l("Association"),
        OrganisationKind.FOUNDATION: _l("Foundation"),
        OrganisationKind.FAITH_COMMUNITY: _l("Faith community"),
        OrganisationKind.UNIVERSITY: _l("University"),
        OrganisationKind.RESEARCH_INSTITUTE: _l("Research institute"),
        OrganisationKind.SCHOOL: _l("School"),
        OrganisationKind.OTHER: _l("Other"),
    },
    LawfulBasis: {
        LawfulBasis.CONSENT: _l("Consent"),
        LawfulBasis.LEGITIMATE_INTEREST: _l("Legitimate interest"),
        LawfulBasis.PUBLIC_TASK: _l("Public task"),
    },
    JoinedBecause: {
        JoinedBecause.MEETING: _l("its first meeting"),
        JoinedBecause.COMMITMENT: _l("its first commitment"),
        JoinedBecause.RELATIONSHIP: _l("its first declared relationship"),
        JoinedBecause.REGISTERED: _l("the day it was registered"),
        JoinedBecause.STAFF: _l("set by staff"),
    },
    Engagement: {
        Engagement.UNAWARE: _l("Unaware"),
        Engagement.INFORMED: _l("Informed"),
        Engagement.CONSULTED: _l("Consulted"),
        Engagement.INVOLVED: _l("Involved"),
        Engagement.COLLABORATING: _l("Collaborating"),
        Engagement.LEADING: _l("Leading"),
    },
    Stage: {
        Stage.MAPPING: _l("Mapping"),
        Stage.MOBILISING: _l("Mobilising"),
        Stage.ACTING: _l("Acting"),
        Stage.SUSTAINED: _l("Sustained"),
    },
    PlaceStage: {
        PlaceStage.IDEA: _l("Idea"),
        PlaceStage.DESIGN: _l("Design"),
        PlaceStage.BEING_BUILT: _l("Being built"),
        PlaceStage.OPEN: _l("Open"),
        PlaceStage.CLOSED: _l("Closed"),
    },
    MeetingKind: {
        MeetingKind.INTERVIEW: _l("Interview"),
        MeetingKind.WORKSHOP: _l("Workshop"),
        MeetingKind.COORDINATION: _l("Coordination meeting"),
        MeetingKind.INFORMATION: _l("Information meeting"),
        MeetingKind.STEERING_GROUP: _l("Steering-group meeting"),
        MeetingKind.WORKING_COMMITTEE: _l("Working-committee meeting"),
        MeetingKind.SITE_VISIT: _l("Site visit"),
        MeetingKind.OTHER: _l("Other meeting"),
    },
    ParticipationRole: {
        ParticipationRole.ORGANISER: _l("Organiser"),
        ParticipationRole.FACILITATOR: _l("Facilitator"),
        ParticipationRole.SPEAKER: _l("Speaker"),
        ParticipationRole.PARTICIPANT: _l("Participant"),
    },
    ParticipationStatus: {
        ParticipationStatus.INVITED: _l("Invited"),
        ParticipationStatus.REGISTERED: _l("Registered"),
        ParticipationStatus.ATTENDED: _l("Attended"),
        ParticipationStatus.NO_SHOW: _l("No-show"),
        ParticipationStatus.CANCELLED: _l("Cancelled"),
    },
    CommitmentKind: {
        CommitmentKind.FUNDING: _l("Funding"),
        CommitmentKind.STAFF_TIME: _l("Staff time"),
        CommitmentKind.PREMISES: _l("Premises"),
        CommitmentKind.IN_KIND: _l("In kind"),
        CommitmentKind.POLICY_CHANGE: _l("Policy change"),
        CommitmentKind.SOCIAL_INVESTMENT: _l("Social investment"),
    },
    Unit: {
        Unit.SEK: _l("SEK"),
        Unit.HOURS: _l("hours"),
        Unit.SQUARE_METRES: _l("m²"),
        Unit.COUNT: _l("count"),
    },
    CommitmentStatus: {
        CommitmentStatus.PROPOSED: _l("Proposed"),
        CommitmentStatus.AGREED: _l("Agreed"),
        CommitmentStatus.IN_PROGRESS: _l("In progress"),
        CommitmentStatus.DELIVERED: _l("Delivered"),
        CommitmentStatus.WITHDRAWN: _l("Withdrawn"),
        CommitmentStatus.LAPSED: _l("Lapsed"),
    },
    InitiativeStatus: {
        InitiativeStatus.PROPOSED: _l("Proposed"),
        InitiativeStatus.ACTIVE: _l("Active"),
        InitiativeStatus.COMPLETED: _l("Completed"),
        InitiativeStatus.PAUSED: _l("Paused"),
        InitiativeStatus.CLOSED: _l("Closed"),
    },
    SurveyStatus: {
        SurveyStatus.DRAFT: _l("Draft"),
        SurveyStatus.OPEN: _l("Open"),
        SurveyStatus.CLOSED: _l("Closed"),
    },
    QuestionKind: {
        QuestionKind.ONE_CHOICE: _l("One choice"),
        QuestionKind.SEVERAL_CHOICES: _l("Several choices"),
        QuestionKind.SCALE: _l("Scale of 1 to 5"),
        QuestionKind.NUMBER: _l("Number"),
        QuestionKind.DATE: _l("Date"),
        QuestionKind.TEXT: _l("Free text"),
    },
    AnswerChannel: {
        AnswerChannel.LINK: _l("Through its link"),
        AnswerChannel.PAPER: _l("On paper"),
        AnswerChannel.PHONE: _l("By phone"),
    },
    ProposalKind: {
        ProposalKind.MISSION: _l("Mission"),
        ProposalKind.ACTIVITY: _l("Activity"),
    },
    ProposalStatus: {
        ProposalStatus.PROPOSED: _l("Proposed"),
        ProposalStatus.DISCUSSED: _l("Discussed"),
        ProposalStatus.ADOPTED: _l("Adopted"),
        ProposalStatus.SET_ASIDE: _l("Set aside"),
        ProposalStatus.MERGED: _l("Merged"),
    },
    RelationshipKind: {
        RelationshipKind.PARTNERSHIP: _l("Partnership"),
        RelationshipKind.FUNDING: _l("Funding"),
        RelationshipKind.MEMBERSHIP: _l("Membership"),
        RelationshipKind.CONTRACT: _l("Contract"),
        RelationshipKind.INFORMAL: _l("Informal tie"),
    },
    InteractionKind: {
        InteractionKind.CALL: _l("Call"),
        InteractionKind.EMAIL: _l("E-mail"),
        InteractionKind.VISIT: _l("Visit"),
        InteractionKind.NOTE: _l("Note"),
    },
    Direction: {
        Direction.HIGHER_IS_BETTER: _l("Higher is better"),
        Direction.LOWER_IS_BETTER: _l("Lower is better"),
    },
    Role: {
        Role.ADMIN: _l("Administrator"),
        Role.STAFF: _l("Staff"),
        Role.VIEWER: _l("Viewer (steering group)"),
    },
}


# Each sector's one colour, for badges, charts, the network drawing and the favicon (the page's CSS
# variables --sector-<value> are written from it): four hues that stay apart for colour-blind readers.
SECTOR_COLOURS = {
    Sector.PRIVATE: "#b45309",
    Sector.PUBLIC: "#1d4ed8",
    Sector.CIVIL: "#15803d",
    Sector.ACADEMIC: "#7e22ce",
}
NO_SECTOR_COLOUR = "#6b7280"


def label(value) -> str:
    """Return the interface name of a stored value, or the value itself if it has none."""
    if value is None:
        return ""
    return LABELS.get(type(value), {}).get(value, str(value))

