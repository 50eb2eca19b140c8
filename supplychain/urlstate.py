"""Reading a page's view from its URL: which parameters are understood and which must be ignored."""
from __future__ import annotations

from collections.abc import Collection, Mapping


def split_values(raw: list[str]) -> list[str]:
    """Values of one parameter, whether repeated (?a=x&a=y) or comma-separated (?a=x,y)."""
    out: list[str] = []
    for item in raw:
        out.extend(v for v in item.split(",") if v != "")
    return out


def ignored_params(
    params: Mapping[str, list[str]],
    *,
    choices: Mapping[str, Collection[str]],
    free: Collection[str] = (),
) -> list[str]:
    """Describe every parameter a page cannot honour: unknown names, or values not among the choices.

    `params` maps name -> raw values (as from st.query_params.get_all); `choices` maps each
    understood parameter to its allowed values; `free` names parameters that take any text.
    Returns readable notes such as "table=nonsense (not a table)". Pure, so it is tested directly.
    """
    notes: list[str] = []
    for name, raw in params.items():
        if name in free:
            continue
        if name not in choices:
            notes.append(f"{name} (not a setting of this page)")
            continue
        allowed = set(map(str, choices[name]))
        bad = [v for v in split_values(raw) if v not in allowed]
        if bad:
            notes.append(f"{name}={','.join(bad)} (not one of the available values)")
    return notes
