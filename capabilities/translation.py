"""Which framework texts carry a value per language (django-modeltranslation).

Each field listed gets one column per language in settings.LANGUAGES
(``name_en``, ``name_fr``); ``obj.name`` reads the active language and falls
back to English, so pages, exports and the PDF need no change. English is
the base every text must have (capabilities.document checks it on loading).
Codes, ranks, weights and sources are not translated: a source quotes the
report in its own words.
"""

from modeltranslation.translator import TranslationOptions, register

from capabilities.models import (
    Capability,
    Component,
    DeliverableType,
    FocusArea,
    Framework,
    Level,
    LevelCriterion,
    LevelDescriptor,
    OrganisationalStructure,
    Principle,
    ProcessPhase,
    ProcessSubprocess,
    Question,
    Role,
    Section,
    StructureOwner,
)

# Model -> its translated fields. capabilities.document and the selectors
# read this to know which texts a document may translate.
TRANSLATED_FIELDS: dict[type, tuple[str, ...]] = {
    Framework: ("name", "description"),
    Level: ("name", "description"),
    Principle: ("name", "description"),
    Component: ("name", "description", "overlap"),
    Role: ("name", "description"),
    DeliverableType: ("name", "description"),
    OrganisationalStructure: ("name", "description", "strengths", "risks"),
    StructureOwner: ("owner",),
    FocusArea: ("name", "description"),
    ProcessPhase: ("name", "description", "ml_use"),
    ProcessSubprocess: ("name", "description"),
    Capability: ("name", "description"),
    Section: ("name", "description"),
    Question: ("text", "help"),
    LevelDescriptor: ("text",),
    LevelCriterion: ("note",),
}

for _model, _fields in TRANSLATED_FIELDS.items():
    register(_model)(
        type(f"{_model.__name__}Translation", (TranslationOptions,), {"fields": _fields})
    )
