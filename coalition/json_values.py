"""Column values as JSON holds them, written one way wherever records leave as JSON."""
import enum
from datetime import date, datetime
from decimal import Decimal

__all__ = ["json_value"]


def json_value(value):
    """Return an enum as its value, a day or time as ISO 8601 and a decimal as text; anything else as it is.

    >>> json_value(date(2026, 3, 14)), json_value(Decimal("12.50")), json_value(7)
    ('2026-03-14', '12.50', 7)
    """
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
