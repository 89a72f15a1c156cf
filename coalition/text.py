"""Text normalisation shared by matching, duplicate checks and search."""
import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")


def tidy(value: str | None) -> str:
    """Trim and collapse inner whitespace, as names are stored."""
    return _WHITESPACE.sub(" ", value or "").strip()


def match_key(value: str | None) -> str:
    """Return a key that ignores case, accents and spacing: 'Malmö  Stad' -> 'malmostad'."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WHITESPACE.sub("", without_accents.casefold())
