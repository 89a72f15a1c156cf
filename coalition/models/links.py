"""The tables that link records many to many: a row per link, which goes with the record on the left.

They live together, apart from the models that use them, because each only names the two tables
it links; each model module imports its own from here.
"""
from .base import link_table

ORGANISATION = ("organisation_id", "organisations.id")
NEIGHBOURHOOD = ("neighbourhood_id", "neighbourhoods.id")

# An organisation's tags, the neighbourhoods it works in, and those it serves as their area company.
organisation_tags = link_table("organisation_tags", ORGANISATION, ("tag_id", "tags.id"), linked_ondelete="CASCADE")
organisation_neighbourhoods = link_table("organisation_neighbourhoods", ORGANISATION, NEIGHBOURHOOD,
                                         linked_ondelete="CASCADE")
area_company_neighbourhoods = link_table("area_company_neighbourhoods", ORGANISATION, NEIGHBOURHOOD,
                                         linked_ondelete="CASCADE")

# The neighbourhoods a meeting was held for.
meeting_neighbourhoods = link_table("meeting_neighbourhoods", ("meeting_id", "meetings.id"), NEIGHBOURHOOD,
                                    linked_ondelete="CASCADE")

# Who owns and who funds a meeting place.
meeting_place_owners = link_table("meeting_place_owners", ("place_id", "meeting_places.id"), ORGANISATION)
meeting_place_funders = link_table("meeting_place_funders", ("place_id", "meeting_places.id"), ORGANISATION)

# The parties to a commitment; an initiative's participants and neighbourhoods.
commitment_parties = link_table("commitment_parties", ("commitment_id", "commitments.id"), ORGANISATION)
initiative_participants = link_table("initiative_participants", ("initiative_id", "initiatives.id"), ORGANISATION)
initiative_neighbourhoods = link_table("initiative_neighbourhoods", ("initiative_id", "initiatives.id"),
                                       NEIGHBOURHOOD, linked_ondelete="CASCADE")

# A proposal's backers and neighbourhoods.
proposal_backers = link_table("proposal_backers", ("proposal_id", "proposals.id"), ORGANISATION)
proposal_neighbourhoods = link_table("proposal_neighbourhoods", ("proposal_id", "proposals.id"), NEIGHBOURHOOD,
                                     linked_ondelete="CASCADE")
