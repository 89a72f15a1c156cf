"""Sessions end when they should, logins are throttled, and the security log says what happened.

Each test here fails on plain Flask defaults (31-day sessions, no generation in the user id,
no throttling, no security log) and passes on ours.
"""
import logging
import time
from unittest import mock

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import event

from coalition import create_app
from coalition.config import load_config
from coalition.db import db

from .conftest import PASSWORD, log_in

NEW_PASSWORD = "a brand new long passphrase"


def _replay(app, cookie: str):
    """Return a fresh client (another browser, or an attacker) carrying a copy of a session cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def _sent_to_login(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/login")


# --- ending sessions everywhere -------------------------------------------------------------

def test_logging_out_ends_a_copy_of_the_session_cookie_at_its_very_next_request(app, make_user):
    user = make_user("staff")
    laptop = app.test_client()
    log_in(laptop, user.email)
    copy = _replay(app, laptop.get_cookie("session").value)
    assert copy.get("/").status_code == 200  # the copy works while the session lives
    laptop.post("/logout")
    assert _sent_to_login(copy.get("/"))
    assert _sent_to_login(copy.get("/organisations/"))


def test_changing_the_password_ends_a_cookie_copied_before_the_change(app, make_user):
    user = make_user("staff")
    laptop = app.test_client()
    log_in(laptop, user.email)
    copy = _replay(app, laptop.get_cookie("session").value)
    assert copy.get("/").status_code == 200
    changed = laptop.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert changed.status_code == 302
    assert _sent_to_login(copy.get("/"))
    assert laptop.get("/").status_code == 200  # the browser that changed it stays logged in


def test_deactivating_an_account_ends_its_open_sessions_at_their_next_request(app, client_as, make_user):
    user = make_user("staff")
    phone = app.test_client()
    log_in(phone, user.email)
    assert phone.get("/").status_code == 200
    admin = client_as("admin")
    admin.post(f"/admin/users/{user.id}/edit", data={"version": user.version, "name": "", "role": "staff"})
    assert _sent_to_login(phone.get("/"))


# --- cookies and time limits ----------------------------------------------------------------

def _cookie_signed_minutes_ago(app, cookie: str, minutes: int) -> str:
    """Sign the same session again as if the browser's last request was `minutes` ago."""
    serializer = app.session_interface.get_signing_serializer(app)
    contents = serializer.loads(cookie)
    then = int(time.time()) - minutes * 60
    with mock.patch.object(TimestampSigner, "get_timestamp", return_value=then):
        return serializer.dumps(contents)


def test_a_session_left_idle_for_more_than_30_minutes_is_refused(app, client, make_user):
    user = make_user("staff")
    log_in(client, user.email)
    cookie = client.get_cookie("session").value
    assert _replay(app, _cookie_signed_minutes_ago(app, cookie, 29)).get("/").status_code == 200
    assert _sent_to_login(_replay(app, _cookie_signed_minutes_ago(app, cookie, 31)).get("/"))


def test_every_request_restarts_the_idle_clock(app, client, make_user):
    user = make_user("staff")
    log_in(client, user.email)
    idle = _replay(app, _cookie_signed_minutes_ago(app, client.get_cookie("session").value, 20))
    assert idle.get("/").status_code == 200
    # The answer carried a cookie signed now: twenty more minutes are again within the limit.
    assert _replay(app, _cookie_signed_minutes_ago(app, idle.get_cookie("session").value, 20)).get("/").status_code == 200


def test_the_idle_and_absolute_limits_default_to_30_minutes_and_12_hours_and_can_be_set(monkeypatch, tmp_path):
    for name in ("SESSION_MINUTES", "SESSION_ABSOLUTE_HOURS"):
        monkeypatch.delenv(name, raising=False)
    config = load_config(tmp_path)
    assert config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 30 * 60
    assert config["SESSION_ABSOLUTE_HOURS"] == 12
    monkeypatch.setenv("SESSION_MINUTES", "15")
    monkeypatch.setenv("SESSION_ABSOLUTE_HOURS", "8")
    config = load_config(tmp_path)
    assert config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 15 * 60
    assert config["SESSION_ABSOLUTE_HOURS"] == 8


def test_the_session_cookie_is_httponly_and_samesite_lax(client, make_user):
    user = make_user("staff")
    cookie = log_in(client, user.email).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development runs on plain http


def test_in_production_the_session_cookie_is_also_secure(monkeypatch, database_url, make_user):
    monkeypatch.setenv("COALITION_ENV", "production")
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, "WTF_CSRF_ENABLED": False})
    user = make_user("staff")
    with app.app_context():
        response = app.test_client().post("/login", data={"email": user.email, "password": PASSWORD},
                                          base_url="https://coalition.example.se")
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_logging_in_starts_a_new_session_that_keeps_nothing_from_before_but_the_language(client, make_user):
    user = make_user("staff")
    client.get("/login")  # a visit before login gets a session with a CSRF secret
    with client.session_transaction() as before:
        before["planted"] = "an attacker's value"
        before["language"] = "sv"
        before["csrf_token"] = "known-to-the-attacker"
    cookie_before = client.get_cookie("session").value
    log_in(client, user.email)
    assert client.get_cookie("session").value != cookie_before
    with client.session_transaction() as after:
        assert "planted" not in after
        assert after.get("csrf_token") != "known-to-the-attacker"
        assert after["language"] == "sv"
        assert after["_user_id"] == f"{user.id}:{user.session_generation}"


# --- throttling -----------------------------------------------------------------------------

def _from(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_five_failed_logins_for_an_account_pause_it_at_every_address_they_came_from(app, make_user):
    user = make_user("staff")
    for attempt in range(5):
        assert log_in(_from(app, f"10.0.0.{attempt}"), user.email, "wrong password, try again").status_code == 200
    throttled = log_in(_from(app, "10.0.0.3"), user.email)  # there, even the right password now waits
    assert throttled.status_code == 429
    assert "Too many attempts" in throttled.get_data(as_text=True)
    assert "logging in to this account is paused from this address" in throttled.get_data(as_text=True)
    assert 0 < int(throttled.headers["Retry-After"]) <= 60
    colleague = make_user("staff")
    assert log_in(_from(app, "10.0.0.3"), colleague.email).status_code == 302  # other accounts go on


def test_wrong_passwords_sent_by_someone_else_do_not_lock_the_admin_out(app, make_user):
    admin = make_user("admin")
    attacker = _from(app, "203.0.113.9")
    for _attempt in range(5):
        assert log_in(attacker, admin.email, "wrong password, try again").status_code == 200
    assert log_in(attacker, admin.email).status_code == 429
    assert log_in(_from(app, "198.51.100.20"), admin.email).status_code == 302  # the owner, from the office


def test_a_guess_from_a_new_address_after_the_pause_counts_and_pauses_that_address_too(app, make_user):
    user = make_user("staff")
    for _attempt in range(5):
        log_in(_from(app, "203.0.113.9"), user.email, "wrong password, try again")
    second = _from(app, "203.0.113.10")
    assert log_in(second, user.email, "another wrong password").status_code == 200
    assert log_in(second, user.email).status_code == 429


def test_an_admin_lifts_the_pause_of_an_account_from_its_page(app, client_as, make_user, security_events):
    user = make_user("staff")
    office = _from(app, "10.0.0.1")
    for _attempt in range(5):
        log_in(office, user.email, "my old password, mistyped")
    assert log_in(office, user.email).status_code == 429
    admin = client_as("admin")
    assert "Lift the pause" in admin.get(f"/admin/users/{user.id}/edit").get_data(as_text=True)

    lifted = admin.post(f"/admin/users/{user.id}/lift-login-pause", follow_redirects=True)

    assert "no longer paused" in lifted.get_data(as_text=True) and "Lift the pause" not in lifted.get_data(as_text=True)
    assert ("login.pause_lifted", {"user": user.id, "by": admin.user.id}) in [
        (event, {key: fields.get(key) for key in ("user", "by")}) for event, fields in security_events()]
    assert log_in(office, user.email).status_code == 302


def test_only_an_admin_lifts_a_pause(app, client_as, make_user):
    user = make_user("staff")
    assert client_as("staff").post(f"/admin/users/{user.id}/lift-login-pause").status_code == 403


def test_guessing_the_current_password_to_change_it_is_throttled_too(client_as, security_events):
    staff = client_as("staff")
    answers = [staff.post("/account/password", data={
        "current_password": f"wrong guess {number}", "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code
        for number in range(8)]
    assert answers == [200] * 5 + [429] * 3
    assert ("password_change.throttled", staff.user.id) in [
        (event, fields.get("user")) for event, fields in security_events()]


def test_twenty_failed_logins_from_one_address_pause_that_address_whatever_the_account(app, make_user):
    guesser = _from(app, "192.0.2.7")
    for attempt in range(20):
        assert log_in(guesser, f"guess{attempt}@example.se", "wrong password, try again").status_code == 200
    user = make_user("staff")
    assert log_in(guesser, user.email).status_code == 429
    assert log_in(_from(app, "192.0.2.8"), user.email).status_code == 302


def test_the_throttled_page_is_translated(app, make_user):
    user = make_user("staff")
    for _attempt in range(5):
        log_in(_from(app, "10.0.0.1"), user.email, "wrong password, try again")
    page = _from(app, "10.0.0.1").post("/login", data={"email": user.email, "password": PASSWORD},
                                       headers={"Accept-Language": "sv"})
    assert page.status_code == 429
    assert "För många försök" in page.get_data(as_text=True)


def test_a_whole_office_logging_in_from_one_address_is_never_throttled(app, make_user):
    # Tight limits, so that a few logins are already more than either would let through.
    app.config.update(LOGIN_LIMIT_PER_ACCOUNT="2 per minute", LOGIN_LIMIT_PER_ADDRESS="3 per minute")
    office = _from(app, "198.51.100.1")
    users = [make_user("staff") for _ in range(2)]
    for _round in range(3):
        for user in users:
            assert log_in(office, user.email).status_code == 302
            office.post("/logout")


def test_the_throttle_storage_is_memory_unless_configured(monkeypatch, tmp_path):
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    assert load_config(tmp_path)["RATELIMIT_STORAGE_URI"] == "memory://"
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379")
    assert load_config(tmp_path)["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379"


# --- the security log -----------------------------------------------------------------------

@pytest.fixture
def security_events(caplog):
    """Return a function listing (event, fields) written to the security log so far."""
    caplog.set_level(logging.INFO, logger="coalition.security")

    def events():
        return [(r.security_event, r.security_fields) for r in caplog.records if r.name == "coalition.security"]

    events.text = lambda: caplog.text
    return events


def test_logins_failures_and_logouts_are_logged_by_account_id_only(client, make_user, security_events):
    user = make_user("staff", email="anna.berg@example.se", name="Anna Berg")
    log_in(client, user.email, "wrong password, try again")
    log_in(client, "nobody.here@example.se", "another wrong password")
    log_in(client, user.email)
    client.post("/logout")
    events = security_events()
    names = [event for event, _fields in events]
    assert names == ["login.failed", "login.failed", "login.succeeded", "logout"]
    assert events[0][1]["user"] == user.id
    assert events[1][1]["user"] == "unknown" and len(events[1][1]["email"]) == 16
    assert events[2][1]["user"] == events[3][1]["user"] == user.id
    logged = security_events.text()
    for personal in ("anna.berg", "Anna Berg", "nobody.here", "wrong password", PASSWORD, "127.0.0.1"):
        assert personal not in logged


def test_a_throttled_login_is_logged(app, make_user, security_events):
    user = make_user("staff")
    for _attempt in range(6):
        log_in(_from(app, "10.0.0.1"), user.email, "wrong password, try again")
    assert ("login.throttled", "account") in [(event, fields.get("by")) for event, fields in security_events()]
    assert user.email not in security_events.text()


def test_refused_access_is_logged_for_visitors_and_for_users_without_the_role(client, client_as, security_events):
    client.get("/organisations/")
    viewer = client_as("viewer")
    viewer.get("/admin/users")
    refusals = [fields for event, fields in security_events() if event == "access.refused"]
    assert {"user": "anonymous", "answer": "login", "endpoint": "organisations.index"}.items() <= refusals[0].items()
    assert {"user": viewer.user.id, "answer": "403", "endpoint": "admin.users"}.items() <= refusals[-1].items()


def test_the_security_log_goes_to_the_file_set_in_security_log(database_url, tmp_path, make_user):
    log_file = tmp_path / "security.log"
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, "WTF_CSRF_ENABLED": False,
                      "SECURITY_LOG": str(log_file)})
    user = make_user("staff")
    with app.app_context():
        assert log_in(app.test_client(), user.email).status_code == 302
    written = log_file.read_text()
    assert f"login.succeeded user={user.id}" in written
    assert user.email not in written


def test_the_security_log_defaults_to_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SECURITY_LOG", raising=False)
    assert load_config(tmp_path)["SECURITY_LOG"] == ""
    monkeypatch.setenv("SECURITY_LOG", "/var/log/coalition/security.log")
    assert load_config(tmp_path)["SECURITY_LOG"] == "/var/log/coalition/security.log"


def test_an_unknown_and_a_known_email_fail_in_the_same_number_of_queries(client, make_user):
    """The log's extra lookup must not tell an attacker which e-mails have accounts."""
    user = make_user("staff")
    counts = []
    for email in (user.email, "nobody@example.se"):
        statements = []
        listener = lambda *args, **kwargs: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            log_in(client, email, "wrong password, try again")
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        counts.append(len([s for s in statements if "users" in s]))
    assert counts[0] == counts[1]
