from django.urls import path

from assessment.views import assessments, inventory, invitations, organisations, questionnaire

urlpatterns = [
    path("", organisations.dashboard, name="home"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path(
        "organisations/<int:pk>/invite/", organisations.invitation_create, name="invitation_create"
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        organisations.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "organisations/<int:pk>/members/<int:member_pk>/role/",
        organisations.member_role,
        name="member_role",
    ),
    path(
        "organisations/<int:pk>/members/<int:member_pk>/remove/",
        organisations.member_remove,
        name="member_remove",
    ),
    path(
        "organisations/<int:pk>/assessments/new/",
        assessments.assessment_start,
        name="assessment_start",
    ),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<int:pk>/perspective/",
        assessments.response_perspective,
        name="response_perspective",
    ),
    path("assessments/<int:pk>/focus/", assessments.focus_weights, name="focus_weights"),
    path("assessments/<int:pk>/submit/", assessments.response_submit, name="response_submit"),
    path(
        "assessments/<int:pk>/submitted/",
        assessments.response_submitted,
        name="response_submitted",
    ),
    path(
        "assessments/<int:pk>/responses/<int:response_pk>/reopen/",
        assessments.response_reopen,
        name="response_reopen",
    ),
    path("assessments/<int:pk>/close/", assessments.assessment_close, name="assessment_close"),
    path("assessments/<int:pk>/copy/", assessments.assessment_copy, name="assessment_copy"),
    path("assessments/<int:pk>/history/", assessments.answer_history, name="answer_history"),
    path("assessments/<int:pk>/inventory/", inventory.inventory, name="inventory"),
    path(
        "assessments/<int:pk>/inventory/solutions/new/",
        inventory.solution_add,
        name="inventory_solution_add",
    ),
    path(
        "assessments/<int:pk>/inventory/solutions/<int:solution_pk>/",
        inventory.solution_edit,
        name="inventory_solution_edit",
    ),
    path(
        "assessments/<int:pk>/inventory/solutions/<int:solution_pk>/delete/",
        inventory.solution_delete,
        name="inventory_solution_delete",
    ),
    path(
        "assessments/<int:pk>/inventory/components/",
        inventory.components_save,
        name="inventory_components",
    ),
    path("assessments/<int:pk>/inventory/roles/", inventory.roles_save, name="inventory_roles"),
    path(
        "assessments/<int:pk>/questionnaire/",
        questionnaire.questionnaire_resume,
        name="questionnaire",
    ),
    path(
        "assessments/<int:pk>/questionnaire/<code:section_code>/",
        questionnaire.questionnaire_section,
        name="questionnaire_section",
    ),
    path(
        "assessments/<int:pk>/questionnaire/<code:section_code>/confirm-carried-over/",
        questionnaire.questionnaire_confirm,
        name="questionnaire_confirm",
    ),
    path(
        "assessments/<int:pk>/questionnaire/<code:section_code>/<code:question_code>/",
        questionnaire.answer_autosave,
        name="answer_autosave",
    ),
]
