"""Proposals: put forward in the coalition process, voted on at workshops, then adopted, set aside or merged.

drafting: putting one forward and changing what it says; decisions: what the coalition decides
on it, and its history; voting: the dots it gets at workshops; register: the list, its filters
and the period's figures. Callers use the names below, from this package.
"""
from .decisions import NEXT, adopt_proposal, change_status, initiative_for, merge_proposal, status_history
from .drafting import ProposalDetails, create_proposal, update_proposal
from .register import (
    SORTS,
    ProposalFigures,
    backing_sectors,
    meeting_choices,
    proposal_choices,
    proposal_figures,
    proposal_query,
)
from .voting import MOST_VOTES, on_the_table, record_votes, vote_totals, votes_at, votes_by_meeting

__all__ = [
    "MOST_VOTES", "NEXT", "SORTS", "ProposalDetails", "ProposalFigures", "adopt_proposal",
    "backing_sectors", "change_status", "create_proposal", "initiative_for", "meeting_choices", "merge_proposal",
    "on_the_table", "proposal_choices", "proposal_figures", "proposal_query", "record_votes", "status_history",
    "update_proposal", "vote_totals", "votes_at", "votes_by_meeting",
]
