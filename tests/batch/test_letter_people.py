"""Letters a clerk reads for difficult applicants and damaged cells, through the whole batch
(a real CSV export, real .docx letters read back with python-docx)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import docx
import pytest

from vnadmin_docs.batch.profile import BatchProfile, load_profile
from vnadmin_docs.batch.run import LETTERS_DIR, run_batch

HEADER = ["Mã hồ sơ", "Tên thủ tục hành chính", "Chủ hồ sơ", "Người được ủy quyền",
          "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày hẹn trả mới", "Lý do trễ hạn"]


def _profile(examples: Path, **changes: object) -> BatchProfile:
    return load_profile(examples / "profile.yml").model_copy(update=changes)


def _export(path: Path, applicants: list[str], *, reasons: list[str] | None = None,
            representatives: list[str] | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i, name in enumerate(applicants):
            w.writerow([f"000.00.12.H41-251002-{i + 1:04d}", "Đăng ký đất đai lần đầu", name,
                        (representatives or [""] * len(applicants))[i],
                        "02/10/2025 08:15", "23/10/2025 17:00", "07/11/2025 17:00",
                        (reasons or ["Chờ ý kiến xác minh"] * len(applicants))[i]])
    return path


def _letters(data: Path, profile: BatchProfile, out: Path) -> list[list[str]]:
    run_batch(data, profile, out, merged=False)
    return [[p.text for p in docx.Document(str(f)).paragraphs]
            for f in sorted((out / LETTERS_DIR).iterdir())]


def _addressing(paragraphs: list[str]) -> tuple[str, str, str]:
    """What the clerk reads: the Kính gửi line, the applicant in the receipt sentence and
    the pronoun of the apology sentence."""
    text = "\n".join(paragraphs)
    kinh_gui = re.search(r"^Kính gửi:\s*(.*?)\.?$", text, re.MULTILINE)
    owner = re.search(r"” của (.*?), mã hồ sơ", text)
    pronoun = re.search(r"thành thật xin lỗi (.*?) vì", text)
    assert kinh_gui and owner and pronoun, text
    return kinh_gui.group(1), owner.group(1), pronoun.group(1)


@pytest.mark.parametrize(
    ("cell", "kinh_gui", "in_text", "pronoun"),
    [
        # names typed all in lower case get capitals like names typed all in capitals
        ("nguyễn văn bình", "Ông/Bà Nguyễn Văn Bình", "ông/bà Nguyễn Văn Bình", "ông/bà"),
        ("ông đỗ văn hải", "Ông Đỗ Văn Hải", "ông Đỗ Văn Hải", "ông"),
        ("h'hen niê", "Ông/Bà H'Hen Niê", "ông/bà H'Hen Niê", "ông/bà"),
        # "Mr."/"Mrs." are Ông/Bà in a Vietnamese letter: never "xin lỗi mr."
        ("Mr. John Smith", "Ông John Smith", "ông John Smith", "ông"),
        ("MRS. NGUYỄN THỊ LAN", "Bà Nguyễn Thị Lan", "bà Nguyễn Thị Lan", "bà"),
        ("Ông Bà Nguyễn Văn Bé", "Ông/Bà Nguyễn Văn Bé", "ông/bà Nguyễn Văn Bé", "ông/bà"),
        # couples: never "Ông/Bà Vợ chồng …", lower case inside the sentence
        ("Vợ chồng ông Lê Văn C", "Vợ chồng ông Lê Văn C", "vợ chồng ông Lê Văn C", "ông, bà"),
        ("ÔNG LÊ VĂN TÁM VÀ BÀ PHẠM THỊ MƯỜI", "Ông Lê Văn Tám và bà Phạm Thị Mười",
         "ông Lê Văn Tám và bà Phạm Thị Mười", "ông, bà"),
        ("Ông Nguyễn Văn H & Bà Lê Thị K", "Ông Nguyễn Văn H & bà Lê Thị K",
         "ông Nguyễn Văn H & bà Lê Thị K", "ông, bà"),
        ("Ông Lê Văn Tám, Bà Phạm Thị Mười", "Ông Lê Văn Tám, bà Phạm Thị Mười",
         "ông Lê Văn Tám, bà Phạm Thị Mười", "ông, bà"),
        ("NGUYỄN VĂN A VÀ TRẦN THỊ B", "Ông/Bà Nguyễn Văn A và Trần Thị B",
         "ông/bà Nguyễn Văn A và Trần Thị B", "ông/bà"),
        # households: the person's name re-cased, the lead words lower case in the sentence
        ("HỘ GIA ĐÌNH ÔNG NGUYỄN VĂN BA", "Hộ gia đình ông Nguyễn Văn Ba",
         "hộ gia đình ông Nguyễn Văn Ba", "ông/bà"),
        ("hộ gia đình bà trần thị f", "Hộ gia đình bà Trần Thị F", "hộ gia đình bà Trần Thị F",
         "ông/bà"),
        # a business household's trade name in capitals is kept as registered
        ("HỘ KINH DOANH ĐIỆN MÁY HOÀNG PHÁT", "HỘ KINH DOANH ĐIỆN MÁY HOÀNG PHÁT",
         "HỘ KINH DOANH ĐIỆN MÁY HOÀNG PHÁT", "ông/bà"),
        # foreign companies are organisations, not "Ông/Bà XYZ Corporation"
        ("XYZ Corporation", "XYZ Corporation", "XYZ Corporation", "Quý cơ quan, tổ chức"),
        # public bodies of the two-level local government (2025) are organisations too
        ("Phòng Kinh tế xã Quảng Sơn", "Phòng Kinh tế xã Quảng Sơn", "Phòng Kinh tế xã Quảng Sơn",
         "Quý cơ quan, tổ chức"),
        ("Công an xã Tân Hà", "Công an xã Tân Hà", "Công an xã Tân Hà", "Quý cơ quan, tổ chức"),
        ("Đặc khu Phú Quốc", "Đặc khu Phú Quốc", "Đặc khu Phú Quốc", "Quý cơ quan, tổ chức"),
    ],
)
def test_addressing_in_the_letter(tmp_path: Path, examples: Path, cell: str, kinh_gui: str,
                                  in_text: str, pronoun: str) -> None:
    data = _export(tmp_path / "ho-so.csv", [cell])
    (letter,) = _letters(data, _profile(examples), tmp_path / "out")
    assert _addressing(letter) == (kinh_gui, in_text, pronoun)


def test_representative_title_keeps_its_case(tmp_path: Path, examples: Path) -> None:
    """A representative typed in lower case gets capitals on the name only, not on the
    title after the dash ("Kế Toán Trưởng" would be wrong)."""
    data = _export(tmp_path / "ho-so.csv", ["Cty CP Sao Mai", "CÔNG TY TNHH MTV XÂY DỰNG ABC",
                                            "Công ty CP Hạ tầng Miền Nam"],
                   representatives=["bà trần thị lan - kế toán trưởng",
                                    "NGUYỄN VĂN TUẤN - GIÁM ĐỐC",
                                    "ÔNG TRẦN VĂN AN - PHỤ TRÁCH KHU VỰC TÂY NGUYÊN"])
    letters = _letters(data, _profile(examples, representative="representative"),
                       tmp_path / "out")
    # a long description may hold place names: kept in capitals rather than "tây nguyên"
    assert [_addressing(p)[0] for p in letters] == [
        "Bà Trần Thị Lan - Kế toán trưởng", "Ông/Bà Nguyễn Văn Tuấn - Giám đốc",
        "Ông Trần Văn An - PHỤ TRÁCH KHU VỰC TÂY NGUYÊN"]


def test_reason_typed_with_its_label_is_not_doubled(tmp_path: Path, examples: Path) -> None:
    data = _export(tmp_path / "ho-so.csv", ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"],
                   reasons=["Lý do: chờ ý kiến của Sở Tư pháp.",
                            "Lý do khách quan: mất điện diện rộng",
                            "Chờ kết quả thẩm định của Hội đồng…"])
    letters = _letters(data, _profile(examples), tmp_path / "out")
    texts = ["\n".join(p) for p in letters]
    assert "Lý do: Chờ kết quả thẩm định của Hội đồng." in texts[2]  # not "Hội đồng…."
    assert "Lý do: chờ ý kiến của Sở Tư pháp." in texts[0]
    assert "Lý do: Lý do" not in texts[0]
    assert "Lý do: Lý do khách quan: mất điện diện rộng." in texts[1]


def test_invisible_characters_between_words_leave_a_space(tmp_path: Path,
                                                          examples: Path) -> None:
    """A zero-width space, a stray BOM or a control character standing where a space was
    must not glue two words of a name ("TrầnThị"); inside a word it simply goes away."""
    data = _export(tmp_path / "ho-so.csv", ["Trần\u200bThị\u200b Bình", "Lê\ufeffVăn\x07Cường",
                                            "\u200fPhạm Văn Dũng\u200e", "Nguy\u200bễn Văn An"])
    letters = _letters(data, _profile(examples), tmp_path / "out")
    assert [_addressing(p)[0] for p in letters] == [
        "Ông/Bà Trần Thị Bình", "Ông/Bà Lê Văn Cường", "Ông/Bà Phạm Văn Dũng",
        "Ông/Bà Nguyễn Văn An"]


def test_one_legacy_cell_among_unicode_names_is_converted_with_a_warning(
        tmp_path: Path, examples: Path) -> None:
    """A TCVN3 or VNI name pasted into a Unicode column reads as mojibake in the letter
    unless converted on its own; foreign and ethnic-minority names stay as written."""
    names = ["Nguyễn Văn An", "NguyÔn V¨n Ba", "Nguyeãn Vaên Baûo", "Y Moan Ênuôl",
             "José García", "Trần Thị Bình"]
    data = _export(tmp_path / "ho-so.csv", names,
                   reasons=["Chê ý kiÕn cña Së T\u00ad ph¸p"] + ["Chờ xác minh"] * 5)
    out = tmp_path / "out"
    result = run_batch(data, _profile(examples), out, merged=False)
    letters = [[p.text for p in docx.Document(str(f)).paragraphs]
               for f in sorted((out / LETTERS_DIR).iterdir())]
    assert [_addressing(p)[0] for p in letters] == [
        "Ông/Bà Nguyễn Văn An", "Ông/Bà Nguyễn Văn Ba", "Ông/Bà Nguyễn Văn Bảo",
        "Ông/Bà Y Moan Ênuôl", "Ông/Bà José García", "Ông/Bà Trần Thị Bình"]
    assert "Lý do: Chờ ý kiến của Sở Tư pháp." in "\n".join(letters[0])
    warned = {(p.row, p.column, p.value) for p in result.problems if "bảng mã cũ" in p.reason}
    assert warned == {(2, "Lý do trễ hạn", "Chê ý kiÕn cña Së T\u00ad ph¸p"),
                      (3, "Chủ hồ sơ", "NguyÔn V¨n Ba"), (4, "Chủ hồ sơ", "Nguyeãn Vaên Baûo")}


def test_placeholder_names_are_reported_with_what_was_written(tmp_path: Path,
                                                              examples: Path) -> None:
    data = _export(tmp_path / "ho-so.csv", ["N/A", "-", "   ", "\u200b", "Nguyễn Văn An"])
    result = run_batch(data, _profile(examples), tmp_path / "out", merged=False)
    messages = [p.message() for p in result.problems if p.severity == "error"]
    assert messages == [
        "Dòng 2, cột “Chủ hồ sơ”: giá trị “N/A”: bắt buộc nhưng ô chỉ ghi ký hiệu thay cho ô "
        "trống",
        "Dòng 3, cột “Chủ hồ sơ”: giá trị “-”: bắt buộc nhưng ô chỉ ghi ký hiệu thay cho ô trống",
        "Dòng 4, cột “Chủ hồ sơ”: bắt buộc nhưng để trống",
        "Dòng 5, cột “Chủ hồ sơ”: bắt buộc nhưng để trống",
    ]
    assert result.written == 1


@pytest.mark.parametrize(
    ("cell", "kinh_gui", "in_text"),
    [
        # trailing punctuation would print "A., mã hồ sơ" and "M./.." in the letter
        ("Nguyễn Văn A.", "Ông/Bà Nguyễn Văn A", "ông/bà Nguyễn Văn A"),
        ("Nguyễn Văn B;", "Ông/Bà Nguyễn Văn B", "ông/bà Nguyễn Văn B"),
        ("Ông Nguyễn Văn M./.", "Ông Nguyễn Văn M", "ông Nguyễn Văn M"),
        ("Công ty TNHH ABC.", "Công ty TNHH ABC", "Công ty TNHH ABC"),
        # (the Kính gửi line ends in one dot: "Ltd." is not followed by another)
        ("Samsung Vina Co., Ltd.", "Samsung Vina Co., Ltd", "Samsung Vina Co., Ltd."),
        # debris copied with the name
        ("Kính gửi: Ông Nguyễn Văn D", "Ông Nguyễn Văn D", "ông Nguyễn Văn D"),
        ("“Nguyễn Văn E”", "Ông/Bà Nguyễn Văn E", "ông/bà Nguyễn Văn E"),
        ("- Nguyễn Văn K", "Ông/Bà Nguyễn Văn K", "ông/bà Nguyễn Văn K"),
        ("Ông - Nguyễn Văn I", "Ông Nguyễn Văn I", "ông Nguyễn Văn I"),
        ("Ông,Nguyễn Văn O", "Ông Nguyễn Văn O", "ông Nguyễn Văn O"),
        # a note in brackets is not part of the name: no capitals there
        ("NGUYỄN VĂN P (ĐẠI DIỆN)", "Ông/Bà Nguyễn Văn P (đại diện)",
         "ông/bà Nguyễn Văn P (đại diện)"),
        # "Gia đình ông …" is a household, not "Ông/Bà Gia đình ông …"
        ("Gia đình ông Trần Văn S", "Gia đình ông Trần Văn S", "gia đình ông Trần Văn S"),
    ],
)
def test_debris_around_the_name_is_not_printed(tmp_path: Path, examples: Path, cell: str,
                                               kinh_gui: str, in_text: str) -> None:
    data = _export(tmp_path / "ho-so.csv", [cell])
    (letter,) = _letters(data, _profile(examples), tmp_path / "out")
    assert _addressing(letter)[:2] == (kinh_gui, in_text)


def test_representative_who_is_a_person_of_a_company(tmp_path: Path, examples: Path) -> None:
    """A representative described as "… - Giám đốc Công ty TNHH Q" is a person (the company
    is their employer), and a representative who is the owner is not named twice."""
    data = _export(tmp_path / "ho-so.csv", ["Công ty TNHH Q", "Nguyễn Văn A"],
                   representatives=["Nguyễn Văn C - Giám đốc Công ty TNHH Q",
                                    "Ông Nguyễn Văn A."])
    via = _letters(data, _profile(examples, representative="owner_via_representative"),
                   tmp_path / "via")
    assert [_addressing(p)[0] for p in via] == [
        "Công ty TNHH Q (người đại diện: ông/bà Nguyễn Văn C - Giám đốc Công ty TNHH Q)",
        "Ông Nguyễn Văn A"]
    to_rep = _letters(data, _profile(examples, representative="representative"),
                      tmp_path / "rep")
    assert [_addressing(p) for p in to_rep] == [
        ("Ông/Bà Nguyễn Văn C - Giám đốc Công ty TNHH Q",
         "ông/bà Nguyễn Văn C - Giám đốc Công ty TNHH Q", "ông/bà"),
        ("Ông Nguyễn Văn A", "ông Nguyễn Văn A", "ông")]


def test_a_cell_that_names_nobody_gives_no_letter(tmp_path: Path, examples: Path) -> None:
    """"Ông", "Kính gửi:" or "?" in the owner column would print "Kính gửi: Ông/Bà ."; the
    row is reported instead, naming what was written."""
    data = _export(tmp_path / "ho-so.csv", ["Ông", "Kính gửi:", "Hộ gia đình", "?",
                                            "Nguyễn Văn An"],
                   representatives=["", "", "", "", "?"])
    result = run_batch(data, _profile(examples, representative="representative"),
                       tmp_path / "out", merged=False)
    assert [(p.row, p.value) for p in result.problems if p.severity == "error"] == [
        (2, "Ông"), (3, "Kính gửi:"), (4, "Hộ gia đình"), (5, "?")]
    assert all(p.message().endswith("không có tên người hoặc tổ chức để ghi sau “Kính gửi:”")
               for p in result.problems if p.severity == "error")
    (letter,) = [[p.text for p in docx.Document(str(f)).paragraphs]
                 for f in sorted((tmp_path / "out" / LETTERS_DIR).iterdir())]
    assert _addressing(letter)[0] == "Ông/Bà Nguyễn Văn An"  # the "?" representative is unused


def test_honorific_column_with_other_forms_of_address(tmp_path: Path, examples: Path) -> None:
    """The "Danh xưng" column may hold "Chị", "Ông." or "Mrs" as well as "Nam"/"Nữ"."""
    data = tmp_path / "ho-so.csv"
    with data.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([*HEADER, "Danh xưng"])
        for i, (name, hint) in enumerate([("Lê Thu Hà", "Chị"), ("Trần Văn Bình", "Ông."),
                                          ("Mary Smith", "Mrs"), ("Đỗ An", "abc")]):
            w.writerow([f"000.00.12.H41-251002-{i + 1:04d}", "Đăng ký đất đai lần đầu", name, "",
                        "02/10/2025 08:15", "23/10/2025 17:00", "07/11/2025 17:00", "Chờ", hint])
    letters = _letters(data, _profile(examples), tmp_path / "out")
    assert [_addressing(p) for p in letters] == [
        ("Chị Lê Thu Hà", "chị Lê Thu Hà", "chị"),
        ("Ông Trần Văn Bình", "ông Trần Văn Bình", "ông"),
        ("Bà Mary Smith", "bà Mary Smith", "bà"),
        ("Ông/Bà Đỗ An", "ông/bà Đỗ An", "ông/bà")]
