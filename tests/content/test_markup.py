"""The body markup: what a template author writes and what the layout receives."""

from __future__ import annotations

from vnadmin_docs.blocks import Paragraph, Span, Table
from vnadmin_docs.content import Markup, escape_markup, parse_markup


def texts(markup: str) -> list[str]:
    return [b.text for b in parse_markup(markup) if isinstance(b, Paragraph)]


def test_paragraphs_numbered_points_and_dash_items_keep_their_markers() -> None:
    blocks = parse_markup("Mở đầu:\n\n1. Một;\n\n2. Hai;\n\n3. Ba.\n\n- gạch một;\n- gạch hai.")
    assert [(b.kind, b.label) for b in blocks if isinstance(b, Paragraph)] == [
        ("body", None),
        ("numbered", "1."),
        ("numbered", "2."),
        ("numbered", "3."),
        ("dash", "-"),
        ("dash", "-"),
    ]


def test_numbering_that_starts_elsewhere_is_kept_literally() -> None:
    assert texts("5. Năm.\n\n6. Sáu.") == ["5. Năm.", "6. Sáu."]


def test_bold_and_italic_spans() -> None:
    (p,) = parse_markup("Thường **đậm** và *nghiêng*.")
    assert isinstance(p, Paragraph)
    assert p.spans == (
        Span("Thường "),
        Span("đậm", bold=True),
        Span(" và "),
        Span("nghiêng", italic=True),
        Span("."),
    )


def test_soft_line_breaks_join_and_hard_breaks_stay() -> None:
    assert texts("một\nhai") == ["một hai"]
    assert texts("một\\\nhai") == ["một\nhai"]


def test_lettered_points() -> None:
    (p,) = parse_markup("đ) điểm đ")
    assert isinstance(p, Paragraph) and (p.kind, p.label, p.text) == ("lettered", "đ)", "đ) điểm đ")


def test_tables_with_header_and_alignment() -> None:
    (t,) = parse_markup("| STT | Tên |\n|:-:|---|\n| 1 | A |\n| 2 | B |")
    assert isinstance(t, Table)
    assert [[c[0].text for c in row] for row in t.header] == [["STT", "Tên"]]
    assert [[c[0].text for c in row] for row in t.rows] == [["1", "A"], ["2", "B"]]
    assert t.align == ("center", "left")


def test_code_html_links_and_quotes_are_plain_text() -> None:
    assert texts("    thụt lề") == ["thụt lề"]
    assert texts("<b>x</b> [a](b) > c") == ["<b>x</b> [a](b) > c"]


def test_escaped_values_never_become_markup() -> None:
    for hostile in (
        "*a*",
        "_b_",
        "# c",
        "| d |",
        "<e>",
        "&amp;",
        "]]>",
        "1. f",
        "- g",
        "`h`",
        "[i](j)",
        "\\k",
        "**l**",
        "> m",
        "+ n",
        "~~o~~",
    ):
        assert texts(escape_markup(hostile)) == [hostile], hostile


def test_declared_markup_is_not_escaped() -> None:
    assert escape_markup(Markup("**đậm**")) == "**đậm**"
