"""A small integer programme in SciPy's HiGHS: variables, sparse rows, and one solve.

What repair.py needs and nothing more: binary or continuous variables with bounds, rows
`lower <= sum(coefficient * variable) <= upper`, and a minimum. Each solve tries the
linear relaxation first: when its optimum is integral (rows such as "one owner per duty"
often make it so) that is the integer optimum too, found ten times faster; otherwise
`milp` branches, without HiGHS' MIP presolve (seconds on 20,000 binaries, no gain here).
SciPy is imported only here, when a programme is solved.
"""

from __future__ import annotations

import math
from typing import Any

INFINITY = math.inf
_SOLVER_FAILED = 4  # scipy.optimize.milp's status for "other" (not infeasible, not a limit)
_INFEASIBLE = 2  # linprog's status for "the problem is infeasible"


class ProgrammeError(Exception):
    """The solver found no solution (infeasible, or it stopped)."""


class Infeasible(ProgrammeError):
    """Even the linear relaxation has no solution, so no integer one exists either."""


class Programme:
    def __init__(self) -> None:
        self.integral: list[bool] = []
        self.upper: list[float] = []
        # the rows as the matrix's coordinates, in the order they were given, so a solve
        # builds the sparse matrix in one call (and again only when rows or variables grew)
        self._row_of: list[int] = []
        self._column: list[int] = []
        self._value: list[float] = []
        self._lower_rhs: list[float] = []
        self._upper_rhs: list[float] = []
        self._matrix: tuple[tuple[int, int], Any] | None = None  # ((rows, variables), CSR)
        self.gap = 0.0  # the largest relative MIP gap a solve ended with (0: each proven optimal)

    @property
    def row_count(self) -> int:
        return len(self._lower_rhs)

    def variable(self, integral: bool = True, upper: float = 1.0) -> int:
        self.integral.append(integral)
        self.upper.append(upper)
        return len(self.integral) - 1

    def row(self, coefficients: dict[int, float], lower: float = -INFINITY, upper: float = INFINITY) -> None:
        self._row_of.extend([len(self._lower_rhs)] * len(coefficients))
        self._column.extend(coefficients)
        self._value.extend(coefficients.values())
        self._lower_rhs.append(lower)
        self._upper_rhs.append(upper)

    def fix_to_zero(self, variables: list[int]) -> None:
        for v in variables:
            self.upper[v] = 0.0

    def minimise(self, objective: dict[int, float], give_up_if_infeasible: bool = False) -> list[float]:
        """The values of a solution of least objective; raises ProgrammeError. With
        `give_up_if_infeasible`, an infeasible relaxation raises Infeasible at once rather
        than letting milp prove it again (a caller that has another way to go)."""
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, linprog, milp

        n = len(self.integral)
        if n == 0:
            return []
        cost = np.zeros(n)
        for v, weight in objective.items():
            cost[v] = weight
        integrality = np.array([1.0 if i else 0.0 for i in self.integral])
        upper = np.array(self.upper)
        lower_rhs = np.array(self._lower_rhs)
        upper_rhs = np.array(self._upper_rhs)
        matrix = self._csr()
        relaxed = linprog(cost, bounds=np.column_stack([np.zeros(n), upper]), method="highs",
                          **_as_linprog(matrix, lower_rhs, upper_rhs))
        if relaxed.status == 0 and _integral(relaxed.x, integrality):
            return [float(x) for x in np.where(integrality == 1, np.round(relaxed.x), relaxed.x)]
        if give_up_if_infeasible and relaxed.status == _INFEASIBLE:
            raise Infeasible(str(relaxed.message))
        constraints = [LinearConstraint(matrix, lower_rhs, upper_rhs)] if matrix is not None else []
        options: dict[str, Any] = {"mip_rel_gap": 0.0, "time_limit": 60.0, "presolve": False}
        result = milp(cost, integrality=integrality, bounds=Bounds(np.zeros(n), upper), constraints=constraints,
                      options=options)
        if result.x is None and result.status == _SOLVER_FAILED:
            # HiGHS without presolve can fail on some small degenerate programmes ("Solve
            # error" after transformNewIntegerFeasibleSolution), found by the brute-force
            # property test: the same programme with presolve solves. Only then pay for it.
            result = milp(cost, integrality=integrality, bounds=Bounds(np.zeros(n), upper), constraints=constraints,
                          options={**options, "presolve": True})
        if result.x is None:
            raise ProgrammeError(str(result.message))
        if result.status != 0:  # stopped at the time limit with a solution: say how far it may be
            gap = getattr(result, "mip_gap", None)
            self.gap = max(self.gap, float(gap) if gap is not None else INFINITY)
        return [float(x) for x in result.x]

    def _csr(self) -> Any:
        """The rows as a sparse matrix (None without rows), built again only when it grew."""
        from scipy.sparse import coo_matrix

        shape = (len(self._lower_rhs), len(self.integral))
        if not shape[0]:
            return None
        if self._matrix is None or self._matrix[0] != shape:
            coordinates = (self._row_of, self._column)
            self._matrix = (shape, coo_matrix((self._value, coordinates), shape=shape).tocsr())
        return self._matrix[1]


def _as_linprog(matrix: Any, lower: Any, upper: Any) -> dict[str, Any]:
    """milp's two-sided rows as linprog's A_ub x <= b_ub and A_eq x = b_eq."""
    import numpy as np
    from scipy.sparse import vstack

    if matrix is None:
        return {}
    eq = lower == upper
    has_upper = ~eq & np.isfinite(upper)
    has_lower = ~eq & np.isfinite(lower)
    out: dict[str, Any] = {}
    parts, rhs = [], []
    if has_upper.any():
        parts.append(matrix[has_upper])
        rhs.append(upper[has_upper])
    if has_lower.any():
        parts.append(-matrix[has_lower])
        rhs.append(-lower[has_lower])
    if parts:
        out["A_ub"], out["b_ub"] = vstack(parts).tocsr(), np.concatenate(rhs)
    if eq.any():
        out["A_eq"], out["b_eq"] = matrix[eq], lower[eq]
    return out


def _integral(x: Any, integrality: Any) -> bool:
    import numpy as np

    values = x[integrality == 1]
    return bool(np.all(np.abs(values - np.round(values)) <= 1e-7))
