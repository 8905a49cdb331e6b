"""Benchmark of the delegate list export: prints figures, asserts nothing.

Run: .venv/bin/python bench/bench_exports.py [--rows 250 100000]

For each size, the same synthetic delegates are written by:
  - ours: `delegate_list_report` + `write_report` (xlsxwriter, constant_memory): the official sheet, the plain
    data sheet with every field and the fingerprint, and the summary sheet (three sheets);
  - openpyxl: a plain openpyxl workbook with the same printed rows (STT + the default columns) on one sheet;
  - openpyxl write-only: the same with openpyxl's streaming `write_only=True` mode.
Each case runs in its own process (so the peak resident memory is that case's alone), twice: once timed
without tracing, once under tracemalloc for the peak of Python allocations during the export (the records
are built before tracing starts). Peak RSS is the child's `ru_maxrss` (interpreter, libraries and the records
included); "RSS before" is the same figure just before the export starts, so the export's own share is the
difference. Machine load changes the seconds: compare the writers within one run.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from datetime import date

CASES = ("ours", "openpyxl", "openpyxl-write-only")
GIVEN = ["An", "Ánh", "Bình", "Cúc", "Dũng", "Đào", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh", "Mai"]
FAMILY = ["Nguyễn Thị", "Trần Văn", "Lê Thị", "Phạm Văn", "Đặng Thị", "Võ Văn", "Huỳnh Thị"]


def records(n: int) -> list:
    """`n` delegates with realistic text lengths (each row has its own strings, as rows read from a database)."""
    from conference.dossier.reports import DelegateRecord

    return [DelegateRecord(
        full_name=f"{FAMILY[i % 7]} {GIVEN[i % 14]} {i}", gender="female" if i % 2 else "male",
        birth_year=1965 + i % 40, ethnicity="Khmer" if i % 9 == 0 else "Kinh",
        position=f"Công nhân tổ {i % 50}, Công ty TNHH Chế biến thủy sản Vĩnh Thuận",
        unit_name=f"Công đoàn cơ sở số {i % 30 + 1}", direct_worker=i % 3 == 0, party_member=i % 4 == 0,
        titles=f"Chiến sĩ thi đua cơ sở năm {2020 + i % 5}", phone=f"09{i:08d}",
        achievements=f"Có {i % 7 + 1} sáng kiến cải tiến kỹ thuật, tiết kiệm chi phí cho đơn vị; "
                     "tích cực hưởng ứng phong trào “Lao động giỏi, Lao động sáng tạo”.",
    ) for i in range(n)]


def export_ours(rows: list) -> int:
    from conference.conferences.letterhead import Letterhead
    from conference.core.xlsx import write_report
    from conference.dossier.columns import DEFAULT_KEYS
    from conference.dossier.reports import DocumentInfo, delegate_list_report

    head = Letterhead(upper_body="Liên đoàn Lao động tỉnh Kiên Giang", issuer="Liên đoàn Lao động huyện Vĩnh Thuận",
                      place="Vĩnh Thuận", signer_name="Lê Kim Tho")
    info = DocumentInfo(letterhead=head, conference_name="Hội nghị tuyên dương điển hình tiên tiến",
                        held_on=date(2025, 4, 10), signed_on=date(2025, 4, 15), code="HN-BENCH", upper_code="HN-TINH")
    return len(write_report(delegate_list_report(info, rows, list(DEFAULT_KEYS), "upper")))


def export_openpyxl(rows: list, write_only: bool) -> int:
    """The same printed rows (STT + default columns, Vietnamese order) with openpyxl, one sheet, no layout."""
    from openpyxl import Workbook

    from conference.core.collation import compact_name_key
    from conference.dossier import columns as cols

    keys = list(cols.DEFAULT_KEYS)
    book = Workbook(write_only=write_only)
    ws = book.create_sheet("Danh sách") if write_only else book.active
    ws.append([c.header for c in cols.columns_for(keys)])
    for index, record in enumerate(sorted(rows, key=lambda r: compact_name_key(r.full_name)), start=1):
        ws.append(cols.row_for(index, record, keys))
    buffer = io.BytesIO()
    book.save(buffer)
    return len(buffer.getvalue())


def run_case(case: str, n: int, traced: bool) -> dict:
    rows = records(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    export = {"ours": export_ours, "openpyxl": lambda r: export_openpyxl(r, False),
              "openpyxl-write-only": lambda r: export_openpyxl(r, True)}[case]
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    size = export(rows)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1e6 if traced else None
    if traced:
        tracemalloc.stop()
    return {"seconds": seconds, "bytes": size, "traced_peak_mb": peak, "rss_before_mb": before,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def child(case: str, n: int, traced: bool) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", case, str(n), "1" if traced else "0"],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="*", default=[250, 100_000])
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        case, n, traced = args.child
        print(json.dumps(run_case(case, int(n), traced == "1")))
        return
    print(f"{'rows':>8}  {'writer':<20} {'seconds':>8} {'file MB':>8} {'RSS before MB':>14} {'peak RSS MB':>12} "
          f"{'tracemalloc MB':>15}")
    for n in args.rows:
        for case in CASES:
            timed, traced = child(case, n, False), child(case, n, True)
            print(f"{n:>8}  {case:<20} {timed['seconds']:>8.2f} {timed['bytes'] / 1e6:>8.2f} "
                  f"{timed['rss_before_mb']:>14.1f} {timed['max_rss_mb']:>12.1f} {traced['traced_peak_mb']:>15.1f}",
                  flush=True)


if __name__ == "__main__":
    main()
