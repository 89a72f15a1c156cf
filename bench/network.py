"""Time the collaboration network at design scale: each step, the background job, pages and downloads.

The database (see ``network_programme.py``: 5,000 organisations, 20,000 persons, 10,000
meetings, 200,000 participations, 100 neighbourhoods, commitments, initiatives, relationships)
is built once, in a few minutes, and reused by later runs. Run it from the project root:

    .venv/bin/python bench/network.py                       # SQLite in /tmp/coalition-network-bench
    .venv/bin/python bench/network.py --database postgresql+psycopg://postgres@127.0.0.1/db?options=-csearch_path%3Dbench

Timings of requests are medians of ``--runs`` runs: "cold" clears this process's cache first
(a changed data version does the same), "cached" repeats the request.
"""
import argparse
import io
import sys
import time
from datetime import date
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.network_programme import ORGANISATIONS, PARTICIPATIONS  # noqa: E402
from bench.pages import logged_in, median_ms, programme_app  # noqa: E402
from coalition.collaboration import network_cache  # noqa: E402
from coalition.collaboration.changes import data_version, shared_data_version  # noqa: E402
from coalition.collaboration.computed import compute  # noqa: E402
from coalition.collaboration.job import BETWEENNESS_SAMPLE, job_state, refresh_whole_network  # noqa: E402
from coalition.collaboration.rows import read_rows  # noqa: E402
from coalition.db import db  # noqa: E402
from coalition.models import Role  # noqa: E402
from coalition.network import (  # noqa: E402
    NetworkFilter,
    annotate,
    build_network,
    centrality,
    communities,
    figures,
    flat_graph,
    layout,
    matrix,
    quarterly_figures,
    reduce_for_drawing,
    suggest_introductions,
    write_gexf,
    write_graphml,
)

BENCH_EMAIL, BENCH_PASSWORD = "bench@example.se", "kvadrupel helix mätning 2026"
WORKDIR = Path("/tmp/coalition-network-bench")
NEIGHBOURHOOD = 1
ONE_YEAR = "from=2025-01-01&to=2025-12-31"


def timed(label: str, action):
    start = time.perf_counter()
    outcome = action()
    print(f"{label:<44} {time.perf_counter() - start:8.2f} s", flush=True)
    return outcome


def steps(network_filter: NetworkFilter) -> None:
    """Time each step of the whole-programme computation on its own."""
    print(f"\nsteps, one at a time ({ORGANISATIONS} organisations, {PARTICIPATIONS} participations)")
    rows = timed("reading rows", lambda: read_rows(db.session))
    db.session.rollback()
    graph = timed("building the graph", lambda: build_network(rows.actors, rows.attendances, rows.joint_work,
                                                              rows.relationships, network_filter))
    print(f"{'':<44} {graph.number_of_nodes()} actors, {graph.number_of_edges()} ties")
    sample = BETWEENNESS_SAMPLE
    between = timed(f"betweenness ({sample} sampled sources)", lambda: centrality.betweenness(graph, sample=sample, seed=1))
    timed("eigenvector", lambda: centrality.eigenvector(graph))
    timed("pagerank", lambda: centrality.pagerank(graph))
    timed("clustering (sparse matrix)", lambda: matrix.clustering(graph))
    groups = timed("communities (Louvain)", lambda: communities.find_communities(graph, seed=1))
    timed("constraint", lambda: nx.constraint(graph, weight="weight"))
    assert between.estimated
    result = timed("all figures together", lambda: figures(graph, betweenness_sample=sample))
    timed("suggestions", lambda: suggest_introductions(graph, community=result.community_of))
    timed("quarterly figures", lambda: quarterly_figures(rows.actors, rows.attendances, rows.joint_work,
                                                         rows.relationships, network_filter))
    drawing = timed("reduction for drawing", lambda: reduce_for_drawing(graph, communities=groups))
    timed("layout of the reduction", lambda: layout(drawing.graph))
    flat = timed("copy with scalar attributes (GraphML, GEXF)", lambda: flat_graph(annotate(graph, result)))
    timed("GraphML, streaming writer", lambda: write_graphml(flat, io.BytesIO()))
    timed("GraphML, networkx's writer (to compare)", lambda: nx.write_graphml(flat, io.BytesIO(), infer_numeric_types=True))
    timed("GEXF, streaming writer", lambda: write_gexf(flat, io.BytesIO()))
    timed("GEXF, networkx's writer (to compare)", lambda: nx.write_gexf(flat, io.BytesIO()))


def reading(runs: int) -> None:
    """Time the data version and the row reading, whole programme and one neighbourhood."""
    print("\nreading from the database")
    neighbourhood = NetworkFilter(neighbourhood_id=NEIGHBOURHOOD)
    end = lambda: db.session.rollback()  # noqa: E731
    median_ms("data version", lambda: (data_version(db.session), end()), runs)
    median_ms("rows, whole programme", lambda: (read_rows(db.session), end()), 1)
    one_year = NetworkFilter(neighbourhood_id=NEIGHBOURHOOD, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
    for label, narrowed in (("one neighbourhood", neighbourhood), ("one neighbourhood, one year", one_year)):
        rows = read_rows(db.session, narrowed)
        median_ms(f"rows, {label}", lambda: (read_rows(db.session, narrowed), end()), runs)
        graph = build_network(rows.actors, rows.attendances, rows.joint_work, rows.relationships, narrowed)
        print(f"{'':<44} {len(rows.attendances)} attendances, {graph.number_of_nodes()} actors, "
              f"{graph.number_of_edges()} ties")
        median_ms(f"figures, {label}", lambda: compute(rows, narrowed), runs)


def job() -> None:
    print("\nthe whole job, cold (flask network-refresh)")
    network_cache.clear()
    start = time.perf_counter()
    refresh_whole_network(report=lambda step, seconds: print(f"  {step:<42} {seconds:8.2f} s"))
    whole = time.perf_counter() - start
    print(f"{'whole job':<44} {whole:8.2f} s {'(within 120 s)' if whole <= 120 else '(OVER 120 s)'}")


def requests(app, runs: int) -> None:
    """Time the pages, the JSON and the downloads as a logged-in user sees them."""
    client, get = logged_in(app, BENCH_EMAIL, BENCH_PASSWORD)
    clear = network_cache.clear

    print("\nthe whole programme, from the job's stored result")
    median_ms("page, first visit in a process (unpickle)", lambda: get("/network/"), min(runs, 3), before=clear)
    median_ms("page, cached", lambda: get("/network/", b"these figures are from"), runs)
    organisation = "/organisations/1"
    median_ms("organisation page, first visit (unpickle)", lambda: get(organisation, b"Place in the collaboration"),
              min(runs, 3), before=clear)
    median_ms("organisation page, cached", lambda: get(organisation, b"Place in the collaboration"), runs)
    for fmt in ("graphml", "gexf", "nodes.csv", "ties.csv"):
        url, gzip = f"/network/export.{fmt}", {"Accept-Encoding": "gzip"}
        if client.get(url, headers=gzip).status_code == 503:
            median_ms(f"download {fmt}: 503, being prepared", lambda: client.get(url), runs)
            continue
        size, packed = len(get(url).data), len(get(url, **gzip).data)
        median_ms(f"download {fmt}, gzip ({packed / 1e6:.0f} MB)", lambda: get(url, **gzip), runs)
        median_ms(f"download {fmt}, unpacked ({size / 1e6:.0f} MB)", lambda: get(url), min(runs, 3))
    median_ms("JSON API, gzip", lambda: get("/api/network", **{"Accept-Encoding": "gzip"}), runs)

    for query in (f"neighbourhood={NEIGHBOURHOOD}", f"neighbourhood={NEIGHBOURHOOD}&{ONE_YEAR}"):
        print(f"\none neighbourhood (?{query})")
        page, api = f"/network/?{query}", f"/api/network?{query}"
        median_ms("page, cold", lambda: get(page), runs, before=clear)
        median_ms("page, cached", lambda: get(page), runs)
        median_ms("JSON API, cold", lambda: get(api), runs, before=clear)
        median_ms("JSON API, cached", lambda: get(api), runs)
        median_ms("download graphml, cached", lambda: get(f"/network/export.graphml?{query}"), runs)


def bench_app(database: str, *, rebuild: bool = False):
    """Return the app on the bench database, built on first use, with the bench's user to log in as."""
    return programme_app(WORKDIR, database, user=(BENCH_EMAIL, BENCH_PASSWORD, Role.STAFF, "Bench"), rebuild=rebuild)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=f"sqlite:///{WORKDIR / 'bench.sqlite'}",
                        help="SQLAlchemy URL of the bench database (built on first use, then reused).")
    parser.add_argument("--rebuild", action="store_true", help="Drop and build the database again.")
    parser.add_argument("--runs", type=int, default=5, help="Runs per timed request (the median is printed).")
    parser.add_argument("--steps", action="store_true", help="Also time each step of the job on its own.")
    parser.add_argument("--job", choices=("auto", "always", "never"), default="auto",
                        help="Run the whole-network job: always, never, or when the stored result is stale.")
    args = parser.parse_args()
    app = bench_app(args.database, rebuild=args.rebuild)
    with app.app_context():
        if args.steps:
            steps(NetworkFilter())
        reading(args.runs)
        state = job_state(db.session)
        stale = state is None or state.data_version != shared_data_version(db.session)
        db.session.rollback()
        if args.job == "always" or (args.job == "auto" and stale):
            job()
    requests(app, args.runs)


if __name__ == "__main__":
    main()
