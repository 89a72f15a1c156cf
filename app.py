"""Entry point that `flask` finds from the project root."""
from coalition import create_app

app = create_app()
