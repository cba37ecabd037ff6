"""``verdicts.key`` is its definition: for every slot the first slot with the same string (IRIs
and literals apart), the strings of the verbatim slots, the (slot, string) pairs whose string
is a known term, and for dates only sh:datatype reads whether they are well-formed."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mcconform import verdicts

XSD = "http://www.w3.org/2001/XMLSchema#"


def definition(use: verdicts.SlotUse, values: list[str], sens: verdicts.Sensitivity) -> tuple[Any, ...]:
    known = use.statics | sens.terms
    iri = [n for n in use.slots if n not in use.literal]
    lit = [n for n in use.slots if n in use.literal]
    first: dict[str, int] = {}
    iri_part = tuple(first.setdefault(values[n], n) for n in iri)
    first = {}
    lit_part = tuple(first.setdefault(values[n], n) for n in lit)
    return (
        iri_part,
        lit_part,
        tuple(values[n] for n in sorted(use.verbatim)),
        tuple((n, values[n]) for n in use.slots if values[n] in known),
        tuple(
            values[n] if not verdicts.well_formed(dt, values[n]) else ""
            for n, dt in sorted(use.dates.items())
        ),
    )


STRINGS = st.sampled_from(["a", "b", "urn:x:1", "urn:x:2", "2024-01-31", "2024-13-45", "T", ""])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_key_is_its_definition(data: st.DataObject) -> None:
    size = data.draw(st.integers(0, 9))
    values = data.draw(st.lists(STRINGS, min_size=size, max_size=size))
    slots = tuple(sorted(data.draw(st.sets(st.integers(0, max(size - 1, 0)), max_size=size)))) if size else ()
    subset = st.sets(st.sampled_from(slots)) if slots else st.just(set())
    literal = frozenset(data.draw(subset))
    verbatim = frozenset(data.draw(subset))
    dated = data.draw(subset) - verbatim
    dates = {n: data.draw(st.sampled_from([f"{XSD}date", f"{XSD}dateTime"])) for n in dated}
    statics = frozenset(data.draw(st.sets(STRINGS, max_size=3)))
    use = verdicts.SlotUse(slots, literal, verbatim, statics, dates)
    sens = verdicts.Sensitivity(True, terms=frozenset(data.draw(st.sets(STRINGS, max_size=3))))
    assert verdicts.key(use, values, sens) == definition(use, values, sens)
    assert verdicts.key(use, values, sens) == definition(use, values, sens)  # the cached parts too
