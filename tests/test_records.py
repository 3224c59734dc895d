"""Records: partial dates keep their precision; ids are deterministic."""
import datetime as dt

import pytest

from ingest.records import IngestReport, PartialDate, chunk_id, release_id_for


def test_partial_date_precision_and_bounds():
    month = PartialDate(2021, 10)
    assert month.precision == "month" and month.iso() == "2021-10"
    assert month.earliest() == dt.date(2021, 10, 1) and month.latest() == dt.date(2021, 10, 31)
    assert PartialDate.parse("2021-10-26") == PartialDate(2021, 10, 26)
    assert PartialDate.parse("2020").latest() == dt.date(2020, 12, 31)


def test_partial_dates_of_mixed_precision_sort():
    dates = [PartialDate(2023, 12), PartialDate(2023, 11, 5), PartialDate(2023), PartialDate(2023, 11)]
    assert sorted(dates) == [PartialDate(2023), PartialDate(2023, 11), PartialDate(2023, 11, 5), PartialDate(2023, 12)]
    assert max(dates) == PartialDate(2023, 12) and PartialDate(2022, 1, 1) < PartialDate(2023)


def test_partial_date_rejects_impossible_dates():
    with pytest.raises(ValueError):
        PartialDate(2021, 2, 30)
    with pytest.raises(ValueError):
        PartialDate.parse("26/10/2021")


def test_ids_are_deterministic_and_distinct():
    assert release_id_for("a/b.txt") == release_id_for("a/b.txt")
    assert release_id_for("a/b.txt") != release_id_for("a-b.txt")
    assert chunk_id("r", 3) == "r#0003"


def test_report_summary_lists_failures():
    from ingest.records import FileFailure

    report = IngestReport(added=("x.txt",), failed=(FileFailure("y.pdf", "broken PDF"),))
    assert "y.pdf: broken PDF" in report.summary() and report.changed
