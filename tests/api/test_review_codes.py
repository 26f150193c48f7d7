from __future__ import annotations

import pytest

from flashpoint.api.review import normalise_correction


@pytest.mark.parametrize(("event", "quad"), [("ACCUSE", 3), ("REJECT", 3), ("THREATEN", 3), ("ASSAULT", 4),
                                             ("COERCE", 4), ("CONSULT", 1), ("AID", 2)])
def test_a_type_only_correction_gets_a_code_of_its_own_quad_class(event: str, quad: int) -> None:
    out = normalise_correction({"event": event})
    assert out["event"] == event and out["quad_class"] == quad
