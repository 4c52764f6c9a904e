"""assessment.services: the rules, exercised without views."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessment import services
from assessment.models import Answer, AnswerChange, Assessment, FocusWeight, Membership
from tests.factories import answer, make_framework, make_user

pytestmark = pytest.mark.django_db


def test_start_creates_responses_and_focus_weights(world):
    assert world.assessment.responses.count() == 2
    rows = world.assessment.focus_weights.values_list("side", "focus_code", "weight")
    # The tiny framework gives no defaults: moderately, for both sides.
    assert sorted(rows) == [
        ("it", "DATA", FocusWeight.Weight.MEDIUM),
        ("it", "SECURITY", FocusWeight.Weight.MEDIUM),
        ("statistics", "DATA", FocusWeight.Weight.MEDIUM),
        ("statistics", "SECURITY", FocusWeight.Weight.MEDIUM),
    ]


def test_start_refuses_a_draft_framework(world, draft):
    with pytest.raises(ValidationError, match="published framework"):
        services.assessment_start(
            organisation=world.organisation,
            framework=draft,
            title="Draft",
            respondents=[world.owner],
            created_by=world.owner,
        )


@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_only_owners_and_editors_can_respond(world, who):
    with pytest.raises(ValidationError, match="not an owner or editor"):
        services.assessment_start(
            organisation=world.organisation,
            framework=world.framework,
            title="Again",
            respondents=[getattr(world, who)],
            created_by=world.owner,
        )


def test_answer_save_creates_then_updates_with_history(world):
    first = answer(world.owner_response, "DEV-01", current=2, target=3, comment="Git only")
    assert (first.version, first.current, first.target) == (1, 2, 3)
    second = answer(world.owner_response, "DEV-01", current=3, target=4, comment="Git and CI")
    assert second.version == 2
    changes = list(AnswerChange.objects.filter(answer=second).order_by("pk"))
    assert changes[0].old == {}
    assert changes[1].old["current"] == 2 and changes[1].new["current"] == 3
    assert changes[1].changed_by == world.owner


def test_saving_the_same_values_changes_nothing(world):
    answer(world.owner_response, "DEV-01", current=2, target=3)
    again = answer(world.owner_response, "DEV-01", current=2, target=3)
    assert again.version == 1
    assert AnswerChange.objects.count() == 1


def test_conflict_when_the_answer_changed_elsewhere(world):
    answer(world.owner_response, "DEV-01", current=2, target=3)  # version 1, in "another tab"
    with pytest.raises(services.AnswerConflict) as raised:
        answer(world.owner_response, "DEV-01", version=0, current=1, target=2)
    assert raised.value.answer.current == 2
    assert Answer.objects.get().current == 2


def test_stale_version_is_a_conflict_too(world):
    answer(world.owner_response, "DEV-01", current=2, target=3)
    answer(world.owner_response, "DEV-01", current=3, target=3)
    with pytest.raises(services.AnswerConflict):
        answer(world.owner_response, "DEV-01", version=1, current=1, target=1)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"current": 3, "target": 2}, "target"),
        ({"current": 5}, "current"),
        ({"not_applicable": True, "dont_know": True}, "current"),
        ({"not_applicable": True, "current": 2}, "current"),
        ({"not_applicable": True}, "comment"),  # no reason given
        ({"not_applicable": True, "comment": " \n "}, "comment"),
    ],
)
def test_invalid_values_are_refused(world, values, field):
    with pytest.raises(ValidationError) as raised:
        answer(world.owner_response, "DEV-01", **values)
    assert field in raised.value.message_dict
    assert not Answer.objects.exists()


def test_database_refuses_target_below_current(world):
    answer(world.owner_response, "DEV-01", current=2, target=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.update(target=1)


def test_submit_lists_what_is_missing(world):
    answer(world.owner_response, "DEV-01", current=2, target=3)
    with pytest.raises(services.IncompleteResponse) as raised:
        services.response_submit(response=world.owner_response)
    assert [q.code for q in raised.value.missing] == ["DEV-02"]


def test_submit_accepts_not_applicable_and_dont_know(world):
    answer(world.owner_response, "DEV-01", not_applicable=True, comment="Nothing to build.")
    answer(world.owner_response, "DEV-02", dont_know=True)
    services.response_submit(response=world.owner_response)
    world.owner_response.refresh_from_db()
    assert world.owner_response.is_submitted


def test_submitted_response_is_locked(world):
    answer(world.owner_response, "DEV-01", current=1, target=2)
    answer(world.owner_response, "DEV-02", current=1, target=2)
    services.response_submit(response=world.owner_response)
    world.owner_response.refresh_from_db()
    with pytest.raises(services.ResponseLocked):
        answer(world.owner_response, "DEV-01", current=2, target=2)


def fill_and_submit(response):
    answer(response, "DEV-01", current=1, target=2)
    answer(response, "DEV-02", current=1, target=2)
    services.response_submit(response=response)


def test_assessment_completes_when_everyone_submitted(world):
    fill_and_submit(world.owner_response)
    assert Assessment.objects.get().status == Assessment.Status.OPEN
    fill_and_submit(world.editor_response)
    assessment = Assessment.objects.get()
    assert assessment.status == Assessment.Status.COMPLETE and assessment.completed_at


def test_reopen_unlocks_the_response_and_the_assessment(world):
    fill_and_submit(world.owner_response)
    fill_and_submit(world.editor_response)
    world.editor_response.refresh_from_db()
    services.response_reopen(response=world.editor_response)
    world.editor_response.refresh_from_db()
    assert not world.editor_response.is_submitted
    assert Assessment.objects.get().is_open
    assert answer(world.editor_response, "DEV-01", current=2, target=2).current == 2


def test_closed_assessment_refuses_answers(world):
    services.assessment_close(assessment=world.assessment)
    world.owner_response.refresh_from_db()
    with pytest.raises(services.ResponseLocked, match="complete"):
        answer(world.owner_response, "DEV-01", current=2, target=2)


def test_copy_carries_answers_over_until_confirmed(world):
    answer(world.owner_response, "DEV-01", current=2, target=3, comment="Git")
    answer(world.owner_response, "DEV-02", not_applicable=True, comment="No code yet.")
    services.focus_weights_save(
        assessment=world.assessment, weights={"statistics": {"DATA": 3}, "it": {"DATA": 0}}
    )
    new = services.assessment_copy(
        assessment=world.assessment, title="2027", created_by=world.owner
    )
    assert new.previous == world.assessment
    copied = {a.question.code: a for a in Answer.objects.filter(response__assessment=new)}
    assert copied["DEV-01"].carried_over and copied["DEV-01"].comment == "Git"
    assert copied["DEV-02"].not_applicable
    assert new.focus_weights.get(side="statistics", focus_code="DATA").weight == 3
    assert new.focus_weights.get(side="it", focus_code="DATA").weight == 0
    response = new.responses.get(respondent=world.owner)
    with pytest.raises(services.IncompleteResponse) as raised:
        services.response_submit(response=response)
    assert {q.code for q in raised.value.unconfirmed} == {"DEV-01", "DEV-02"}
    confirmed = services.answers_confirm(
        response=response, questions=[a.question for a in copied.values()], user=world.owner
    )
    assert confirmed == 2
    services.response_submit(response=response)


def test_copy_uses_the_newest_published_version_and_matches_codes(world):
    answer(world.owner_response, "DEV-01", current=2, target=3)
    newer = make_framework(version=2, name="Tiny framework, second edition")
    new = services.assessment_copy(
        assessment=world.assessment, title="2027", created_by=world.owner
    )
    assert new.framework == newer
    copied = Answer.objects.get(response__assessment=new)
    assert copied.question.framework == newer and copied.question.code == "DEV-01"


def test_copy_leaves_out_people_who_are_no_longer_writers(world):
    Membership.objects.filter(user=world.editor).update(role=Membership.Role.VIEWER)
    new = services.assessment_copy(
        assessment=world.assessment, title="2027", created_by=world.owner
    )
    assert [r.respondent for r in new.responses.all()] == [world.owner]


def test_changing_a_carried_over_answer_confirms_it(world):
    answer(world.owner_response, "DEV-01", current=2, target=3)
    new = services.assessment_copy(
        assessment=world.assessment, title="2027", created_by=world.owner
    )
    response = new.responses.get(respondent=world.owner)
    saved = answer(response, "DEV-01", current=2, target=3)  # same values: a confirmation
    assert not saved.carried_over and saved.version == 2


def test_last_owner_cannot_leave(world):
    membership = Membership.objects.get(user=world.owner)
    with pytest.raises(ValidationError, match="at least one owner"):
        services.membership_remove(membership=membership)
    with pytest.raises(ValidationError, match="at least one owner"):
        services.membership_set_role(membership=membership, role=Membership.Role.EDITOR)


def test_invitation_works_once(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organisation=world.organisation,
            email="newcomer@example.org",
            role=Membership.Role.EDITOR,
            invited_by=world.owner,
            accept_url_for=lambda token: f"https://example.org/invitations/{token}/",
        )
    assert invitation.token in mailoutbox[0].body
    # The expiry written out as in the pages: "until 21 December 2026".
    expires = timezone.localtime(invitation.expires_at)
    assert f"until {expires.day} {expires:%B %Y}" in mailoutbox[0].body
    newcomer = make_user("newcomer")
    services.invitation_accept(invitation=invitation, user=newcomer)
    with pytest.raises(services.InvitationInvalid, match="already been used"):
        services.invitation_accept(invitation=invitation, user=make_user("second"))


def test_invitation_is_for_the_invited_address_only(world):
    invitation = services.invitation_create(
        organisation=world.organisation,
        email="Newcomer@Example.org",
        role=Membership.Role.OWNER,
        invited_by=world.owner,
        accept_url_for=lambda token: token,
    )
    with pytest.raises(services.InvitationForAnotherEmail):
        services.invitation_accept(invitation=invitation, user=world.viewer)
    assert Membership.objects.get(user=world.viewer).role == Membership.Role.VIEWER
    services.invitation_accept(invitation=invitation, user=make_user("newcomer"))


def test_a_respondent_who_left_does_not_hold_the_assessment_open(world):
    Membership.objects.filter(user=world.editor).delete()
    fill_and_submit(world.owner_response)
    assert Assessment.objects.get().status == Assessment.Status.COMPLETE


def test_same_values_from_an_older_page_are_not_a_conflict(world):
    answer(world.owner_response, "DEV-01", current=2, target=3)  # the autosave
    again = answer(world.owner_response, "DEV-01", version=0, current=2, target=3)  # the form
    assert again.version == 1


def items(*specs):
    """(code, version, values...) as the AnswerItems of a bulk save."""
    return [
        services.AnswerItem(code, services.AnswerValues(**values), version)
        for code, version, values in specs
    ]


def test_save_all_saves_every_answer(world):
    saved = services.answers_save_all(
        response=world.owner_response,
        items=items(("DEV-01", 0, {"current": 2, "target": 3}), ("DEV-02", 0, {"dont_know": True})),
        user=world.owner,
    )
    assert [(a.question.code, a.version) for a in saved] == [("DEV-01", 1), ("DEV-02", 1)]
    assert AnswerChange.objects.count() == 2


def test_save_all_saves_nothing_and_lists_every_problem(world):
    answer(world.owner_response, "DEV-01", current=1, target=1)  # version 1 elsewhere
    with pytest.raises(services.AnswersNotSaved) as raised:
        services.answers_save_all(
            response=world.owner_response,
            items=items(
                ("DEV-02", 0, {"current": 2, "target": 2}),  # fine on its own
                ("DEV-01", 0, {"current": 3}),  # changed elsewhere
                ("NOPE-01", 0, {"current": 1}),
                ("DEV-02", 0, {"current": 9}),
            ),
            user=world.owner,
        )
    problems = raised.value
    assert set(problems.errors) == {"DEV-01", "NOPE-01", "DEV-02"}
    assert problems.errors["NOPE-01"] == {"question": ["No question with this code."]}
    assert problems.errors["DEV-02"] == {"current": ["Choose one of the levels."]}
    assert problems.conflicts["DEV-01"].stored.current == 1
    assert not problems.only_conflicts and problems.total == 4
    assert "1 of" not in problems.message and "3 of 4" in problems.message
    # The valid DEV-02 saved first was undone with the rest.
    assert list(Answer.objects.values_list("question__code", "version")) == [("DEV-01", 1)]


def test_save_all_refuses_a_submitted_response(world):
    answer(world.owner_response, "DEV-01", current=1, target=1)
    answer(world.owner_response, "DEV-02", not_applicable=True, comment="No code yet.")
    services.response_submit(response=world.owner_response)
    with pytest.raises(services.ResponseLocked):
        services.answers_save_all(
            response=world.owner_response,
            items=items(("DEV-01", 1, {"current": 2})),
            user=world.owner,
        )


def test_answer_save_knows_the_frameworks_levels(world):
    # The test framework has four levels: a fifth is refused without the
    # caller saying how many there are.
    with pytest.raises(ValidationError) as raised:
        answer(world.owner_response, "DEV-01", current=5)
    assert raised.value.message_dict == {"current": ["Choose one of the levels."]}


def test_organisation_update_changes_profile_fields_only(world):
    services.organisation_update(organisation=world.organisation, name="Renamed", size="small")
    world.organisation.refresh_from_db()
    assert (world.organisation.name, world.organisation.size) == ("Renamed", "small")
    with pytest.raises(TypeError, match="not profile fields: id"):
        services.organisation_update(organisation=world.organisation, id=99)
    assert Membership.objects.filter(organisation_id=99).count() == 0
