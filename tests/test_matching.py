"""The one matcher: what a German-speaking manager types finds what they mean, best first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from orgtui.core.domain.matching import Candidate, MatchIndex, fold, match_spans


def keys(index: MatchIndex[str], query: str) -> list[str]:
    return [m.key for m in index.search(query)]


PEOPLE = MatchIndex.build(
    [
        Candidate("p1", ("Jürgen Ødegaard",)),
        Candidate("p2", ("Łukasz Zimmermann",)),
        Candidate("p3", ("Zoë Çelik",)),
        Candidate("p4", ("Anja Großmann",)),
        Candidate("p5", ("Tobias Wendt",)),
    ]
)


def test_accents_and_german_spellings_find_the_same_person():
    for typed in ("jurgen", "juergen", "JÜRGEN", "jürgen", "odegaard", "ødegaard"):
        assert keys(PEOPLE, typed) == ["p1"], typed
    assert keys(PEOPLE, "lukasz zimm") == ["p2"]
    assert keys(PEOPLE, "zoe celik") == ["p3"]
    assert keys(PEOPLE, "grossmann") == ["p4"]
    assert keys(PEOPLE, "großmann") == ["p4"]


def test_every_word_must_match_and_nothing_matches_nonsense():
    assert keys(PEOPLE, "jurgen wendt") == []
    assert keys(PEOPLE, "qqq") == []


def test_empty_query_lists_everything_in_order():
    assert keys(PEOPLE, "  ") == ["p1", "p2", "p3", "p4", "p5"]


def test_german_titles_are_searched_too():
    duties = MatchIndex.build(
        [
            Candidate("pricing", ("Pricing", "Preismanagement", "pricing")),
            Candidate("marketplace", ("Marketplace management", "Marktplatz-Manager", "marketplace")),
        ]
    )
    assert keys(duties, "preis") == ["pricing"]
    assert keys(duties, "markt") == ["marketplace"]


def test_title_matches_rank_above_holder_matches():
    # `shop man`: the position titled "Shop manager" beats the one whose holder is called Mann
    index = MatchIndex.build(
        [
            Candidate("head", ("Head of Shop & Platform Nord",), ("Łukasz Zimmermann",)),
            Candidate("mgr", ("Online Shop Manager",), ("Eva Roth",)),
        ]
    )
    assert keys(index, "shop man") == ["mgr", "head"]


def test_a_whole_prefix_beats_word_starts_which_beat_substrings():
    index = MatchIndex.build(
        [
            Candidate("sub", ("Omnichannel data",)),  # "chan" inside a word
            Candidate("word", ("Sales channel",)),  # "chan" starts a word
            Candidate("prefix", ("Channel strategy",)),  # the title starts with it
        ]
    )
    assert keys(index, "chan") == ["prefix", "word", "sub"]


def test_typing_on_narrows_the_last_result_and_agrees_with_a_fresh_search():
    names = [f"Person {i} {'Müller' if i % 3 else 'Meier'}" for i in range(300)]
    index = MatchIndex.build([Candidate(str(i), (n,)) for i, n in enumerate(names)])
    fresh = MatchIndex.build([Candidate(str(i), (n,)) for i, n in enumerate(names)])
    for typed in ("m", "mu", "mue", "muel", "mueller", "mueller 1"):
        assert keys(index, typed) == keys(fresh, typed), typed
        fresh = MatchIndex.build([Candidate(str(i), (n,)) for i, n in enumerate(names)])


def test_spans_point_into_the_text_as_typed():
    assert match_spans("Jürgen Ødegaard", "jurg") == [(0, 4)]
    assert match_spans("Jürgen Ødegaard", "juerg") == [(0, 4)]
    assert match_spans("Anja Großmann", "ssm") == [(8, 10)]
    assert match_spans("Sales channel", "an") == [(8, 10)]


@given(st.text(max_size=20), st.text(min_size=1, max_size=5))
def test_a_word_taken_from_the_text_always_matches_it(text, _):
    if not fold(text).strip():
        return
    word = text.split()[0] if text.split() else ""
    if not word:
        return
    index = MatchIndex.build([Candidate("x", (text,))])
    assert keys(index, word) == ["x"]


def test_a_limited_search_gives_the_head_of_the_full_ranking():
    names = [f"{first} {last}" for first in ("Jürgen", "Jana", "Ute", "Jonas") for last in ("Jäger", "Maier", "Juhl", "Berg")]
    index = MatchIndex.build([Candidate(str(i), (n,), ("Jugend",) if i % 2 else ()) for i, n in enumerate(names)])
    for query in ("j", "ju", "j m", "jugend", "e"):
        full = [(m.key, m.rank) for m in MatchIndex.build(
            [Candidate(str(i), (n,), ("Jugend",) if i % 2 else ()) for i, n in enumerate(names)]).search(query)]
        for limit in (1, 3, 7, 100):
            assert [(m.key, m.rank) for m in index.search(query, limit)] == full[:limit], (query, limit)
        assert index.matched == len(full)


def test_keys_matching_says_which_match_and_how_many():
    assert sorted(PEOPLE.keys_matching("mann")) == ["p2", "p4"]
    assert PEOPLE.matched == 2
    assert PEOPLE.keys_matching("") == ["p1", "p2", "p3", "p4", "p5"]
    assert PEOPLE.matched == 5


def test_a_separator_typed_in_a_name_does_not_shift_the_other_candidates():
    index = MatchIndex.build([Candidate("a", ("Bad\x02Name\x00",)), Candidate("b", ("Jürgen",))])
    assert [m.key for m in index.search("jurgen")] == ["b"]
    assert [m.key for m in index.search("bad name")] == ["a"]
