"""The `flask backup` and `flask restore` commands."""
from pathlib import Path

import click
from flask import current_app
from sqlalchemy.engine import make_url

from .operations import BackupError, back_up, check_backup, checksum_path, default_backup_path, restore


def _url() -> str:
    return current_app.config["SQLALCHEMY_DATABASE_URI"]


@click.command("backup")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write it (default: instance/backups/coalition-YYYYMMDD-HHMMSS.sqlite or .dump).")
def backup_command(output: Path | None) -> None:
    """Write a consistent copy of the database, readable only by you, while the app runs.

    Attachments are not in it: copy the attachments folder after the backup (see the README).
    """
    url = _url()
    output = output or default_backup_path(Path(current_app.instance_path), make_url(url).get_backend_name())
    try:
        written = back_up(url, output)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up the database to {written} ({written.stat().st_size:,} bytes), "
               f"its checksum to {checksum_path(written).name}; keep the two together.")
    click.echo(f"Now copy the attachments folder too: {current_app.config['ATTACHMENT_DIR']}")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(file: Path, yes: bool) -> None:
    """Check a backup made by `flask backup`, then replace the database with it.

    Stop the web server and the network worker first: everything written since the backup is lost.
    """
    url = _url()
    migrations = Path(current_app.config["MIGRATIONS_DIRECTORY"])
    try:
        found = check_backup(file, url, migrations)
    except BackupError as error:
        raise click.ClickException(f"Not restored. {error}") from None
    target = make_url(url).render_as_string(hide_password=True)
    click.echo(f"{file} is a whole backup at revision {found.revision} ({len(found.tables)} tables).")
    if not yes:
        click.confirm(f"Replace everything in {target} with it? Whatever was written since is lost", abort=True)
    try:
        restore(file, url, migrations)
    except BackupError as error:
        raise click.ClickException(f"Not restored. {error}") from None
    click.echo(f"Restored {target} from {file}. Put back the attachments folder copied with this backup.")
