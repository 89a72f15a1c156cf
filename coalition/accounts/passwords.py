"""Passwords: what we accept, how we hash them, and upgrading old hashes at login."""
import re
import string
from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from werkzeug.security import check_password_hash

from ..errors import DomainError
from ..i18n import lazy_gettext as _l

MIN_PASSWORD_LENGTH = 12

# argon2id with RFC 9106's low-memory profile (64 MiB, 3 passes, 4 lanes), written out so that a
# new argon2-cffi default cannot change it unnoticed. It is above OWASP's minimum for argon2id
# (19 MiB, 2 passes, 1 lane); hashes made with less are upgraded at the next login.
HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4, hash_len=32, salt_len=16, type=Type.ID)
# Accounts made before argon2 came in carry a Werkzeug hash ("scrypt:...", "pbkdf2:...").
_WERKZEUG_PREFIXES = ("scrypt:", "pbkdf2:")
# What people put around a common word to pass a length rule: "Password2024!", "!!dragon!!".
_DECORATION = string.digits + string.punctuation + string.whitespace


@cache
def _common_passwords() -> frozenset[str]:
    # zxcvbn ships 30,000 passwords seen most often in breaches; loaded on first use, not at import.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def _letters_and_digits(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def is_common(password: str) -> bool:
    """Say whether the password is, or merely decorates, one of the commonest passwords."""
    lowered = password.lower().strip()
    core = lowered.strip(_DECORATION)
    candidates = {lowered, core, _letters_and_digits(lowered)}
    # "monkeymonkey", "abcabcabcabc": a short piece repeated is no longer than the piece.
    for size in range(1, len(core) // 2 + 1):
        if len(core) % size == 0 and core[:size] * (len(core) // size) == core:
            candidates.add(core[:size])
            if size <= 3:
                return True
            break
    return any(candidate in _common_passwords() for candidate in candidates if candidate)


def _mentions_the_user(password: str, email: str, name: str) -> bool:
    typed = _letters_and_digits(password)
    local_part = _letters_and_digits(email.partition("@")[0])
    pieces = [local_part, _letters_and_digits(email), _letters_and_digits(name)]
    return any(len(piece) >= 4 and piece in typed for piece in pieces)


def check_password(password: str, *, email: str = "", name: str = "") -> None:
    """Refuse a password that is short, common, or made of the user's own e-mail or name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(_l("A password needs at least %(n)d characters.", n=MIN_PASSWORD_LENGTH), field="password")
    if is_common(password):
        raise DomainError(_l("This is one of the most common passwords and would be guessed quickly. "
                             "Choose another, for example a few unrelated words."), field="password")
    if _mentions_the_user(password, email, name):
        raise DomainError(_l("A password must not contain your e-mail address or name."), field="password")


def hash_password(password: str) -> str:
    """Return an argon2id hash of the password."""
    return HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Say whether the password matches the stored hash, argon2 or an older Werkzeug one."""
    if stored_hash.startswith(_WERKZEUG_PREFIXES):
        return check_password_hash(stored_hash, password)
    try:
        return HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Say whether the hash is weaker than what we make today, so the next login replaces it."""
    if stored_hash.startswith(_WERKZEUG_PREFIXES):
        return True
    try:
        return HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
