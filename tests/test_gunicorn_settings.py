"""A web process started by scripts/serve has its pages' templates ready before its first visitor."""
from types import SimpleNamespace

from coalition.gunicorn_settings import post_worker_init


def test_every_template_is_compiled_before_the_process_takes_a_request(app):
    app.jinja_env.cache.clear()
    post_worker_init(SimpleNamespace(wsgi=app))
    compiled = {name for _loader, name in app.jinja_env.cache}
    assert {"neighbourhoods/show.html", "base.html", "effect/_section.html", "network/_drawing.svg"} <= compiled
    assert compiled >= set(app.jinja_env.list_templates())
