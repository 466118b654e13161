"""The OOXML reader resolves formatting the way Word shows it, in hand-written packages.

Each test writes a tiny .docx by hand (zip + XML) so the exact construct under test is the
only thing present: document defaults, the basedOn chain, character styles, theme fonts,
table styles, simple and complex PAGE fields, text boxes written twice for compatibility.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from vnadmin_docs.check.ooxml import read_package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SECT = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rH1"/>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:bottom="1134" w:left="1701" w:right="850"/></w:sectPr>'
)


def make_docx(
    path: Path,
    body: str,
    *,
    styles: str = "",
    theme: tuple[str, str] | None = None,
    header: str = "<w:p/>",
) -> Path:
    rels = [
        f'<Relationship Id="rS" Type="{REL}/styles" Target="styles.xml"/>',
        f'<Relationship Id="rH1" Type="{REL}/header" Target="header1.xml"/>',
    ]
    if theme:
        rels.append(f'<Relationship Id="rT" Type="{REL}/theme" Target="theme/theme1.xml"/>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels)
            + "</Relationships>",
        )
        z.writestr(
            "word/document.xml", f"<w:document {NS}><w:body>{body}{SECT}</w:body></w:document>"
        )
        z.writestr("word/styles.xml", f"<w:styles {NS}>{styles}</w:styles>")
        z.writestr("word/header1.xml", f"<w:hdr {NS}>{header}</w:hdr>")
        if theme:
            major, minor = theme
            z.writestr(
                "word/theme/theme1.xml",
                '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                "<a:themeElements><a:fontScheme>"
                f'<a:majorFont><a:latin typeface="{major}"/></a:majorFont>'
                f'<a:minorFont><a:latin typeface="{minor}"/></a:minorFont>'
                "</a:fontScheme></a:themeElements></a:theme>",
            )
    return path


def run(text: str, rpr: str = "") -> str:
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_doc_defaults_then_style_chain_then_direct(tmp_path: Path) -> None:
    styles = (
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>'
        '<w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr>'
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Base"><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:jc w:val="both"/><w:ind w:firstLine="720"/></w:pPr>'
        '<w:rPr><w:sz w:val="28"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Child"><w:basedOn w:val="Base"/>'
        "<w:rPr><w:i/></w:rPr></w:style>"
        '<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>'
    )
    strong = run("b", '<w:rStyle w:val="Strong"/>')
    upright = run("c", '<w:i w:val="0"/><w:sz w:val="26"/>')
    body = (
        f'<w:p><w:pPr><w:pStyle w:val="Child"/></w:pPr>{run("a")}{strong}{upright}</w:p>'
        f"<w:p>{run('plain')}</w:p>"
    )
    pkg = read_package(make_docx(tmp_path / "s.docx", body, styles=styles))
    child, plain = pkg.paragraphs
    a, b, c = child.runs
    assert (a.fmt.font, a.fmt.size_pt, a.fmt.italic, a.fmt.bold) == (
        "Times New Roman",
        14,
        True,
        False,
    )
    assert b.fmt.bold and b.fmt.italic
    assert (c.fmt.italic, c.fmt.size_pt) == (False, 13)
    assert child.fmt.alignment == "both" and child.fmt.first_line_pt == 36
    # A paragraph without pStyle takes the default paragraph style, over docDefaults.
    assert (plain.runs[0].fmt.font, plain.runs[0].fmt.size_pt) == ("Times New Roman", 12)


def test_theme_fonts_resolve_to_the_theme_typeface(tmp_path: Path) -> None:
    styles = (
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" '
        'w:hAnsiTheme="minorHAnsi"/></w:rPr></w:rPrDefault></w:docDefaults>'
    )
    major = run("y", '<w:rFonts w:hAnsiTheme="majorHAnsi"/>')
    body = f"<w:p>{run('x')}{major}</w:p>"
    pkg = read_package(
        make_docx(tmp_path / "t.docx", body, styles=styles, theme=("Cambria", "Calibri"))
    )
    x, y = pkg.paragraphs[0].runs
    assert x.fmt.font == "Calibri"
    assert y.fmt.font == "Cambria"


def test_table_style_applies_under_the_paragraph_style(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="table" w:styleId="Grid"><w:pPr><w:jc w:val="center"/></w:pPr>'
        "<w:rPr><w:b/></w:rPr></w:style>"
    )
    body = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr><w:tr>'
        f"<w:tc><w:p>{run('left')}</w:p></w:tc><w:tc><w:p>{run('right')}</w:p></w:tc>"
        "</w:tr></w:tbl>"
    )
    pkg = read_package(make_docx(tmp_path / "tb.docx", body, styles=styles))
    left, right = pkg.paragraphs
    assert right.where.describe() == "bảng 1, hàng 1, cột 2"
    assert left.runs[0].fmt.bold and left.fmt.alignment == "center"


def test_text_box_written_twice_for_compatibility_is_read_once(tmp_path: Path) -> None:
    inner = f"<w:txbxContent><w:p>{run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')}</w:p></w:txbxContent>"
    body = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>2921000</wp:posOffset></wp:positionH>'
        f"<a:graphic><a:graphicData><wps:wsp><wps:txbx>{inner}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    pkg = read_package(make_docx(tmp_path / "box.docx", body))
    texts = [p.text for p in pkg.paragraphs]
    assert texts == ["", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    box = pkg.paragraphs[1].where
    assert box.kind == "textbox" and box.box_x_pt == 230.0


def test_page_fields_simple_and_complex_and_section_geometry(tmp_path: Path) -> None:
    simple = (
        '<w:p><w:fldSimple w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r>'
        "</w:fldSimple></w:p>"
    )
    complex_ = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText> NUMPAGES </w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    pkg = read_package(make_docx(tmp_path / "f.docx", "<w:p/>", header=simple))
    assert pkg.header_has_page_field("word/header1.xml")
    pkg2 = read_package(make_docx(tmp_path / "g.docx", "<w:p/>", header=complex_))
    assert not pkg2.header_has_page_field("word/header1.xml")  # NUMPAGES is not PAGE
    sec = pkg.sections[0]
    assert round(sec.width_mm or 0) == 210 and round(sec.height_mm or 0) == 297
    assert (round(sec.top_mm or 0), round(sec.left_mm or 0), round(sec.right_mm or 0)) == (
        20,
        30,
        15,
    )
    assert not sec.title_page


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    body = f"<w:p>{run('thấy')}{run(' ẩn', '<w:vanish/>')}</w:p>"
    pkg = read_package(make_docx(tmp_path / "h.docx", body))
    assert pkg.paragraphs[0].text == "thấy"
