"""One matcher for everything a user types to find something: pickers, pane filters, Go to,
the palette.

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

Within a rank, shorter primary text first (the closer match), then the given order.

Cost: the index is folded once per list of candidates and kept as a few flat lists of
strings (no object per candidate, nothing for the garbage collector to walk). A word is
checked against all candidates in one list comprehension of C-speed substring tests; a
query that extends the previous one only re-checks what matched before; and a ranked
search with a limit stops at the first ranks that fill it, so typing stays cheap at
50,000 candidates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Generic, NamedTuple, TypeVar

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


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(run: re.Match[str]) -> str:
    return "".join([_fold_char(ch) for ch in run.group()])


def fold(text: str) -> str:
    """`text` as it is compared: lower case, no accents, ß as ss, Ł as l."""
    if text.isascii():
        return text.lower()
    # only the runs of non-ASCII letters need Python; the rest is folded by str.lower
    return _NON_ASCII.sub(_fold_run, text).lower()


def collapse_digraphs(folded: str) -> str:
    """The second reading of folded text: ae/oe/ue as a/o/u (so juergen = jürgen = jurgen)."""
    for digraph, letter in _DIGRAPHS:
        folded = folded.replace(digraph, letter)
    return folded


def _readings(text: str) -> tuple[str, str]:
    if "\0" in text or "\x02" in text:  # as the index reads them (its separators)
        text = text.replace("\0", " ").replace("\x02", " ")
    folded = fold(text)
    return folded, collapse_digraphs(folded)


def _fold_all(texts: list[str]) -> tuple[list[str], list[str]]:
    """Both readings of each text: folded as one "\\x02"-joined string, then split."""
    if not texts:
        return [], []
    joined = "\x02".join(texts)
    if "\0" in joined or joined.count("\x02") != len(texts) - 1:  # the separators cannot be in a text
        joined = "\x02".join(t.replace("\x02", " ").replace("\0", " ") for t in texts)
    folded = fold(joined)
    return folded.split("\x02"), collapse_digraphs(folded).split("\x02")


def _word_start(word: str) -> re.Pattern[str]:
    """`word` where it starts a word: at the start, or after anything not a letter or digit."""
    return re.compile(r"(?<![^\W_])" + re.escape(word))


class Candidate(NamedTuple, Generic[K]):
    """Something to find: `primary` is what it is called (titles, name, id), `secondary`
    what it is near (its holders, its department path): matches there rank lower.
    A plain tuple, cheap to make 50,000 of."""

    key: K
    primary: tuple[str, ...]
    secondary: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match(Generic[K]):
    key: K
    rank: int


class MatchIndex(Generic[K]):
    """Candidates folded once; `search` ranks them for a query, `keys_matching` only
    says which match (a pane filter keeps its own order)."""

    def __init__(self) -> None:
        # Kept in rank-tie order (shorter primary text first, then the given order), as
        # flat lists: candidate i is keys[i], its folded texts at the same index. A text
        # holds both readings ("\n"-separated fields, the first reading, "\0", the second),
        # so a word is one substring test, and "\n" + query tests "a field starts with it".
        self._keys: list[K] = []
        self._given: list[K] = []  # the keys in the given order (an empty query lists them so)
        self._primary: list[str] = []
        self._every: list[str] = []  # primary and secondary fields
        self._last_words: tuple[str, ...] | None = None
        self._last_hits: list[int] = []
        self.matched = 0
        """How many candidates the last query matched (all of them after an empty one)."""

    @classmethod
    def build(cls, candidates: Sequence[Candidate[K]]) -> MatchIndex[K]:
        index: MatchIndex[K] = cls()
        lengths = [len(c[1][0]) if c[1] else 0 for c in candidates]
        order = sorted(range(len(candidates)), key=lengths.__getitem__)  # stable: given order within a length
        ranked = [candidates[i] for i in order]
        # Fold every candidate's text in one go: joined into one string, folded and
        # collapsed by C-speed str methods, split again (folding is per character, so
        # this equals folding each field, and no digraph spans a separator).
        firsts, seconds = _fold_all(["".join(["\n" + t for t in c[1] if t]) for c in ranked])
        rest_firsts, rest_seconds = _fold_all(["".join(["\n" + t for t in c[2] if t]) for c in ranked])
        index._primary = [f"{a}\0{b}" for a, b in zip(firsts, seconds)]
        index._every = [f"{a}{ra}\0{b}{rb}" for a, b, ra, rb in zip(firsts, seconds, rest_firsts, rest_seconds)]
        index._keys = [c[0] for c in ranked]
        index._given = [c[0] for c in candidates]
        index.matched = len(candidates)
        return index

    def __len__(self) -> int:
        return len(self._keys)

    # -- which match -------------------------------------------------------------------

    def _hits(self, words: tuple[str, ...]) -> list[int]:
        """Indexes of the candidates every word occurs in (either reading), in rank-tie order."""
        last = self._last_words
        every = self._every
        if (
            last is not None
            and len(words) >= len(last)
            and words[: len(last) - 1] == last[:-1]
            and words[len(last) - 1].startswith(last[-1])
        ):
            # a query that extends the last one can only match a subset of what that
            # matched, and the words of the last one are known to occur: check what is new
            hits = self._last_hits
            fresh = [w for j, w in enumerate(words) if j >= len(last) or (j == len(last) - 1 and w != last[-1])]
        else:
            w0, w1 = _readings(words[0])
            if w0 == w1:
                hits = [i for i, text in enumerate(every) if w0 in text]
            else:
                hits = [i for i, text in enumerate(every) if w0 in text or w1 in text]
            fresh = list(words[1:])
        for word in fresh:
            w0, w1 = _readings(word)
            if w0 == w1:
                hits = [i for i in hits if w0 in every[i]]
            else:
                hits = [i for i in hits if w0 in every[i] or w1 in every[i]]
        self._last_words, self._last_hits = words, hits
        return hits

    def keys_matching(self, query: str) -> list[K]:
        """The keys of the candidates every word of `query` occurs in (all for an empty one)."""
        words = tuple(query.split())
        if not words:
            self._last_words, self._last_hits = None, []
            self.matched = len(self._keys)
            return list(self._given)
        keys = self._keys
        hits = self._hits(words)
        self.matched = len(hits)
        return [keys[i] for i in hits]

    # -- ranked --------------------------------------------------------------------------

    def search(self, query: str, limit: int | None = None) -> list[Match[K]]:
        """The candidates every word of `query` occurs in, best first (all, in the given
        order, for an empty query). With a `limit`, the ranks below those that fill it
        are never worked out."""
        words = tuple(query.split())
        if not words:
            self._last_words, self._last_hits = None, []
            self.matched = len(self._keys)
            shown = self._given if limit is None else self._given[:limit]
            return [Match(k, WORST_RANK) for k in shown]
        hits = self._hits(words)
        self.matched = len(hits)
        primary, every = self._primary, self._every
        heads = {"\n" + w for w in _readings(" ".join(words))}
        folded = [set(_readings(w)) for w in words]
        starts = [[_word_start(w) for w in readings] for readings in folded]
        tiers: tuple[Callable[[int], bool], ...] = (
            lambda i: any(h in primary[i] for h in heads),
            lambda i: all(any(s.search(primary[i]) for s in ss) for ss in starts),
            lambda i: all(any(w in primary[i] for w in ws) for ws in folded),
            lambda i: all(any(s.search(every[i]) for s in ss) for ss in starts),
        )
        keys = self._keys
        out: list[Match[K]] = []
        remaining = hits
        for rank, test in enumerate(tiers):
            need = len(remaining) if limit is None else limit - len(out)
            if need <= 0 or not remaining:
                return out
            tier = list(islice((i for i in remaining if test(i)), need))
            out.extend(Match(keys[i], rank) for i in tier)
            if len(tier) == need and limit is not None:
                return out
            if tier:
                taken = set(tier)
                remaining = [i for i in remaining if i not in taken]
        need = len(remaining) if limit is None else limit - len(out)
        out.extend(Match(keys[i], WORST_RANK) for i in remaining[:need])
        return out


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
