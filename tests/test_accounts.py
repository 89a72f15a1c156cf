"""Logging in and out, sessions, passwords and user management."""
import re
from datetime import timedelta

import pytest

from coalition.db import db
from coalition.models import Role, User

from .conftest import PASSWORD, log_in


def test_login_with_the_right_password_opens_the_overview(client, make_user):
    user = make_user("staff")
    response = log_in(client, user.email)
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(client, make_user):
    user = make_user("staff", email="known@example.se")
    wrong_password = log_in(client, user.email, "not the password at all")
    unknown_user = log_in(client, "other@example.se", "not the password at all")
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert "Wrong e-mail or password." in wrong_password.get_data(as_text=True)
    assert _without_csrf_tokens(wrong_password.get_data(as_text=True).replace("known@", "other@")) == \
        _without_csrf_tokens(unknown_user.get_data(as_text=True))


def _without_csrf_tokens(page: str) -> str:
    # Tokens carry a timestamp: two pages a second apart differ there and nowhere else.
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', page)


def test_the_email_is_not_case_sensitive_at_login(client, make_user):
    user = make_user("staff", email="Anna.Berg@Example.se")
    assert user.email == "anna.berg@example.se"
    assert log_in(client, "ANNA.BERG@example.se").status_code == 302


def test_an_inactive_user_cannot_log_in(client, make_user):
    user = make_user("staff")
    user.active = False
    db.session.commit()
    assert log_in(client, user.email).status_code == 200
    assert client.get("/").status_code == 302


def test_a_session_cookie_copied_before_logout_is_refused_afterwards(app, client, make_user):
    user = make_user("staff")
    log_in(client, user.email)
    stolen = client.get_cookie("session").value
    client.post("/logout")
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    response = replay.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_a_session_older_than_the_absolute_limit_is_ended(app, client, make_user):
    user = make_user("staff")
    log_in(client, user.email)
    with client.session_transaction() as session:
        session["login_at"] = (user.last_login_at - timedelta(hours=13)).isoformat()
    assert client.get("/").status_code == 302


def test_changing_the_password_logs_out_other_sessions(app, make_user):
    user = make_user("staff")
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, user.email)
    log_in(phone, user.email)
    response = laptop.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "a brand new long passphrase", "confirm": "a brand new long passphrase",
    })
    assert response.status_code == 302
    assert laptop.get("/").status_code == 200
    assert phone.get("/").status_code == 302


def test_a_short_password_is_refused_beside_the_field(client_as):
    staff = client_as("staff")
    response = staff.post("/account/password", data={"current_password": PASSWORD, "new_password": "short", "confirm": "short"})
    assert response.status_code == 200
    assert "at least 12" in response.get_data(as_text=True)


def test_login_only_follows_next_within_the_site(client, make_user):
    user = make_user("staff")
    inside = client.post("/login?next=/organisations/", data={"email": user.email, "password": PASSWORD})
    assert inside.headers["Location"] == "/organisations/"
    client.post("/logout")
    outside = client.post("/login?next=https://evil.example/", data={"email": user.email, "password": PASSWORD})
    assert outside.headers["Location"] == "/"


def test_passwords_are_stored_as_argon2id_hashes(make_user):
    user = make_user("staff")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_create_user_command_makes_an_account_that_can_log_in(runner, client):
    result = runner.invoke(args=["create-user", "new@example.se", "--role", "viewer", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert "Created viewer new@example.se" in result.output
    assert log_in(client, "new@example.se").status_code == 302


def test_create_user_command_asks_for_the_password_when_not_given(runner):
    result = runner.invoke(args=["create-user", "asked@example.se", "--role", "staff"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(User).where(User.email == "asked@example.se")).role is Role.STAFF


def test_create_user_command_refuses_a_duplicate_and_a_short_password(runner, make_user):
    make_user("staff", email="taken@example.se")
    duplicate = runner.invoke(args=["create-user", "taken@example.se", "--role", "staff", "--password", PASSWORD])
    assert duplicate.exit_code != 0 and "already an account" in duplicate.output
    short = runner.invoke(args=["create-user", "short@example.se", "--role", "staff", "--password", "short"])
    assert short.exit_code != 0 and "at least 12" in short.output


def test_admin_creates_a_user_and_changes_their_role(client_as):
    admin = client_as("admin")
    created = admin.post("/admin/users/new", data={"email": "colleague@example.se", "name": "Kim", "role": "viewer",
                                                   "active": "y", "password": PASSWORD})
    assert created.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "colleague@example.se"))
    edited = admin.post(f"/admin/users/{user.id}/edit", data={"version": user.version, "name": "Kim", "role": "staff", "active": "y"})
    assert edited.status_code == 302
    db.session.refresh(user)
    assert user.role is Role.STAFF


def test_admin_cannot_remove_their_own_admin_role(client_as):
    admin = client_as("admin")
    user = admin.user
    response = admin.post(f"/admin/users/{user.id}/edit", data={"version": user.version, "name": "", "role": "viewer", "active": "y"})
    assert response.status_code == 200
    assert "cannot remove your own admin role" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.role is Role.ADMIN


def test_staff_cannot_manage_users(client_as):
    staff = client_as("staff")
    assert staff.get("/admin/users").status_code == 403
    assert staff.post("/admin/users/new", data={"email": "x@example.se", "role": "admin", "password": PASSWORD}).status_code == 403
    assert db.session.scalar(db.select(User).where(User.email == "x@example.se")) is None


@pytest.mark.parametrize("target", ["/%0D%0ASet-Cookie:x=1", "/%0ASet-Cookie:x=1", "/organisations/%0D%0A",
                                    "/%09/evil.example", "/\\evil.example"])
def test_a_next_address_with_control_characters_is_ignored_and_the_login_still_succeeds(client, make_user, target):
    user = make_user("staff")
    response = client.post(f"/login?next={target}", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "x=1" not in response.headers.get("Set-Cookie", "")


def test_the_login_page_greets_a_newcomer_without_an_alert(client):
    page = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "Log in to Coalition" in page
    assert 'class="alert' not in page
    assert "Log in to open the page you asked for." not in page  # the start page is where everyone goes


def test_the_login_page_says_quietly_that_a_link_needs_a_login(client, make_user):
    page = client.get("/commitments/", follow_redirects=True).get_data(as_text=True)
    assert 'class="alert' not in page
    assert '<p class="small" id="login-next">Log in to open the page you asked for.</p>' in page
    user = make_user("staff")
    response = client.post("/login?next=/commitments/", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/commitments/"


def test_two_logins_of_one_account_at_once_both_succeed(app, make_user):
    """The second login's write must not be refused as a conflicting edit of the account (it was a
    500 for half the clients of bench/load.py)."""
    from coalition.accounts.users import authenticate

    user = make_user("staff")
    db.session.commit()
    db.session.get(User, user.id)  # this request has read the account, when another login of it writes
    db.session.execute(db.update(User).where(User.id == user.id).values(version=User.version + 1),
                       execution_options={"synchronize_session": False})

    assert authenticate(db.session, user.email, PASSWORD) is not None
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(User, user.id).last_login_at is not None
