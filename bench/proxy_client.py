"""A client of Coalition in production mode, as a reverse proxy would forward it.

Production sends cookies over https only; behind the proxy the app hears plain http with
``X-Forwarded-Proto: https``. This client plays that proxy: it sends the forwarded headers and a
same-origin Referer (Flask-WTF wants one on https forms) and keeps the cookies by hand, Secure
ones included. Used by tests/test_production.py and bench/load.py.
"""
import re
import urllib.error
import urllib.parse
import urllib.request


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class ProxiedClient:
    """One browser's session with one web server (share ``cookies`` to move it to another)."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = cookies if cookies is not None else {}
        self.opener = urllib.request.build_opener(_NoRedirect)

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        """Send a GET (or a POST of ``data``); return (status, headers, text), redirects not followed."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        sent = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1",
                "Referer": self.base.replace("http:", "https:", 1) + path, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            response = self.opener.open(urllib.request.Request(self.base + path, data=body, headers=sent), timeout=120)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.headers, response.read().decode()

    def form_token(self, path: str) -> str:
        _status, _headers, page = self.request(path)
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

    def post_form(self, path: str, data: dict, form_path: str | None = None):
        """POST ``data`` with the CSRF token of the form at ``form_path`` (default: ``path``)."""
        return self.request(path, {**data, "csrf_token": self.form_token(form_path or path)})

    def log_in(self, email: str, password: str) -> int:
        return self.post_form("/login", {"email": email, "password": password})[0]
