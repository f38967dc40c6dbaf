from datetime import date

import pytest

from pipeline.ingest.dates import date_from_path, parse_date


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("archive/2025-07-06/page01.txt", date(2025, 7, 6)),
        ("archive/20250706_page01.txt", date(2025, 7, 6)),
        ("archive/2025/07/06/page.txt", date(2025, 7, 6)),
        ("archive/2025_07_06.html", date(2025, 7, 6)),
        ("archive/page01.txt", None),
        ("archive/2025-13-45/page.txt", None),
        ("scan_123456789.txt", None),
    ],
)
def test_date_from_path(path, expected):
    assert date_from_path(path) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-11-05", date(2025, 11, 5)),
        ("2025-11-05T07:30:00+08:00", date(2025, 11, 5)),
        ("2025年11月5日", date(2025, 11, 5)),
        ("not a date", None),
        (None, None),
    ],
)
def test_parse_metadata_dates(value, expected):
    assert parse_date(value) == expected
