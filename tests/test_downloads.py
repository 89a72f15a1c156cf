"""Files the app makes are saved under their own name, whatever letters the name holds."""
import pytest

from coalition.web.downloads import content_disposition


def test_a_plain_name_is_sent_as_it_is():
    assert content_disposition("meetings.csv") == "attachment; filename=meetings.csv"
    assert content_disposition("meetings.ics", inline=True) == "inline; filename=meetings.ics"


def test_a_swedish_name_keeps_its_letters_for_browsers_and_an_ascii_look_alike_for_the_rest():
    assert content_disposition("Mötesplats Kvarnängen.csv") == (
        "attachment; filename=\"Motesplats Kvarnangen.csv\"; "
        "filename*=UTF-8''M%C3%B6tesplats%20Kvarn%C3%A4ngen.csv")


def test_a_name_without_a_latin_letter_still_has_a_plain_name_to_fall_back_on():
    assert content_disposition("東京.csv") == "attachment; filename=download.csv; filename*=UTF-8''%E6%9D%B1%E4%BA%AC.csv"


@pytest.mark.parametrize("name, sent", [
    ("../../etc/passwd", "attachment; filename=_.._etc_passwd"),
    ('rapport"; filename=evil.exe', 'attachment; filename="rapport_; filename=evil.exe"'),
    ("rad\r\nSet-Cookie: x=1.csv", 'attachment; filename="rad_Set-Cookie: x=1.csv"'),
])
def test_a_name_cannot_become_a_path_or_break_out_of_the_header(name, sent):
    assert content_disposition(name) == sent
