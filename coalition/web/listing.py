"""A register's list page: the filters in the address, the query they choose, a page of it, its exports.

A register declares its filter form (forms/<topic>.py) and one ListPage, and its views read it.
Meeting places, say:

    class PlaceFilterForm(FilterForm):
        q = StringField(_l("Search"), render_kw={"type": "search"})
        stage = SelectField(_l("Stage"), choices=enum_options(PlaceStage, blank=_l("All stages")),
                            validators=[Optional()])
        neighbourhood = SelectField(_l("Neighbourhood"), coerce=optional_record_id, validators=[Optional()])

    place_list = ListPage(PlaceFilterForm, choices={"neighbourhood": neighbourhood_options},
                          query=lambda form, sort: meeting_places.place_query(
                              search=form.text("q"), stage=form.chosen("stage", PlaceStage),
                              neighbourhood_id=form.chosen("neighbourhood"), sort=sort))

    @bp.route("/")
    @readable
    def index():
        listing = place_list.read()
        page = listing.page(selectinload(Place.neighbourhood))  # one query for the page's neighbourhoods
        return listing.render("meeting_places/index.html", page, today=date.today())  # more for the template

    @bp.route("/export.csv")
    @readable
    def export_csv():
        places = place_list.read().rows()
        return csv_download("meeting_places.csv", [_("Name"), _("Stage")], ((p.name, label(p.stage)) for p in places))

`FilterForm` (forms/filters.py) reads the filters: `form.chosen(name)` is None when a filter is
empty or has an error beside it. `csv_download` and `xlsx_download` come from downloads.py, and
`add_export_views` below adds both downloads of one table; a register that archives adds `add_archive_view(bp, Place, "place_id", ...)` from editing.py.

Its template takes `form` and `page` and is made of the macros in _macros.html: `page_header`,
`export_buttons` (links that keep the filters), `filter_bar`, and `list_table` (the head with
sort links, a row per record, the count and the pages); templates/meetings/index.html shows them.
Its new/edit page extends _record_form.html (templates/meetings/form.html is four lines).
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from flask import Blueprint, current_app, render_template, request
from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from ..auth import readable
from ..db import db
from ..exports import Sheet
from ..neighbourhoods import neighbourhood_choices
from .downloads import csv_download, xlsx_download
from .forms.fields import options
from .forms.filters import FilterForm

__all__ = ["ListPage", "Listing", "add_export_views", "neighbourhood_options"]


def neighbourhood_options() -> list:
    """The neighbourhoods a list can be narrowed to, led by "All neighbourhoods"."""
    return options(neighbourhood_choices(db.session), blank=_("All neighbourhoods"))


@dataclass(frozen=True)
class Listing:
    """One request's list: the filter form as it was read, and the filtered, sorted query."""

    form: FilterForm
    query: Select

    def page(self, *loader_options) -> Pagination:
        """Return the page the address asks for, its rows loaded with the options."""
        return db.paginate(self.query.options(*loader_options), per_page=current_app.config["PAGE_SIZE"])

    def rows(self, *loader_options):
        """Return every row that the filters keep, for an export."""
        return db.session.scalars(self.query.options(*loader_options))

    def render(self, template: str, page: Pagination, **context) -> str:
        """Render the list page's template with its form and page."""
        return render_template(template, form=self.form, page=page, **context)


@dataclass(frozen=True)
class ListPage:
    """How a register's list is filtered: its form, the choices offered from the database, its query."""

    form_class: type[FilterForm]
    # Given the read form and the sort key from the address, return the filtered, sorted query.
    query: Callable[[FilterForm, str], Select]
    default_sort: str = "name"
    # Select fields whose choices come from the database: field name -> a function that offers them.
    choices: Mapping[str, Callable[[], list]] = field(default_factory=dict)

    def read(self) -> Listing:
        """Read the filters from the address, offering their choices first, and build the query."""
        form = self.filter_form()
        return Listing(form, self.query(form, request.args.get("sort", self.default_sort)))

    def filter_form(self) -> FilterForm:
        """Return the filter form read from the address and validated."""
        form = self.form_class(request.args)
        for name, offered in self.choices.items():
            form[name].choices = offered()
        form.validate()
        return form


def add_export_views(bp: Blueprint, name: str, table: Callable[[], tuple[list[str], list[tuple]]], *,
                     sheet: str, widths: list[int]) -> None:
    """Add a register's downloads of what its list's filters keep: `/export.csv` and `/export.xlsx`,
    saved as `name`.csv and `name`.xlsx; `table()` gives their header and rows, and `sheet` (a lazy
    string) names the workbook's one sheet, whose columns are `widths` wide."""
    def export_csv():
        return csv_download(f"{name}.csv", *table())

    def export_xlsx():
        header, rows = table()
        return xlsx_download(f"{name}.xlsx", [Sheet(str(sheet), header, rows, widths=widths)])

    bp.add_url_rule("/export.csv", "export_csv", readable(export_csv))
    bp.add_url_rule("/export.xlsx", "export_xlsx", readable(export_xlsx))
