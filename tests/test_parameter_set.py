"""ParameterSet: the registry and scenario-file reader every scenario shares (a second scenario reuses it)."""

from __future__ import annotations

import pathlib
from dataclasses import dataclass
from fractions import Fraction

import pytest

import gametheory_af as gt
from gametheory_af.parameter_set import ParameterInfo, ParameterSet, parameter_field


@dataclass(frozen=True)
class Toy(ParameterSet):
    cost: Fraction = parameter_field("1/10", 0, 1, unit="share", source="assumption", description="A cost.")
    prize: Fraction = parameter_field(1, "1/2", 2, description="The prize.")


def test_registry_values_and_game_parameters():
    assert Toy.names() == ("cost", "prize")
    assert Toy.bounds() == {"cost": (Fraction(0), Fraction(1)), "prize": (Fraction(1, 2), Fraction(2))}
    info = Toy.info()["cost"]
    assert isinstance(info, gt.Parameter) and info.claim == info.description == "A cost." and info.source == "assumption"
    assert repr(info) == (
        "ParameterInfo(name='cost', default=Fraction(1, 10), lower=Fraction(0, 1), upper=Fraction(1, 1), "
        "unit='share', source='assumption', claim='A cost.')"
    )
    assert ParameterInfo("cost", Fraction(1, 10), 0, 1, "share", "assumption", "A cost.") == info
    t = Toy(cost=0.25, prize="3/2")
    assert t.as_dict() == {"cost": Fraction(1, 4), "prize": Fraction(3, 2)}
    assert t.replace(cost=0).cost == 0 and hash(t) == hash(Toy(cost="1/4", prize=1.5))
    params = t.to_parameters()
    assert [p.name for p in params] == ["cost", "prize"] and params[1].default == Fraction(3, 2)
    assert params[0].bounds == (Fraction(0), Fraction(1)) and params[0].source == ""


def test_toml_round_trip_and_errors_name_the_class(tmp_path: pathlib.Path):
    t = Toy(cost="1/3")
    text = t.to_toml(scenario="toy", description="a test")
    assert text.startswith("# gametheory_af parameter file.") and 'cost = "1/3"' in text
    assert Toy.from_toml(text) == t
    path = tmp_path / "toy.toml"
    path.write_bytes(b"cost = 0.5\n")
    assert Toy.from_toml(path).cost == Fraction(1, 2) and Toy.from_toml(str(path)).cost == Fraction(1, 2)
    with pytest.raises(gt.GameError, match=r"Toy\.from_toml: unknown parameter 'x'"):
        Toy.from_toml("x = 1")
    with pytest.raises(gt.GameError, match=r"Toy: prize = 3 is outside its bounds \[1/2, 2\]"):
        Toy.from_toml("prize = 3")
    with pytest.raises(gt.GameError, match=r"Toy\.replace: unknown parameter 'y'"):
        t.replace(y=1)
    path.write_bytes(b"cost = \xff\n")
    with pytest.raises(gt.GameError, match=r"Toy\.from_toml: scenario file .*toy\.toml' is not UTF-8 text \(byte 0xff"):
        Toy.from_toml(path)
    with pytest.raises(TypeError, match=r"Toy\.from_toml: source must be a path or TOML text"):
        Toy.from_toml(3)  # type: ignore[arg-type]


def test_parameter_source_is_optional_and_checked():
    assert gt.Parameter("c", 1).source == "" and "source" not in repr(gt.Parameter("c", 1, source="op-ed"))
    with pytest.raises(TypeError, match="source must be a string"):
        gt.Parameter("c", 1, source=3)  # type: ignore[arg-type]
