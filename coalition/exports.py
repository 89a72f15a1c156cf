"""Writing a list as a spreadsheet file: CSV for any program, XLSX for Excel itself.

Every text cell is neutralised: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@`
(and, in some, a tab or carriage return) as a formula, so data typed by anyone could otherwise
fetch a URL or run a command on the computer of whoever opens the export. Such text gets a
leading apostrophe. Numbers and dates are not text: in XLSX they are written as numbers and
dates, so they can be summed and sorted.

A CSV file is also read by programs that split it where we did not mean: Excel in Swedish
splits on `;`, some readers on tabs or on every line. So every CSV cell is quoted, and text that
would start a formula after a `;`, `,`, tab or line break (spaces between) gets its apostrophe
there too: `Desc;=1+1` is written `"Desc;'=1+1"`, and no way of splitting it yields `=1+1`.
"""
import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CSV_MIMETYPE = "text/csv"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARACTERS = FORMULA_STARTS[:4]
# A formula start after a separator some spreadsheet may split on, spaces between; the first
# pattern finds one (fast, for the many cells without), the second marks where the apostrophes go.
_SEPARATOR_THEN_FORMULA = re.compile(r"[;,\t\r\n]\s*[=+\-@]")
_FORMULA_AFTER_SEPARATOR = re.compile(r"([;,\t\r\n]\s*)(?=[=+\-@])")
_NUMBERS = (int, float, Decimal)
# Excel refuses these in a sheet's name, and names longer than 31 characters.
_NOT_IN_SHEET_TITLES = re.compile(r"[\[\]:*?/\\]")


def neutralise(text: str) -> str:
    """Make text that a spreadsheet would run as a formula read as plain text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def neutralise_everywhere(text: str) -> str:
    """Neutralise the text as a whole and after every separator a spreadsheet may split it on."""
    if _SEPARATOR_THEN_FORMULA.search(text):
        text = _FORMULA_AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if text.startswith(FORMULA_STARTS) or text.lstrip().startswith(_FORMULA_CHARACTERS) else text


# A network's ties repeat the same few thousand labels hundreds of thousands of times.
_neutralised_label = lru_cache(maxsize=16_384)(neutralise_everywhere)


def csv_cell(value) -> str:
    """Write one value as CSV text: numbers plainly, dates as YYYY-MM-DD, text neutralised everywhere."""
    if type(value) is int:  # the common case first: a network's ties are millions of counts
        return str(value)
    if type(value) is str:
        return _neutralised_label(value) if len(value) <= 200 else neutralise_everywhere(value)
    if value is None:
        return ""
    if isinstance(value, _NUMBERS) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise_everywhere(str(value))


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """Write a table as CSV, every cell quoted, led by a byte-order mark so that Excel reads it as UTF-8 (å, ä, ö)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow([csv_cell(title) for title in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return "\ufeff" + out.getvalue()


@dataclass
class Sheet:
    """One worksheet of a workbook: a title, column headings and rows of plain values."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[int] = ()  # column widths in characters; Excel's default where missing


def _xlsx_cell(worksheet, value, font: Font | None = None):
    if value is None:
        return None
    if font is None and (isinstance(value, _NUMBERS) and not isinstance(value, bool)
                         or isinstance(value, date) and not isinstance(value, datetime)):
        return value  # openpyxl writes these as numbers and YYYY-MM-DD dates itself
    if isinstance(value, datetime):
        cell = WriteOnlyCell(worksheet, value)
        cell.number_format = "yyyy-mm-dd hh:mm"
    else:
        text = neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        if font is None and text not in ERROR_CODES:
            return text  # a plain string: after neutralising, openpyxl cannot take it for a formula
        cell = WriteOnlyCell(worksheet, text)
        cell.data_type = "s"  # never an error code such as #N/A
    if font is not None:
        cell.font = font
    return cell


def _sheet_title(title: str) -> str:
    return _NOT_IN_SHEET_TITLES.sub(" ", title).strip()[:31] or "Sheet"


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """Write worksheets into one XLSX workbook, streaming rows rather than holding them all."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=_sheet_title(sheet.title))
        for index, width in enumerate(sheet.widths):
            worksheet.column_dimensions[get_column_letter(index + 1)].width = width
        worksheet.freeze_panes = "A2"
        worksheet.append([_xlsx_cell(worksheet, title, bold) for title in sheet.header])
        for row in sheet.rows:
            worksheet.append([_xlsx_cell(worksheet, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
