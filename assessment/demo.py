"""Demo data for local use: an organisation with two assessments.

Accounts have well-known passwords, so the command that calls this refuses
when DEBUG is off. Everything goes through the services, as a real office's
answers would, and the answers follow a fixed pattern (no randomness), so the
demo looks the same on every machine.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment import services
from assessment.models import Assessment, Membership, Organisation, Response
from assessment.selectors import inventory_vocabulary
from capabilities.models import Framework, Question
from capabilities.selectors import framework_latest_published

DEMO_USERS = (
    # username, password, is_superuser, what it is for
    ("demo", "demo", False, gettext_lazy("owner of the demo organisation; answers questionnaires")),
    ("maria", "maria", False, gettext_lazy("editor; a second respondent")),
    ("admin", "admin", True, gettext_lazy("administrator who edits the framework at /admin/")),
)
SLUG = "ml-statistical-production"
ORGANISATION = "Statistics Demoland"
OLD_TITLE = "ML maturity 2025"
NEW_TITLE = "ML maturity 2026"

# Where the demo office stands per section a year ago and now (level ranks).
SECTION_LEVELS = {
    #          2025  2026
    "STRAT": (2, 3),
    "ORG": (1, 2),
    "PEOPLE": (1, 2),
    "COLLAB": (2, 3),
    "ENV": (1, 2),
    "DATA": (1, 2),
    "DEV": (2, 2),
    "META": (1, 1),
    "PROD": (1, 2),
    "MON": (1, 1),
    "QUAL": (1, 2),
}
# The questions the level criteria name (version 2), set so that the demo tells
# the story the staged level is for: a year ago the Spreading basics were in
# place while most technical work was at Initial; now ML work is centralised
# in a hub, with training and a strategy (Widespread), and pipelines and
# monitoring are still behind. Both respondents agree on these.
CRITERIA_LEVELS = {
    #              2025  2026
    "COLLAB-02": (2, 3),
    "ENV-01": (2, 3),
    "STRAT-02": (2, 3),
    "PROD-01": (2, 2),
    "ORG-01": (1, 3),
    "ORG-03": (2, 3),
    "PEOPLE-03": (1, 3),
    "STRAT-01": (1, 3),
}
NOT_APPLICABLE = {"COLLAB-04"}
DONT_KNOW = {"QUAL-06"}
COMMENTS = {
    "STRAT-01": "The ML strategy was approved by the board in March; funding for the platform "
    "is still decided project by project.",
    "STRAT-03": "Use cases come from the annual work programme; we lack a scoring method.",
    "ORG-01": "A small hub in the IT division since last year; spokes in business and "
    "labour statistics.",
    "ORG-04": "Coding of occupations (GSBPM 5.2) is the first ML step in regular production.",
    "PEOPLE-02": "Two data scientists left for the private sector in 2025; salary scales "
    "are the main obstacle.",
    "PEOPLE-03": "A four-day introduction course runs twice a year, in cooperation with "
    "the university.",
    "COLLAB-02": "The ML community meets monthly; about 40 members from eight divisions.",
    "COLLAB-03": "We use scikit-learn and PyTorch; our text-classification pipeline is "
    "published on GitHub.",
    "ENV-02": "The sandbox runs on JupyterHub with pseudonymised data; GPU access is "
    "requested by ticket.",
    "ENV-04": "Cloud is not allowed for confidential microdata; on-premises Kubernetes "
    "is being tested.",
    "DATA-02": "Training data for the occupation coder are frozen per release, but by "
    "hand, as dated copies.",
    "DEV-01": "All ML code is in the internal GitLab.",
    "DEV-04": "CI runs unit tests; deployment to production is still done by hand by IT.",
    "META-01": "Some teams use MLflow, others keep results in spreadsheets.",
    "PROD-02": "Records the model is unsure about go to manual coders; the threshold is "
    "reviewed every quarter.",
    "MON-01": "Coders check a 2% sample of automatically coded records every month.",
    "MON-04": "Retraining is done once a year by the data scientist who built the model.",
    "QUAL-01": "We follow QF4SA informally; a written quality guideline is planned.",
    "QUAL-07": "The security office reviewed the sandbox; models in production are not "
    "yet covered by the security plan.",
}
EVIDENCE = {
    "STRAT-01": "https://intranet.example.org/strategy/ml-2026",
    "COLLAB-03": "https://github.com/example-statistics/occupation-coder",
    "PROD-02": "https://intranet.example.org/production/lfs/coding-process",
}


def demo_load() -> list[str]:
    """Create whatever of the demo is missing; return what was created."""
    created = []
    users = {}
    user_model = get_user_model()
    for username, password, superuser, _purpose in DEMO_USERS:
        user, was_created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if was_created:
            user.set_password(password)
            user.save(update_fields=["password"])
            created.append(_("user %(username)s") % {"username": username})
        users[username] = user
    framework = framework_latest_published(SLUG)
    if framework is None:
        return created  # no framework loaded yet: nothing to assess
    # Last year's assessment was made with version 1 when it is loaded, as an
    # office that has used the tool for a while would have it.
    first = Framework.objects.filter(slug=SLUG, version=1).first() or framework
    if not Organisation.objects.filter(name=ORGANISATION).exists():
        _create_organisation(users, first, framework)
        created.append(_("organisation %(name)s with two assessments") % {"name": ORGANISATION})
    # Imported here: the benchmark builds on assessments, not the other way round.
    from benchmark.demo import demo_contribute, demo_peers_load

    created += demo_peers_load(framework)
    newest = Assessment.objects.filter(organisation__name=ORGANISATION, title=NEW_TITLE).first()
    if newest is not None and not newest.is_open:
        demo_contribute(newest, users["demo"])
    return created


@transaction.atomic
def _create_organisation(users: dict, first: Framework, framework: Framework) -> None:
    demo, maria = users["demo"], users["maria"]
    organisation = services.organisation_create(
        owner=demo,
        name=ORGANISATION,
        country="Demoland",
        region=Organisation.Region.EUROPE,
        kind=Organisation.Kind.NSO,
        size=Organisation.Size.LARGE,
        structure_code="HUB-SPOKE",
        deliverable_codes=["SOLUTIONS", "PLATFORMS"],
    )
    Membership.objects.create(organisation=organisation, user=maria, role=Membership.Role.EDITOR)
    old = services.assessment_start(
        organisation=organisation,
        framework=first,
        title=OLD_TITLE,
        respondents=[demo],
        created_by=demo,
    )
    _answer_all(old.responses.get(), first, year=0, respondent_shift=0)
    services.response_submit(response=old.responses.get())
    # A year ago, as the demo tells it.
    a_year_ago = timezone.now() - timedelta(days=365)
    Assessment.objects.filter(pk=old.pk).update(created_at=a_year_ago, completed_at=a_year_ago)
    Response.objects.filter(assessment=old).update(submitted_at=a_year_ago)

    new = services.assessment_start(
        organisation=organisation,
        framework=framework,
        title=NEW_TITLE,
        respondents=[demo, maria],
        created_by=demo,
    )
    new.previous = old
    new.save(update_fields=["previous"])
    services.focus_weights_save(
        assessment=new,
        # The framework's defaults per side, adjusted as this office sees it.
        weights={
            "statistics": {"PROD-LOGIC": 3, "DATA": 3, "SECURITY": 2},
            "it": {"SECURITY": 3, "AUTOMATION": 3, "COMPUTE": 2},
        },
    )
    # Recorded while open: the last submission completes the assessment.
    _record_inventory(new)
    for response, perspective, shift in (
        (new.responses.get(respondent=demo), Response.Perspective.IT, 0),
        (new.responses.get(respondent=maria), Response.Perspective.METHODOLOGY, 1),
    ):
        services.response_set_perspective(response=response, perspective=perspective)
        _answer_all(response, framework, year=1, respondent_shift=shift)
        services.response_submit(response=response)


# What the demo office runs: (name, purpose, phase, sub-process, stage,
# method, run by, components). Hub and spoke, as its profile says.
SOLUTIONS = (
    (
        "Occupation coder (ISCO-08)",
        "Codes the job titles of the labour force survey; uncertain records go to manual coders.",
        "5",
        "5.2",
        "production",
        "coding",
        "Spoke: labour statistics",
        ["C1", "C2", "C7"],
    ),
    (
        "Economic activity coder (NACE)",
        "Suggests NACE codes for new units of the "
        "business register from their activity descriptions.",
        "5",
        "5.2",
        "production",
        "coding",
        "Spoke: business statistics",
        ["C1", "C2"],
    ),
    (
        "Enterprise website classifier",
        "Derives e-commerce and ICT-use indicators from the text of enterprise websites.",
        "5",
        "5.5",
        "production",
        "text-image",
        "Hub: ML team in IT",
        ["C2", "C3"],
    ),
    (
        "Web-scraped price classifier (COICOP)",
        "Classifies scraped product offers of "
        "online shops into COICOP for the consumer price index.",
        "5",
        "5.2",
        "pilot",
        "classification",
        "Spoke: price statistics",
        ["C2", "C3", "C7"],
    ),
    (
        "VAT turnover edit detection",
        "Flags implausible turnover in monthly VAT returns "
        "for review, ranked by influence on the aggregate.",
        "5",
        "5.3",
        "pilot",
        "edit-detection",
        "Hub: ML team in IT",
        ["C2"],
    ),
    (
        "Turnover imputation for structural business statistics",
        "Imputes missing turnover with gradient-boosted trees instead of ratio imputation.",
        "5",
        "5.4",
        "experiment",
        "imputation",
        "Hub: ML team in IT",
        ["C2", "C7"],
    ),
    (
        "Linking health and education registers",
        "Probabilistic linkage of two registers that share no common identifier.",
        "5",
        "5.1",
        "experiment",
        "record-linkage",
        "Spoke: social statistics",
        [],
    ),
    (
        "Address matching (rule-based with ML)",
        "Matched addresses to the building register; replaced by the new address service in 2025.",
        "5",
        "5.1",
        "retired",
        "record-linkage",
        "Hub: ML team in IT",
        ["C2"],
    ),
    (
        "GDP flash nowcast",
        "Nowcasts quarterly GDP growth from card payments and "
        "electricity use, 30 days after the quarter.",
        "6",
        "6.1",
        "pilot",
        "nowcasting",
        "Spoke: national accounts",
        ["C2", "C7"],
    ),
    (
        "Job vacancy nowcast from online job ads",
        "Estimates vacancies between survey waves from scraped job advertisements.",
        "6",
        "6.1",
        "experiment",
        "nowcasting",
        "Hub: ML team in IT",
        ["C2"],
    ),
    (
        "Non-response prediction for adaptive survey design",
        "Predicts which households are unlikely to respond, to plan extra contact attempts.",
        "2",
        "2.4",
        "pilot",
        "classification",
        "Spoke: social statistics",
        ["C2"],
    ),
    (
        "Coding free-text answers of the time-use survey",
        "Whether ML can code activity diaries in the next survey round.",
        "2",
        "2.5",
        "idea",
        "coding",
        "Spoke: social statistics",
        [],
    ),
    (
        "Crop area from satellite imagery",
        "Classifies crop types from Sentinel-2 images to replace part of the crop survey.",
        "4",
        "4.3",
        "experiment",
        "text-image",
        "Spoke: agriculture statistics",
        ["C5"],
    ),
)

# component code -> (status, tools, shared with the rest of IT)
COMPONENTS = {
    "C1": ("partly", "GitLab CI (tests only; deployment by hand)", True),
    "C2": ("in-place", "GitLab", True),
    "C3": ("partly", "Airflow (pilot in price statistics)", False),
    "C4": ("none", "", False),
    "C5": ("partly", "Shared GPU server, JupyterHub", False),
    "C6": ("none", "", False),
    "C7": ("partly", "MLflow (some teams)", False),
    "C8": ("none", "", False),
    "C9": ("partly", "Zabbix for servers; no model monitoring", True),
    "C10": ("partly", "Batch interface to the coding system", True),
    "C11": ("partly", "JupyterHub sandbox", False),
    "C12": ("in-place", "GitLab, Confluence", True),
    "C13": ("partly", "On-premises Kubernetes (test)", True),
}

# role code -> (people holding it, people needed, hard to recruit or keep)
ROLES = {
    "R1": (6, 6, False),
    "R2": (1, 2, False),
    "R3": (5, 8, True),
    "R4": (1, 3, True),
    "R5": (12, 12, False),
    "R6": (0, 2, True),
    "R7": (0, 2, True),
    "R8": (4, 4, False),
    "R9": (20, 20, False),
    "R10": (8, 8, False),
}


def _record_inventory(assessment: Assessment) -> None:
    """The demo office's ML solutions, components and roles, for the framework
    at hand (codes it does not have are left out)."""
    vocabulary = inventory_vocabulary(assessment.framework)
    phases = {code for code, _name in vocabulary.phases}
    components = {code for code, _name in vocabulary.components}
    roles = {code for code, _name in vocabulary.roles}
    for name, purpose, phase, sub, stage, method, run_by, used in SOLUTIONS:
        if phase not in phases:
            continue
        services.ml_solution_save(
            assessment=assessment,
            values={
                "name": name,
                "purpose": purpose,
                "phase_code": phase,
                "subprocess_code": sub if vocabulary.subprocess_phase(sub) == phase else "",
                "stage": stage,
                "method": method,
                "run_by": run_by,
                "component_codes": [c for c in used if c in components],
            },
        )
    services.component_statuses_save(
        assessment=assessment,
        statuses={
            code: services.ComponentValues(status, tools, shared)
            for code, (status, tools, shared) in COMPONENTS.items()
            if code in components
        },
    )
    services.role_statuses_save(
        assessment=assessment,
        statuses={
            code: services.RoleValues(held, needed, hard)
            for code, (held, needed, hard) in ROLES.items()
            if code in roles
        },
    )


def _answer_all(response, framework: Framework, *, year: int, respondent_shift: int):
    questions = (
        Question.objects.filter(framework=framework)
        .select_related("section")
        .order_by("section__position", "position")
    )
    level_count = framework.levels.count()
    for index, question in enumerate(questions):
        base = SECTION_LEVELS.get(question.section.code, (1, 2))[year]
        # A fixed wobble around the section's level, and a second respondent
        # who sometimes sees things differently: disagreement to show.
        wobble = (0, 1, 0, -1, 0)[index % 5]
        disagreement = respondent_shift * (1 if index % 4 == 0 else -1 if index % 7 == 0 else 0)
        current = max(1, min(level_count, base + wobble + disagreement))
        if question.code in CRITERIA_LEVELS:
            current = CRITERIA_LEVELS[question.code][year]
        target = min(level_count, current + (2 if index % 3 == 0 else 1))
        values = services.AnswerValues(
            current=current,
            target=target,
            comment=COMMENTS.get(question.code, "") if respondent_shift == 0 else "",
            evidence_url=EVIDENCE.get(question.code, "") if respondent_shift == 0 else "",
        )
        if question.code in NOT_APPLICABLE:
            values = services.AnswerValues(
                not_applicable=True, comment="We do not share platforms yet."
            )
        elif question.code in DONT_KNOW and respondent_shift:
            values = services.AnswerValues(dont_know=True)
        services.answer_save(
            response=response,
            question=question,
            values=values,
            based_on_version=0,
            user=response.respondent,
        )
