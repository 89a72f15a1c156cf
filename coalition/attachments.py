"""Meeting attachments: documents kept with a meeting, checked by name and by content.

An attachment holding personal data (a sign-in list with names and e-mails, a scanned form) is
for staff only, as people are: the steering group neither sees its name nor downloads it. Files
uploaded to a meeting's participants section, and files named like a sign-in list, hold it by
default; staff clear the mark on those that do not.

A file is stored under ATTACHMENT_DIR by a random key, never by the name it was uploaded with.
Files follow the database: one written for a transaction that is rolled back is removed, and
one whose attachment is deleted (on its own or with its meeting) is removed only once that
deletion is committed, so a rollback never loses a document.
"""
import logging
import os
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import filetype
from babel.numbers import format_decimal
from flask import current_app
from flask_babel import get_locale
from sqlalchemy import event, select
from sqlalchemy.orm import Session, object_session

from .errors import DomainError
from .i18n import lazy_gettext as _l
from .instance_folder import private_folder
from .models import Attachment, Meeting, Participation, User
from .text import match_key

__all__ = [
    "ACCEPTED_EXTENSIONS", "ACCEPTED_TYPES", "INLINE_CONTENT_TYPES", "attachment_path", "attachments_of",
    "attachments_to_review", "delete_attachment", "display_filename", "human_size", "init_app",
    "looks_like_a_sign_in_list", "mark_personal_data", "store_attachment",
]

log = logging.getLogger(__name__)

_CHUNK = 64 * 1024
_HEAD = 8192  # what filetype reads to recognise a format
# ZIP local file header and OLE2 compound file signature: the containers of office documents,
# which filetype recognises only by heuristics about entry order.
_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_MANIFEST_BYTES = 1024 * 1024  # read no more of a manifest than this, whatever it claims to unpack to

# Pictures are shown in the browser; everything else is downloaded. Not PDFs: a PDF can carry
# JavaScript (/OpenAction) that the browser's viewer would run on opening it from our address.
INLINE_CONTENT_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})

ACCEPTED_TYPES = _l("PDF, images (PNG, JPEG, GIF, WebP), Word, Excel, PowerPoint, OpenDocument, plain text and CSV")


# A check reads the stored upload (its path, and its first bytes) and returns the content type
# to serve it with, or None when the content is not what the extension promises.
_Check = Callable[[Path, bytes], str | None]


def _format(mime: str, *variants: str) -> _Check:
    accepted = {mime, *variants}
    return lambda _path, head: mime if filetype.guess_mime(head) in accepted else None


def _office_open_xml(mime: str) -> _Check:
    """Check a .docx/.xlsx/.pptx: a ZIP whose [Content_Types].xml names the document's main part.

    The macro-enabled variants (.docm, ...) name a different main part and so do not pass.
    """
    main_part = f"{mime}.main+xml".encode()

    def check(path: Path, head: bytes) -> str | None:
        manifest = _zip_member(path, head, "[Content_Types].xml")
        return mime if manifest is not None and main_part in manifest else None
    return check


def _open_document(mime: str) -> _Check:
    """Check an OpenDocument file: a ZIP whose `mimetype` member is exactly its type."""
    return lambda path, head: mime if _zip_member(path, head, "mimetype") == mime.encode() else None


def _zip_member(path: Path, head: bytes, name: str) -> bytes | None:
    if not head.startswith(_ZIP_SIGNATURE):
        return None  # ZIP readers also accept data put before an archive; we do not
    try:
        with zipfile.ZipFile(path) as archive, archive.open(name) as member:
            return member.read(_MAX_MANIFEST_BYTES)
    # Each is how zipfile says "not an archive we can read": corrupt (BadZipFile, EOFError, OSError),
    # member missing (KeyError), encrypted (RuntimeError), or an unsupported compression method
    # (NotImplementedError). Any of them means the upload is not the document it claims to be.
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, EOFError):
        return None


def _legacy_office(mime: str, *stream_names: str) -> _Check:
    """Check a .doc/.xls/.ppt: an OLE2 compound file holding the application's main stream."""
    encoded = [name.encode("utf-16-le") for name in stream_names]

    def check(path: Path, head: bytes) -> str | None:
        if not head.startswith(_OLE2_SIGNATURE):
            return None
        content = path.read_bytes()
        return mime if any(name in content for name in encoded) else None
    return check


def _plain_text(mime: str) -> _Check:
    """Check text without binary content: UTF-8, else Windows-1252 (as Swedish Excel saves CSV).

    No magic-number test here: text may begin like a binary format ("BM..." is a bitmap to
    filetype), while real binaries are caught by their control bytes.
    """
    def check(path: Path, head: bytes) -> str | None:
        content = path.read_bytes()
        for charset in ("utf-8", "windows-1252"):
            try:
                text = content.decode(charset)
            except UnicodeDecodeError:
                continue
            if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text):
                return None
            return f"{mime}; charset={charset}"
        return None
    return check


_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."

_CHECKS: dict[str, _Check] = {
    "pdf": _format("application/pdf"),
    "png": _format("image/png", "image/apng"),  # an animated PNG is still a PNG to a browser
    "jpg": _format("image/jpeg"),
    "jpeg": _format("image/jpeg"),
    "gif": _format("image/gif"),
    "webp": _format("image/webp"),
    "docx": _office_open_xml(_OOXML + "wordprocessingml.document"),
    "xlsx": _office_open_xml(_OOXML + "spreadsheetml.sheet"),
    "pptx": _office_open_xml(_OOXML + "presentationml.presentation"),
    "odt": _open_document(_ODF + "text"),
    "ods": _open_document(_ODF + "spreadsheet"),
    "odp": _open_document(_ODF + "presentation"),
    "doc": _legacy_office("application/msword", "WordDocument"),
    "xls": _legacy_office("application/vnd.ms-excel", "Workbook", "Book"),
    "ppt": _legacy_office("application/vnd.ms-powerpoint", "PowerPoint Document"),
    "txt": _plain_text("text/plain"),
    "csv": _plain_text("text/csv"),
}

ACCEPTED_EXTENSIONS = tuple(_CHECKS)


def display_filename(raw: str) -> str:
    """Return the uploaded name made safe to show and to send back: no folders, no control or
    direction-changing characters, at most 255 characters with the extension kept."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(" " if ch.isspace() else ch for ch in name
                   if ch.isspace() or not unicodedata.category(ch).startswith("C"))
    name = " ".join(name.split()).strip(" .")
    if len(name) > 255:
        stem, dot, extension = name.rpartition(".")
        name = stem[:254 - len(extension)] + dot + extension if dot and len(extension) < 16 else name[:255]
    return name


def _extension(filename: str) -> str:
    stem, dot, extension = filename.rpartition(".")
    return extension.lower() if dot and stem else ""


def human_size(num_bytes: int) -> str:
    """Write a file size as people read it, e.g. '840 B', '12 KB', '3.4 MB' ('3,4 MB' in Swedish)."""
    for unit, factor in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if num_bytes >= factor:
            value = format_decimal(round(num_bytes / factor, 1), format="#,##0.#", locale=str(get_locale()))
            return f"{value} {unit}"
    return f"{num_bytes} B"


def attachment_path(storage_key: str) -> Path:
    """Return where the file of an attachment is kept."""
    if not re.fullmatch(r"[0-9a-f]{64}", storage_key):
        raise ValueError("not a storage key")  # never let a stored value point outside the folder
    return Path(current_app.config["ATTACHMENT_DIR"]) / storage_key


def _copy_limited(upload: BinaryIO, target: Path, max_bytes: int, filename: str) -> int:
    size = 0
    # Exclusive creation, readable by the app's user only.
    with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        while chunk := upload.read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise DomainError(_l("%(filename)s is larger than the limit of %(limit)s.",
                                     filename=filename, limit=human_size(max_bytes)), field="file")
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size


# Words in the name of a list of who came, in Swedish and English (as match_key writes them).
_SIGN_IN_LIST_WORDS = ("narvaro", "deltagar", "anmal", "signin", "signup", "attendance", "attendees",
                       "participants", "registrations")


def looks_like_a_sign_in_list(filename: str) -> bool:
    """Tell whether a file's name says it lists who came: 'Närvarolista 4 mars.pdf', 'sign-in sheet.jpg'."""
    key = match_key(filename).replace("-", "").replace("_", "")
    return any(word in key for word in _SIGN_IN_LIST_WORDS)


def store_attachment(session: Session, meeting: Meeting, upload: BinaryIO, filename: str, *,
                     uploaded_by_id: int | None, holds_personal_data: bool = True) -> Attachment:
    """Keep an uploaded document with a meeting, once its name, size and content are checked.

    A file named like a sign-in list is marked as holding personal data whatever the uploader said.
    """
    name = display_filename(filename)
    check = _CHECKS.get(_extension(name))
    if check is None:
        raise DomainError(_l("Files of this type cannot be attached. Accepted: %(types)s.", types=ACCEPTED_TYPES),
                          field="file")
    storage_key = secrets.token_hex(32)
    final = attachment_path(storage_key)
    private_folder(final.parent)
    incoming = final.with_name(f".{storage_key}.part")
    try:
        size = _copy_limited(upload, incoming, current_app.config["ATTACHMENT_MAX_BYTES"], name)
        if size == 0:
            raise DomainError(_l("%(filename)s is empty.", filename=name), field="file")
        with incoming.open("rb") as stored:
            head = stored.read(_HEAD)
        content_type = check(incoming, head)
        if content_type is None:
            raise DomainError(_l("%(filename)s does not contain what its name says: it is not a real %(kind)s file.",
                                 filename=name, kind=_extension(name).upper()), field="file")
        _remove_on_rollback(session, final)
        os.replace(incoming, final)  # the file appears whole or not at all
    finally:
        incoming.unlink(missing_ok=True)
    attachment = Attachment(filename=name, content_type=content_type, size_bytes=size, storage_key=storage_key,
                            uploaded_by_id=uploaded_by_id,
                            holds_personal_data=holds_personal_data or looks_like_a_sign_in_list(name))
    meeting.attachments.append(attachment)
    session.flush()
    return attachment


def delete_attachment(session: Session, attachment: Attachment) -> None:
    """Remove an attachment; its file goes once the removal is committed."""
    session.delete(attachment)
    session.flush()


def mark_personal_data(session: Session, attachment: Attachment, holds_personal_data: bool) -> None:
    """Say whether the attachment holds personal data, and so whether the steering group may open it."""
    attachment.holds_personal_data = holds_personal_data
    session.flush()


def attachments_of(session: Session, meeting_id: int, *, personal_data: bool = True) -> list[tuple[Attachment, str]]:
    """Return a meeting's attachments, oldest first, each with who uploaded it ('' if unknown).

    Without ``personal_data``, those holding personal data are left out.
    """
    query = (select(Attachment, User.name, User.email)
             .outerjoin(User, User.id == Attachment.uploaded_by_id)
             .where(Attachment.meeting_id == meeting_id)
             .order_by(Attachment.uploaded_at, Attachment.id))
    if not personal_data:
        query = query.where(Attachment.holds_personal_data.is_(False))
    return [(attachment, name or email or "") for attachment, name, email in session.execute(query)]


def attachments_to_review(session: Session, person_id: int) -> list[tuple[Attachment, Meeting]]:
    """Return the attachments of the meetings the person was on, latest meeting first: where they may be named."""
    meetings_of_theirs = select(Participation.meeting_id).where(Participation.person_id == person_id)
    rows = session.execute(
        select(Attachment, Meeting).join(Meeting, Meeting.id == Attachment.meeting_id)
        .where(Attachment.meeting_id.in_(meetings_of_theirs))
        .order_by(Meeting.starts_at.desc(), Attachment.uploaded_at, Attachment.id))
    return [(attachment, meeting) for attachment, meeting in rows]


# Files waiting for the end of the session's transaction, kept in Session.info.
_REMOVE_ON_COMMIT = "attachment_files_to_remove_on_commit"
_REMOVE_ON_ROLLBACK = "attachment_files_to_remove_on_rollback"


def _remove_on_rollback(session: Session, path: Path) -> None:
    session.info.setdefault(_REMOVE_ON_ROLLBACK, set()).add(path)


def _queue_deleted_file(_mapper, _connection, attachment: Attachment) -> None:
    """Remove the row's file once its deletion commits, whatever made the flush delete it.

    A mapper event, not ``session.deleted``: that misses the rows a flush deletes itself, such
    as an attachment taken out of its meeting's (delete-orphan) collection.
    """
    session = object_session(attachment)
    if session is not None:
        session.info.setdefault(_REMOVE_ON_COMMIT, set()).add(attachment_path(attachment.storage_key))


def _remove_files(paths: set[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            # The database no longer refers to it: a leftover file, not lost data.
            log.warning("Could not remove attachment file %s: %s", path.name, error.strerror)


def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: nothing is final until the whole transaction commits
    _remove_files(session.info.pop(_REMOVE_ON_COMMIT, set()))
    session.info.pop(_REMOVE_ON_ROLLBACK, None)


def _after_transaction_end(session: Session, transaction) -> None:
    if transaction.parent is not None:
        return
    # Reached without a commit (rolled back or closed): the new files belong to nothing and
    # the deletions never happened. After a commit both sets are already empty.
    _remove_files(session.info.pop(_REMOVE_ON_ROLLBACK, set()))
    session.info.pop(_REMOVE_ON_COMMIT, None)


_LISTENERS = (("after_commit", _after_commit), ("after_transaction_end", _after_transaction_end))


def init_app(app) -> None:
    from .db import db

    for name, listener in _LISTENERS:
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)
    if not event.contains(Attachment, "after_delete", _queue_deleted_file):
        event.listen(Attachment, "after_delete", _queue_deleted_file)
