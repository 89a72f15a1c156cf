"""Configuration comes from the environment and refuses an unsafe production setup."""
import pytest

from coalition.config import ConfigError, load_config


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("COALITION_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        load_config(tmp_path)


def test_without_a_secret_key_one_is_generated_once_and_kept_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("COALITION_ENV", raising=False)
    first = load_config(tmp_path)["SECRET_KEY"]
    second = load_config(tmp_path)["SECRET_KEY"]
    assert len(first) >= 64 and first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_the_default_database_is_an_sqlite_file_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert load_config(tmp_path)["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'coalition.sqlite'}"


def test_a_postgres_url_uses_the_psycopg_driver(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://user@db.example/coalition")
    assert load_config(tmp_path)["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://user@db.example/coalition"


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("COALITION_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    config = load_config(tmp_path)
    assert config["SESSION_COOKIE_SECURE"] and config["SESSION_COOKIE_HTTPONLY"]
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_bootstrap_is_served_from_the_installed_package_not_a_cdn(client_as):
    page = client_as("viewer").get("/").get_data(as_text=True)
    assert "/bootstrap/static/css/bootstrap.min.css" in page
    assert "cdn." not in page and "https://" not in page


def test_an_operator_sizes_the_network_figures_each_web_process_keeps(monkeypatch, tmp_path):
    from coalition import create_app
    from coalition.collaboration import network_cache

    monkeypatch.setattr(network_cache, "size", network_cache.size)  # put back after the test
    monkeypatch.setenv("NETWORK_CACHE_SIZE", "300")
    assert load_config(tmp_path)["NETWORK_CACHE_SIZE"] == "300"
    create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'sized.sqlite'}", "NETWORK_CACHE_SIZE": "300"})
    assert network_cache.size == 300
