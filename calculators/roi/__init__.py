"""ROI estimator: the incremental value a community adds, by lever, against its costs.

``inputs`` holds the stored model (and the worked example), ``legacy`` carries inputs of
the earlier model over, ``model`` the vectorised monthly arithmetic, ``outcome`` one
scenario's figures and ``uncertainty`` the sensitivity, scenarios and simulation.
"""

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
from calculators.roi.outcome import Cac, Month, Outcome, outcome
from calculators.roi.uncertainty import (
    DRAWS,
    Band,
    RoiResult,
    TornadoBar,
    estimate,
    scenario,
    simulate,
    tornado,
)

__all__ = [
    "BOUNDS",
    "DRAWS",
    "DRIVERS",
    "EXAMPLE",
    "LEVERS",
    "LEVER_DRIVERS",
    "Band",
    "Cac",
    "Driver",
    "DriverRange",
    "Lever",
    "Month",
    "Outcome",
    "RoiInputs",
    "RoiResult",
    "TornadoBar",
    "estimate",
    "outcome",
    "scenario",
    "simulate",
    "tornado",
]
