"""Swedish organisation numbers (organisationsnummer)."""
import re

_ORG_NUMBER = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_valid(digits: str) -> bool:
    """Tell whether a string of digits ends in a correct Luhn check digit.

    >>> luhn_valid("2120001124"), luhn_valid("2120001125")
    (True, False)
    """
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_org_number(value: str) -> str | None:
    """Return the number as NNNNNN-NNNN if its format and check digit are right, else None.

    >>> normalise_org_number(" 2120001124 ")
    '212000-1124'
    >>> normalise_org_number("212000-1125") is None
    True
    """
    match = _ORG_NUMBER.match(value.strip())
    if not match or not luhn_valid(match[1] + match[2]):
        return None
    return f"{match[1]}-{match[2]}"
