"""The `flask import ...` commands, which read registers kept in spreadsheets."""
from collections.abc import Callable

import click
from flask.cli import AppGroup

from .attendance_import import ImportResult, import_attendance
from .audit import set_actor
from .commitment_import import CommitmentImportResult, import_commitments
from .db import db
from .kpi_import import KpiImportResult, import_kpi_measurements
from .register_file import UnreadableRegister, decode_register
from .row_import import ImportCounts

import_group = AppGroup("import", help="Import registers kept in spreadsheets (CSV).")


def _echo_attendance_summary(result: ImportResult, dry_run: bool) -> None:
    counts = [
        (result.added, "participations to add" if dry_run else "participations added"),
        (result.already_recorded, "rows already recorded (left as they are)"),
        (result.repeated, "rows repeating an earlier row"),
        (len(result.new_meetings), "new meetings"),
        (len(result.new_people), "new people"),
        (len(result.new_organisations), "new organisations"),
    ]
    click.echo(f"Read {result.rows} rows naming {result.meetings} meetings.")
    _echo_counts(counts)


def _echo_commitments_summary(result: CommitmentImportResult, dry_run: bool) -> None:
    click.echo(f"Read {result.rows} rows.")
    _echo_counts([
        (result.added, "commitments to add" if dry_run else "commitments added"),
        (result.already_recorded, "rows already recorded (left as they are)"),
        (result.repeated, "rows repeating an earlier row"),
    ])


def _echo_kpi_summary(result: KpiImportResult, dry_run: bool) -> None:
    click.echo(f"Read {result.rows} rows.")
    _echo_counts([
        (result.added, "measurements to add" if dry_run else "measurements added"),
        (result.already_recorded, "rows already recorded (left as they are)"),
    ])


def _echo_counts(counts: list[tuple[int, str]]) -> None:
    for count, what in counts:
        click.echo(f"  {count:>6} {what}")


def _echo_errors(errors) -> None:
    for error in errors:
        place = f"line {error.line}" if error.line is not None else "file"
        click.echo(f"{place}: {error.reason}", err=True)


def _run_import(file, dry_run: bool, import_text: Callable[..., ImportCounts],
                echo_summary: Callable[[ImportCounts, bool], None]) -> None:
    """Read the file, import it all or nothing, and say what happened; exit 1 if any row is bad."""
    set_actor(db.session, None, "cli")
    try:
        text = decode_register(file.read())
    except UnreadableRegister as unreadable:
        _echo_errors([unreadable.error])
        raise click.exceptions.Exit(1) from None
    result = import_text(db.session, text, dry_run=dry_run)
    if result.ignored_columns:
        click.echo(f"Columns left out (not part of the format): {', '.join(result.ignored_columns)}")
    if not result.ok:
        db.session.rollback()
        bad_lines = len(result.errors)
        click.echo(f"Read {result.rows} rows. Nothing was imported: "
                   f"{bad_lines} {'line has' if bad_lines == 1 else 'lines have'} problems.", err=True)
        _echo_errors(result.errors)
        raise click.exceptions.Exit(1)
    echo_summary(result, dry_run)
    if dry_run:
        db.session.rollback()
        click.echo("Dry run: nothing was written.")
        return
    db.session.commit()
    click.echo("Imported.")


@import_group.command("attendance")
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Check the file and say what it would add, without writing anything.")
def import_attendance_command(file, dry_run: bool) -> None:
    """Import who attended which meetings from a CSV register (columns: see the README).

    All or nothing: if any row is bad, nothing is written, every bad row is listed with its line
    number, and the command exits with status 1.
    """
    _run_import(file, dry_run, import_attendance, _echo_attendance_summary)


@import_group.command("commitments")
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Check the file and say what it would add, without writing anything.")
def import_commitments_command(file, dry_run: bool) -> None:
    """Import commitments from a CSV register (columns: see the README).

    All or nothing: if any row is bad, nothing is written, every bad row is listed with its line
    number, and the command exits with status 1. Organisations, neighbourhoods and initiatives
    must be registered already; a commitment already recorded is left as it is.
    """
    _run_import(file, dry_run, import_commitments, _echo_commitments_summary)


@import_group.command("kpis")
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Check the file and say what it would add, without writing anything.")
def import_kpis_command(file, dry_run: bool) -> None:
    """Import KPI measurements from a CSV file (columns: neighbourhood, kpi, date, value, source; see the README).

    All or nothing: if any row is bad, nothing is written, every bad row is listed with its line
    number, and the command exits with status 1. Neighbourhoods and KPIs must be registered
    already; a value already recorded for that day is left as it is.
    """
    _run_import(file, dry_run, import_kpi_measurements, _echo_kpi_summary)
