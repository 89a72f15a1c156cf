"""Swedish and English: the locale, and how dates and amounts are written in each."""
from datetime import date, datetime
from decimal import Decimal

from babel.numbers import format_currency, format_decimal
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import Babel, get_locale, gettext
from flask_babel.speaklater import LazyString
from markupsafe import escape

babel = Babel()


class LazyText(LazyString):
    """A translation looked up when shown, that pages escape like any other text.

    Flask-Babel's lazy string declares itself HTML, so a message carrying what a user typed
    (a name in "X already has this e-mail address") would reach the page unescaped.
    """

    def __html__(self) -> str:
        return str(escape(str(self)))


def lazy_gettext(string: str, **variables) -> LazyText:
    """Mark text for translation in the language of whoever reads it (import it as `_l`)."""
    return LazyText(gettext, string, **variables)


def select_locale() -> str:
    """Use the language chosen in the header, else the browser's best match."""
    if not has_request_context():  # a flask command: messages in the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def iso_date(value: date | datetime | None) -> str:
    """Write a date as YYYY-MM-DD in both languages, as the office does."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def sek(amount: Decimal | int | None) -> str:
    """Write an amount in kronor: '1 234 567 kr' in Swedish, '1,234,567 SEK' in English."""
    if amount is None:
        return ""
    decimals = "" if Decimal(amount) == Decimal(amount).to_integral_value() else ".00"
    return format_currency(amount, "SEK", format=f"#,##0{decimals}\xa0¤", locale=str(get_locale()), currency_digits=False)


def number(value) -> str:
    """Write a number with the locale's grouping and decimal sign."""
    if value is None:
        return ""
    return format_decimal(value, locale=str(get_locale()))


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories=str(app.root_path) + "/translations")
    app.jinja_env.filters.update(iso_date=iso_date, sek=sek, number=number)
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
