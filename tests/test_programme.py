"""The small integer programme under the repair plan: a solver hiccup is not "no plan"."""

from __future__ import annotations

import math

from orgtui.core.domain.programme import Programme


def test_a_programme_highs_fails_on_without_presolve_is_still_solved():
    # Found by the brute-force property test of the repair plan (a 5-duty, 3-position org
    # with efforts): HiGHS' branch and bound without presolve ends in "Solve error" on it.
    programme = Programme()
    for _ in range(15):
        programme.variable()
    overflow = [programme.variable(integral=False, upper=math.inf) for _ in range(3)]
    for duty in range(5):  # every duty gets an owner among three positions
        programme.row({3 * duty + p: 1.0 for p in range(3)}, lower=1)
    efforts = [0.5, 0.8, 0.2, 0.3, 0.2]
    for position, room in enumerate([0.250001, 0.500001, 0.500001]):
        row = {3 * duty + position: work for duty, work in enumerate(efforts)}
        row[overflow[position]] = -1.0
        programme.row(row, upper=room)
    programme.row(dict.fromkeys(overflow, 1.0), upper=0.749998)
    weights = [1.0014609061513888, 1.004392457828509, 1.0029412910514628, 1.0014609061513888, 1.0102360824340644,
               1.008784915657018, 0.9956172815458335, 1.004392457828509, 1.0029412910514628, 1.0014609061513888,
               1.004392457828509, 1.0029412910514628, 1.0058436246055553, 1.004392457828509, 1.0058631033542405]
    x = programme.minimise(dict(enumerate(weights)))
    for duty in range(5):
        assert sum(round(x[3 * duty + p]) for p in range(3)) >= 1
    assert sum(x[v] for v in overflow) <= 0.749998 + 1e-6
