"""ROI estimator: the incremental value a community adds, by lever, against its costs.

``inputs`` holds the stored model (and the worked example), ``legacy`` carries inputs of
the earlier model over, ``model`` the vectorised monthly arithmetic, ``outcome`` one
scenario's figures and ``uncertainty`` the sensitivity, scenarios and simulation.
"""

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator

from calculators.roi.inputs import (
    BOUNDS,
    DRIVERS,
    EXAMPLE,
    LEVER_DRIVERS,
    LEVERS,
    Driver,
    DriverRange,
    Lever,
    RoiInputs,
)
from calculators.roi.legacy import stored_value
from calculators.roi.outcome import Cac, Month, Outcome, outcome
from calculators.roi.uncertainty import (
    DRAWS,
    Band,
    CashBand,
    RoiResult,
    TornadoBar,
    cash_band,
    estimate,
    scenario,
    simulate,
    tornado,
)

# The type of a plan's ``sections.roi``: sections stored by the earlier model load as well.
StoredRoi = Annotated[RoiInputs, BeforeValidator(stored_value)]


def from_section(section: RoiInputs | Mapping[str, Any] | None) -> RoiInputs:
    """The inputs of a plan's ROI section (the defaults when it has none)."""
    return RoiInputs.from_section(section)


__all__ = [
    "BOUNDS",
    "DRAWS",
    "DRIVERS",
    "EXAMPLE",
    "LEVERS",
    "LEVER_DRIVERS",
    "Band",
    "Cac",
    "CashBand",
    "Driver",
    "DriverRange",
    "Lever",
    "Month",
    "Outcome",
    "RoiInputs",
    "RoiResult",
    "StoredRoi",
    "TornadoBar",
    "cash_band",
    "estimate",
    "from_section",
    "outcome",
    "scenario",
    "simulate",
    "tornado",
]
