"""Every answer carries the security headers, no page runs inline script, big requests get a 413."""
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coalition import create_app
from coalition.db import db
from coalition.models import Attachment

from .conftest import log_in
from .test_access import _routes, sample_ids  # noqa: F401 (sample_ids is a fixture used below)

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
EXPECTED_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self' 'unsafe-inline'",
}


def _policy(response) -> dict[str, str]:
    directives = (part.strip().split(None, 1) for part in response.headers["Content-Security-Policy"].split(";"))
    return {d[0]: (d[1] if len(d) > 1 else "") for d in directives if d}


def _assert_protected(response, where: str) -> None:
    assert _policy(response) == EXPECTED_POLICY, where
    assert response.headers["X-Content-Type-Options"] == "nosniff", where
    assert response.headers["X-Frame-Options"] == "DENY", where
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", where


def test_the_login_page_a_404_a_static_file_and_an_error_carry_the_headers(client):
    for url in ("/login", "/no-such-page", "/static/js/participants.js", "/bootstrap/static/css/bootstrap.min.css"):
        _assert_protected(client.get(url), url)
    _assert_protected(client.post("/login", data={"email": "x@example.se", "password": "wrong password here"}),
                      "failed login")


def test_every_page_an_admin_can_open_carries_the_headers(app, client_as, sample_ids):  # noqa: F811
    admin = client_as("admin")
    for endpoint, method, url in _routes(app, sample_ids):
        if method == "GET" and endpoint != "auth.logout":
            _assert_protected(admin.get(url), url)


def test_no_hsts_and_no_https_redirect_in_development(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers


@pytest.fixture
def production_app(monkeypatch, database_url):
    monkeypatch.setenv("COALITION_ENV", "production")
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True})
    with app.app_context():
        yield app


def test_production_sends_hsts_over_https_and_redirects_plain_http(production_app):
    client = production_app.test_client()
    secure = client.get("/login", base_url="https://coalition.example.se")
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31556926")
    behind_proxy = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert behind_proxy.status_code == 200 and "Strict-Transport-Security" in behind_proxy.headers
    plain = client.get("/login", base_url="http://coalition.example.se")
    assert plain.status_code in (301, 302)
    assert plain.headers["Location"].startswith("https://coalition.example.se/login")


class _ScriptFinder(HTMLParser):
    """Collect inline <script> blocks (not JSON data) and on...= handler attributes of a page."""

    def __init__(self):
        super().__init__()
        self.inline = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src") and attributes.get("type") != "application/json":
            self.inline.append(f"<script {attrs}>")
        self.inline += [f"<{tag} {name}=...>" for name, _ in attrs if name.startswith("on")]
        self.inline += [f"<{tag} {name}={value}>" for name, value in attrs
                        if value and value.strip().lower().startswith("javascript:")]


def _inline_scripts(html: str) -> list[str]:
    finder = _ScriptFinder()
    finder.feed(html)
    return finder.inline


def test_no_template_holds_inline_script():
    offending = []
    for template in TEMPLATES.rglob("*.html"):
        # Jinja's own syntax out of the way: an expression stands for some text, a tag for none.
        text = re.sub(r"{{.*?}}", "x", template.read_text(), flags=re.S)
        text = re.sub(r"{%.*?%}|{#.*?#}", "", text, flags=re.S)
        offending += [f"{template.relative_to(TEMPLATES)}: {found}" for found in _inline_scripts(text)]
    assert offending == []


def test_no_page_an_admin_can_open_holds_inline_script(app, client_as, sample_ids):  # noqa: F811
    admin = client_as("admin")
    for endpoint, method, url in _routes(app, sample_ids):
        if method != "GET":
            continue
        response = admin.get(url)
        if response.mimetype == "text/html":
            assert _inline_scripts(response.get_data(as_text=True)) == [], url


def test_bootstrap_scripts_are_loaded_from_files_only(client_as):
    page = client_as("viewer").get("/").get_data(as_text=True)
    assert '<script src="/bootstrap/static/js/bootstrap.min.js"></script>' in page
    assert _inline_scripts(page) == []


def test_an_oversized_form_gets_a_clear_translated_413_page(app, client_as):
    app.config["MAX_CONTENT_LENGTH"] = 4096
    staff = client_as("staff")
    english = staff.post("/organisations/new", data={"name": "x" * 10_000})
    assert english.status_code == 413
    assert "The file or form you sent is too large." in english.get_data(as_text=True)
    assert "Nothing was saved." in english.get_data(as_text=True)
    swedish = staff.post("/organisations/new", data={"name": "x" * 10_000}, headers={"Accept-Language": "sv"})
    assert swedish.status_code == 413
    assert "Filen eller formuläret som du skickade är för stort." in swedish.get_data(as_text=True)


def test_request_bodies_are_capped_by_default(app):
    # One attachment of the configured size plus a megabyte for the form around it.
    assert app.config["MAX_CONTENT_LENGTH"] == app.config["ATTACHMENT_MAX_BYTES"] + 1024 * 1024


def test_a_script_disguised_as_a_pdf_is_refused_by_its_content(app, client_as, sample_ids):  # noqa: F811
    staff = client_as("staff")
    meeting_id = sample_ids["meeting_id"]
    before = db.session.scalar(db.select(db.func.count(Attachment.id)))
    html = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
    response = staff.post(f"/meetings/{meeting_id}/attachments", data={"file": (io.BytesIO(html), "agenda.pdf")},
                          content_type="multipart/form-data", follow_redirects=True)
    assert "was attached" not in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == before


def test_logging_in_still_works_under_the_policy(client, make_user):
    # form-action 'self' and the Secure flag must not stop a login over plain http in development.
    user = make_user("staff")
    assert log_in(client, user.email).status_code == 302
    assert client.get("/").status_code == 200
