"""What the audit trail calls each kind of record and each field, in the reader's language.

The trail stores class and attribute names (``KpiMeasurement``, ``kpi_id``), which stay stable
while the interface's words change; these tables turn them into the words of the forms. A field
is looked up for its kind of record first, then among the names most records share. A test
checks that every kind of record the trail can hold, and every field of it, has a name here.
"""
from .i18n import lazy_gettext as _l

__all__ = ["FIELD_NAMES", "RECORD_TYPES", "field_name", "record_type_name"]

RECORD_TYPES = {
    "Attachment": _l("Attachment"),
    "Commitment": _l("Commitment"),
    "CommitmentStatusChange": _l("Status change of a commitment"),
    "FollowUpAction": _l("Follow-up action"),
    "HeadcountGroup": _l("Headcount group"),
    "Initiative": _l("Initiative"),
    "IntroductionDecision": _l("Suggested introduction"),
    "Interaction": _l("Interaction"),
    "Kpi": _l("KPI"),
    "KpiMeasurement": _l("KPI measurement"),
    "KpiTarget": _l("KPI target"),
    "LocalJobs": _l("Local jobs"),
    "Meeting": _l("Meeting"),
    "MeetingHeadcount": _l("Headcount"),
    "MeetingPlace": _l("Meeting place"),
    "Membership": _l("Membership"),
    "Neighbourhood": _l("Neighbourhood"),
    "NotDuplicate": _l("Not a duplicate"),
    "Organisation": _l("Organisation"),
    "Participation": _l("Participation"),
    "Person": _l("Person"),
    "PlaceStageChange": _l("Stage change of a meeting place"),
    "Proposal": _l("Proposal"),
    "ProposalStatusChange": _l("Status change of a proposal"),
    "ProposalVote": _l("Votes for a proposal"),
    "Relationship": _l("Relationship"),
    "StageChange": _l("Stage change"),
    "StakeholderAssessment": _l("Stakeholder assessment"),
    "Survey": _l("Survey"),
    "SurveyAnswer": _l("Survey answer"),
    "SurveyQuestion": _l("Survey question"),
    "SurveyRecipient": _l("Survey recipient"),
    "Tag": _l("Tag"),
    "User": _l("User account"),
}

# Names many kinds of record share.
_SHARED = {
    "name": _l("Name"), "title": _l("Title"), "description": _l("Description"), "notes": _l("Notes"),
    "note": _l("Note"), "comment": _l("Comment"), "kind": _l("Kind"), "status": _l("Status"),
    "sector": _l("Sector"), "stage": _l("Stage"), "source": _l("Source"), "unit": _l("Unit"), "email": _l("E-mail"),
    "phone": _l("Phone"), "website": _l("Website"), "archived_at": _l("Archived"), "from_date": _l("From"),
    "until_date": _l("Until"), "changed_on": _l("On"), "changed_by_id": _l("Recorded by"),
    "organisation_id": _l("Organisation"), "person_id": _l("Person"), "meeting_id": _l("Meeting"),
    "neighbourhood_id": _l("Neighbourhood"), "kpi_id": _l("KPI"), "initiative_id": _l("Initiative"),
    "commitment_id": _l("Commitment"), "neighbourhoods": _l("Neighbourhoods"), "tags": _l("Tags"),
    "memberships": _l("Memberships"), "due_on": _l("Due"), "place_id": _l("Meeting place"),
    "stage_changes": _l("Stage changes"), "address": _l("Address"),
}

FIELD_NAMES = {
    "Attachment": {"filename": _l("File name"), "content_type": _l("File type"), "size_bytes": _l("Size (bytes)"),
                   "storage_key": _l("Stored as"), "uploaded_by_id": _l("Uploaded by"), "uploaded_at": _l("Uploaded"),
                   "holds_personal_data": _l("Holds personal data")},
    "Commitment": {"parties": _l("Parties"), "status_changes": _l("Status changes"), "amount": _l("Amount"),
                   "unit_label": _l("What is counted"), "made_on": _l("Made on"),
                   "delivered_on": _l("Delivered on"), "meeting_id": _l("Made at meeting"),
                   "description": _l("What is promised")},
    "CommitmentStatusChange": {"recorded_at": _l("Recorded")},
    "FollowUpAction": {"description": _l("Follow-up action"), "responsible_person_id": _l("Responsible"),
                       "responsible_user_id": _l("Responsible user"), "done_on": _l("Done on")},
    "Initiative": {"participants": _l("Participants"), "lead_organisation_id": _l("Lead"),
                   "origin_meeting_id": _l("Formulated at meeting"), "started_on": _l("Started on")},
    "IntroductionDecision": {"first_organisation_id": _l("First organisation"),
                             "second_organisation_id": _l("Second organisation"), "outcome": _l("Outcome"),
                             "decided_on": _l("Decided on"), "decided_by_id": _l("Decided by"),
                             "done_on": _l("Done on")},
    "Interaction": {"happened_on": _l("Day"), "text": _l("What was said or done"), "joint_work": _l("Joint work"),
                    "recorded_by_id": _l("Recorded by")},
    "HeadcountGroup": {"name_sv": _l("Name in Swedish"), "name_en": _l("Name in English"), "position": _l("Order")},
    "Kpi": {"targets": _l("Targets"), "direction": _l("Which way is better")},
    "KpiMeasurement": {"measured_on": _l("Date measured"), "value": _l("Value")},
    "KpiTarget": {"baseline_value": _l("Baseline"), "baseline_on": _l("Baseline date"), "target_value": _l("Target"),
                  "target_on": _l("Target date")},
    "LocalJobs": {"year": _l("Year"), "quarter": _l("Quarter"), "positions": _l("Positions"),
                  "full_time_equivalents": _l("Full-time equivalents"), "resident_positions": _l("Of which residents")},
    "MeetingHeadcount": {"group_id": _l("Group"), "count": _l("Count")},
    "MeetingPlace": {"owners": _l("Owned by"), "funders": _l("Funded by"), "digital": _l("A digital place"),
                     "web_address": _l("Web address"), "run_by_id": _l("Run by"), "opened_on": _l("Opening date")},
    "Meeting": {"headcounts": _l("Counted without names"), "participations": _l("Participants"), "actions": _l("Follow-up actions"),
                "attachments": _l("Attachments"), "starts_at": _l("Starts"), "duration_minutes": _l("Duration"),
                "place": _l("Place"), "organiser_id": _l("Organiser"), "agenda": _l("Agenda"),
                "minutes": _l("Minutes")},
    "Membership": {"title": _l("Title at the organisation")},
    "Neighbourhood": {"organisations": _l("Organisations"), "municipality": _l("Municipality"), "population": _l("Population")},
    "NotDuplicate": {"first_id": _l("First record"), "second_id": _l("Second record"),
                     "marked_by_id": _l("Marked by"), "marked_at": _l("Marked")},
    "Organisation": {"merged_from": _l("Merged from"), "moved": _l("Moved by the merge"), "merged": _l("Made one by the merge"),
                     "dropped": _l("Dropped as repeats by the merge"), "assessments": _l("Assessments"), "area_company_of": _l("Area company of"), "org_number": _l("Organisation number"),
                     "joined_on": _l("Joined the programme on"), "joined_because": _l("Joined by"),
                     "address": _l("Street address"), "postcode": _l("Postcode"), "town": _l("Town")},
    "Participation": {"role": _l("Role")},
    "Person": {"merged_from": _l("Merged from"), "moved": _l("Moved by the merge"), "merged": _l("Made one by the merge"),
               "dropped": _l("Dropped as repeats by the merge"), "lawful_basis": _l("Lawful basis"), "consent_given_on": _l("Consent given on"),
               "consent_method": _l("How consent was given"), "consent_text_version": _l("Consent text version"),
               "consent_withdrawn_on": _l("Consent withdrawn on"), "restricted_at": _l("Processing restricted on"),
               "restriction_reason": _l("Why processing is restricted"),
               "retention_reviewed_on": _l("Retention reviewed on"), "anonymised_at": _l("Anonymised on")},
    "Proposal": {"backers": _l("Put forward by"), "meeting_id": _l("Put forward at meeting"),
                 "proposed_on": _l("Put forward on"), "merged_into_id": _l("Merged into"),
                 "status_changes": _l("Status changes"), "votes": _l("Votes")},
    "ProposalStatusChange": {"recorded_at": _l("Recorded"), "proposal_id": _l("Proposal")},
    "ProposalVote": {"proposal_id": _l("Proposal"), "votes": _l("Votes")},
    "Relationship": {"from_organisation_id": _l("From organisation"), "to_organisation_id": _l("To organisation")},
    "StageChange": {"changed_on": _l("Reached on")},
    "PlaceStageChange": {"changed_on": _l("Reached on")},
    "StakeholderAssessment": {"assessed_on": _l("Assessed on"), "influence": _l("Influence"),
                              "interest": _l("Interest"), "engagement": _l("Engagement"),
                              "assessed_by_id": _l("Assessed by")},
    "Survey": {"title_sv": _l("Title in Swedish"), "title_en": _l("Title in English"),
               "introduction_sv": _l("Introduction in Swedish"), "introduction_en": _l("Introduction in English"),
               "opened_on": _l("Opened on"), "closed_on": _l("Closed on"), "questions": _l("Questions"),
               "recipients": _l("Recipients")},
    "SurveyQuestion": {"survey_id": _l("Survey"), "position": _l("Order"), "text_sv": _l("Question in Swedish"),
                       "text_en": _l("Question in English"), "required": _l("Required"),
                       "options_sv": _l("Options in Swedish"), "options_en": _l("Options in English"),
                       "low_label_sv": _l("Label of 1 in Swedish"), "low_label_en": _l("Label of 1 in English"),
                       "high_label_sv": _l("Label of 5 in Swedish"), "high_label_en": _l("Label of 5 in English"),
                       "minimum": _l("Smallest number"), "maximum": _l("Largest number")},
    "SurveyRecipient": {"survey_id": _l("Survey"), "contact_person_id": _l("Contact person"),
                        "link_nonce": _l("Answer link"), "token_hash": _l("Answer link"),
                        "draft_saved_at": _l("Draft saved"), "submitted_at": _l("Submitted"),
                        "channel": _l("Answered by"), "entered_by_id": _l("Typed in by"), "answers": _l("Answers")},
    "SurveyAnswer": {"recipient_id": _l("Recipient"), "question_id": _l("Question"), "choices": _l("Chosen options"),
                     "scale": _l("Point on the scale"), "number": _l("Number"), "day": _l("Date"),
                     "text": _l("Answer")},
    "User": {"role": _l("Role"), "active": _l("Active"), "session_generation": _l("Sessions ended"),
             "password_hash": _l("Password"), "calendar_feed_token_hash": _l("Calendar feed link")},
}


def record_type_name(entity: str):
    """Name a kind of record as the interface does; an unknown one keeps its stored name."""
    return RECORD_TYPES.get(entity, entity)


def field_name(entity: str, field: str):
    """Name a field of a kind of record as its form does; an unknown one keeps its stored name."""
    return FIELD_NAMES.get(entity, {}).get(field) or _SHARED.get(field) or field
