"""Behind a reverse proxy: the client's address, scheme and host, and never a forged one."""
import re

import pytest

from coalition import create_app
from coalition.config import ConfigError, load_config
from coalition.db import db

from .conftest import FreshRequestClient, log_in

PROXY = "203.0.113.10"  # the reverse proxy's own address: every request reaches the app from it
PUBLIC_HOST = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "crm.example.se"}


@pytest.fixture
def app_behind(app):
    """Build the app as it runs behind a number of trusted proxies, on the test's database."""
    made = []

    def build(proxies: int, **config):
        behind = create_app({
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "TESTING": True,
            "WTF_CSRF_ENABLED": False, "TRUSTED_PROXIES": proxies, **config,
        })
        behind.test_client_class = FreshRequestClient
        made.append(behind)
        return behind

    yield build
    for behind in made:
        with behind.app_context():
            db.engine.dispose()


def _through_proxy(app, client_address: str):
    """A browser at client_address, reaching the app through the proxy that names it."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = PROXY
    client.environ_base["HTTP_X_FORWARDED_FOR"] = client_address
    return client


def _fail_logins(client, times: int, start: int = 0) -> list[int]:
    return [log_in(client, f"guess{start + attempt}@example.se", "wrong password, try again").status_code
            for attempt in range(times)]


def test_without_trusted_proxies_a_forged_client_address_does_not_buy_a_fresh_login_budget(app, make_user):
    app.config.update(LOGIN_LIMIT_PER_ADDRESS="3 per minute")
    assert _fail_logins(_through_proxy(app, "198.51.100.1"), 3) == [200, 200, 200]

    user = make_user("staff")
    assert log_in(_through_proxy(app, "198.51.100.2"), user.email).status_code == 429


def test_behind_one_proxy_each_client_address_has_its_own_login_budget(app_behind, make_user):
    behind = app_behind(1, LOGIN_LIMIT_PER_ADDRESS="3 per minute")
    guesser = _through_proxy(behind, "198.51.100.1")
    assert _fail_logins(guesser, 3) == [200, 200, 200]
    assert _fail_logins(guesser, 1, start=3) == [429]

    user = make_user("staff")
    assert log_in(_through_proxy(behind, "198.51.100.2"), user.email).status_code == 302


def test_behind_one_proxy_only_the_address_the_proxy_saw_counts_not_one_the_client_added(app_behind):
    behind = app_behind(1, LOGIN_LIMIT_PER_ADDRESS="3 per minute")
    # The client sends its own X-Forwarded-For; the proxy appends the address it really came from.
    forger = _through_proxy(behind, "192.0.2.1")
    for attempt, forged in enumerate(["10.9.9.1", "10.9.9.2", "10.9.9.3", "10.9.9.4"]):
        forger.environ_base["HTTP_X_FORWARDED_FOR"] = f"{forged}, 192.0.2.1"
        expected = 200 if attempt < 3 else 429
        assert log_in(forger, f"forged{attempt}@example.se", "wrong password, try again").status_code == expected


def _subscription_address(client) -> str:
    page = client.post("/meetings/calendar/address", headers=PUBLIC_HOST).get_data(as_text=True)
    found = re.search(r'value="([a-z]+://[^"]*/meetings/feed/[^"]+)"', page)
    assert found, "the new address should be shown"
    return found.group(1)


def test_behind_one_proxy_a_calendar_address_uses_the_public_https_host(app_behind, make_user):
    behind = app_behind(1)
    user = make_user("viewer")
    browser = _through_proxy(behind, "198.51.100.7")
    assert log_in(browser, user.email).status_code == 302

    address = _subscription_address(browser)

    assert address.startswith("https://crm.example.se/meetings/feed/")


def test_without_trusted_proxies_a_forged_host_never_reaches_a_calendar_address(client_as):
    viewer = client_as("viewer")

    address = _subscription_address(viewer)

    assert address.startswith("http://localhost/meetings/feed/")


def test_behind_one_proxy_plain_http_is_redirected_to_the_public_https_host(app_behind):
    behind = app_behind(1, FORCE_HTTPS=True)
    client = _through_proxy(behind, "198.51.100.7")

    plain = client.get("/login", headers={"X-Forwarded-Proto": "http", "X-Forwarded-Host": "crm.example.se"})
    secure = client.get("/login", headers=PUBLIC_HOST)

    assert plain.status_code in (301, 302)
    assert plain.headers["Location"] == "https://crm.example.se/login"
    assert secure.status_code == 200


def test_without_trusted_proxies_the_https_redirect_keeps_the_requested_host(app_behind):
    direct = app_behind(0, FORCE_HTTPS=True)
    client = direct.test_client()

    plain = client.get("/login", base_url="http://coalition.example.se",
                       headers={"X-Forwarded-Host": "elsewhere.example.com"})

    assert plain.headers["Location"] == "https://coalition.example.se/login"


def test_trusted_proxies_defaults_to_none_and_must_be_a_count(monkeypatch, tmp_path):
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert load_config(tmp_path)["TRUSTED_PROXIES"] == 0
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    assert load_config(tmp_path)["TRUSTED_PROXIES"] == 2
    monkeypatch.setenv("TRUSTED_PROXIES", "yes")
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        load_config(tmp_path)
