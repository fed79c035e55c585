"""Decisions broken in one way each, for the decision rules (BC701-BC710).

Each breaker starts from a valid decision of :func:`._decisions.draw_decision` (with
the options it needs) and makes the one mistake a clerk makes: an article numbered
out of turn, "Như Điều 4" where the decision has three articles, the chairman's
enacting line over a "TM." signature, a legal-normative number dated the year before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from bcpipe.testing._decisions import DecisionOptions

__all__ = ["DECISION_BREAKERS", "DecisionBreaker"]

Data = dict[str, Any]


@dataclass(frozen=True, slots=True)
class DecisionBreaker:
    """The options of the decision to start from, and the change."""

    change: Callable[[st.DrawFn, Data], None]
    options: DecisionOptions = field(default_factory=DecisionOptions)


def _article_out_of_turn(draw: st.DrawFn, data: Data) -> None:
    data["body"][1]["number"] = len(data["body"]) + draw(st.integers(1, 5))


def _no_executing_article(draw: st.DrawFn, data: Data) -> None:
    data["body"][-1]["text"] = "Quyết định này có hiệu lực kể từ ngày ký./."
    data["body"][-1].pop("children", None)


def _as_missing_article(draw: st.DrawFn, data: Data) -> None:
    data["recipients"][0]["article"] = len(data["body"]) + draw(st.integers(1, 5))


def _as_other_article(draw: st.DrawFn, data: Data) -> None:
    data["recipients"][0]["article"] = 1


def _head_enacts_collective_signs(draw: st.DrawFn, data: Data) -> None:
    data["enacting_authority"] = f"CHỦ TỊCH {data['issuer']['name']}"


def _collective_enacts_head_signs(draw: st.DrawFn, data: Data) -> None:
    data["enacting_authority"] = data["issuer"]["name"]


def _year_before(draw: st.DrawFn, data: Data) -> None:
    data["number_year"] -= draw(st.integers(1, 3))


def _legal_without_year(draw: st.DrawFn, data: Data) -> None:
    line = "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;"
    data["basis"].insert(1, {"kind": "paragraph", "text": line})
    if len(data["basis"]) == 2:  # it is now the last line
        data["basis"][0]["text"] = data["basis"][0]["text"][:-1] + ";"
        data["basis"][1]["text"] = line[:-1] + "."


def _basis_wrong_mark(draw: st.DrawFn, data: Data) -> None:
    first = data["basis"][0]
    first["text"] = first["text"][:-1] + (";" if len(data["basis"]) == 1 else ",")


def _proposal_first(draw: st.DrawFn, data: Data) -> None:
    data["basis"].insert(0, {"kind": "paragraph", "text": "Xét đề nghị của Chánh Văn phòng."})


_TM = DecisionOptions(authority=st.sampled_from([("TM.",), ("TM.", "KT.")]))
_HEAD = DecisionOptions(authority=st.sampled_from([(), ("KT.",)]))

DECISION_BREAKERS: dict[str, DecisionBreaker] = {
    "BC701": DecisionBreaker(_article_out_of_turn),
    "BC702": DecisionBreaker(_no_executing_article),
    "BC703": DecisionBreaker(_as_missing_article),
    "BC704": DecisionBreaker(_as_other_article),
    "BC705": DecisionBreaker(_head_enacts_collective_signs, _TM),
    "BC706": DecisionBreaker(_collective_enacts_head_signs, _HEAD),
    "BC707": DecisionBreaker(_year_before, DecisionOptions(legal_normative=True, regulation=False)),
    "BC708": DecisionBreaker(_legal_without_year, DecisionOptions(legal_normative=False)),
    "BC709": DecisionBreaker(_basis_wrong_mark),
    "BC710": DecisionBreaker(_proposal_first),
}
