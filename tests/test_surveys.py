"""Surveys (issue 17): preparing one, its personal links, answering it, and what the answers add up to."""
from datetime import date, datetime
from decimal import Decimal

import pytest

from coalition.db import db
from coalition.errors import DomainError
from coalition.models import AnswerChannel, OrganisationKind, QuestionKind, Sector, SurveyStatus
from coalition.surveys import answering, building, results
from coalition.surveys.answering import LinkState

SECRET = "test-secret"
NOW = datetime(2026, 12, 4, 10, 0)


@pytest.fixture
def make_survey(app):
    """A survey with three questions (one choice required, a scale, free text) sent to the given organisations."""
    def build(organisations=(), *, title="Fastighetsägarnas enkät", opened=False, questions=None):
        survey = building.create_survey(db.session, building.SurveyDetails(title_sv=title, title_en="Owners' survey"))
        for details in questions or [
            building.QuestionDetails(QuestionKind.ONE_CHOICE, "Vill ni delta?", "Will you take part?", required=True,
                                     options_sv="Ja\nNej\nKanske", options_en="Yes\nNo\nMaybe"),
            building.QuestionDetails(QuestionKind.SCALE, "Hur trygg är gården?", low_label_sv="Otrygg",
                                     high_label_sv="Trygg"),
            building.QuestionDetails(QuestionKind.TEXT, "Övrigt"),
        ]:
            building.add_question(db.session, survey, details)
        building.add_recipients(db.session, survey, list(organisations), secret=SECRET)
        if opened:
            building.open_survey(db.session, survey, today=date(2026, 12, 1))
        db.session.commit()
        return survey

    return build


def _given(survey, *values) -> dict[str, list[str]]:
    return {answering.answer_field(q): ([v] if isinstance(v, str) else v) for q, v in zip(survey.questions, values)}


def test_a_survey_needs_a_swedish_title_and_starts_as_a_draft(app):
    with pytest.raises(DomainError) as refused:
        building.create_survey(db.session, building.SurveyDetails(title_sv="  ", title_en="Only English"))
    assert refused.value.field == "title_sv"
    survey = building.create_survey(db.session, building.SurveyDetails(title_sv="Enkät"))
    assert survey.status is SurveyStatus.DRAFT
    assert survey.title("en") == "Enkät"  # no English: the Swedish is shown


def test_every_fault_in_a_question_is_refused_at_once(make_survey):
    survey = make_survey()
    with pytest.raises(DomainError) as refused:
        building.add_question(db.session, survey, building.QuestionDetails(
            QuestionKind.ONE_CHOICE, "", options_sv="Bara en", options_en=""))
    assert {e.field for e in refused.value.every} == {"text_sv", "options_sv"}
    with pytest.raises(DomainError) as refused:
        building.add_question(db.session, survey, building.QuestionDetails(
            QuestionKind.NUMBER, "Antal lägenheter", minimum=Decimal(10), maximum=Decimal(1)))
    assert refused.value.field == "maximum"
    with pytest.raises(DomainError) as refused:
        building.add_question(db.session, survey, building.QuestionDetails(QuestionKind.SCALE, "Trygghet"))
    assert refused.value.field == "low_label_sv"


def test_questions_are_reordered_before_the_survey_opens_only(make_survey, make_organisation):
    survey = make_survey([make_organisation()])
    last = survey.questions[2]
    building.move_question(db.session, last, -1)
    assert [q.text_sv for q in survey.questions] == ["Vill ni delta?", "Övrigt", "Hur trygg är gården?"]
    building.open_survey(db.session, survey, today=date(2026, 12, 1))
    with pytest.raises(DomainError):
        building.move_question(db.session, survey.questions[0], 1)


def test_questions_cannot_change_once_answers_exist(make_survey, make_organisation):
    survey = make_survey([make_organisation()], opened=True)
    recipient = survey.recipients[0]
    answering.save_answers(db.session, recipient, _given(survey, "0"), submit=False, channel=AnswerChannel.LINK, now=NOW)
    for change in (lambda: building.update_question(db.session, survey.questions[0], building.QuestionDetails(
                       QuestionKind.TEXT, "Ny fråga")),
                   lambda: building.delete_question(db.session, survey.questions[0]),
                   lambda: building.add_question(db.session, survey, building.QuestionDetails(QuestionKind.TEXT, "Ny"))):
        with pytest.raises(DomainError, match="cannot change once answers exist"):
            change()


def test_recipients_by_filter_are_the_active_property_owners_of_a_neighbourhood(
        app, make_organisation, make_neighbourhood, make_person, make_survey):
    backen = make_neighbourhood("Backen")
    owner = make_organisation("Backens Fastigheter AB", sector=Sector.PRIVATE, kind=OrganisationKind.PROPERTY_OWNER,
                              neighbourhoods=[backen])
    make_organisation("Annan ägare AB", sector=Sector.PRIVATE, kind=OrganisationKind.PROPERTY_OWNER)
    make_organisation("Backens IF", neighbourhoods=[backen])
    gone = make_organisation("Gamla Fastigheter AB", kind=OrganisationKind.PROPERTY_OWNER, neighbourhoods=[backen])
    gone.archive()
    contact = make_person("Eva Ek", organisation=owner, email="eva@backen.se")
    chosen = building.matching_organisations(db.session, building.RecipientFilter(
        kinds=[OrganisationKind.PROPERTY_OWNER], neighbourhood_ids=[backen.id]))
    assert chosen == [owner]
    survey = make_survey(chosen)
    assert survey.recipients[0].contact_person == contact
    assert building.add_recipients(db.session, survey, chosen, secret=SECRET) == 0  # already there


def test_only_the_hash_of_a_link_is_stored_and_the_link_finds_its_recipient(make_survey, make_organisation):
    survey = make_survey([make_organisation(), make_organisation()], opened=True)
    first, second = survey.recipients
    token = building.answer_link_token(first, SECRET)
    assert token not in (first.token_hash, first.link_nonce)
    assert building.answer_link_token(first, SECRET) != building.answer_link_token(second, SECRET)
    assert building.answer_link_token(first, "another secret") != token
    assert answering.find_link(db.session, survey.id, token) == (first, LinkState.WORKS)
    assert answering.find_link(db.session, survey.id, token + "x") == (None, LinkState.UNKNOWN)
    assert answering.find_link(db.session, survey.id, "") == (None, LinkState.UNKNOWN)


def test_a_link_of_one_survey_does_not_open_another(make_survey, make_organisation):
    owner = make_organisation()
    one = make_survey([owner], opened=True)
    other = make_survey([owner], title="Annan enkät", opened=True)
    token = building.answer_link_token(one.recipients[0], SECRET)
    assert answering.find_link(db.session, other.id, token) == (None, LinkState.UNKNOWN)


def test_a_draft_is_kept_and_the_answer_is_submitted_once(make_survey, make_organisation):
    survey = make_survey([make_organisation()], opened=True)
    recipient = survey.recipients[0]
    answering.save_answers(db.session, recipient, _given(survey, "", "4"), submit=False,
                           channel=AnswerChannel.LINK, now=NOW)
    assert not recipient.answered and recipient.draft_saved_at == NOW
    assert answering.shown_values(recipient) == {answering.answer_field(survey.questions[1]): ["4"]}
    answering.save_answers(db.session, recipient, _given(survey, "1", "4", "Bra initiativ"), submit=True,
                           channel=AnswerChannel.LINK, now=NOW)
    assert recipient.answered and recipient.channel is AnswerChannel.LINK
    token = building.answer_link_token(recipient, SECRET)
    assert answering.find_link(db.session, survey.id, token)[1] is LinkState.USED
    with pytest.raises(DomainError, match="submitted already"):
        answering.save_answers(db.session, recipient, _given(survey, "0"), submit=True,
                               channel=AnswerChannel.LINK, now=NOW)


def test_wrong_answers_are_all_refused_beside_their_questions(make_survey, make_organisation):
    survey = make_survey([make_organisation()], opened=True, questions=[
        building.QuestionDetails(QuestionKind.ONE_CHOICE, "Val", required=True, options_sv="A\nB"),
        building.QuestionDetails(QuestionKind.NUMBER, "Antal", minimum=Decimal(0), maximum=Decimal(500)),
        building.QuestionDetails(QuestionKind.SCALE, "Skala", required=True, low_label_sv="Låg", high_label_sv="Hög"),
        building.QuestionDetails(QuestionKind.DATE, "Datum"),
        building.QuestionDetails(QuestionKind.SEVERAL_CHOICES, "Flera", options_sv="X\nY\nZ"),
        building.QuestionDetails(QuestionKind.TEXT, "Text"),
    ])
    recipient = survey.recipients[0]
    with pytest.raises(DomainError) as refused:
        answering.save_answers(db.session, recipient, _given(survey, "7", "501", "", "4 december", ["0", "9"],
                                                              "Bra\x07"),
                               submit=True, channel=AnswerChannel.LINK, now=NOW)
    fields = [answering.answer_field(q) for q in survey.questions]
    assert [e.field for e in refused.value.every] == fields
    assert "from 0 to 500" in str(refused.value.others[0].message)
    assert not recipient.answers and not recipient.answered
    answering.save_answers(db.session, recipient, _given(survey, "1", "12,5", "3", "2026-12-24", ["0", "2"], " Ok "),
                           submit=True, channel=AnswerChannel.LINK, now=NOW)
    values = {a.question.text_sv: a for a in recipient.answers}
    assert values["Val"].choices == [1] and values["Antal"].number == Decimal("12.50")
    assert values["Datum"].day == date(2026, 12, 24) and values["Flera"].choices == [0, 2]
    assert values["Text"].text == "Ok"


def test_a_free_text_answer_is_at_most_four_thousand_characters_and_stored_composed(make_survey, make_organisation):
    survey = make_survey([make_organisation()], opened=True)
    recipient = survey.recipients[0]
    with pytest.raises(DomainError, match="at most 4000"):
        answering.save_answers(db.session, recipient, _given(survey, "0", "", "x" * (answering.MAX_TEXT + 1)),
                               submit=False, channel=AnswerChannel.LINK, now=NOW)
    answering.save_answers(db.session, recipient, _given(survey, "0", "", "A\u030angen"), submit=True,
                           channel=AnswerChannel.LINK, now=NOW)
    assert [a.text for a in recipient.answers if a.text] == ["Ången"]


def test_a_link_used_after_the_survey_closed_changes_nothing(make_survey, make_organisation):
    survey = make_survey([make_organisation()], opened=True)
    recipient = survey.recipients[0]
    building.close_survey(db.session, survey, today=date(2026, 12, 20))
    assert answering.find_link(db.session, survey.id, building.answer_link_token(recipient, SECRET))[1] \
        is LinkState.EXPIRED
    with pytest.raises(DomainError, match="closed"):
        answering.save_answers(db.session, recipient, _given(survey, "0"), submit=True, channel=AnswerChannel.LINK,
                               now=NOW)
    assert not recipient.answers


def test_staff_type_in_a_paper_answer_even_after_the_survey_closed(make_survey, make_organisation, make_user):
    survey = make_survey([make_organisation()], opened=True)
    building.close_survey(db.session, survey, today=date(2026, 12, 20))
    staff = make_user("staff")
    answering.save_answers(db.session, survey.recipients[0], _given(survey, "0"), submit=True,
                           channel=AnswerChannel.PAPER, now=NOW, entered_by_id=staff.id)
    assert survey.recipients[0].channel is AnswerChannel.PAPER


def test_a_survey_opens_with_questions_and_recipients_only(app):
    survey = building.create_survey(db.session, building.SurveyDetails(title_sv="Tom"))
    with pytest.raises(DomainError) as refused:
        building.open_survey(db.session, survey, today=date(2026, 12, 1))
    assert len(refused.value.every) == 2
    with pytest.raises(DomainError):
        building.close_survey(db.session, survey, today=date(2026, 12, 1))


def test_results_count_answers_by_question_sector_and_neighbourhood(
        make_survey, make_organisation, make_neighbourhood):
    backen = make_neighbourhood("Backen")
    owners = [make_organisation(f"Ägare {i}", sector=Sector.PRIVATE, neighbourhoods=[backen]) for i in range(3)]
    club = make_organisation("Backens IF", sector=Sector.CIVIL)
    survey = make_survey([*owners, club], opened=True)
    by_name = {r.organisation.name: r for r in survey.recipients}
    for name, values in (("Ägare 0", ("0", "5", "Bra")), ("Ägare 1", ("0", "3", "")), ("Backens IF", ("1", "", ""))):
        answering.save_answers(db.session, by_name[name], _given(survey, *values), submit=True,
                               channel=AnswerChannel.LINK, now=NOW)
    answering.save_answers(db.session, by_name["Ägare 2"], _given(survey, "2"), submit=False,
                           channel=AnswerChannel.LINK, now=NOW)  # a draft is no answer yet
    recipients = results.recipients_of(db.session, survey)
    rates = results.response_rates(recipients)
    assert (rates.overall.sent, rates.overall.answered, rates.overall.percent) == (4, 3, 75)
    assert [(s, r.percent) for s, r in rates.by_sector] == [(Sector.PRIVATE, 67), (Sector.CIVIL, 100)]
    assert [(n.name, r.answered, r.sent) for n, r in rates.by_neighbourhood] == [("Backen", 2, 3)]
    choice, scale, text = results.question_results(survey, recipients, "en")
    assert choice.counts == [("Yes", 2, 67), ("No", 1, 33), ("Maybe", 0, 0)]
    assert [count for _label, count, _p in scale.counts] == [0, 0, 1, 0, 1] and scale.mean == Decimal("4.0")
    assert [(o.name, t) for o, t in text.texts] == [("Ägare 0", "Bra")]
    private = results.recipients_of(db.session, survey, sector=Sector.PRIVATE)
    assert results.question_results(survey, private, "sv")[0].counts[1] == ("Nej", 0, 0)
    rows = results.answer_rows(survey, recipients, "sv")
    assert [row[0] for row in rows] == ["Ägare 0", "Ägare 1", "Backens IF"]  # by name, accents folded
    assert rows[0][5:] == ("Ja", 5, "Bra")


def test_surveys_open_in_a_period_come_with_their_response_rates(make_survey, make_organisation):
    survey = make_survey([make_organisation(), make_organisation()], opened=True)
    answering.save_answers(db.session, survey.recipients[0], _given(survey, "0"), submit=True,
                           channel=AnswerChannel.LINK, now=NOW)
    make_survey([make_organisation()], title="Utkast")
    found = results.surveys_in_period(db.session, date(2026, 10, 1), date(2026, 12, 31))
    assert [(f.survey.title_sv, f.rate.percent) for f in found] == [("Fastighetsägarnas enkät", 50)]
    assert results.surveys_in_period(db.session, date(2026, 1, 1), date(2026, 3, 31)) == []
