"""The filter bar of a list page: a GET form whose valid choices narrow the list."""
from datetime import date

from flask import request

from .base import Form

__all__ = ["FilterForm"]


class FilterForm(Form):
    """A list's filters, read from the address; a filter with an error beside it narrows nothing."""

    class Meta:
        csrf = False  # a GET filter changes nothing

    def chosen(self, name: str, kind=None):
        """Return what the filter asks for (made a `kind`, e.g. an enum, when given), or None for no filter."""
        field = self[name]
        if not field.data or field.errors:
            return None
        return kind(field.data) if kind is not None else field.data

    def text(self, name: str) -> str:
        """Return the text a search filter asks for, "" for none."""
        return self.chosen(name) or ""

    def applied(self) -> list[tuple[str, str, str]]:
        """Return (parameter, field label, shown value) for each filter that narrows the list."""
        applied = []
        for field in self:
            value = field.data.strip() if isinstance(field.data, str) else field.data
            if not value or field.errors:
                continue
            if field.type == "SelectField":
                shown = next((str(c.label) for c in field.choices if c.value == field.data), str(field.data))
            elif isinstance(field.data, date):
                shown = field.data.isoformat()
            else:
                shown = value
            applied.append((field.name, str(field.label.text), shown))
        return applied

    def applied_args(self, only: tuple[str, ...] | None = None) -> dict[str, str]:
        """Return the address parameters of the filters that narrow the list, as the list page sent them."""
        return {name: request.args[name] for name, _label, _shown in self.applied() if only is None or name in only}
