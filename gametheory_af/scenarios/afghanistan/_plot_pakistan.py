"""The figure of Pakistan's choice of leverage (matplotlib imported only when called)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..._validation import _short
from ..._validation import fraction_text as _fmt
from .pakistan import DEAL, PakistanChoice

__all__ = ["plot_pakistan_choice"]


def plot_pakistan_choice(choice: PakistanChoice, ax: Any = None, *, n: int = 401) -> Any:
    """Pakistan's payoff against the leverage it applies: the two branches, the leverage peace needs, its choice.

    Solid lines are what Pakistan gets (the war now below the leverage peace
    needs, the power-sharing deal from it); dotted lines continue each branch
    where it is not played. Vertical lines mark the leverage peace needs and
    the greatest leverage Pakistan would apply for the deal (where the deal
    line meets the horizontal line of its best war payoff); a dot marks its choice.

    Parameters
    ----------
    choice : PakistanChoice
        From :func:`~gametheory_af.scenarios.afghanistan.pakistan.pakistan_choice`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (a new figure when omitted).
    n : int, default 401
        Grid points on the leverage axis.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        For *choice* that is not a :class:`PakistanChoice`.
    ImportError
        When matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gametheory_af.scenarios.afghanistan.pakistan import pakistan_choice
    >>> from gametheory_af.scenarios.afghanistan._plot_pakistan import plot_pakistan_choice
    >>> ax = plot_pakistan_choice(pakistan_choice())
    >>> ax.get_xlabel()
    'leverage Pakistan applies (extra cost of war to the Taliban)'
    >>> [t.get_text() for t in ax.get_legend().get_texts()][-1]
    "Pakistan's choice: leverage 29/60, power sharing"
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    if not isinstance(choice, PakistanChoice):
        raise TypeError(
            f"plot_pakistan_choice: choice must be a PakistanChoice; got {_short(choice)} ({type(choice).__name__})."
        )
    from ...plotting import _axes

    cv = choice.curve(n)
    ax = _axes(ax)
    x, holds = cv["leverage"], cv["deal_holds"]
    ax.plot(x, np.where(holds, cv["deal"], np.nan), color="tab:green", lw=2, label="power sharing (the deal holds)")
    ax.plot(x, np.where(holds, np.nan, cv["deal"]), color="tab:green", ls=":", label="power sharing, were it an equilibrium")
    ax.plot(x, np.where(holds, np.nan, cv["war"]), color="tab:red", lw=2, label="war (the deal is not an equilibrium)")
    ax.plot(x, np.where(holds, cv["war"], np.nan), color="tab:red", ls=":", label="war, were it played")
    ax.axhline(
        float(choice.war_payoff), color="tab:red", ls="--", lw=0.8,
        label=f"Pakistan's best war payoff ({_fmt(choice.war_payoff)})",
    )
    if choice.needed is not None:
        ax.axvline(float(choice.needed), color="black", ls="--", lw=1, label=f"leverage peace needs ({_fmt(choice.needed)})")
    if choice.willing_up_to is not None:
        ax.axvline(
            float(choice.willing_up_to), color="tab:blue", ls="-.", lw=1,
            label=f"most Pakistan would apply for the deal ({_fmt(choice.willing_up_to)})",
        )
    what = "power sharing" if choice.outcome == DEAL else "war"
    mark = "choice" if choice.attained else "supremum (not attained)"
    ax.plot(
        [float(choice.best_leverage)], [float(choice.payoff)], "o", color="black", ms=8,
        label=f"Pakistan's {mark}: leverage {_fmt(choice.best_leverage)}, {what}",
    )
    ax.set_xlabel("leverage Pakistan applies (extra cost of war to the Taliban)")
    ax.set_ylabel("Pakistan's payoff")
    ax.set_title(f"Pakistan's choice of leverage ({choice.withdrawal}-based withdrawal)")
    ax.legend(fontsize="small", loc="best")
    return ax
