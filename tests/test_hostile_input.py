"""Stored script comes back as text: every form the app has is filled with hostile input, and no page
that shows it (nor the form that refused it) contains the raw markup."""
import io
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from coalition.auth import Access, access_of

from .test_access import _routes, sample_ids  # noqa: F401 (sample_ids is a fixture used below)

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
RAW = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# Forms that end, remove or hide what the walk wants to look at, or that hold no text of their own.
LEFT_OUT = {"delete", "archive", "remove", "anonymise", "restrict", "withdraw", "revoke", "logout", "login",
            "language", "password", "refresh", "confirm", "end", "decide", "lift"}
# What a field of each type gets when it refused the payload (in this order): empty, then plain.
FALLBACKS = {"email": ["", "hostile.input@example.se"], "url": ["", "https://example.se/"], "number": ["", "1"],
             "date": ["", "2026-03-04"], "datetime-local": ["", "2026-03-04T18:00"], "time": ["", "18:00"]}
BY_TYPE = {"email": "hostile.input@example.se", "number": "1", "date": "2026-03-04",
           "datetime-local": "2026-03-04T18:00", "time": "18:00", "password": "rabarber i Rosengård varje tisdag"}
# What a browser would render as a page if opened: HTML, SVG and XML (not spreadsheets, JSON or CSV).
SHOWN_AS_PAGES = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml"}


class _Forms(HTMLParser):
    """Read the POST forms of a page: action, enctype and each named field with its type and value."""

    def __init__(self):
        super().__init__()
        self.forms, self.invalid = [], set()
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "is-invalid" in (a.get("class") or "") and a.get("name"):
            self.invalid.add(a["name"])
        if tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                          "multipart": a.get("enctype") == "multipart/form-data", "fields": []}
            self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value") or "")
            if "selected" in a:
                self._select["selected"].append(a.get("value") or "")
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                kind += "-unchecked"
            self._form["fields"].append({"name": a["name"], "type": kind, "value": a.get("value") or ""})
        elif tag == "textarea":
            self._form["fields"].append({"name": a["name"], "type": "textarea", "value": ""})
        elif tag == "select":
            self._select = {"name": a["name"], "type": "select", "options": [], "selected": [],
                            "multiple": "multiple" in a}
            self._form["fields"].append(self._select)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _parse(html: str) -> _Forms:
    parser = _Forms()
    parser.feed(html)
    return parser


def _fill(form: dict, refused: dict[str, int]) -> dict:
    """Put the payload in every text field, or the next fallback where a field refused it."""
    data, chosen_submit = {}, False
    for field in form["fields"]:
        name, kind = field["name"], field["type"]
        attempt = refused.get(name, 0)
        if kind == "select":
            filled = [o for o in field["options"] if o]
            usable = [o for o in field["selected"] if o] or filled[attempt:attempt + 1] or filled[:1]
            if usable:
                data[name] = usable if field["multiple"] else usable[0]
        elif kind in ("hidden", "checkbox", "radio"):
            data.setdefault(name, field["value"] or "y")
        elif kind == "submit":
            if not chosen_submit:
                data[name], chosen_submit = field["value"], True
        elif kind == "file":
            data[name] = (io.BytesIO(PDF), PAYLOAD + ".pdf")
        elif kind.endswith("-unchecked"):
            continue
        elif attempt == 0:
            data[name] = BY_TYPE.get(kind, PAYLOAD)
        else:
            fallbacks = FALLBACKS.get(kind, ["", "1", "Plain words"])
            data[name] = fallbacks[min(attempt - 1, len(fallbacks) - 1)]
    return data


def _assert_no_raw_markup(response, where: str) -> None:
    if response.mimetype in SHOWN_AS_PAGES:
        text = response.get_data(as_text=True)
        for raw in RAW:
            assert raw not in text, f"{where} shows {raw!r} unescaped"


def _submit(client, app, page_url: str, form: dict, results: dict) -> None:
    """Send the form until it saves or every field that refused the payload has had its fallbacks."""
    action = urljoin(page_url, form["action"]) if form["action"] else page_url
    path = urlsplit(action).path
    endpoint = app.url_map.bind("localhost").match(path, method="POST")[0]
    if set(endpoint.rpartition(".")[2].split("_")) & LEFT_OUT or (endpoint, path) in results:
        return
    refused: dict[str, int] = {}
    for _attempt in range(5):
        data = _fill(form, refused)
        response = client.post(path, data=data, content_type="multipart/form-data" if form["multipart"] else None)
        _assert_no_raw_markup(response, f"POST {path} (its answer)")
        if response.status_code != 200:
            break
        invalid = _parse(response.get_data(as_text=True)).invalid
        if not invalid:
            break
        for name in invalid:
            refused[name] = refused.get(name, 0) + 1
    results[(endpoint, path)] = response


def test_script_typed_into_any_form_is_shown_as_text_everywhere(app, client_as, sample_ids):  # noqa: F811
    app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024
    admin = client_as("admin")
    pages = [(endpoint, url) for endpoint, method, url in _routes(app, sample_ids)
             if method == "GET" and access_of(app, endpoint) is not Access.PUBLIC]
    results: dict = {}
    for _endpoint, url in pages:
        response = admin.get(url)
        if response.mimetype == "text/html":
            for form in _parse(response.get_data(as_text=True)).forms:
                if form["method"] == "post":
                    _submit(admin, app, url, form, results)

    saved = {endpoint for (endpoint, _path), response in results.items() if response.status_code in (302, 303)}
    for expected in ("organisations.new", "people.new", "neighbourhoods.new", "meetings.new", "commitments.new",
                     "initiatives.new", "relationships.new", "admin.new_user", "organisations.edit", "people.edit",
                     "meetings.add_action", "attachments.upload"):
        assert expected in saved, f"{expected} did not save the hostile input: the walk cannot check its pages"

    landing = {response.headers["Location"] for response in results.values() if response.status_code in (302, 303)}
    showing = 0
    for url in sorted(landing | {url for _endpoint, url in pages}):
        response = admin.get(url)
        _assert_no_raw_markup(response, f"GET {url}")
        showing += response.mimetype == "text/html" and ESCAPED in response.get_data(as_text=True)
    for listing in ("/organisations/", "/people/", "/neighbourhoods/", "/meetings/", "/commitments/",
                    "/initiatives/", "/relationships/", "/admin/users"):
        assert ESCAPED in admin.get(listing).get_data(as_text=True), f"{listing} does not show the stored text"
    assert showing >= 20


def test_a_hostile_name_at_login_is_not_echoed_as_markup(client):
    response = client.post("/login", data={"email": PAYLOAD, "password": "whatever it may be"})
    _assert_no_raw_markup(response, "the login page")
    assert ESCAPED in response.get_data(as_text=True)  # what was typed is kept, as text
