"""The shape of every bad-input case: a call, the exception it must raise, and what its message must name.

Each ``tests/bad_input/test_<area>.py`` defines ``CASES``, a list of :func:`case` rows, and runs
them with ``run_case``; the whole folder is the bad-input suite of the trust issue. A case passes
only when the call raises exactly the expected type (a subclass counts) *and* the message contains
every fragment named: the argument and the offending value, as a user would need to fix the call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest


def case(call: Callable[[], Any], exc: type[BaseException], names: Sequence[str], *, id: str) -> Any:
    """One bad-input case: ``call()`` must raise *exc* with every string of *names* in its message."""
    return pytest.param(call, exc, tuple(names), id=id)


def run_case(call: Callable[[], Any], exc: type[BaseException], names: Sequence[str]) -> None:
    """Run one case; assert the exception type and that its message names each fragment."""
    assert names, "a bad-input case must name at least the argument in the message"
    with pytest.raises(exc) as info:
        call()
    message = str(info.value)
    missing = [n for n in names if n not in message]
    assert not missing, f"message {message!r} does not name {missing!r}"
