"""Meeting places: the rules for registering them and moving them through their stages."""
from datetime import date, datetime, timedelta

import pytest

from coalition.commitments import CommitmentDetails, create_commitment
from coalition.db import db
from coalition.errors import DomainError
from coalition.meeting_places import PlaceDetails, change_place_stage, create_place, update_place
from coalition.meetings import MeetingDetails, create_meeting, update_meeting
from coalition.models import CommitmentKind, MeetingKind, MeetingPlace, PlaceStage, PlaceStageChange

TODAY = date(2026, 12, 4)


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _place(name="Träffpunkt Rosengård", **fields) -> MeetingPlace:
    stage = fields.pop("stage", PlaceStage.IDEA)
    place = create_place(db.session, PlaceDetails(name, **fields), stage=stage, today=TODAY)
    db.session.commit()
    return place


def _refused(operation, field: str) -> DomainError:
    with pytest.raises(DomainError) as refusal:
        operation()
    db.session.rollback()
    assert refusal.value.field == field
    return refusal.value


def test_a_place_is_registered_with_its_first_stage_and_who_runs_it(app, make_neighbourhood, make_organisation):
    neighbourhood = make_neighbourhood("Rosengård")
    runner, owner = make_organisation("Rosengårds områdesföretag"), make_organisation("MKB Fastighets AB")
    place = _place(" Träffpunkt   Rosengård ", neighbourhood_id=neighbourhood.id, run_by_id=runner.id,
                   owner_ids=[owner.id], funder_ids=[owner.id], address="Amiralsgatan 1",
                   stage=PlaceStage.DESIGN)
    assert place.name == "Träffpunkt Rosengård"
    assert (place.neighbourhood, place.run_by, place.owners, place.funders) == (neighbourhood, runner, [owner], [owner])
    assert [(c.stage, c.changed_on) for c in place.stage_changes] == [(PlaceStage.DESIGN, TODAY)]


def test_a_place_without_a_name_is_refused_and_nothing_is_written(app):
    _refused(lambda: _place("   "), "name")
    assert _count(MeetingPlace) == 0


def test_a_digital_place_needs_a_web_address(app):
    _refused(lambda: _place("Rosengård online", digital=True, web_address="  "), "web_address")
    assert _count(MeetingPlace) == 0
    place = _place("Rosengård online", digital=True, web_address="https://forum.example.se")
    assert place.digital and place.web_address == "https://forum.example.se"


def test_an_open_place_cannot_open_in_the_future(app):
    _refused(lambda: _place(stage=PlaceStage.OPEN, opened_on=TODAY + timedelta(days=1)), "opened_on")
    assert _count(MeetingPlace) == 0
    being_built = _place(stage=PlaceStage.BEING_BUILT, opened_on=TODAY + timedelta(days=30))
    assert being_built.opened_on == TODAY + timedelta(days=30), "a place being built may plan its opening"


def test_an_open_place_opened_the_day_it_reached_the_stage_unless_told(app):
    place = _place(stage=PlaceStage.OPEN)
    assert place.opened_on == TODAY
    place = _place("Biblioteket", stage=PlaceStage.OPEN, opened_on=date(2025, 3, 1))
    assert [c.changed_on for c in place.stage_changes] == [date(2025, 3, 1)]


def test_moving_an_open_place_to_an_opening_date_in_the_future_is_refused(app):
    place = _place(stage=PlaceStage.OPEN, opened_on=date(2025, 3, 1))
    _refused(lambda: update_place(db.session, place, PlaceDetails(place.name, opened_on=TODAY + timedelta(days=9)),
                                  today=TODAY), "opened_on")
    assert db.session.get(MeetingPlace, place.id).opened_on == date(2025, 3, 1)


def test_a_stage_moves_forward_and_keeps_its_history(app):
    place = _place()
    change_place_stage(db.session, place, PlaceStage.BEING_BUILT, changed_on=TODAY, today=TODAY)
    change_place_stage(db.session, place, PlaceStage.OPEN, changed_on=TODAY, today=TODAY)
    db.session.commit()
    assert place.stage is PlaceStage.OPEN and place.opened_on == TODAY
    assert _count(PlaceStageChange) == 3


def test_a_stage_moving_backwards_without_a_note_is_refused(app):
    place = _place(stage=PlaceStage.BEING_BUILT)
    _refused(lambda: change_place_stage(db.session, place, PlaceStage.DESIGN, changed_on=TODAY, note="  ",
                                        today=TODAY), "note")
    place = db.session.get(MeetingPlace, place.id)
    assert place.stage is PlaceStage.BEING_BUILT and _count(PlaceStageChange) == 1
    change_place_stage(db.session, place, PlaceStage.DESIGN, changed_on=TODAY,
                       note="The residents asked for a kitchen.", today=TODAY)
    db.session.commit()
    assert place.stage is PlaceStage.DESIGN


def test_a_stage_cannot_be_reached_in_the_future_or_before_the_previous_change(app):
    place = create_place(db.session, PlaceDetails("Lokalen"), stage_on=date(2026, 6, 1), today=TODAY)
    db.session.commit()
    _refused(lambda: change_place_stage(db.session, place, PlaceStage.DESIGN, changed_on=TODAY + timedelta(days=1),
                                        today=TODAY), "changed_on")
    place = db.session.get(MeetingPlace, place.id)
    _refused(lambda: change_place_stage(db.session, place, PlaceStage.DESIGN, changed_on=date(2026, 5, 1),
                                        today=TODAY), "changed_on")


def test_the_same_name_in_the_same_neighbourhood_is_refused_with_the_one_that_exists(app, make_neighbourhood):
    neighbourhood = make_neighbourhood()
    existing = _place("Kvarterslokalen", neighbourhood_id=neighbourhood.id)
    refusal = _refused(lambda: _place("kvarterslokalen", neighbourhood_id=neighbourhood.id), "name")
    assert refusal.existing.id == existing.id
    _place("Kvarterslokalen", neighbourhood_id=make_neighbourhood().id)


def _meeting(**fields):
    return create_meeting(db.session, MeetingDetails(kind=MeetingKind.WORKSHOP, title="Dialog om torget",
                                                     starts_at=datetime(2026, 11, 3, 18), **fields))


def test_a_meeting_names_a_place_and_keeps_its_free_text_place(app):
    place = _place()
    meeting = _meeting(place="Stora salen", place_id=place.id)
    db.session.commit()
    assert (meeting.place, meeting.meeting_place) == ("Stora salen", place)


def test_archiving_a_place_keeps_it_on_old_meetings_but_new_ones_cannot_choose_it(app):
    place = _place()
    meeting = _meeting(place_id=place.id)
    place.archive()
    db.session.commit()
    update_meeting(db.session, meeting, MeetingDetails(kind=MeetingKind.WORKSHOP, title="Dialog om torget, del 1",
                                                       starts_at=meeting.starts_at, place_id=place.id))
    db.session.commit()
    assert meeting.meeting_place == place, "editing an old meeting keeps its archived place"
    _refused(lambda: _meeting(place_id=place.id), "place_id")


def test_a_commitment_names_the_place_it_is_for(app, make_organisation):
    place = _place()
    commitment = create_commitment(db.session, CommitmentDetails(
        kind=CommitmentKind.FUNDING, description="Möbler till lokalen", party_ids=[make_organisation().id],
        place_id=place.id, made_on=date(2026, 10, 1)))
    db.session.commit()
    assert commitment.place == place
