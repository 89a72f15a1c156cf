"""Sending a file the app makes, under a name every browser saves it as.

The name goes into the Content-Disposition header: stripped of what could make it a path or
break the header, plainly when it is ASCII, and also in RFC 5987 form (`filename*`) when it
is not, with an ASCII look-alike for the few clients that read only `filename`.
"""
import re
import unicodedata
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from flask import Response
from werkzeug.http import dump_options_header

from ..exports import CSV_MIMETYPE, XLSX_MIMETYPE, Sheet, csv_text, xlsx_bytes

__all__ = ["content_disposition", "csv_download", "download", "xlsx_download"]

# Path separators, quotes and every control character: none belongs in a file's name.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\"]+')
# RFC 5987 attr-char: what may stand unescaped in a filename* value.
_ATTR_CHARS = "!#$&+-.^_`|~"


def safe_filename(filename: str) -> str:
    """Return the name with nothing in it that could make it a path or break the header."""
    return _UNSAFE.sub("_", unicodedata.normalize("NFC", filename)).strip(" .") or "download"


def _ascii_look_alike(name: str) -> str:
    """Return the name in ASCII letters (å as a), or `download` with its extension where none are left."""
    stem, dot, extension = name.rpartition(".") if "." in name else (name, "", "")
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii").strip(" ._")
    return (plain or "download") + dot + unicodedata.normalize("NFKD", extension).encode("ascii", "ignore").decode()


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """Return the Content-Disposition value that offers the content under the filename.

    >>> content_disposition("meetings.csv")
    'attachment; filename=meetings.csv'
    >>> content_disposition("Rosengård.csv", inline=True)
    "inline; filename=Rosengard.csv; filename*=UTF-8''Roseng%C3%A5rd.csv"
    """
    name = safe_filename(filename)
    if name.isascii():
        names = {"filename": name}
    else:
        names = {"filename": _ascii_look_alike(name), "filename*": "UTF-8''" + quote(name, safe=_ATTR_CHARS)}
    return dump_options_header("inline" if inline else "attachment", names)


def download(body, mimetype: str, filename: str, *, inline: bool = False) -> Response:
    """Send the body as a file under the name."""
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": content_disposition(filename, inline=inline)})


def csv_download(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """Send a table as a CSV file."""
    return download(csv_text(header, rows), CSV_MIMETYPE, filename)


def xlsx_download(filename: str, sheets: Iterable[Sheet]) -> Response:
    """Send sheets as an XLSX workbook."""
    return download(xlsx_bytes(sheets), XLSX_MIMETYPE, filename)
