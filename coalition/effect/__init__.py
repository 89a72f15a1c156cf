"""The social effect of the programme: investments, engagement, collaboration and KPIs on one quarter axis.

Pure arithmetic over plain rows (no Flask, no database), so every figure is tested by hand:

- ``figures``     one neighbourhood's quarters side by side, its KPIs' progress and the rough ratios
- ``comparison``  the difference in differences between neighbourhoods that reached "acting" and those that had not
- ``charts``      the effect chart and the small multiples, as server-drawn SVG

The database side is ``coalition.neighbourhood_effect``: it reads the rows and calls these.
"""
from .comparison import MIN_NEIGHBOURHOODS, Comparison, KpiPlace, difference_in_differences
from .figures import (
    ACTING_STAGES,
    EffectQuarter,
    KpiEffect,
    KpiFollowed,
    NotAvailable,
    Reason,
    acting_from,
    kpi_effect,
    label,
    measured_by_quarter,
    per_resident,
    quarter_of,
    quarters_between,
    stage_by_quarter,
)

__all__ = ["ACTING_STAGES", "MIN_NEIGHBOURHOODS", "Comparison", "EffectQuarter", "KpiEffect", "KpiFollowed",
           "KpiPlace", "NotAvailable", "Reason", "acting_from", "difference_in_differences", "kpi_effect", "label",
           "measured_by_quarter", "per_resident", "quarter_of", "quarters_between", "stage_by_quarter"]
