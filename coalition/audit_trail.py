"""Reading the audit trail back, filtered."""
from datetime import date, timedelta

from sqlalchemy import Select, select

from .models import AuditRecord


def audit_query(*, entity: str | None = None, entity_id: str | None = None, action: str | None = None,
                user_id: int | None = None, since: date | None = None, until: date | None = None) -> Select:
    """Select audit records, newest first, matching every filter given."""
    query = select(AuditRecord).order_by(AuditRecord.at.desc(), AuditRecord.id.desc())
    if entity:
        query = query.where(AuditRecord.entity == entity)
    if entity_id:
        query = query.where(AuditRecord.entity_id == entity_id)
    if action:
        query = query.where(AuditRecord.action == action)
    if user_id:
        query = query.where(AuditRecord.user_id == user_id)
    if since:
        query = query.where(AuditRecord.at >= since)
    if until:
        query = query.where(AuditRecord.at < until + timedelta(days=1))
    return query
