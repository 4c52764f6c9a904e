"""reports.results.structure_fit: pure, as a table of cases."""

import pytest

from reports.results import structure_fit
from reports.selectors import StructureInfo

LEVELS = ["Initial", "Spreading", "Widespread", "Mature"]
STRUCTURES = [
    StructureInfo("INFORMAL", "Informal network", (1, 2)),
    StructureInfo("COP", "Community of practice", (2,)),
    StructureInfo("HUB-SPOKE", "Hub and spoke", (3, 4)),
    StructureInfo("NEW", "Something new", ()),
]


@pytest.mark.parametrize(
    ("code", "level", "fits", "next_name", "typical_next"),
    [
        ("INFORMAL", 2, True, "Widespread", ["Hub and spoke"]),
        ("INFORMAL", 3, False, "Mature", ["Hub and spoke"]),
        ("HUB-SPOKE", 1, False, "Spreading", ["Informal network", "Community of practice"]),
        ("HUB-SPOKE", 4, True, None, []),
    ],
)
def test_fit_and_what_is_typical_one_level_up(code, level, fits, next_name, typical_next):
    fit = structure_fit(code, level, STRUCTURES, LEVELS)
    assert (fit.fits, fit.next_level_name, fit.typical_next) == (fits, next_name, typical_next)


@pytest.mark.parametrize(("code", "level"), [("", 2), ("UNKNOWN", 2), ("NEW", 2), ("COP", None)])
def test_nothing_to_say(code, level):
    # No structure named, one the framework does not know or says nothing of,
    # or no level yet.
    assert structure_fit(code, level, STRUCTURES, LEVELS) is None
