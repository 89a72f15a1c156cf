"""Walk the URL map: every route that changes something refuses a request without a valid CSRF
token and leaves the database as it was. On plain Flask (no CSRFProtect) these requests succeed."""
import re

import pytest
import sqlalchemy as sa

from coalition.db import db

from .test_access import _routes, sample_ids  # noqa: F401 (sample_ids is a fixture used below)

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# What a forged form would carry, so that the refusal is the token's doing and not an empty form's.
FORGED_FORM = {"name": "Changed by a forged request", "description": "Forged", "title": "Forged", "version": "1",
               "email": "forged@example.se", "role": "admin", "language": "sv", "note": "Forged"}


def _database_contents() -> dict[str, list[str]]:
    """Every row of every table, so that any change at all shows up."""
    db.session.commit()  # end the test's transaction, so it reads what the requests committed
    return {table.name: sorted(repr(tuple(row)) for row in db.session.execute(sa.select(table)))
            for table in db.metadata.sorted_tables}


@pytest.fixture
def admin_with_csrf(app, client_as):
    admin = client_as("admin")  # logs in while the tests' CSRF switch is still off
    app.config["WTF_CSRF_ENABLED"] = True
    return admin


def _state_changing_routes(app, sample_ids):  # noqa: F811
    routes = [(endpoint, method, url) for endpoint, method, url in _routes(app, sample_ids) if method in STATE_CHANGING]
    assert len(routes) > 40, "the walk should find every form of the app"
    return routes


def test_every_state_changing_route_refuses_a_request_without_a_token(app, admin_with_csrf, sample_ids):  # noqa: F811
    before = _database_contents()
    for _endpoint, method, url in _state_changing_routes(app, sample_ids):
        response = admin_with_csrf.open(url, method=method, data=FORGED_FORM)
        assert response.status_code == 400, f"{method} {url}"
        assert _database_contents() == before, f"{method} {url} changed the database"


def test_every_state_changing_route_refuses_a_made_up_token(app, admin_with_csrf, sample_ids):  # noqa: F811
    before = _database_contents()
    for _endpoint, method, url in _state_changing_routes(app, sample_ids):
        response = admin_with_csrf.open(url, method=method, data={**FORGED_FORM, "csrf_token": "IjAxMjM0NTY3ODki.Zz.forged"},
                                        headers={"X-CSRFToken": "forged"})
        assert response.status_code == 400, f"{method} {url}"
    assert _database_contents() == before


def _token_on(page) -> str:
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page.get_data(as_text=True)).group(1)


def test_a_token_from_another_browsers_session_is_refused(app, client, admin_with_csrf):
    attackers_token = _token_on(client.get("/login"))
    response = admin_with_csrf.post("/organisations/new", data={"name": "Planted", "sector": "civil",
                                                                "kind": "association", "csrf_token": attackers_token})
    assert response.status_code == 400
    assert "reload the page and try again" in response.get_data(as_text=True)


def test_the_walk_would_see_a_valid_token_accepted(admin_with_csrf):
    # The control: the same client with its own token gets through, so the 400s above are the token's.
    token = _token_on(admin_with_csrf.get("/organisations/"))
    assert admin_with_csrf.post("/language", data={"language": "sv", "csrf_token": token}).status_code == 302
    assert admin_with_csrf.post("/language", data={"language": "sv"}).status_code == 400
