"""Reporting lines as a graph: cycles, tops, reports and layers, each asked one way."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from orgtui.core.domain.reporting import (
    cycles,
    direct_reports,
    layers,
    tops,
    would_create_cycle,
)

# md <- ecom <- dev, ecom <- cs ; a separate loop a -> b -> c -> a
ORG = {"md": None, "ecom": "md", "dev": "ecom", "cs": "ecom", "a": "b", "b": "c", "c": "a"}


def test_tops_and_direct_reports():
    assert tops(ORG) == ["md"]
    assert direct_reports(ORG)["ecom"] == ["dev", "cs"]
    assert tops({"x": "gone"}) == ["x"]  # a manager that does not exist makes a top


def test_each_cycle_is_named_once_from_its_first_position():
    assert cycles(ORG) == [["a", "b", "c"]]
    assert cycles({"p": "p"}) == [["p"]]
    assert cycles({"md": None, "x": "md"}) == []


def test_layers_count_from_the_top_and_skip_cycles():
    assert layers(ORG) == {"md": 1, "ecom": 2, "dev": 3, "cs": 3}
    under_a_loop = {"a": "b", "b": "a", "c": "a", "d": "c"}
    assert layers(under_a_loop) == {}


def test_a_move_that_would_close_a_loop_is_named_before_it_is_made():
    assert would_create_cycle(ORG, "md", "dev") == ["md", "dev", "ecom"]
    assert would_create_cycle(ORG, "cs", "dev") is None
    assert would_create_cycle(ORG, "dev", None) is None
    assert would_create_cycle(ORG, "ecom", "ecom") == ["ecom"]


@given(st.dictionaries(st.integers(0, 12), st.one_of(st.none(), st.integers(0, 12)), max_size=12))
def test_layers_and_cycles_agree_with_walking_up_by_hand(raw):
    graph = {str(k): (None if v is None else str(v)) for k, v in raw.items()}
    depth = layers(graph)
    in_cycles = {p for loop in cycles(graph) for p in loop}
    for position in graph:
        seen, node, steps = [], position, 0
        while node is not None and node in graph and node not in seen:
            seen.append(node)
            node = graph[node]
            steps += 1
        loops = node is not None and node in seen
        if loops:
            assert position not in depth
        else:
            assert depth[position] == steps
        if position in in_cycles:
            assert loops
    for loop in cycles(graph):
        for i, p in enumerate(loop):
            assert graph[p] == loop[(i + 1) % len(loop)]
