"""agenda timing - item durations, the programme's clock and the hall screen's current item

Revision ID: d1c0ffee0004
Revises: c3c0ffee0003
Create Date: 2026-12-03

Hand-written. agenda_items.duration_min (minutes, 0..480, default 15); agenda_items.starts_at now means a fixed
(pinned) start, None when the item begins as the previous one ends. agenda_schedules: one row per conference with
the programme's start, the time by which the half day must end, and the item the hall screen shows.

Existing programmes keep their times: the first item's time becomes the programme's start, each item's
duration the gap to the next item's time (15 minutes when there is none), and an item stays pinned only where
its time differs from the end of the item before it. Downgrading pins every item at its computed start.
"""
from datetime import time
from itertools import groupby

from alembic import op
import sqlalchemy as sa


revision = 'd1c0ffee0004'
down_revision = 'c3c0ffee0003'
branch_labels = None
depends_on = None

DEFAULT_DURATION = 15
MAX_DURATION = 480
DAY_START = time(7, 30)
HALF_DAY_ENDS = time(11, 30)

items = sa.table(
    'agenda_items', sa.column('id', sa.Integer), sa.column('conference_id', sa.Integer),
    sa.column('position', sa.Integer), sa.column('starts_at', sa.Time), sa.column('duration_min', sa.Integer),
)
schedules = sa.table(
    'agenda_schedules', sa.column('conference_id', sa.Integer), sa.column('starts_at', sa.Time),
    sa.column('ends_by', sa.Time),
)


def _minutes(at):
    return at.hour * 60 + at.minute


def _clock(total):
    total = min(total, 23 * 60 + 59)
    return time(total // 60, total % 60)


def _programmes(bind):
    rows = bind.execute(sa.select(items.c.id, items.c.conference_id, items.c.starts_at, items.c.duration_min)
                        .order_by(items.c.conference_id, items.c.position)).all()
    return [(cid, list(group)) for cid, group in groupby(rows, key=lambda row: row.conference_id)]


def upgrade():
    with op.batch_alter_table('agenda_items') as batch:
        batch.add_column(sa.Column('duration_min', sa.Integer(), server_default=sa.text(str(DEFAULT_DURATION)),
                                   nullable=False))
        batch.create_check_constraint(op.f('ck_agenda_items_duration_range'), f'duration_min BETWEEN 0 AND {MAX_DURATION}')
    op.create_table(
        'agenda_schedules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('starts_at', sa.Time(), nullable=False),
        sa.Column('ends_by', sa.Time(), nullable=False),
        sa.Column('current_item_id', sa.Integer(), nullable=True),
        sa.Column('shown_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_agenda_schedules_conference_id_conferences'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['current_item_id'], ['agenda_items.id'],
                                name=op.f('fk_agenda_schedules_current_item_id_agenda_items'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_schedules')),
        sa.UniqueConstraint('conference_id', name=op.f('uq_agenda_schedules_conference_id')),
    )
    bind = op.get_bind()
    for conference_id, rows in _programmes(bind):
        day_start = rows[0].starts_at or DAY_START
        bind.execute(schedules.insert().values(conference_id=conference_id, starts_at=day_start,
                                               ends_by=HALF_DAY_ENDS))
        cursor = _minutes(day_start)
        for index, row in enumerate(rows):
            start = _minutes(row.starts_at) if row.starts_at else cursor
            following = rows[index + 1].starts_at if index + 1 < len(rows) else None
            gap = _minutes(following) - start if following else None
            duration = gap if gap is not None and 0 <= gap <= MAX_DURATION else DEFAULT_DURATION
            pinned = row.starts_at if row.starts_at and start != cursor else None
            bind.execute(items.update().where(items.c.id == row.id)
                         .values(duration_min=duration, starts_at=pinned))
            cursor = start + duration


def downgrade():
    bind = op.get_bind()
    day_starts = dict(bind.execute(sa.select(schedules.c.conference_id, schedules.c.starts_at)).all())
    for conference_id, rows in _programmes(bind):
        cursor = _minutes(day_starts.get(conference_id) or DAY_START)
        for row in rows:
            start = _minutes(row.starts_at) if row.starts_at else cursor
            bind.execute(items.update().where(items.c.id == row.id).values(starts_at=_clock(start)))
            cursor = start + row.duration_min
    op.drop_table('agenda_schedules')
    with op.batch_alter_table('agenda_items') as batch:
        batch.drop_constraint(op.f('ck_agenda_items_duration_range'), type_='check')
        batch.drop_column('duration_min')
