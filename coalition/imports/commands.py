"""The `flask import ...` commands, which read registers kept in spreadsheets."""
import sys
from collections.abc import Callable

import click
from flask.cli import AppGroup

from ..audit import set_actor
from ..db import db
from .all_or_nothing import ImportCounts
from .attendance import ImportResult, import_attendance
from .commitments import CommitmentImportResult, import_commitments
from .kpis import KpiImportResult, import_kpi_measurements
from .local_jobs import JobsImportResult, import_local_jobs
from .progress import LONG_IMPORT_ROWS, Progress
from .register_file import UnreadableRegister, decode_register

import_group = AppGroup("import", help="Import registers kept in spreadsheets (CSV).")


def _echo_attendance_summary(result: ImportResult, dry_run: bool) -> None:
    counts = [
        (result.added, "participations to add" if dry_run else "participations added"),
        (result.already_recorded, "rows already recorded (left as they are)"),
        (result.repeated, "rows repeating an earlier row"),
        (result.headcounts, "group counts to add" if dry_run else "group counts added"),
        (result.counted, "people counted without names"),
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




class _ProgressBar(Progress):
    """A bar on standard error for each stage of an import of more than a few thousand rows."""

    def __init__(self):
        self._bar = None
        self._shown = 0

    def start(self, stage: str, total: int) -> None:
        self.close()
        if total >= LONG_IMPORT_ROWS:
            self._bar = click.progressbar(length=total, label=f"{stage:<8}", file=sys.stderr,
                                          show_pos=True)
            self._bar.__enter__()
            self._shown = 0

    def advance(self, done: int) -> None:
        if self._bar is not None:
            self._bar.update(done - self._shown)
            self._shown = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _import_command(name: str):
    """Declare `flask import NAME FILE [--dry-run]`, the shape every register's import takes."""
    def declare(command):
        command = click.option("--dry-run", is_flag=True,
                               help="Check the file and say what it would add, without writing anything.")(command)
        command = click.argument("file", type=click.File("rb"))(command)
        return import_group.command(name)(command)
    return declare


def _run_import(file, dry_run: bool, import_text: Callable[..., ImportCounts],
                echo_summary: Callable[[ImportCounts, bool], None], *, with_progress: bool = False) -> None:
    """Read the file, import it all or nothing, and say what happened; exit 1 if any row is bad."""
    set_actor(db.session, None, "cli")
    try:
        text = decode_register(file.read())
    except UnreadableRegister as unreadable:
        _echo_errors([unreadable.error])
        raise click.exceptions.Exit(1) from None
    if with_progress:
        bar = _ProgressBar()
        try:
            result = import_text(db.session, text, dry_run=dry_run, progress=bar)
        finally:
            bar.close()
    else:
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


@_import_command("attendance")
def import_attendance_command(file, dry_run: bool) -> None:
    """Import who attended which meetings from a CSV register (columns: see the README).

    All or nothing: if any row is bad, nothing is written, every bad row is listed with its line
    number, and the command exits with status 1.
    """
    _run_import(file, dry_run, import_attendance, _echo_attendance_summary, with_progress=True)


@_import_command("commitments")
def import_commitments_command(file, dry_run: bool) -> None:
    """Import commitments from a CSV register (columns: see the README).

    All or nothing: if any row is bad, nothing is written, every bad row is listed with its line
    number, and the command exits with status 1. Organisations, neighbourhoods and initiatives
    must be registered already; a commitment already recorded is left as it is.
    """
    _run_import(file, dry_run, import_commitments, _echo_commitments_summary, with_progress=True)


@_import_command("kpis")
def import_kpis_command(file, dry_run: bool) -> None:
    """Import KPI measurements from a CSV file (columns: neighbourhood, kpi, date, value, source; see the README).

    All or nothing: if any row is bad, nothing is written, every bad row is listed with its line
    number, and the command exits with status 1. Neighbourhoods and KPIs must be registered
    already; a value already recorded for that day is left as it is.
    """
    _run_import(file, dry_run, import_kpi_measurements, _echo_kpi_summary)


def _echo_local_jobs_summary(result: JobsImportResult, dry_run: bool) -> None:
    click.echo(f"Read {result.rows} rows.")
    _echo_counts([
        (result.added, "quarters to add" if dry_run else "quarters added"),
        (result.already_recorded, "rows already recorded (left as they are)"),
    ])


@_import_command("local-jobs")
def import_local_jobs_command(file, dry_run: bool) -> None:
    """Import area companies' local jobs per quarter from a CSV file (columns: organisation, neighbourhood,
    quarter, positions, fte, residents; see the README).

    All or nothing: if any row is bad, nothing is written, every bad row is listed with its line
    number, and the command exits with status 1. A quarter already recorded with the same figures
    is left as it is.
    """
    _run_import(file, dry_run, import_local_jobs, _echo_local_jobs_summary)
