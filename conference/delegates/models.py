"""Delegate (đại biểu): anyone seated at the conference, exemplar or guest; presidium members among them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, case, or_
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.core.clock import utcnow
from conference.core.shortcode import LENGTH as SHORT_CODE_LENGTH
from conference.core.shortcode import TOKEN_BITS, new_short_code, new_token
from conference.core.vocabulary import word
from conference.delegates import rules
from conference.extensions import db
from conference.organizations.models import Organization

DELEGATE_CATEGORIES = ("exemplar", "guest")


class PersonDetails:
    """The columns that describe an exemplar or a delegate (the delegate summary list's fields).

    `kind`: individual (cá nhân) or collective (tập thể); `gender` 'male'/'female' or None; `position`:
    chức vụ, nơi công tác; `titles`: danh hiệu thi đua, hình thức khen thưởng; `achievements`: thành tích
    tiêu biểu (in full) and `achievements_summary` its short form, tóm tắt thành tích. Shared by `Nomination`
    and `Delegate` (an approved nomination is copied into its delegate).
    """

    kind: Mapped[str] = mapped_column(String(20), default="individual")
    full_name: Mapped[str] = mapped_column(String(200))
    gender: Mapped[str | None] = mapped_column(String(10))
    birth_year: Mapped[int | None] = mapped_column()
    ethnicity: Mapped[str | None] = mapped_column(String(60))
    position: Mapped[str | None] = mapped_column(String(300))
    direct_worker: Mapped[bool] = mapped_column(default=False)
    party_member: Mapped[bool] = mapped_column(default=False)
    titles: Mapped[str | None] = mapped_column(Text)
    achievements: Mapped[str | None] = mapped_column(Text)
    #: Tóm tắt thành tích: what the delegate summary list prints (`nominations.rules.ACHIEVEMENTS_SUMMARY_MAX`).
    achievements_summary: Mapped[str | None] = mapped_column(String(300))

    @property
    def is_ethnic_minority(self) -> bool:
        """See `rules.is_ethnic_minority` (pages show the ethnicity of minorities only)."""
        return rules.is_ethnic_minority(self.ethnicity)

    @property
    def kind_word(self) -> str:
        """"Cá nhân" / "Tập thể" in the page's language."""
        return word("kind", self.kind)

    @property
    def gender_word(self) -> str:
        """"Nam" / "Nữ" in the page's language; "" when not recorded (collectives)."""
        return word("gender", self.gender)


class Delegate(PersonDetails, db.Model):
    """A seat at the conference.

    Exemplar delegates come from approved nominations (`nomination_id`, one delegate per nomination);
    guests are added by the organizer. `presidium_order` (1..n) marks the presidium, unique per
    conference. `upper_order` (1..n) marks the exemplars chosen for the upper-level conference (đại biểu dự
    Hội nghị cấp trên), in order, unique per conference.

    The badge: `badge_token` (64 random bits) is signed into the QR code and `fallback_code` (8 characters,
    `conference.core.shortcode`, unique per conference) is printed under it; issuing a new badge draws both
    again, which revokes the printed one. A removed delegate's codes die with the row, and its id is never given
    to another (AUTOINCREMENT on SQLite). `badge_serial` counts the badges issued.
    """

    __tablename__ = "delegates"
    __table_args__ = (
        CheckConstraint("category IN ('exemplar', 'guest')", name="category_known"),
        CheckConstraint("presidium_order IS NULL OR presidium_order BETWEEN 1 AND 50", name="presidium_order_range"),
        CheckConstraint("presidium_group IS NULL OR (presidium_order IS NOT NULL AND presidium_group IN "
                        "('party', 'government', 'union', 'exemplar'))", name="presidium_group_known"),
        CheckConstraint("badge_serial >= 1", name="badge_serial_positive"),
        CheckConstraint(f"length(badge_token) = {TOKEN_BITS // 4}", name="badge_token_length"),
        CheckConstraint(f"length(fallback_code) = {SHORT_CODE_LENGTH}", name="fallback_code_length"),
        UniqueConstraint("conference_id", "fallback_code", name="uq_delegates_fallback_code"),
        CheckConstraint("gender IS NULL OR gender IN ('male', 'female')", name="gender_known"),
        UniqueConstraint("conference_id", "presidium_order", name="uq_delegates_presidium_seat"),
        CheckConstraint("upper_order IS NULL OR upper_order BETWEEN 1 AND 10000", name="upper_order_range"),
        CheckConstraint("upper_order IS NULL OR category = 'exemplar'", name="upper_only_exemplars"),
        UniqueConstraint("conference_id", "upper_order", name="uq_delegates_upper_seat"),
        CheckConstraint("invitation_answer IS NULL OR invitation_answer IN ('confirmed', 'declined', 'deputy')",
                        name="invitation_answer_known"),
        CheckConstraint("(invitation_answer IS NULL AND deputy_of IS NULL) OR category = 'guest'",
                        name="invitation_answer_only_guests"),
        # SQLite: ids are never reused (a removed guest's id is not given to the next guest); PostgreSQL's
        # sequence never reuses one either.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    nomination_id: Mapped[int | None] = mapped_column(ForeignKey("nominations.id"), unique=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    #: A guest's organisation (cơ quan, đơn vị công tác), apart from the position (chức vụ); None for exemplars,
    #: whose unit is `unit`.
    workplace: Mapped[str | None] = mapped_column(String(300))
    #: A guest's answer to the invitation: 'confirmed', 'declined', 'deputy' (sends a deputy); None = no answer yet.
    invitation_answer: Mapped[str | None] = mapped_column(String(20))
    #: The guest invited, when a deputy took the seat: "name, position, organisation" as invited.
    deputy_of: Mapped[str | None] = mapped_column(String(800))
    presidium_order: Mapped[int | None] = mapped_column()
    #: The part of the plan's composition a presidium member stands for (`rules.PRESIDIUM_GROUPS`); None when not
    #: given, and always None outside the presidium.
    presidium_group: Mapped[str | None] = mapped_column(String(20))
    #: Place (1..n) in the list of delegates chosen for the upper-level conference; None = not chosen.
    upper_order: Mapped[int | None] = mapped_column()
    badge_serial: Mapped[int] = mapped_column(default=1)
    badge_token: Mapped[str] = mapped_column(String(TOKEN_BITS // 4), default=new_token)
    fallback_code: Mapped[str] = mapped_column(String(SHORT_CODE_LENGTH), default=new_short_code)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    unit: Mapped[Organization | None] = relationship(lazy="joined")
    #: The desk's record of this delegate's arrival (`CheckIn`, a higher layer: named, not imported); a
    #: delegate who has arrived stays on the list.
    check_in = relationship("CheckIn", uselist=False, viewonly=True, lazy="select")

    @hybrid_property
    def badge_kind(self) -> str:
        """The badge this delegate wears (`rules.badge_kind`): 'presidium', 'exemplar' or 'guest'."""
        return rules.badge_kind(self.presidium_order, self.category)

    @badge_kind.inplace.expression
    @classmethod
    def _badge_kind_expression(cls):
        """`rules.badge_kind` as SQL, for the desk's one-query read and joins on the badge categories."""
        return case((cls.presidium_order.is_not(None), rules.PRESIDIUM), else_=cls.category)

    @hybrid_property
    def takes_a_seat(self) -> bool:
        """False for a guest who declined the invitation (`rules.DECLINED`): the hall keeps no seat for them."""
        return self.invitation_answer != rules.DECLINED

    @takes_a_seat.inplace.expression
    @classmethod
    def _takes_a_seat_expression(cls):
        """`takes_a_seat` as SQL (a NULL answer takes a seat)."""
        return or_(cls.invitation_answer.is_(None), cls.invitation_answer != rules.DECLINED)

    @property
    def removable(self) -> bool:
        """Whether the list offers to remove this delegate (`rules.is_removable`: guests only)."""
        return rules.is_removable(self.category)

    @property
    def category_word(self) -> str:
        """"Điển hình tiên tiến" / "Khách mời" in the page's language."""
        return word("category", self.category)

    @property
    def affiliation(self) -> str:
        """The unit's name for exemplars; the organisation (else the position) for guests (`rules.affiliation`)."""
        return rules.affiliation(self.unit.name if self.unit is not None else None, self.position, self.workplace)

    @property
    def answer_word(self) -> str:
        """The guest's answer to the invitation in the page's language; "" when there is none yet."""
        return word("invitation_answer", self.invitation_answer)


class GuestImport(db.Model):
    """An uploaded guest list waiting for confirmation: its checked rows (JSON, `RowResult.as_json`), kept between
    the preview and the "import" click so the app stays stateless across processes; one per user and conference,
    deleted once imported (as `conference.nominations.models.NominationImport`)."""

    __tablename__ = "guest_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
    rows: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
