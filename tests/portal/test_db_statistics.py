"""portal.db.refresh_statistics: the planner's statistics after a bulk load, on both databases."""

import pytest
from django.db import connection

from community.factories import MunicipalityFactory
from community.models import Municipality
from portal.db import refresh_statistics


def analysed_rows():
    """Rows the planner believes community_municipality holds (None: never analysed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = 'community_municipality' LIMIT 1"
            )
            row = cursor.fetchone()
            return int(row[0].split()[0]) if row else None
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'community_municipality'")
        value = cursor.fetchone()[0]
        return None if value < 0 else int(value)


@pytest.mark.django_db
def test_statistics_refresh_inside_a_transaction_does_not_fail():
    # VACUUM is not allowed in a transaction block: ANALYZE alone runs there.
    MunicipalityFactory.create_batch(3)
    refresh_statistics()
    assert analysed_rows() == Municipality.objects.count() >= 3
