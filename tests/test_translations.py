"""The English catalog is complete, and what rules and importers refuse reads in the UI language.

Rules and services raise `RuleViolation(N_("…%(name)s…"), name=…)` and return row problems as `Message`s; the
text is translated where it is shown. Vietnamese stays the default (the other tests read it); `?lang=en` shows
English.
"""

from __future__ import annotations

import ast
import io
import os
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask_babel import force_locale, gettext

from conference.auditlog.labels import value_text
from conference.core.clock import local_today
from conference.core.errors import N_, Message, RuleViolation
from conference.delegates.services import CATEGORY_LABELS, add_guest
from conference.extensions import db
from conference.nominations.services import Actor, submit_nomination
from tests.factories import make_world, nomination_data

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"
#: Exceptions whose first argument is a message id: a literal there is a message Babel cannot find.
REFUSALS = {"RuleViolation", "ImportFileError", "ImportRefused", "CategoryError", "Message"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _english():
    with CATALOG.open("rb") as file:
        return [m for m in read_po(file) if m.id]


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_every_english_entry_is_translated_and_none_is_fuzzy():
    messages = _english()
    empty = [m.id for m in messages if not all(_strings(m))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert len(messages) > 500
    assert empty == [] and fuzzy == []


def test_english_entries_keep_the_placeholders_of_their_message_id():
    wrong = [m.id for m in _english()
             if sorted(set(PLACEHOLDER.findall(_ids(m)[0]))) != sorted(set(PLACEHOLDER.findall(_strings(m)[0])))]
    assert wrong == []


def test_every_message_of_the_code_and_templates_is_in_the_english_catalog():
    """What `make messages` extracts (babel.cfg, keywords `_l` and `N_`, `_macros/` included) is all in the
    catalog: a new message without its English fails here until the catalog is updated."""
    method_map, options_map = parse_mapping_cfg(io.StringIO((ROOT / "babel.cfg").read_text()))
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "N_": None}
    found = {}
    for filename, line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords,
            directory_filter=lambda path: not os.path.basename(path).startswith(".")):
        found.setdefault(message if isinstance(message, str) else message[0], f"{filename}:{line}")
    catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in _english()}
    missing = sorted(f"{where}: {message}" for message, where in found.items() if message not in catalog)
    assert missing == [], "run `make messages` and translate"


def test_refusals_are_raised_with_marked_message_ids_not_with_text():
    """No `RuleViolation("…")`, `RuleViolation(f"…")` (nor ImportFileError, ImportRefused, CategoryError,
    Message): the first argument is `N_("…")` or a name holding one."""
    unmarked = []
    for path in sorted((ROOT / "conference").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            first = node.args[0]
            if name in REFUSALS and (isinstance(first, ast.JoinedStr) or (
                    isinstance(first, ast.Constant) and isinstance(first.value, str))):
                unmarked.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert unmarked == []


def test_a_refusal_is_vietnamese_as_text_and_english_when_translated(app):
    refusal = RuleViolation(N_("Đã đủ %(seats)s chỗ cho %(category)s; không thể thêm."), seats=3,
                            category=CATEGORY_LABELS["guest"])
    assert str(refusal) == "Đã đủ 3 chỗ cho đại biểu khách mời; không thể thêm."
    with app.test_request_context(), force_locale("en"):
        assert refusal.translated(gettext) == "All 3 seats for guests are taken; no more can be added."
    with app.test_request_context():
        assert refusal.translated(gettext) == str(refusal)


def test_a_row_problem_is_its_vietnamese_text_and_survives_a_json_round_trip(app):
    problem = Message(N_("Trùng với dòng %(line)s trong tệp (cùng họ tên, năm sinh, đơn vị)."), line=4)
    assert problem == "Trùng với dòng 4 trong tệp (cùng họ tên, năm sinh, đơn vị)."
    again = Message.from_json(problem.as_json())
    assert (again, again.message, again.params) == (problem, problem.message, {"line": 4})
    assert Message.from_json("Một lỗi cũ.") == "Một lỗi cũ."  # a preview stored before messages had ids
    with app.test_request_context(), force_locale("en"):
        assert again.translated(gettext) == "Same as row 4 of the file (same full name, year of birth and unit)."


def test_a_refused_guest_reads_in_english_under_lang_en(app, client, auth):
    with app.app_context():
        world = make_world(cap=10)  # 7 exemplar seats, 3 guest seats
        for i in range(3):
            add_guest(world.conference_id, {"full_name": f"Khách {i}", "position": "Khách mời"})
        db.session.commit()
    auth.login("organizer")
    url = f"/conferences/{world.conference_id}/guests/new"
    guest = {"full_name": "Khách thứ tư", "position": "Khách mời", "ethnicity": "Kinh"}

    english = client.post(f"{url}?lang=en", data=guest, follow_redirects=True).get_data(as_text=True)
    assert "All 3 seats for guests are taken; no more can be added." in english
    assert "không thể thêm" not in english

    vietnamese = client.post(f"{url}?lang=vi", data=guest, follow_redirects=True).get_data(as_text=True)
    assert "Đã đủ 3 chỗ cho đại biểu khách mời; không thể thêm." in vietnamese


def test_an_imported_unit_list_shows_its_row_problems_and_file_refusals_in_english(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("organizer")
    url = f"/conferences/{world.conference_id}/units/import?lang=en"

    def upload(content: bytes, filename: str) -> str:
        return client.post(url, data={"file": (io.BytesIO(content), filename)}, content_type="multipart/form-data",
                           follow_redirects=True).get_data(as_text=True)

    page = upload("Tên đơn vị,Khối,Số đoàn viên,Liên hệ\n,Xã,nhiều,\n".encode(), "don-vi.csv")
    assert "The unit name is missing." in page and "The member count “nhiều” is not valid" in page
    assert "Thiếu tên đơn vị" not in page

    page = upload(b"", "don-vi.csv")
    assert "The file is empty (0 bytes)." in page and "Tệp trống" not in page


@pytest.mark.parametrize("lang, text", [
    ("en", "Công đoàn cơ sở số 1: the quota (1) is lower than the nominations already submitted (2)."),
    ("vi", "Công đoàn cơ sở số 1: số lượng phân bổ (1) ít hơn số hồ sơ đã gửi (2)."),
])
def test_a_quota_below_the_nominations_sent_is_refused_in_the_page_language(app, client, auth, lang, text):
    with app.app_context():
        world = make_world(quotas=(2, 2, 2))
        for name in ("Nguyễn Văn Một", "Nguyễn Văn Hai"):
            submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(name), Actor(None),
                              local_today())
        db.session.commit()
    auth.login("organizer")
    data = {f"seats-{unit_id}": "1" for unit_id in world.unit_ids}
    page = client.post(f"/conferences/{world.conference_id}/quotas?lang={lang}", data=data,
                       follow_redirects=True).get_data(as_text=True)
    assert text in page


def test_labels_that_services_hand_to_pages_are_messages_shown_in_the_page_language(app):
    from conference.dossier.columns import FIELDS, FIELDS_BY_KEY
    from conference.dossier.upper import priority_shares
    from conference.web.errors import translated

    shares = priority_shares([], [])
    assert all(isinstance(label, Message) for label in [f.label for f in FIELDS] + [s.label for s in shares])
    assert FIELDS_BY_KEY["name"].label == "Họ và tên"
    with app.test_request_context(), force_locale("en"):
        assert translated(FIELDS_BY_KEY["name"].label) == "Full name"
        assert {translated(s.label) for s in shares} == {
            "Direct production worker", "Female workers", "Ethnic minority workers"}


#: The glossary's key terms (the team's GLOSSARY.md): (Vietnamese words in a message id, as a
#: regular expression; the English word its translation must hold). One English term per Vietnamese term.
GLOSSARY_TERMS = [
    ("Ban Tổ chức", "organizer"),
    ("Đoàn Chủ tịch", "presidium"),
    ("điển hình tiên tiến", "exemplar"),
    ("đại biểu khách mời", "guest"),
    ("bàn đón tiếp", "check-in desk"),
    (r"(?<!dẫn )chương trình", "agenda"),  # "kịch bản dẫn chương trình" is the MC's script
    ("kịch bản dẫn chương trình", "MC's script"),
    (r"(?<!\[)giới thiệu đại biểu", "delegate introduction"),  # "[Giới thiệu đại biểu]": the MC script's field
    (r"cấp trên(?! trực tiếp cơ sở)", "upper"),  # "công đoàn cấp trên trực tiếp cơ sở": directly above the grassroots
    ("khối", "unit block"),
    ("tóm tắt thành tích", "achievement summary"),
    ("thành tích tiêu biểu", "achievements"),
    ("danh sách trích ngang", "delegate summary list"),
    ("số lượng phân bổ", "quota"),
    ("phong trào thi đua", "emulation movement"),
    ("danh hiệu thi đua", "commendation title"),
    ("hình thức khen thưởng", "forms? of commendation"),
    ("thẻ đại biểu", "badge"),
    ("giấy khen", "certificates?(?! of merit)"),  # "Certificate of Merit" is a bằng khen
    ("giấy mời", "invitation"),
    ("đợt trao thưởng", "batch"),
    ("người trao thưởng", "presenter"),
    ("quyết định khen thưởng", "commendation decision"),
    ("sơ đồ chỗ ngồi", "seating plan"),
    ("báo cáo điểm danh", "attendance report"),
    ("màn hình hội trường", "hall screen"),
    ("bảng vinh danh", "honour board"),
]
#: English words once used beside the glossary's for the same thing: none may come back.
OTHER_WORDS = ["organizing committee", "organising committee", "programme", "summary of achievements",
               "host organization"]


@pytest.mark.parametrize("vietnamese, english", GLOSSARY_TERMS)
def test_a_glossary_term_of_a_message_id_has_the_glossary_english_in_its_translation(vietnamese, english):
    without = [f"{_ids(m)[0]} → {_strings(m)[0]}" for m in _english()
               if re.search(vietnamese, _ids(m)[0], re.IGNORECASE)
               and not re.search(english, _strings(m)[0], re.IGNORECASE)]
    assert without == []


def test_the_english_catalog_uses_none_of_the_words_the_glossary_replaced():
    found = [f"{_ids(m)[0]} → {_strings(m)[0]}" for m in _english() for word in OTHER_WORDS
             if re.search(rf"\b{word}\b", _strings(m)[0], re.IGNORECASE)]
    assert found == []


@pytest.mark.parametrize("lang, shown", [
    ("en", "Conference level: District"),
    ("vi", "Cấp hội nghị: Cấp huyện"),
])
def test_the_conference_level_reads_in_the_page_language(app, client, auth, lang, shown):
    """Levels are data (`levels.json`: `label`, `label_en`): the settings page shows the English one under
    `?lang=en`, as does the audit log's value of a level."""
    with app.app_context():
        world = make_world()  # a district federation's conference
    auth.login("organizer")
    page = client.get(f"/conferences/{world.conference_id}/edit?lang={lang}").get_data(as_text=True)
    assert shown in page
    with app.test_request_context(f"/?lang={lang}"):
        assert value_text("level", "commune") == {"en": "Commune, ward or special zone",
                                                  "vi": "Cấp xã, phường, đặc khu"}[lang]
