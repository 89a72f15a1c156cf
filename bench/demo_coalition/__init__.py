"""The demo coalition's story, as plans that bench/generate_seed_data.py writes to seed_data/.

Two municipalities, Norrvik and its neighbour Sjöberga, seven neighbourhoods, two years
(2025-01 to 2026-12) seen on the demo's "today", 2026-12-03. Each neighbourhood has its own
cluster of local actors; a few organisations bridge them (see ``actors``). The modules, one
part of the story each:

- ``story``: the dates, the neighbourhoods and the stages they reached;
- ``actors``: the organisations, who is active where, and who bridges;
- ``people``: the people of each organisation, their job changes and names;
- ``programme_meetings``, ``norrvik_meetings`` and ``sjoberga_meetings``: what was held, for
  whom, and where (the whole programme's meetings, then each municipality's neighbourhoods);
- ``attendance``: who of each organisation came to a meeting;
- ``work``: initiatives and commitments, with their status histories;
- ``ties``: declared relationships and stakeholder assessments;
- ``places``: meeting places, area companies' local jobs, and the residents counted at meetings;
- ``kpis``: the indicators measured quarterly in every neighbourhood;
- ``checks``: the promises the story keeps, measured with the app's own network code;
- ``writing``: the YAML files.
"""
