"""An organisation's address, phone, e-mail and website: checked and written one way wherever they come from.

Each check takes what was typed and returns it in the form it is stored and shown in, or
adds a refusal beside its field. Empty is always allowed: most organisations are registered
before anyone knows their switchboard number.
"""
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from .errors import Refusals
from .i18n import lazy_gettext as _l
from .text import tidy

__all__ = ["CONTACT_FIELDS", "ContactDetails", "checked_contact_details"]

_POSTCODE = re.compile(r"(\d{3})\s?(\d{2})")
# +46 or 0, then 6 to 12 digits in groups separated by spaces, hyphens or a bracket round the area code.
_PHONE_CHARACTERS = re.compile(r"[\d\s\-()]+")


@dataclass(frozen=True)
class ContactDetails:
    """Where an organisation is reached, as typed."""

    address: str = ""
    postcode: str = ""
    town: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""


CONTACT_FIELDS = ("address", "postcode", "town", "phone", "email", "website")


def _postcode(raw: str, refusals: Refusals) -> str:
    typed = tidy(raw)
    if not typed:
        return ""
    found = _POSTCODE.fullmatch(typed)
    if found is None or typed.startswith("0"):
        refusals.add(_l("A Swedish postcode has five digits, e.g. 123 45."), "postcode")
        return typed
    return f"{found[1]} {found[2]}"


def _phone(raw: str, refusals: Refusals) -> str:
    typed = tidy(raw)
    if not typed:
        return ""
    national = typed[3:] if typed.startswith("+46") else typed
    digits = re.sub(r"\D", "", national)
    starts_right = typed.startswith("+46") or typed.lstrip("(").startswith("0")
    if not starts_right or not _PHONE_CHARACTERS.fullmatch(national) or not 7 <= len(digits) <= 13:
        refusals.add(_l("Write a phone number starting with +46 or 0, e.g. 08-123 456 78."), "phone")
    return typed


def _email(typed: str, refusals: Refusals) -> str:
    try:
        return validate_email(typed, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        refusals.add(_l("Enter an e-mail address such as name@example.se."), "email")
        return typed


def _website(typed: str, refusals: Refusals) -> str:
    parts = urlsplit(typed)
    if parts.scheme.lower() not in ("http", "https") or "." not in parts.netloc or " " in typed:
        refusals.add(_l("Enter a full address starting with http:// or https://, e.g. https://example.se"), "website")
    return typed


def checked_contact_details(details: ContactDetails, refusals: Refusals) -> ContactDetails:
    """Return the details as stored (postcode as "123 45", e-mail in lower case); refusals get what is wrong."""
    return ContactDetails(
        address=tidy(details.address), postcode=_postcode(details.postcode, refusals), town=tidy(details.town),
        phone=_phone(details.phone, refusals),
        email=_email(details.email.strip(), refusals) if details.email.strip() else "",
        website=_website(details.website.strip(), refusals) if details.website.strip() else "",
    )
