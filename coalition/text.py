"""Text normalisation shared by matching, duplicate checks and search."""
import re
import unicodedata
from functools import lru_cache

_WHITESPACE = re.compile(r"\s+")


def tidy(value: str | None) -> str:
    """Trim and collapse inner whitespace, as names are stored."""
    return _WHITESPACE.sub(" ", value or "").strip()


@lru_cache(maxsize=65_536)  # an import asks for the same names, titles and values on row after row
def match_key(value: str | None) -> str:
    """Return a key that ignores case, accents and spacing: 'Malmö  Stad' -> 'malmostad'."""
    if not value:
        return ""
    if value.isascii():  # nothing to decompose: the same key, five times quicker
        return _WHITESPACE.sub("", value.casefold())
    decomposed = unicodedata.normalize("NFKD", value)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WHITESPACE.sub("", without_accents.casefold())


# Characters nobody types: C0 and C1 controls, DEL, and U+FFFE/U+FFFF, which no XML document can
# hold. A pasted one would break the GraphML and GEXF files and the calendar feed for everyone.
# Text of several lines may hold tabs and line breaks; a single line holds neither.
_CONTROL_IN_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_CONTROL_IN_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def control_characters(value: str | None, *, multiline: bool = False) -> list[str]:
    """Return the control characters in the text, each once, in the order met: none in clean text.

    >>> control_characters("Åsa\\x07 Berg"), control_characters("rad 1\\nrad 2", multiline=True)
    (['\\x07'], [])
    """
    pattern = _CONTROL_IN_LINES if multiline else _CONTROL_IN_ONE_LINE
    return list(dict.fromkeys(pattern.findall(value or "")))


def one_line(value: str | None) -> str:
    """Return the text on one line: every control character and line break becomes a space."""
    return tidy(_CONTROL_IN_ONE_LINE.sub(" ", value or ""))
