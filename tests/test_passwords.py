"""Passwords: long, not among the commonest, not the user's own name; argon2id, upgraded at login."""
import pytest
from argon2 import PasswordHasher, Type, extract_parameters
from werkzeug.security import generate_password_hash

from coalition.accounts.passwords import check_password, is_common
from coalition.db import db
from coalition.errors import DomainError

from .conftest import PASSWORD, log_in


def _change_password(client, new_password: str):
    return client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": new_password, "confirm": new_password})


@pytest.mark.parametrize("common", ["qwerty123456", "QWERTY123456", "1qaz2wsx3edc", "Password1234",
                                    "password1234!", "!!dragon2024!!", "monkeymonkey", "aaaaaaaaaaaa"])
def test_a_common_password_is_refused_beside_the_field(client_as, common):
    staff = client_as("staff")
    response = _change_password(staff, common)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "one of the most common passwords" in page
    assert 'id="new_password"' in page and "is-invalid" in page


def test_every_long_password_on_the_shipped_list_is_refused():
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    long_ones = [p for p in FREQUENCY_LISTS["passwords"] if len(p) >= 12]
    assert len(long_ones) > 200
    assert all(is_common(p) and is_common(p.upper()) for p in long_ones)


def test_an_uncommon_passphrase_is_accepted(client_as):
    staff = client_as("staff")
    assert _change_password(staff, "rabarber i Rosengård varje tisdag").status_code == 302


@pytest.mark.parametrize("password", ["anna.berg@example.se!", "annaberg-2024-xyz", "Anna Berg is the best"])
def test_a_password_made_of_ones_own_email_or_name_is_refused(password):
    with pytest.raises(DomainError) as refused:
        check_password(password, email="anna.berg@example.se", name="Anna Berg")
    assert "must not contain your e-mail address or name" in str(refused.value.message)
    assert refused.value.field == "password"


def test_the_change_password_page_refuses_the_users_own_name(app, make_user):
    user = make_user("staff", name="Kristina Lindqvist")
    client = app.test_client()
    log_in(client, user.email)
    response = _change_password(client, "kristinalindqvist99")
    assert response.status_code == 200
    assert "must not contain your e-mail address or name" in response.get_data(as_text=True)


def test_an_admin_cannot_give_a_new_user_a_common_password(client_as):
    admin = client_as("admin")
    response = admin.post("/admin/users/new", data={"email": "ny@example.se", "role": "viewer", "active": "y",
                                                    "password": "qwerty123456"})
    assert response.status_code == 200
    assert "one of the most common passwords" in response.get_data(as_text=True)


def test_the_create_user_command_refuses_a_common_password(runner):
    result = runner.invoke(args=["create-user", "ny@example.se", "--role", "staff", "--password", "password1234"])
    assert result.exit_code != 0 and "most common passwords" in result.output


def test_a_fresh_hash_is_argon2id_at_or_above_owasps_minimum(make_user):
    # We use RFC 9106's low-memory profile (64 MiB, t=3, p=4); OWASP's floor is 19 MiB, t=2, p=1.
    parameters = extract_parameters(make_user("staff").password_hash)
    assert parameters.type is Type.ID
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (65536, 3, 4)
    assert parameters.memory_cost >= 19 * 1024 and parameters.time_cost >= 2 and parameters.parallelism >= 1


@pytest.mark.parametrize("old_hash", [
    pytest.param(lambda: generate_password_hash(PASSWORD, "scrypt"), id="werkzeug-scrypt"),
    pytest.param(lambda: generate_password_hash(PASSWORD, "pbkdf2:sha256"), id="werkzeug-pbkdf2"),
    pytest.param(lambda: PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1).hash(PASSWORD),
                 id="argon2id-owasp-minimum"),
    pytest.param(lambda: PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.I).hash(PASSWORD),
                 id="argon2i-weak"),
])
def test_an_older_or_weaker_hash_is_upgraded_at_the_next_successful_login(client, make_user, old_hash):
    user = make_user("staff")
    user.password_hash = old_hash()
    db.session.commit()
    assert log_in(client, user.email, "not the password at all").status_code == 200
    db.session.refresh(user)
    assert not user.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")  # a failure upgrades nothing
    assert log_in(client, user.email).status_code == 302
    db.session.refresh(user)
    parameters = extract_parameters(user.password_hash)
    assert (parameters.type, parameters.memory_cost, parameters.time_cost, parameters.parallelism) == \
        (Type.ID, 65536, 3, 4)
    client.post("/logout")
    assert log_in(client, user.email).status_code == 302  # and the new hash works
