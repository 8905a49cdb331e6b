"""What a certificate and the decision say, and in what order (pure rules, no database)."""

from __future__ import annotations

from datetime import datetime

import pytest

from conference.ceremony.rules import BATCH_SIZE_MAX, Awardee, plan_batches
from conference.certificates import rules
from conference.core.collation import unit_then_name_key
from conference.core.errors import RuleViolation
from conference.invitations.rules import salutation

H = rules.Honoured


def _people() -> list[rules.Honoured]:
    return [
        H(1, "individual", "Trần Văn Bình", "male", "Công nhân, Công ty Vĩnh Phát", "CĐCS Công ty Vĩnh Phát",
          approved_at=datetime(2025, 3, 2)),
        H(2, "collective", "Tập thể Tổ Toán, Trường THCS Vĩnh Thuận", None, None, "CĐCS Trường THCS Vĩnh Thuận",
          approved_at=datetime(2025, 3, 3)),
        H(3, "individual", "Nguyễn Thị Ánh", "female", None, "CĐCS Trường THCS Vĩnh Thuận",
          approved_at=datetime(2025, 3, 1)),
        H(4, "collective", "Tập thể Phòng Kế toán", None, None, "CĐCS Công ty Vĩnh Phát",
          approved_at=datetime(2025, 3, 4)),
        H(5, "individual", "Lê Văn An", None, None, "CĐCS Bệnh viện", approved_at=None),
    ]


def test_collectives_come_first_then_individuals_each_in_the_chosen_order():
    collectives, individuals = rules.ordered(_people(), "unit")
    assert [p.delegate_id for p in collectives] == [4, 2]  # Công ty … before Trường …
    assert [p.delegate_id for p in individuals] == [5, 1, 3]  # Bệnh viện, Công ty, Trường

    collectives, individuals = rules.ordered(_people(), "name")
    assert [p.delegate_id for p in individuals] == [5, 3, 1]  # by given name: An, Ánh, Bình
    assert [p.delegate_id for p in collectives] == [4, 2]  # "Phòng" before "Tổ"

    collectives, individuals = rules.ordered(_people(), "approval")
    assert [p.delegate_id for p in individuals] == [3, 1, 5]  # never approved (imported) last
    assert [p.delegate_id for p in collectives] == [2, 4]


def test_name_and_unit_lines():
    bình, tổ, ánh, _, an = _people()
    assert rules.name_line(bình) == "Ông Trần Văn Bình"
    assert rules.name_line(ánh) == "Bà Nguyễn Thị Ánh"
    assert rules.name_line(an) == "Lê Văn An"  # gender not recorded: no honorific guessed
    assert rules.name_line(tổ) == "Tập thể Tổ Toán, Trường THCS Vĩnh Thuận"
    assert rules.unit_line(bình) == "Công nhân, Công ty Vĩnh Phát"  # position and workplace
    assert rules.unit_line(ánh) == "CĐCS Trường THCS Vĩnh Thuận"  # no position: the unit
    assert rules.unit_line(tổ) == "CĐCS Trường THCS Vĩnh Thuận"


def test_citation_is_common_or_the_exemplars_achievement_cut_at_a_sentence():
    common = "Đã có thành tích xuất sắc."
    short = H(1, "individual", "A", achievements="  Có sáng kiến   tiết kiệm chi phí. ")
    long = H(2, "individual", "B", achievements="Hoàn thành xuất sắc nhiệm vụ. " * 20)
    none = H(3, "individual", "C")
    assert rules.citation(short, "common", common) == common
    assert rules.citation(short, "achievements", common) == "Có sáng kiến tiết kiệm chi phí."
    assert rules.citation(none, "achievements", common) == common
    cut = rules.citation(long, "achievements", common)
    assert len(cut) <= rules.CITATION_MAX and cut.endswith("nhiệm vụ.")
    summary = H(5, "individual", "E", achievements="Dài. " * 100, achievements_summary="Tóm tắt ngắn.")
    assert rules.citation(summary, "achievements", common) == "Tóm tắt ngắn."  # the summary first
    words = H(4, "individual", "D", achievements="chữ " * 200)
    assert rules.citation(words, "achievements", common).endswith("chữ…")


def test_defaults_fill_every_missing_text_and_name_the_plan():
    template = rules.effective({"title": "  ", "legal_bases": None, "positions": {"name": [10, 20]}},
                               signature_for="TM. BAN THƯỜNG VỤ", issuer="Liên đoàn Lao động huyện Vĩnh Thuận",
                               plan_reference="65/KH-LĐLĐ", conference_name="Hội nghị tuyên dương điển hình tiên tiến")
    assert template.title == "GIẤY KHEN"
    assert template.awarding_body == "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH THUẬN"
    assert template.legal_bases[0].startswith("Căn cứ Luật Thi đua, khen thưởng")
    assert any("152/2025/NĐ-CP" in line for line in template.legal_bases)
    assert "Căn cứ Kế hoạch số 65/KH-LĐLĐ về việc tổ chức hội nghị tuyên dương điển hình tiên tiến;" in (
        template.legal_bases)
    assert template.positions["name"] == [10.0, 20.0]
    assert template.positions["date"] == rules.DEFAULT_POSITIONS["date"]
    assert template.recipients == ["Như Điều 3;", "Lưu VT."]
    assert (template.paper, template.citation_source, template.list_order) == ("blank", "common", "unit")


def test_positions_outside_the_page_or_malformed_keep_the_default():
    positions = rules.merged_positions({"name": [400, 10], "unit": ["a", 1], "citation": [1, 2, 3],
                                        "date": [5, 6], "mystery": [1, 1]})
    assert positions["name"] == rules.DEFAULT_POSITIONS["name"]
    assert positions["unit"] == rules.DEFAULT_POSITIONS["unit"]
    assert positions["citation"] == rules.DEFAULT_POSITIONS["citation"]
    assert positions["date"] == [5.0, 6.0] and "mystery" not in positions


def test_printer_offset_is_bounded():
    assert rules.check_offset(None) == 0.0
    assert rules.check_offset(-2.345) == -2.3
    assert rules.check_offset(30) == 30.0
    with pytest.raises(RuleViolation):
        rules.check_offset(30.5)


def test_articles_count_collectives_and_individuals():
    template = rules.effective({}, signature_for="TM. BAN THƯỜNG VỤ", issuer="LĐLĐ", plan_reference=None,
                               conference_name="x")
    one = rules.article_one(template, 3, 12, "Hội nghị tuyên dương điển hình tiên tiến")
    assert one.startswith("Tặng Giấy khen cho 03 tập thể và 12 cá nhân")
    assert rules.article_one(template, 0, 1, "Hội nghị").startswith("Tặng Giấy khen cho 01 cá nhân đã")
    two = rules.article_two(template, 3, 12)
    assert two.count(rules.BLANK_AMOUNT) == 2  # amounts left for the office
    paid = rules.effective({"award_individual": "300.000 đồng"}, signature_for="", issuer="LĐLĐ",
                           plan_reference=None, conference_name="x")
    assert "mỗi cá nhân được thưởng 300.000 đồng" in rules.article_two(paid, 0, 12)


def test_the_decisions_list_and_the_honouring_batches_agree_on_unit_then_name():
    # Vietnamese order of units: A < Ấ (same letters, tone/mark later) ... D < Đ; no unit last, in both.
    people = [
        H(1, "individual", "Trần Văn Bình", unit_name="CĐCS Đông Hưng"),
        H(2, "individual", "Lê Thị An", unit_name="CĐCS Dân Hòa"),
        H(3, "individual", "Phạm Ấn", unit_name=None),
        H(4, "individual", "Ngô Văn Ấn", unit_name="CĐCS Ấp Mới"),
        H(5, "individual", "Đỗ Thị Anh", unit_name="CĐCS Ấp Mới"),
        H(6, "collective", "Tổ Văn phòng", unit_name="CĐCS Đông Hưng"),
        H(7, "collective", "Đội Bảo vệ", unit_name=None),
        H(8, "collective", "Ấp Bắc", unit_name="CĐCS Ấp Mới"),
        H(9, "collective", "Tổ An", unit_name="CĐCS Ấp Mới"),
        H(10, "individual", "Hồ An", unit_name="  "),
    ]
    collectives, individuals = rules.ordered(people, "unit")
    decision = [p.delegate_id for p in collectives + individuals]
    batches = plan_batches([Awardee(p.delegate_id, p.kind, "Giấy khen", p.unit_name, p.full_name) for p in people],
                           size=BATCH_SIZE_MAX)
    assert [i for batch in batches for i in batch.delegate_ids] == decision
    # Collectives by their whole name (Ấp Bắc before Tổ An), people by given name (Anh before Ấn), no unit last.
    assert decision == [8, 9, 6, 7, 5, 4, 2, 1, 10, 3]
    # The one key sorts a list mixing collectives and individuals too.
    mixed = sorted(people, key=lambda p: unit_then_name_key(p.unit_name, p.full_name, p.is_collective))
    assert [p.delegate_id for p in mixed] == [5, 4, 8, 9, 2, 1, 6, 10, 3, 7]  # a < â: Anh, Ấn, Ấp Bắc


def test_a_certificate_and_an_invitation_address_a_person_alike():
    for gender in ("male", "female"):
        assert rules.honorific("individual", gender) == salutation(gender) != ""
    assert rules.honorific("individual", None) == ""  # a certificate guesses nothing
    assert salutation(None) == "Ông/Bà"  # a letter addresses both
    assert rules.honorific("collective", "female") == ""
