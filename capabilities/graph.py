"""Pure helpers for the capability dependency graph (no database)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def find_cycle(needs: Mapping[str, Iterable[str]]) -> list[str] | None:
    """Return one dependency cycle as a closed path (``[a, b, a]``), or None.

    ``needs`` maps each node to the nodes it needs first. Nodes that are only
    named as prerequisites count as nodes without prerequisites. Iterative, so
    a long chain cannot hit the recursion limit.
    """
    unvisited, in_progress, done = 0, 1, 2
    state: dict[str, int] = {}
    for start in sorted(needs):
        if state.get(start, unvisited) != unvisited:
            continue
        path = [start]
        state[start] = in_progress
        stack = [iter(sorted(needs.get(start, ())))]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                state[path.pop()] = done
                continue
            nxt_state = state.get(nxt, unvisited)
            if nxt_state == in_progress:
                return path[path.index(nxt) :] + [nxt]
            if nxt_state == unvisited:
                state[nxt] = in_progress
                path.append(nxt)
                stack.append(iter(sorted(needs.get(nxt, ()))))
    return None


def describe_cycle(cycle: list[str]) -> str:
    return " → ".join(cycle)
