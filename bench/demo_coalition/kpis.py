"""The KPIs, measured at the end of every quarter in every neighbourhood, from 2024-12-31 on.

A value is its neighbourhood's level, plus a steady change for every quarter since the
neighbourhood reached "acting" (none before), plus a little noise: the neighbourhoods that
act improve from then on, the others stay roughly flat. Kvarnängen improves clearly; Granlunda,
which acts from August 2025, does not (its landlord sold out); Björkhagen, Strandparken and
Myrbacken, which have not reached "acting", move only by noise. The quarter that has not ended
(2026-Q4) has no values yet, and Granlunda's young people in associations were not counted in
2025-Q3: values that were not measured are not made up.
"""
import random
from datetime import date

from .story import B, E, G, K, M, P, S, acting_from

rng = random.Random(2020)

QUARTER_ENDS = [date(2024, 12, 31), date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31),
                date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]
HOODS = [K, S, E, P, B, G, M]
TARGET_YEAR = {K: 2028, S: 2028, G: 2028, E: 2029, P: 2029, B: 2029}  # Myrbacken has no target yet

# name, unit, direction, source, description, level per neighbourhood (in HOODS order),
# change per quarter of acting per neighbourhood, and how far Kvarnängen's target lies from its
# baseline (the others' in proportion to the room they have: a neighbourhood with little
# insecurity aims for a smaller fall).
KPIS = [
    ("Sysselsättningsgrad 20–64 år", "%", "higher_is_better",
     "Kvartalsvis uttag ur SCB:s registerbaserade arbetsmarknadsstatistik",
     "Andel av invånarna 20–64 år som förvärvsarbetar. Snittet i Norrvik är 79 %.",
     [56.8, 60.1, 63.2, 67.4, 71.5, 58.4, 69.0], {K: 0.62, S: 0.5, E: 0.3, G: -0.05}, 8.0),
    ("Otrygghet utomhus kvällstid", "%", "lower_is_better", "Trygghetsmätningen (kvartalsvis panel)",
     "Andel boende som känner sig ganska eller mycket otrygga när de går ut ensamma en sen kväll.",
     [41.0, 46.0, 38.5, 29.0, 24.5, 43.0, 19.5], {K: -1.67, S: -1.7, E: -0.6, G: 0.25}, -16.0),
    ("Unga aktiva i föreningslivet", "%", "higher_is_better", "Kultur- och fritidsförvaltningarnas register för "
     "aktivitetsstöd", "Andel av stadsdelens unga 13–19 år som deltagit i en förenings verksamhet under kvartalet.",
     [31.0, 25.0, 33.0, 37.5, 40.0, 27.5, 44.0], {K: 1.0, S: 0.6, E: 0.4, G: 0.0}, 12.0),
    ("Elever med hög skolfrånvaro", "%", "lower_is_better", "Skolornas frånvarostatistik för åk 7–9",
     "Andel elever i årskurs 7–9 i stadsdelens skola med mer än 15 % frånvaro under kvartalet.",
     [18.5, 16.0, 14.5, 11.0, 9.5, 17.0, 8.0], {K: -0.8, S: -0.5, E: -0.3, G: 0.1}, -7.0),
]
# Values other files rely on: the KPI example file names Kvarnängen's employment on 2026-09-30,
# and the KPI browser test reads Kvarnängen's latest safety value (41 → 25: 62.5 % of the way).
FIXED = {("Sysselsättningsgrad 20–64 år", K, date(2026, 9, 30)): 60.5,
         ("Otrygghet utomhus kvällstid", K, date(2026, 9, 30)): 31.0}
# Sjöberga's register of activity grants changed systems in the autumn of 2025.
NOT_MEASURED = {("Unga aktiva i föreningslivet", G, date(2025, 9, 30))}


def _quarters_acting(hood: str, on: date) -> int:
    """How many quarter ends have passed since the neighbourhood reached "acting" (0 before)."""
    started = acting_from(hood)
    if started is None or on < started:
        return 0
    return sum(1 for end in QUARTER_ENDS if started < end <= on)


def kpi_records() -> list[dict]:
    records = []
    for name, unit, direction, source, description, levels, changes, distance in KPIS:
        record = {"name": name, "unit": unit, "direction": direction, "source": source, "description": description,
                  "targets": {}, "measurements": {}}
        for hood, level in zip(HOODS, levels):
            values = {}
            for end in QUARTER_ENDS:
                noise = rng.gauss(0, 0.35)
                if (name, hood, end) in NOT_MEASURED:
                    continue
                value = level + changes.get(hood, 0.0) * _quarters_acting(hood, end) + (noise if end > QUARTER_ENDS[0]
                                                                                         else 0.0)
                values[end] = FIXED.get((name, hood, end), round(value, 1))
            record["measurements"][hood] = values
            if hood in TARGET_YEAR:
                room = level / levels[0] if direction == "lower_is_better" else (100 - level) / (100 - levels[0])
                record["targets"][hood] = {"baseline": level, "baseline_on": QUARTER_ENDS[0],
                                           "target": round(level + distance * room, 1),
                                           "target_on": date(TARGET_YEAR[hood], 12, 31)}
        records.append(record)
    return records
