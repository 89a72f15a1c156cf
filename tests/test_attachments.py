"""Meeting attachments: staff attach documents, everyone logged in reads them, nothing else gets in."""
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from coalition.attachments import delete_attachment, display_filename, store_attachment
from coalition.attendance import add_participant
from coalition.config import ConfigError, load_config
from coalition.db import db
from coalition.errors import DomainError
from coalition.models import Attachment, AuditRecord, Meeting, MeetingKind

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode."
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def office_zip(main_part_type: str = WORD_MAIN, first_part: str = "word/document.xml") -> bytes:
    """Build a minimal .docx (or a look-alike) the way Word lays one out."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{first_part}" ContentType="{main_part_type}"/></Types>'))
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(first_part, "<document>Protokoll</document>")
    return buffer.getvalue()


def open_document(mime: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mime, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def legacy_word() -> bytes:
    """An OLE2 compound file header followed by a directory naming the WordDocument stream."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 512


@pytest.fixture
def meeting(make_meeting) -> Meeting:
    return make_meeting("Framtidsverkstad")


def upload(client, meeting_id: int, content: bytes, filename: str):
    return client.post(f"/meetings/{meeting_id}/attachments", data={"file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data", follow_redirects=True)


def only_attachment(meeting_id: int) -> Attachment | None:
    return db.session.scalar(db.select(Attachment).where(Attachment.meeting_id == meeting_id))


def stored_file(app, attachment: Attachment) -> Path:
    return Path(app.config["ATTACHMENT_DIR"]) / attachment.storage_key


def files_on_disk(app) -> list[Path]:
    directory = Path(app.config["ATTACHMENT_DIR"])
    return sorted(directory.iterdir()) if directory.exists() else []


def test_staff_attach_a_pdf_and_see_it_on_the_meeting_page(app, client_as, meeting):
    staff = client_as("staff")
    page = upload(staff, meeting.id, PDF, "Agenda 2026-03-04.pdf").get_data(as_text=True)
    assert "Agenda 2026-03-04.pdf was attached." in page
    attachment = only_attachment(meeting.id)
    assert attachment.content_type == "application/pdf"
    assert attachment.size_bytes == len(PDF)
    assert attachment.uploaded_by_id == staff.user.id
    assert f'/meetings/{meeting.id}/attachments/{attachment.id}"' in page
    assert staff.user.email in page  # who uploaded it (the test user has no name)
    assert stored_file(app, attachment).read_bytes() == PDF


def test_the_file_is_kept_outside_the_static_folder_under_a_random_name(app, client_as, meeting):
    upload(client_as("staff"), meeting.id, PDF, "Agenda.pdf")
    attachment = only_attachment(meeting.id)
    path = stored_file(app, attachment).resolve()
    assert files_on_disk(app) == [stored_file(app, attachment)]
    assert not path.is_relative_to(Path(app.static_folder).resolve())
    assert len(attachment.storage_key) == 64 and "Agenda" not in path.name


def test_a_picture_is_attached_and_shown_in_the_browser(client_as, meeting):
    staff = client_as("staff")
    upload(staff, meeting.id, PNG, "whiteboard.PNG")
    attachment = only_attachment(meeting.id)
    response = staff.get(f"/meetings/{meeting.id}/attachments/{attachment.id}")
    assert response.mimetype == "image/png"
    assert response.headers["Content-Disposition"].startswith("inline")
    assert response.data == PNG


PDF_WITH_SCRIPT = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n"
                   b"trailer << /Root 1 0 R >>\n%%EOF\n")


def test_a_pdf_that_would_run_a_script_on_opening_is_downloaded_not_shown_in_the_browser(client_as, meeting):
    staff = client_as("staff")
    upload(staff, meeting.id, PDF_WITH_SCRIPT, "Inbjudan.pdf")
    attachment = only_attachment(meeting.id)
    response = staff.get(f"/meetings/{meeting.id}/attachments/{attachment.id}")
    assert response.status_code == 200 and response.data == PDF_WITH_SCRIPT
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_word_document_is_attached_and_downloaded_under_its_swedish_name(client_as, meeting):
    docx = office_zip()
    page = upload(client_as("staff"), meeting.id, docx, "Protokoll årsmöte.docx").get_data(as_text=True)
    assert "Protokoll årsmöte.docx was attached." in page
    attachment = only_attachment(meeting.id)
    response = client_as("viewer").get(f"/meetings/{meeting.id}/attachments/{attachment.id}")
    assert response.status_code == 200
    assert response.data == docx
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Protokoll%20%C3%A5rsm%C3%B6te.docx" in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "private" in response.headers["Cache-Control"]


@pytest.mark.parametrize("content, filename", [
    (open_document("application/vnd.oasis.opendocument.text"), "minnesanteckningar.odt"),
    (open_document("application/vnd.oasis.opendocument.spreadsheet"), "budget.ods"),
    (office_zip("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl/workbook.xml"),
     "närvaro.xlsx"),
    (legacy_word(), "gammal rapport.doc"),
    ("namn;organisation\nÅsa;Föreningen\n".encode("cp1252"), "deltagare.csv"),
    (b"BMX-klubben och ID3-gruppen deltog.\n", "anteckning.txt"),
    (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "logga.gif"),
])
def test_office_documents_pictures_and_text_are_accepted(client_as, meeting, content, filename):
    page = upload(client_as("staff"), meeting.id, content, filename).get_data(as_text=True)
    assert f"{filename} was attached." in page


def test_a_csv_saved_by_excel_is_served_with_its_charset(client_as, meeting):
    staff = client_as("staff")
    upload(staff, meeting.id, "namn;ort\nÅsa;Malmö\n".encode("cp1252"), "deltagare.csv")
    attachment = only_attachment(meeting.id)
    response = staff.get(f"/meetings/{meeting.id}/attachments/{attachment.id}")
    assert response.headers["Content-Type"] == "text/csv; charset=windows-1252"
    assert response.headers["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("content, filename", [
    (EXE, "agenda.pdf"),
    (HTML, "agenda.pdf"),
    (PDF, "agenda.png"),
    (b"PK\x05\x06" + b"\x00" * 18, "tom.docx"),
    (office_zip(first_part="other/thing.xml", main_part_type="application/xml"), "inte word.docx"),
    (office_zip("application/vnd.ms-word.document.macroEnabled.main+xml"), "makro.docx"),
    (HTML + office_zip(), "gömd.docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024, "installer.doc"),
    (EXE, "readme.txt"),
    (PNG, "bild.csv"),
])
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(app, client_as, meeting, content, filename):
    page = upload(client_as("staff"), meeting.id, content, filename).get_data(as_text=True)
    assert f"{filename} does not contain what its name says" in page
    assert only_attachment(meeting.id) is None
    assert files_on_disk(app) == []


@pytest.mark.parametrize("filename", ["page.html", "logo.svg", "setup.exe", "macro.docm", "no-extension", ".pdf"])
def test_a_file_of_a_type_that_is_not_accepted_is_refused_with_the_list_of_types(client_as, meeting, filename):
    page = upload(client_as("staff"), meeting.id, HTML, filename).get_data(as_text=True)
    assert "Files of this type cannot be attached. Accepted: PDF, images" in page
    assert only_attachment(meeting.id) is None


def test_a_file_over_the_size_limit_is_refused_and_leaves_nothing_behind(app, client_as, meeting):
    app.config["ATTACHMENT_MAX_BYTES"] = 1000
    page = upload(client_as("staff"), meeting.id, PDF + b"%" * 1000, "big.pdf").get_data(as_text=True)
    assert "big.pdf is larger than the limit of 1000 B." in page
    assert only_attachment(meeting.id) is None
    assert files_on_disk(app) == []


def test_a_request_too_large_to_read_says_so_on_the_meeting_page(app, client_as, meeting):
    staff = client_as("staff")
    app.config["ATTACHMENT_MAX_BYTES"] = 2048
    app.config["MAX_CONTENT_LENGTH"] = 4096
    app.config["WTF_CSRF_ENABLED"] = True  # the CSRF check is what reads the request first
    response = upload(staff, meeting.id, PDF + b"%" * 10_000, "huge.pdf")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.request.path == f"/meetings/{meeting.id}"
    assert "The file is larger than the limit of 2 KB. Nothing was attached." in page
    assert only_attachment(meeting.id) is None


def test_by_default_attachments_live_in_the_instance_folder_and_may_be_20_mb(monkeypatch, tmp_path):
    monkeypatch.delenv("ATTACHMENT_DIR", raising=False)
    monkeypatch.delenv("ATTACHMENT_MAX_MB", raising=False)
    config = load_config(tmp_path)
    assert config["ATTACHMENT_DIR"] == tmp_path / "attachments"
    assert config["ATTACHMENT_MAX_BYTES"] == 20 * 1024 * 1024
    assert config["MAX_CONTENT_LENGTH"] > config["ATTACHMENT_MAX_BYTES"]  # else a 20 MB file never arrives


def test_the_folder_and_the_limit_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ATTACHMENT_DIR", str(tmp_path / "backed-up" / "documents"))
    monkeypatch.setenv("ATTACHMENT_MAX_MB", "5")
    config = load_config(tmp_path)
    assert config["ATTACHMENT_DIR"] == tmp_path / "backed-up" / "documents"
    assert config["ATTACHMENT_MAX_BYTES"] == 5 * 1024 * 1024


@pytest.mark.parametrize("value", ["0", "twenty", "-1", "2.5"])
def test_a_limit_that_is_not_a_number_of_megabytes_stops_the_start(monkeypatch, tmp_path, value):
    monkeypatch.setenv("ATTACHMENT_MAX_MB", value)
    with pytest.raises(ConfigError):
        load_config(tmp_path)


def test_an_empty_file_is_refused(app, client_as, meeting):
    page = upload(client_as("staff"), meeting.id, b"", "tom.pdf").get_data(as_text=True)
    assert "tom.pdf is empty." in page
    assert only_attachment(meeting.id) is None
    assert files_on_disk(app) == []


def test_sending_the_form_without_a_file_asks_for_one(client_as, meeting):
    page = client_as("staff").post(f"/meetings/{meeting.id}/attachments", data={},
                                   follow_redirects=True).get_data(as_text=True)
    assert "Choose a file to attach." in page


def test_a_file_name_is_shown_as_text_never_as_markup(client_as, meeting):
    page = upload(client_as("staff"), meeting.id, PDF, "<img src=x onerror=alert(1)>.pdf").get_data(as_text=True)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf was attached." in page


def test_a_refused_file_name_is_shown_as_text_never_as_markup(client_as, meeting):
    page = upload(client_as("staff"), meeting.id, b"", "<b onclick=alert(1)>.pdf").get_data(as_text=True)
    assert "<b onclick" not in page
    assert "&lt;b onclick=alert(1)&gt;.pdf is empty." in page


@pytest.mark.parametrize("raw, shown", [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\Åsa\\Desktop\\Protokoll.docx", "Protokoll.docx"),
    ("rapport\u202efdp.exe", "rapportfdp.exe"),
    ("  mötes\n\tanteckningar  .pdf", "mötes anteckningar .pdf"),
    ("." * 3 + "dold.pdf", "dold.pdf"),
    ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
])
def test_an_uploaded_name_is_cleaned_for_display_and_download(raw, shown):
    assert display_filename(raw) == shown


def test_a_viewer_reads_an_attachment_but_cannot_add_or_remove_one(app, client_as, meeting):
    staff = client_as("staff")
    upload(staff, meeting.id, PDF, "Agenda.pdf")
    attachment = only_attachment(meeting.id)
    viewer = client_as("viewer")
    page = viewer.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Agenda.pdf" in page and "Attach file" not in page and "Remove" not in page
    response = viewer.get(f"/meetings/{meeting.id}/attachments/{attachment.id}")
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment; filename=Agenda.pdf")
    assert upload(viewer, meeting.id, PDF, "Mer.pdf").status_code == 403
    assert viewer.post(f"/meetings/{meeting.id}/attachments/{attachment.id}/delete").status_code == 403
    assert stored_file(app, attachment).exists()


def test_an_anonymous_visitor_is_sent_to_login_instead_of_the_file(client, client_as, meeting):
    upload(client_as("staff"), meeting.id, PDF, "Agenda.pdf")
    attachment = only_attachment(meeting.id)
    response = client.get(f"/meetings/{meeting.id}/attachments/{attachment.id}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert PDF not in response.data


def test_staff_remove_an_attachment_and_its_file(app, client_as, meeting):
    staff = client_as("staff")
    upload(staff, meeting.id, PDF, "Fel fil.pdf")
    attachment = only_attachment(meeting.id)
    path = stored_file(app, attachment)
    page = staff.post(f"/meetings/{meeting.id}/attachments/{attachment.id}/delete",
                      follow_redirects=True).get_data(as_text=True)
    assert "Fel fil.pdf was removed." in page
    assert "No attachments yet." in page
    assert only_attachment(meeting.id) is None
    assert not path.exists()


def test_deleting_a_meeting_removes_its_files(app, client_as, meeting):
    staff = client_as("staff")
    upload(staff, meeting.id, PDF, "Agenda.pdf")
    upload(staff, meeting.id, PNG, "Foto.png")
    assert len(files_on_disk(app)) == 2
    meeting_id = meeting.id
    response = staff.post(f"/meetings/{meeting_id}/delete")
    assert response.status_code == 302
    assert db.session.get(Meeting, meeting_id) is None
    assert files_on_disk(app) == []


def test_a_meeting_that_cannot_be_deleted_keeps_its_files(app, client_as, meeting, make_person):
    add_participant(db.session, meeting, make_person())
    db.session.commit()
    staff = client_as("staff")
    upload(staff, meeting.id, PDF, "Agenda.pdf")
    staff.post(f"/meetings/{meeting.id}/delete")
    assert only_attachment(meeting.id) is not None
    assert len(files_on_disk(app)) == 1


def test_a_removal_that_is_rolled_back_keeps_the_file(app, meeting):
    attachment = store_attachment(db.session, meeting, io.BytesIO(PDF), "Agenda.pdf", uploaded_by_id=None)
    db.session.commit()
    path = stored_file(app, attachment)
    delete_attachment(db.session, attachment)
    db.session.rollback()
    assert path.read_bytes() == PDF
    db.session.delete(db.session.get(Meeting, meeting.id))
    db.session.flush()
    db.session.rollback()
    assert path.exists()


def test_an_attachment_taken_out_of_its_meeting_loses_its_file_when_that_commits(app, meeting):
    attachment = store_attachment(db.session, meeting, io.BytesIO(PDF), "Agenda.pdf", uploaded_by_id=None)
    db.session.commit()
    path = stored_file(app, attachment)
    meeting.attachments.remove(attachment)  # an orphan: the flush deletes it, not session.delete
    db.session.flush()
    assert path.exists()  # not before the commit: it could still be rolled back
    db.session.commit()
    assert only_attachment(meeting.id) is None
    assert not path.exists()


def test_an_upload_that_is_rolled_back_leaves_no_file(app, meeting):
    store_attachment(db.session, meeting, io.BytesIO(PDF), "Agenda.pdf", uploaded_by_id=None)
    assert len(files_on_disk(app)) == 1
    db.session.rollback()
    assert files_on_disk(app) == []


def test_the_domain_refuses_what_the_form_would(meeting):
    with pytest.raises(DomainError) as refused:
        store_attachment(db.session, meeting, io.BytesIO(HTML), "agenda.pdf", uploaded_by_id=None)
    assert refused.value.field == "file"


def test_an_attachment_is_only_found_under_its_own_meeting(client_as, meeting, make_meeting):
    other = make_meeting("Intervju", datetime(2026, 3, 5, 10, 0), MeetingKind.INTERVIEW)
    staff = client_as("staff")
    upload(staff, meeting.id, PDF, "Agenda.pdf")
    attachment = only_attachment(meeting.id)
    assert staff.get(f"/meetings/{other.id}/attachments/{attachment.id}").status_code == 404
    assert staff.post(f"/meetings/{other.id}/attachments/{attachment.id}/delete").status_code == 404
    assert staff.get(f"/meetings/{meeting.id}/attachments/{attachment.id + 1000}").status_code == 404
    assert only_attachment(meeting.id) is not None


def test_a_file_missing_from_disk_is_a_404_not_a_crash(app, client_as, meeting):
    staff = client_as("staff")
    upload(staff, meeting.id, PDF, "Agenda.pdf")
    attachment = only_attachment(meeting.id)
    stored_file(app, attachment).unlink()
    assert staff.get(f"/meetings/{meeting.id}/attachments/{attachment.id}").status_code == 404


def test_uploads_and_removals_are_in_the_audit_trail(client_as, meeting):
    staff = client_as("staff")
    upload(staff, meeting.id, PDF, "Agenda.pdf")
    attachment_id = only_attachment(meeting.id).id
    staff.post(f"/meetings/{meeting.id}/attachments/{attachment_id}/delete")
    records = db.session.scalars(db.select(AuditRecord).where(
        AuditRecord.entity == "Attachment", AuditRecord.entity_id == str(attachment_id)).order_by(AuditRecord.id)).all()
    assert [(r.action, r.user_id) for r in records] == [("insert", staff.user.id), ("delete", staff.user.id)]
    assert records[0].changes["filename"] == [None, "Agenda.pdf"]
    assert records[1].changes["filename"] == ["Agenda.pdf", None]


def test_sizes_are_written_for_people(client_as, meeting):
    staff = client_as("staff")
    upload(staff, meeting.id, PDF + b"%" * 1500, "Agenda.pdf")
    assert "1.5 KB" in staff.get(f"/meetings/{meeting.id}").get_data(as_text=True)


def test_the_upload_form_on_the_meeting_page_carries_its_csrf_token(app, client_as, meeting):
    staff = client_as("staff")
    app.config["WTF_CSRF_ENABLED"] = True
    page = staff.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    form = page[page.index(f'action="/meetings/{meeting.id}/attachments"'):]
    assert 'enctype="multipart/form-data"' in form[:200]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    response = staff.post(f"/meetings/{meeting.id}/attachments", content_type="multipart/form-data",
                          data={"csrf_token": token, "file": (io.BytesIO(PDF), "Agenda.pdf")})
    assert response.status_code == 302
    assert only_attachment(meeting.id).filename == "Agenda.pdf"


# --- attachments holding personal data: staff only, as people are -------------------------------

def upload_signed_list(client, meeting_id: int, content: bytes, filename: str, **fields):
    """Upload through the participants section's own form (its box comes ticked)."""
    return client.post(f"/meetings/{meeting_id}/attachments/signed-list",
                       data={"signed-file": (io.BytesIO(content), filename), **fields},
                       content_type="multipart/form-data", follow_redirects=True)


def test_a_viewer_neither_sees_nor_downloads_a_sign_in_list(client_as, meeting):
    staff = client_as("staff")
    upload_signed_list(staff, meeting.id, PNG, "Underskrifter.png", **{"signed-holds_personal_data": "y"})
    upload(staff, meeting.id, PDF, "Agenda.pdf")
    signed = db.session.scalar(db.select(Attachment).where(Attachment.filename == "Underskrifter.png"))
    agenda = db.session.scalar(db.select(Attachment).where(Attachment.filename == "Agenda.pdf"))
    assert signed.holds_personal_data and not agenda.holds_personal_data

    viewer = client_as("viewer")
    page = viewer.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Agenda.pdf" in page and "Underskrifter.png" not in page
    assert "1 attachment holds personal data and is shown to staff only." in page
    assert viewer.get(f"/meetings/{meeting.id}/attachments/{signed.id}").status_code == 403
    assert viewer.get(f"/meetings/{meeting.id}/attachments/{agenda.id}").status_code == 200
    assert staff.get(f"/meetings/{meeting.id}/attachments/{signed.id}").status_code == 200
    assert "Underskrifter.png" in staff.get(f"/meetings/{meeting.id}").get_data(as_text=True)


@pytest.mark.parametrize("filename", ["Närvarolista 4 mars.pdf", "deltagarlista.pdf", "Sign-in sheet.pdf",
                                      "Attendance.pdf", "anmälningar.csv"])
def test_a_file_named_like_a_sign_in_list_holds_personal_data_wherever_it_is_uploaded(client_as, meeting, filename):
    content = b"namn;e-post\nAnna;anna@example.se\n" if filename.endswith(".csv") else PDF
    page = upload(client_as("staff"), meeting.id, content, filename).get_data(as_text=True)
    assert only_attachment(meeting.id).holds_personal_data
    assert "only staff can open it" in page


def test_the_participants_section_offers_a_signed_list_upload_ticked_as_personal_data(client_as, meeting):
    page = client_as("staff").get(f"/meetings/{meeting.id}").get_data(as_text=True)
    participants = page[page.index('id="participants"'):page.index('id="attachments"')]
    assert f'action="/meetings/{meeting.id}/attachments/signed-list"' in participants
    assert re.search(r'<input[^>]*checked[^>]*name="signed-holds_personal_data"'
                     r'|<input[^>]*name="signed-holds_personal_data"[^>]*checked', participants)


def test_staff_clear_and_set_the_mark_and_viewers_may_not(client_as, meeting):
    staff = client_as("staff")
    upload(staff, meeting.id, PDF, "Protokoll.pdf", )
    attachment = only_attachment(meeting.id)
    url = f"/meetings/{meeting.id}/attachments/{attachment.id}/personal-data"
    staff.post(url, data={"holds_personal_data": "y"})
    db.session.refresh(attachment)
    assert attachment.holds_personal_data
    assert client_as("viewer").post(url, data={}).status_code == 403
    staff.post(url, data={})
    db.session.refresh(attachment)
    assert not attachment.holds_personal_data
    changes = [record.changes for record in db.session.scalars(db.select(AuditRecord).where(
        AuditRecord.entity == "Attachment", AuditRecord.action == "update"))]
    assert {"holds_personal_data": [False, True]} in changes and {"holds_personal_data": [True, False]} in changes


def test_anonymisation_lists_the_attachments_of_the_persons_meetings_for_an_admin_to_review(
        client_as, meeting, make_person, make_organisation):
    club = make_organisation("Backens IF")
    person = make_person("Greta Gustafsson", organisation=club)
    add_participant(db.session, meeting, person, organisation=club)
    db.session.commit()
    upload_signed_list(client_as("staff"), meeting.id, PNG, "Underskrifter.png", **{"signed-holds_personal_data": "y"})
    admin = client_as("admin")
    assert "Underskrifter.png" in admin.get(f"/people/{person.id}/data-protection").get_data(as_text=True)

    response = admin.post(f"/people/{person.id}/anonymise", data={"reason": "Begäran", "confirm": "y"},
                          follow_redirects=True)

    page = response.get_data(as_text=True)
    assert response.request.path == f"/people/{person.id}/data-protection"
    assert "Review the attachments of their meetings listed below" in page
    assert "Underskrifter.png" in page and f"/meetings/{meeting.id}/attachments/" in page


def test_attachments_stored_before_the_mark_existed_are_staff_only_after_the_upgrade(tmp_path):
    """No one can tell which older files are sign-in lists: all are kept from viewers until staff clear the mark."""
    from flask_migrate import upgrade

    from coalition import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'older.sqlite'}", "TESTING": True})
    with app.app_context():
        upgrade(revision="b3d8e4f1a2c6")
        with db.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO meetings (id, kind, title, starts_at, place, agenda, minutes, version, created_at, "
                "updated_at) VALUES (1, 'workshop', 'Workshop', '2025-03-04 18:00:00', '', '', '', 1, "
                "'2025-03-04 20:00:00', '2025-03-04 20:00:00')")
            connection.exec_driver_sql(
                "INSERT INTO attachments (id, meeting_id, filename, content_type, size_bytes, storage_key, uploaded_at,"
                " created_at, updated_at) VALUES (1, 1, 'Skanning.pdf', 'application/pdf', 10, '" + "a" * 64 + "', "
                "'2025-03-04 20:00:00', '2025-03-04 20:00:00', '2025-03-04 20:00:00')")
        upgrade()
        assert db.session.get(Attachment, 1).holds_personal_data is True
        db.session.remove()
        db.engine.dispose()
