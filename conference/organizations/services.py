"""Units and blocks of a host organization: block deadlines per conference, editing a unit, importing the
unit list (name, block, member count, contact) from xlsx or CSV, all rows or none. Every change is logged."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from conference.audit.services import record, snapshot
from conference.core.errors import N_, Message, RuleViolation
from conference.core.spreadsheet import ImportFileError, Table, read_table
from conference.core.text import clean_text, fold, whole_number
from conference.extensions import db
from conference.organizations.levels import is_above, level
from conference.organizations.models import Block, BlockDeadline, Organization

UNIT_FIELDS = ("name", "block_name", "member_count", "contact")
UNIT_HEADERS = ("Tên đơn vị", "Khối", "Số đoàn viên", "Liên hệ")
UNIT_SHEETS = ("Đơn vị",)
MAX_MEMBERS = 1_000_000


def blocks_of(host_id: int) -> list[Block]:
    """The host's blocks, by name."""
    return list(db.session.execute(select(Block).where(Block.organization_id == host_id).order_by(Block.name))
                .scalars())


def block_deadlines(conference_id: int) -> dict[int, date]:
    """{block_id: deadline} at one conference."""
    return dict(db.session.execute(
        select(BlockDeadline.block_id, BlockDeadline.deadline).where(BlockDeadline.conference_id == conference_id)
    ).all())


def get_or_create_block(host_id: int, name: str) -> Block:
    """The host's block of that name (NFC, trimmed), created when new. Flushes, does not commit."""
    name = clean_text(name)
    block = db.session.execute(
        select(Block).where(Block.organization_id == host_id, Block.name == name)
    ).scalar_one_or_none()
    if block is None:
        block = Block(organization_id=host_id, name=name)
        db.session.add(block)
        db.session.flush()
        record("block", block.id, "create", after={"name": name})
    return block


def save_block_deadlines(conference_id: int, host_id: int, deadlines: dict[int, date | None]) -> None:
    """Set (or clear, with None) the deadline of each of the host's blocks at a conference.

    Raises:
        RuleViolation: a block of another organization.
    """
    own = {b.id: b for b in blocks_of(host_id)}
    if set(deadlines) - set(own):
        raise RuleViolation(N_("Có khối không thuộc đơn vị tổ chức này."))
    current = {d.block_id: d for d in db.session.execute(
        select(BlockDeadline).where(BlockDeadline.conference_id == conference_id)).scalars()}
    for block_id, deadline in deadlines.items():
        row = current.get(block_id)
        before = row.deadline if row else None
        if before == deadline:
            continue
        if deadline is None:
            db.session.delete(row)
        elif row is None:
            db.session.add(BlockDeadline(conference_id=conference_id, block_id=block_id, deadline=deadline))
        else:
            row.deadline = deadline
        record("block", block_id, "deadline", conference_id=conference_id,
               before={"name": own[block_id].name, "deadline": before},
               after={"name": own[block_id].name, "deadline": deadline})
    db.session.flush()


def create_organization(name: str, level_code: str, parent_id: int | None = None,
                        place_name: str | None = None) -> Organization:
    """Add an organization of a level of `conference.organizations.levels` (the data file), under `parent_id`.

    A level directly above the grassroots sits under a provincial body (e.g. "Công đoàn phường Rạch Giá" under
    "Liên đoàn Lao động tỉnh An Giang"); its own documents print its name, its parent's and its place
    (`place_name`, else the place in its name). Flushes and logs; does not commit.

    Raises:
        RuleViolation: empty name, an unknown level, a parent that does not exist, or a parent whose level is not
            above the new one (a grassroots union cannot be the parent of a commune union).
    """
    name, place_name = clean_text(name), clean_text(place_name)
    if not name:
        raise RuleViolation(N_("Nhập tên đơn vị."))
    found = level(level_code)
    if found is None:
        raise RuleViolation(N_("Không có cấp “%(level)s”."), level=level_code)
    parent = db.session.get(Organization, parent_id) if parent_id is not None else None
    if parent_id is not None and parent is None:
        raise RuleViolation(N_("Không có đơn vị cấp trên mã %(id)s."), id=parent_id)
    if parent is not None and not is_above(parent.level, found.code):
        raise RuleViolation(N_("“%(parent)s” không phải cấp trên của một đơn vị cấp “%(level)s”."),
                            parent=parent.name, level=found.label)
    organization = Organization(name=name, level=found.code, parent_id=parent_id, place_name=place_name)
    db.session.add(organization)
    db.session.flush()
    record("organization", organization.id, "create",
           after={"name": name, "level": found.code, "parent_id": parent_id, "place_name": place_name})
    return organization


def _unit_snapshot(unit: Organization) -> dict:
    data = snapshot(unit, ("name", "member_count", "contact"))
    data["block"] = unit.block.name if unit.block else None
    return data


def update_unit(host_id: int, unit_id: int, data: dict, conference_id: int | None = None) -> Organization:
    """Edit a unit's name, block (by name; created if new; None clears it), member count and contact.

    Raises:
        RuleViolation: not a unit of this host; empty name; a name another unit of the host already has;
            a negative member count.
    """
    unit = db.session.get(Organization, unit_id)
    if unit is None or unit.parent_id != host_id:
        raise RuleViolation(N_("Đơn vị không thuộc đơn vị tổ chức này."))
    name = clean_text(data.get("name"))
    if not name:
        raise RuleViolation(N_("Nhập tên đơn vị."))
    clash = db.session.execute(select(Organization.id).where(
        Organization.parent_id == host_id, func.lower(Organization.name) == name.lower(), Organization.id != unit_id)
    ).first()
    if clash:
        raise RuleViolation(N_("Đã có đơn vị tên “%(name)s”."), name=name)
    members = data.get("member_count") or 0
    if members < 0:
        raise RuleViolation(N_("Số đoàn viên không được âm."))
    before = _unit_snapshot(unit)
    block_name = clean_text(data.get("block_name"))
    unit.name, unit.member_count, unit.contact = name, members, clean_text(data.get("contact"))
    unit.block = get_or_create_block(host_id, block_name) if block_name else None
    after = _unit_snapshot(unit)
    keys = [k for k in after if before[k] != after[k]]
    if keys:
        record("unit", unit.id, "update", conference_id=conference_id, unit_id=unit.id,
               before={k: before[k] for k in keys}, after={k: after[k] for k in keys})
    db.session.flush()
    return unit


@dataclass
class UnitRow:
    """One row of a unit list: sheet `line`, cleaned values and problems (`Message`s)."""

    line: int
    name: str | None
    block_name: str | None
    member_count: int | None
    contact: str | None
    problems: list[Message] = field(default_factory=list)


def _int(value) -> int | None:
    if value is None or value == "":
        return 0
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    return whole_number((clean_text(str(value)) or "").replace(".", "").replace(" ", ""))


def parse_unit_rows(table: Table) -> list[UnitRow]:
    """Check a unit list's header and rows on their own (no database); repeated names are flagged.

    Raises:
        ImportFileError: the header is not "Tên đơn vị, Khối, Số đoàn viên, Liên hệ", or there are no rows.
    """
    if not table.rows:
        raise ImportFileError(N_("Tệp không có dữ liệu."))
    header = [(clean_text(str(v)) or "").casefold() if v is not None else "" for v in table.rows[0]] + [""] * 4
    for i, expected in enumerate(UNIT_HEADERS):
        if header[i] != expected.casefold():
            raise ImportFileError(N_("Tệp không đúng mẫu: cột %(column)s phải là “%(header)s”."),
                                  column=i + 1, header=expected)
    rows: list[UnitRow] = []
    seen: dict[str, int] = {}
    for line, values in zip(table.lines[1:], table.rows[1:], strict=True):
        cells = list(values) + [None] * 4
        name = clean_text(str(cells[0])) if cells[0] is not None else None
        block = clean_text(str(cells[1])) if cells[1] is not None else None
        members = _int(cells[2])
        contact = clean_text(str(cells[3])) if cells[3] is not None else None
        row = UnitRow(line, name, block, members, contact)
        if not name:
            row.problems.append(Message(N_("Thiếu tên đơn vị.")))
        elif len(name) > 200:
            row.problems.append(Message(N_("Tên đơn vị quá dài (tối đa %(limit)s ký tự)."), limit=200))
        elif fold(name) in seen:
            row.problems.append(Message(N_("Trùng tên với dòng %(line)s."), line=seen[fold(name)]))
        else:
            seen[fold(name)] = line
        if block and len(block) > 120:
            row.problems.append(Message(N_("Tên khối quá dài (tối đa %(limit)s ký tự)."), limit=120))
        if members is None or not 0 <= members <= MAX_MEMBERS:
            row.problems.append(Message(N_("Số đoàn viên “%(value)s” không hợp lệ (số nguyên từ 0)."),
                                        value=cells[2]))
        if contact and len(contact) > 200:
            row.problems.append(Message(N_("Liên hệ quá dài (tối đa %(limit)s ký tự)."), limit=200))
        rows.append(row)
    if not rows:
        raise ImportFileError(N_("Tệp chưa có dòng đơn vị nào."))
    return rows


@dataclass(frozen=True)
class UnitImportResult:
    created: int
    updated: int
    rows: list[UnitRow]


def import_units(host_id: int, filename: str, data: bytes, conference_id: int | None = None) -> UnitImportResult:
    """Import a unit list: a unit whose name (NFC, case-insensitive) exists is updated, others are created
    under the host. All rows or none, in one transaction. Writes only when every row is valid.

    Returns:
        counts and the checked rows; when any row has a problem nothing is written (`created == updated == 0`).

    Raises:
        ImportFileError: the file as a whole is unreadable (see spreadsheet.read_table) or not the layout.
    """
    table = read_table(filename, data, sheet_names=UNIT_SHEETS, data_sheet=UNIT_SHEETS[0], allow_csv=True)
    rows = parse_unit_rows(table)
    if any(r.problems for r in rows):
        return UnitImportResult(0, 0, rows)
    existing = {fold(u.name): u for u in db.session.execute(
        select(Organization).where(Organization.parent_id == host_id)).scalars()}
    blocks = {b.name: b for b in blocks_of(host_id)}
    created = updated = 0
    for row in rows:
        block = None
        if row.block_name:
            block = blocks.get(row.block_name) or get_or_create_block(host_id, row.block_name)
            blocks[block.name] = block
        unit = existing.get(fold(row.name))
        if unit is None:
            unit = Organization(name=row.name, level="grassroots", parent_id=host_id, block=block,
                                member_count=row.member_count, contact=row.contact)
            db.session.add(unit)
            db.session.flush()
            record("unit", unit.id, "import", conference_id=conference_id, unit_id=unit.id,
                   after=_unit_snapshot(unit))
            created += 1
        else:
            before = _unit_snapshot(unit)
            unit.name, unit.block, unit.member_count, unit.contact = (row.name, block, row.member_count,
                                                                      row.contact)
            after = _unit_snapshot(unit)
            keys = [k for k in after if before[k] != after[k]]
            if keys:
                record("unit", unit.id, "import", conference_id=conference_id, unit_id=unit.id,
                       before={k: before[k] for k in keys}, after={k: after[k] for k in keys})
                updated += 1
    db.session.flush()
    return UnitImportResult(created, updated, rows)
