"""gunicorn's hooks for ``scripts/serve`` (``--config python:coalition.gunicorn_settings``).

The command line sets the rest; this module only holds what a flag cannot say.
"""


def post_worker_init(worker) -> None:
    """Compile every template before the process accepts a request.

    Jinja compiles a template the first time a page uses it: each fresh web process made the
    first visitor of each kind of page wait for it (about 0.3-0.5 s for a neighbourhood's page,
    whose record, effect and chart templates are large). All of them take about a second, once,
    while gunicorn starts the process and before it takes connections.
    """
    app = worker.wsgi
    for name in app.jinja_env.list_templates():
        app.jinja_env.get_template(name)
