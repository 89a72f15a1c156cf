"""`flask export-network` (the network as a file, with the page's filters), `network-refresh`, `network-worker`."""
import json
from pathlib import Path

import click

from .. import background
from ..db import db
from ..exports import csv_text
from ..models import MeetingKind
from ..network import (
    SECTORS,
    Level,
    NetworkFilter,
    Source,
    Weighting,
    annotate,
    gexf_bytes,
    graphml_bytes,
    node_link,
    node_rows,
    tie_rows,
)
from .job import refresh_whole_network
from .view import computed_now

FORMATS = ("json", "graphml", "gexf", "csv")


def _choices(values):
    return click.Choice([str(v) for v in values])


@click.command("export-network")
@click.option("--level", type=_choices(Level), default=str(Level.ORGANISATIONS), show_default=True,
              help="Whose network: organisations or persons.")
@click.option("--format", "file_format", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json (networkx node-link), graphml, gexf (Gephi) or csv (two files: nodes and ties).")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; standard output when left out (required for csv: FILE-nodes.csv and "
                   "FILE-ties.csv are written).")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="First day, YYYY-MM-DD.")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Last day, YYYY-MM-DD.")
@click.option("--neighbourhood", type=int, help="Only this neighbourhood (its id).")
@click.option("--kinds", multiple=True, type=_choices(MeetingKind), help="Meeting kinds to count; repeat for several.")
@click.option("--sectors", multiple=True, type=_choices(SECTORS), help="Sectors to keep; repeat for several.")
@click.option("--sources", multiple=True, type=_choices(Source), help="Tie sources; repeat for several. Default: all.")
@click.option("--min-weight", type=click.FloatRange(min=0), default=0, help="Drop ties lighter than this.")
@click.option("--weighting", type=_choices(Weighting), default=str(Weighting.MEETINGS), show_default=True,
              help="meetings (one per shared meeting) or newman (1/(n-1) per meeting).")
def export_network_command(level, file_format, output, date_from, date_to, neighbourhood, kinds, sectors, sources,
                           min_weight, weighting) -> None:
    """Write the collaboration network with its figures, filtered like the network page."""
    try:
        network_filter = NetworkFilter(
            date_from=date_from.date() if date_from else None, date_to=date_to.date() if date_to else None,
            neighbourhood_id=neighbourhood, meeting_kinds=frozenset(kinds), sectors=frozenset(sectors),
            sources=frozenset(sources or Source), min_weight=min_weight, level=level, weighting=weighting,
        )
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    if file_format == "csv" and output is None:
        raise click.UsageError("--format csv writes two files: give --output FILE.")
    computed = computed_now(db.session, network_filter)
    annotated = annotate(computed.graph, computed.figures)
    if file_format == "csv":
        stem = output.with_suffix("") if output.suffix == ".csv" else output
        for part, rows in (("nodes", node_rows(annotated)), ("ties", tie_rows(annotated))):
            path = stem.with_name(f"{stem.name}-{part}.csv")
            path.write_text(csv_text(rows[0], rows[1:]), encoding="utf-8")
            click.echo(f"Wrote {path}.", err=True)
        return
    if file_format == "json":
        body = json.dumps(node_link(annotated), ensure_ascii=False).encode("utf-8")
    elif file_format == "graphml":
        body = graphml_bytes(annotated)
    else:
        body = gexf_bytes(annotated)
    if output is None:
        click.get_binary_stream("stdout").write(body)
    else:
        output.write_bytes(body)
        click.echo(f"Wrote {output}: {annotated.number_of_nodes()} actors, {annotated.number_of_edges()} ties.",
                   err=True)


@click.command("network-refresh")
def network_refresh_command() -> None:
    """Compute the whole-programme network now, in the foreground, and store it for the network page."""
    def report(step: str, seconds: float) -> None:
        click.echo(f"{step:<20} {seconds:8.1f} s")

    state = refresh_whole_network(report=report)
    if state is None:
        raise click.ClickException("Another refresh of the network is queued or running; try again when it ends.")
    click.echo(f"Stored the whole network, computed {state.computed_at:%Y-%m-%d %H:%M} UTC in {state.seconds} s.")


@click.command("network-worker")
def network_worker_command() -> None:
    """Run the background-job worker (Huey's consumer) until stopped; use with NETWORK_JOB_CONSUMER=external."""
    background.run_worker()
