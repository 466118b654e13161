""".xlsx rows read by our own reader give exactly what openpyxl gives (issue 18): on the
bundled real exports, and on workbooks written the way Excel writes them (shared strings,
rich text, styles, dates, 1904, cells and rows without numbers, prefixed XML), which the
tests' openpyxl-written sheets (inline strings only) do not show. What the reader does not
follow is read by openpyxl instead, with the same result."""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from vnadmin_docs.batch import read_xlsx as rx
from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.read_xlsx import read_xlsx

ROOT = Path(__file__).resolve().parents[2]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>
<numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font>
<font><sz val="13"/><name val=".VnTime"/></font>
<font><sz val="12"/><name val="Times New Roman"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""

STRINGS = [
    "<si><t>Mã hồ sơ</t></si>",
    "<si><t xml:space=\"preserve\">  Nguyễn Văn An  </t></si>",
    "<si><r><rPr><b/></rPr><t>Trần </t></r><r><t>Thị Bình</t></r></si>",
    "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>",
    "<si><t>Dòng_x000D_hai _x005F_x000D_ giữ</t></si>",
    "<si><t/></si>",
    "<si><t>Tr\u00ea2n</t></si>",
]

SHEET = """<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c>
<c r="D1" t="s"><v>2</v></c></row>
<row r="3" hidden="1"><c r="A3"><v>42</v></c><c r="B3"><v>1.5</v></c><c r="C3"><v>1E3</v></c>
<c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c>
<c r="F3" t="str"><v>kết quả</v></c></row>
<row r="4"><c r="A4" s="2"><v>45931</v></c><c r="B4" s="3"><v>45931.5</v></c>
<c r="C4" s="4"><v>1.25</v></c><c r="D4" s="5"><v>0.5</v></c>
<c r="E4" t="d"><v>2025-10-01T08:30:00</v></c></row>
<row><c t="s"><v>3</v></c><c t="s" s="1"><v>4</v></c><c><v>7</v></c></row>
<row r="6"><c r="A6" s="3"><f>WORKDAY(A4,5)</f><v></v></c><c r="B6"><f>A3+1</f><v>43</v></c>
<c r="C6" t="str"><f>CONCAT("a","b")</f></c><c r="D6" t="s"><v>5</v></c>
<c r="E6" t="s"><v>6</v></c></row>
<row r="7" hidden="true"/>
<row r="9"><c r="C9" t="inlineStr"><is><r><t>Lê </t></r>
<r><rPr><i/></rPr><t>Văn Tám</t></r></is></c>
<c r="E9" t="inlineStr"><is><t>Đà Lạt</t></is></c><c r="F9" t="inlineStr"/></row>
<row r="10"><c r="A10" t="s"><v>0</v></c><c r="B10"><v>1</v></c></row>
<row r="11"><c r="B11"><v>2</v></c></row>
</sheetData><mergeCells count="2"><mergeCell ref="A10:A11"/><mergeCell ref="C9:D9"/></mergeCells>"""


def _workbook(tmp_path: Path, sheet: str, *, date1904: bool = False, prefix: str = "",
              strings: list[str] = STRINGS, name: str = "book.xlsx") -> Path:
    """A workbook package written the way Excel lays it out (shared strings, styles)."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    body = sheet if not prefix else (
        sheet.replace("<", f"<{p}").replace(f"<{p}/", f"</{p}").replace(f"</{p}{p}", f"</{p}"))
    data = "<sheetData>" if not prefix else f"<{p}sheetData>"
    calendar = ' date1904="1"' if date1904 else ""
    sheet_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<{p}worksheet {xmlns} xmlns:r="{REL}">{data}{body}</{p}worksheet>')
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override '
            'PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/'
            'sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sharedStrings+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            f'{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            f'<workbookPr{calendar}/><sheets>'
            '<sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}'
            '/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="'
            f'{REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="{REL}/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">{"".join(strings)}</sst>'),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, text in parts.items():
            zf.writestr(member, text.encode("utf-8"))
    return path


def _both(path: Path) -> tuple[list[object] | None, list[object] | type[BaseException]]:
    """The first sheet's rows by our reader (None: it handed the sheet to openpyxl) and by
    openpyxl, as ``read_xlsx`` would park them (or the error openpyxl raised)."""
    data = path.read_bytes()
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    ws = wb.worksheets[0]
    ws.reset_dimensions()
    fast = rx._fast_rows(data, ws._worksheet_path, wb, ws)
    slow: list[object] | type[BaseException]
    try:
        slow = list(rx._openpyxl_rows(data, ws._worksheet_path, ws))
    except Exception as exc:  # compared below
        slow = type(exc)
    wb.close()
    return (None if fast is None else list(fast)), slow


@pytest.mark.parametrize("example", ["xin-loi/ho-so-tre-han.xlsx",
                                     "thong-bao-phan-cong/nhan-su-van-phong.xlsx"])
def test_the_bundled_exports_read_the_same(example: str) -> None:
    fast, slow = _both(ROOT / "examples" / example)
    assert fast is not None and len(fast) > 5
    assert fast == slow


@pytest.mark.parametrize(("date1904", "prefix"), [(False, ""), (True, ""), (False, "x")])
def test_a_workbook_as_excel_writes_it_reads_the_same(tmp_path: Path, date1904: bool,
                                                      prefix: str) -> None:
    fast, slow = _both(_workbook(tmp_path, SHEET, date1904=date1904, prefix=prefix))
    assert fast is not None
    assert fast == slow
    rows = {row.number: row for row in fast}  # type: ignore[attr-defined]
    assert sorted(rows) == list(range(1, 12))  # rows 2 and 8 left out by the file: empty
    assert rows[2].values == () and rows[8].values == ()
    assert rows[1].values == ("Mã hồ sơ", "  Nguyễn Văn An  ", None, "Trần Thị Bình")
    assert rows[1].fonts[:2] == ("Calibri", ".VnTime")  # a TCVN3 font is seen
    assert rows[3].hidden and rows[7].hidden and not rows[4].hidden
    assert rows[3].values == (42, 1.5, 1000.0, True, "#N/A", "kết quả")
    assert rows[5].values[:2] == ("東京", "Dòng_x000D_hai _x000D_ giữ")  # phonetic left out
    assert rows[6].values[0] == "=WORKDAY(A4,5)"  # a formula saved without its result
    assert rows[6].values[1] == 43 and rows[6].values[2] == '=CONCAT("a","b")'
    assert rows[9].values == (None, None, "Lê Văn Tám", "Lê Văn Tám", "Đà Lạt", None)
    assert rows[11].values == ("Mã hồ sơ", 2)  # A11 filled from the merged A10:A11


def test_dates_follow_the_workbook_calendar(tmp_path: Path) -> None:
    fast_1900, _ = _both(_workbook(tmp_path, SHEET, name="a.xlsx"))
    fast_1904, _ = _both(_workbook(tmp_path, SHEET, date1904=True, name="b.xlsx"))
    assert fast_1900 is not None and fast_1904 is not None
    a = fast_1900[3].values[0]  # type: ignore[attr-defined]
    b = fast_1904[3].values[0]  # type: ignore[attr-defined]
    assert str(a) == "2025-10-01 00:00:00" and str(b) == "2029-10-02 00:00:00"
    assert fast_1900[3].values[2:4] == ("1 day, 6:00:00", "12:00:00")  # type: ignore[attr-defined]


@pytest.mark.parametrize("odd", [
    '<row r="5"><c r="A5"><v>1</v></c></row><row r="4"><c r="A4"><v>2</v></c></row>',
    '<row r="4"><c r="A9"><v>1</v></c></row>',  # a cell that names another row
    '<row r="4"><c r="A4" t="s"><v>99</v></c></row>',  # no such shared string
    '<row r="4"><c r="A4" s="40" t="s"><v>0</v></c></row>',  # no such style
    '<row r="4.0"><c r="A4"><v>1</v></c></row>',
    '<row r="4"><c r="A4" s="2"><v>99999999</v></c></row>',  # a date past year 9999
])
def test_what_the_reader_does_not_follow_is_read_by_openpyxl(tmp_path: Path, odd: str,
                                                             caplog: pytest.LogCaptureFixture
                                                             ) -> None:
    path = _workbook(tmp_path, odd + "</sheetData>")
    fast, slow = _both(path)
    assert fast is None  # handed over, not guessed
    with caplog.at_level(logging.INFO, logger="vnadmin_docs.batch.read_xlsx"):
        try:
            got: list[object] | type[BaseException] = list(
                read_xlsx(path.read_bytes(), str(path)).rows)
        except InputFileError:  # openpyxl's own verdict, now named as a file error
            got = InputFileError
    # exactly what openpyxl makes of it; where openpyxl failed, a clear error, no traceback
    assert got == (slow if isinstance(slow, list) else InputFileError)
    assert "read by openpyxl" in caplog.text


def test_an_entity_bomb_in_a_sheet_is_refused_not_expanded(tmp_path: Path) -> None:
    """A DTD whose entities expand a billionfold, in a sheet that has a <dimension> (so
    openpyxl's look for it stops before the bomb): our reader leaves a DTD to openpyxl,
    whose parser refuses the amplification: a file error, quickly."""
    path = _workbook(tmp_path, '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c>'
                     "</row></sheetData>")
    entities = '<!ENTITY a0 "lollollollol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace('standalone="yes"?>\n',
                          f'standalone="yes"?>\n<!DOCTYPE worksheet [{entities}]>\n')
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "<sheetData>", '<dimension ref="A1:A1"/><sheetData>').encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    with pytest.raises(InputFileError, match="amplification"):
        read_xlsx(path.read_bytes(), str(path))
