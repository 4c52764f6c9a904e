"""capabilities.graph: cycle detection, without the database."""

import pytest

from capabilities.graph import describe_cycle, find_cycle


@pytest.mark.parametrize(
    ("needs", "expected"),
    [
        ({}, None),
        ({"A": []}, None),
        ({"A": ["B"], "B": []}, None),
        ({"A": ["B"]}, None),  # B only named as a prerequisite
        ({"A": ["B", "C"], "B": ["C"], "C": []}, None),  # diamond, no cycle
        ({"A": ["A"]}, ["A", "A"]),
        ({"A": ["B"], "B": ["A"]}, ["A", "B", "A"]),
        ({"A": ["B"], "B": ["C"], "C": ["A"]}, ["A", "B", "C", "A"]),
        ({"X": ["A"], "A": ["B"], "B": ["A"]}, ["A", "B", "A"]),
    ],
)
def test_find_cycle(needs, expected):
    assert find_cycle(needs) == expected


def test_long_chain_does_not_hit_the_recursion_limit():
    needs = {f"N{i}": [f"N{i + 1}"] for i in range(5000)}
    assert find_cycle(needs) is None
    needs["N5000"] = ["N0"]
    assert len(find_cycle(needs)) == 5002


def test_describe_cycle():
    assert describe_cycle(["A", "B", "A"]) == "A → B → A"
