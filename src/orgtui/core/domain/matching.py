"""One matcher for everything a user types to find something: pickers, filters, Go to.

Managers type names the way their keyboard lets them: `jurgen` or `juergen` for Jürgen,
`lukasz` for Łukasz, `strasse` for Straße, `preis` for the German title
"Preismanagement". So text is compared *folded*: case-insensitive, accents removed
(NFKD plus a table for letters that have no decomposition, like Ł, Ø, ß), and, as a
second reading, with the German digraphs ae/oe/ue collapsed to a/o/u on both sides, so
that ü = u = ue. A word matches when it occurs in either reading.

Results are ranked, best first:

0. a primary field (a title, a name, an id) starts with the whole query;
1. every word starts a word of the primary fields;
2. every word occurs in the primary fields;
3. every word starts a word somewhere, secondary fields (holders, department path) included;
4. every word occurs somewhere.

Within a rank, shorter primary text first (the closer match), then the given order. The
index is built once per list of candidates; a query that extends the previous one only
re-checks what matched before, so typing stays cheap at 50,000 candidates.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

# Letters NFKD leaves alone (no combining mark to strip), folded as German and Polish,
# Scandinavian and Icelandic writers would spell them in ASCII.
_LETTERS = {
    "ß": "ss", "ẞ": "ss", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ı": "i", "ŀ": "l",
}
_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
WORST_RANK = 4


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _LETTERS:
        return _LETTERS[ch]
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.casefold()


def fold(text: str) -> str:
    """`text` as it is compared: lower case, no accents, ß as ss, Ł as l."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


def collapse_digraphs(folded: str) -> str:
    """The second reading of folded text: ae/oe/ue as a/o/u (so juergen = jürgen = jurgen)."""
    for digraph, letter in _DIGRAPHS:
        folded = folded.replace(digraph, letter)
    return folded


def _readings(text: str) -> tuple[str, str]:
    folded = fold(text)
    return folded, collapse_digraphs(folded)


def _occurs(word: tuple[str, str], hay: tuple[str, str]) -> bool:
    return word[0] in hay[0] or word[1] in hay[1]


def _starts_word(word: tuple[str, str], hay: tuple[str, str]) -> bool:
    for needle, text in zip(word, hay):
        start = text.find(needle)
        while start != -1:
            if start == 0 or not text[start - 1].isalnum():
                return True
            start = text.find(needle, start + 1)
    return False


@dataclass(frozen=True, slots=True)
class Candidate(Generic[K]):
    """Something to find: `primary` is what it is called (titles, name, id), `secondary`
    what it is near (its holders, its department path): matches there rank lower."""

    key: K
    primary: tuple[str, ...]
    secondary: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match(Generic[K]):
    key: K
    rank: int


@dataclass(slots=True)
class _Entry(Generic[K]):
    key: K
    order: int
    primary: tuple[str, str]  # the primary fields joined, in both readings
    everything: tuple[str, str]  # primary and secondary joined
    fields: tuple[tuple[str, str], ...]  # each primary field alone, for the prefix rank
    length: int


@dataclass(slots=True)
class MatchIndex(Generic[K]):
    """Candidates folded once; `search` ranks them for a query."""

    _entries: list[_Entry[K]] = field(default_factory=list)
    _last_query: tuple[str, ...] | None = None
    _last_hits: list[_Entry[K]] = field(default_factory=list)

    @classmethod
    def build(cls, candidates: Sequence[Candidate[K]]) -> MatchIndex[K]:
        index: MatchIndex[K] = cls()
        for order, candidate in enumerate(candidates):
            fields = tuple(_readings(text) for text in candidate.primary if text)
            primary = ("\n".join(f[0] for f in fields), "\n".join(f[1] for f in fields))
            rest = [_readings(text) for text in candidate.secondary if text]
            everything = (
                "\n".join([primary[0], *(r[0] for r in rest)]),
                "\n".join([primary[1], *(r[1] for r in rest)]),
            )
            length = len(candidate.primary[0]) if candidate.primary else 0
            index._entries.append(_Entry(candidate.key, order, primary, everything, fields, length))
        return index

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int | None = None) -> list[Match[K]]:
        """The candidates every word of `query` occurs in, best first (all, in order, for an
        empty query)."""
        words = tuple(query.split())
        if not words:
            self._last_query, self._last_hits = None, []
            hits = self._entries if limit is None else self._entries[:limit]
            return [Match(e.key, WORST_RANK) for e in hits]
        # A query that extends the last one can only match a subset of what that matched.
        pool = self._entries
        last = self._last_query
        if (
            last is not None
            and len(words) >= len(last)
            and words[: len(last) - 1] == last[:-1]
            and words[len(last) - 1].startswith(last[-1])
        ):
            pool = self._last_hits
        folded_words = [_readings(w) for w in words]
        whole = _readings(" ".join(words))
        ranked: list[tuple[int, int, int, _Entry[K]]] = []
        for entry in pool:
            if not all(_occurs(w, entry.everything) for w in folded_words):
                continue
            ranked.append((self._rank(entry, whole, folded_words), entry.length, entry.order, entry))
        ranked.sort(key=lambda r: r[:3])
        self._last_query = words
        self._last_hits = [r[3] for r in ranked]
        if limit is not None:
            ranked = ranked[:limit]
        return [Match(r[3].key, r[0]) for r in ranked]

    @staticmethod
    def _rank(entry: _Entry[K], whole: tuple[str, str], words: list[tuple[str, str]]) -> int:
        if any(f[0].startswith(whole[0]) or f[1].startswith(whole[1]) for f in entry.fields):
            return 0
        if all(_starts_word(w, entry.primary) for w in words):
            return 1
        if all(_occurs(w, entry.primary) for w in words):
            return 2
        if all(_starts_word(w, entry.everything) for w in words):
            return 3
        return 4


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of `query` occur in `text`, as (start, end) offsets into `text`
    itself (not its folded form), for underlining what matched."""
    spans: list[tuple[int, int]] = []
    # fold character by character so every folded position maps back to its source
    folded_chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for piece in _fold_char(ch):
            folded_chars.append(piece)
            origin.append(i)
    folded = "".join(folded_chars)
    for word in query.split():
        needle = fold(word)
        start = folded.find(needle) if needle else -1
        while start != -1:
            end = start + len(needle)
            spans.append((origin[start], origin[end - 1] + 1))
            start = folded.find(needle, end)
        if needle and needle not in folded:
            spans.extend(_digraph_spans(folded, origin, needle))
    return sorted(set(spans))


def _digraph_spans(folded: str, origin: list[int], needle: str) -> list[tuple[int, int]]:
    """Spans of a word found only in the collapsed reading (`juergen` in "Jürgen")."""
    target = collapse_digraphs(needle)
    # map the collapsed reading back onto folded positions
    collapsed: list[str] = []
    back: list[int] = []
    i = 0
    while i < len(folded):
        pair = folded[i : i + 2]
        if pair in ("ae", "oe", "ue"):
            collapsed.append(pair[0])
            back.append(i)
            i += 2
        else:
            collapsed.append(folded[i])
            back.append(i)
            i += 1
    joined = "".join(collapsed)
    spans = []
    start = joined.find(target) if target else -1
    while start != -1:
        end = start + len(target)
        last = back[end - 1]
        last_end = last + 2 if folded[last : last + 2] in ("ae", "oe", "ue") else last + 1
        spans.append((origin[back[start]], origin[last_end - 1] + 1))
        start = joined.find(target, end)
    return spans
