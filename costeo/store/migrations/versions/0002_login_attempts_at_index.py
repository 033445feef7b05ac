"""index login attempts by time

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 04:00:00

Logins prune attempts older than the retention period (``accounts.RETENTION``); the index
keeps that delete from scanning the whole table.
"""

from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempts_at', ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempts_at')
