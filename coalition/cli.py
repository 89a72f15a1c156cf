"""Flask commands: `flask create-user`, `flask seed`, and the ones later areas add."""
import click
from flask import Flask

from .accounts import users
from .audit import set_actor
from .db import db
from .errors import DomainError
from .models import Role


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True, help="What the user may do.")
@click.option("--name", default="", help="The user's name, as shown in the header.")
@click.option("--password", help="Asked for when not given, so it stays out of the shell history.")
def create_user_command(email: str, role: str, name: str, password: str | None) -> None:
    """Create a user account that can log in."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    set_actor(db.session, None, "cli")
    try:
        user = users.create_user(db.session, email, password, Role(role), name)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from None
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}.")


def init_app(app: Flask) -> None:
    from .backup.commands import backup_command, restore_command
    from .collaboration.commands import export_network_command, network_refresh_command, network_worker_command
    from .imports.commands import import_group
    from .seed import seed_command

    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_command)
    app.cli.add_command(import_group)
    app.cli.add_command(export_network_command)
    app.cli.add_command(network_refresh_command)
    app.cli.add_command(network_worker_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
