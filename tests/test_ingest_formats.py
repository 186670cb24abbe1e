"""Ingest of each format: encodings, HTML pages vs text with stray tags, docx, PDF.

Fixtures are generated here (tiny docx via python-docx, PDFs written by hand) so nothing binary
is checked in; ``make_pdf`` and ``make_docx`` are reused by the error tests.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from docdiff.errors import InputError
from docdiff.ingest import load
from docdiff.ingest.html import is_html

REPORT = "政府工作报告\n\n各位代表：\n\n一、2023年工作回顾\n\n地区生产总值增长6%。\n"


def make_pdf(lines: list[str], *, cjk: bool = False) -> bytes:
    """A one-page PDF showing ``lines``: Helvetica for ASCII, or the standard (non-embedded)
    Adobe CJK font STSong-Light with the UniGB-UCS2-H encoding, which pdfminer maps to Unicode."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        if cjk:
            shown = "<" + line.encode("utf-16-be").hex() + ">"
        else:
            shown = "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
        ops.append(f"{shown} Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1") if lines else b""
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
            b" /DescendantFonts [6 0 R] >>" if cjk else b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        font,
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    return pdf_of(objs)



def pdf_of(objs: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1, the first the catalog), with its xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)

def make_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None, after: str = "") -> Path:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    if after:
        d.add_paragraph(after)
    d.save(str(path))
    return path


def write(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


# --- encodings -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("encode", "expected"),
    [
        (lambda s: s.encode("utf-8"), "utf-8"),
        (lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"), "utf-8"),
        (lambda s: s.encode("gb18030"), "gb18030"),
        (lambda s: s.encode("gbk"), "gb18030"),
        (lambda s: s.encode("utf-16"), "utf-16-le"),  # with BOM
        (lambda s: b"\xfe\xff" + s.encode("utf-16-be"), "utf-16-be"),
        (lambda s: s.encode("utf-16-le"), "utf-16-le"),  # BOM-less: found by its NUL pattern
        (lambda s: s.encode("utf-16-be"), "utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16be-bom", "utf16le", "utf16be"],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, encode, expected: str) -> None:
    doc = load(write(tmp_path, "r.txt", encode(REPORT)))
    assert doc.text == REPORT
    assert doc.encoding == expected
    assert doc.meta.kind == "work_report"


def test_line_ends_fold_but_other_breaks_stay(tmp_path: Path) -> None:
    raw = "一\r\n二\r三\n四\x0c五\u2028六\r\n\r\n七"
    doc = load(write(tmp_path, "r.txt", raw.encode("utf-8")))
    assert doc.text == "一\n二\n三\n四\x0c五\u2028六\n\n七"
    assert doc.line_count == 6  # as editors count: \f and U+2028 are characters of line 4 (issue 13)
    assert doc.slice(doc.line_span(4)) == "四\x0c五\u2028六"


def test_encoding_option_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "r.txt", "政府工作報告".encode("big5"))
    assert load(path, encoding="big5").text == "政府工作報告"
    assert load(path, encoding="big5").encoding == "big5"


def test_wrong_and_unknown_encoding_options(tmp_path: Path) -> None:
    path = write(tmp_path, "r.txt", "政府工作报告".encode("gb18030"))
    with pytest.raises(InputError, match=r"cannot decode as utf-8 at byte 0$"):
        load(path, encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown encoding klingon$"):
        load(path, encoding="klingon")


def test_utf8_with_a_stray_gbk_block_fails_clearly(tmp_path: Path) -> None:
    data = ("第一行正文内容，一切正常。\n" * 5).encode("utf-8") + "第六行是GBK编码。\n".encode("gbk")
    with pytest.raises(InputError, match=r"mixed encoding: .* at byte 200 \(line 6\)"):
        load(write(tmp_path, "m.txt", data))


def test_english_document_without_headings_is_fine(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "e.txt", b"Annual report\n\nThe city grew by 5% last year.\n"))
    assert doc.meta.kind == "other" and doc.debris == ()


def test_latin1_text_falls_back_to_the_detector(tmp_path: Path) -> None:
    text = "Le rapport annuel de la municipalité présente les résultats de l'année écoulée.\n" * 3
    doc = load(write(tmp_path, "f.txt", text.encode("cp1252")))
    assert doc.text == text


# --- HTML ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>门户</title><style>p {color: red}</style><script>var x = "<p>no</p>";</script></head>
<body>
<nav><a href="/">首页</a><a href="/x">政务公开</a></nav>
<header>某某市人民政府门户网站</header>
<div class="article">
<h1>某某市2024年政府工作报告</h1>
<p>——2024年1月10日在某某市第十届人民代表大会第三次会议上</p>
<p>各位代表：</p>
<p>一、2023年
工作回顾</p>
<p>地区生产总值增长<b>6.5%</b>。<br>一般公共预算收入增长8%。</p>
<table>
<tr><th>指标</th><th>单位</th><th>2024年目标</th></tr>
<tr><td>地区生产总值增速</td><td>%</td><td>6<br>左右</td></tr>
<tr><td></td><td></td><td></td></tr>
</table>
<div style="display:none">隐藏的文字</div>
<!-- 注释 -->
<form><input value="搜索"><button>提交</button></form>
</div>
<footer>版权所有 某某市人民政府</footer>
</body></html>
"""


def test_html_page_becomes_lines_and_table_rows(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "p.html", PAGE.encode("utf-8")))
    assert doc.format == "html"
    assert doc.text.splitlines() == [
        "某某市2024年政府工作报告",
        "——2024年1月10日在某某市第十届人民代表大会第三次会议上",
        "各位代表：",
        "一、2023年工作回顾",
        "地区生产总值增长6.5%。",
        "一般公共预算收入增长8%。",
        "指标 | 单位 | 2024年目标",
        "地区生产总值增速 | % | 6 左右",
    ]
    assert (doc.meta.kind, doc.meta.year, doc.meta.title) == ("work_report", 2024, "某某市2024年政府工作报告")


def test_gbk_markup_without_doctype_in_a_txt_file_stays_text(tmp_path: Path) -> None:
    """Only a declared page is extracted (issue 13): the text keeps its one line, tags removed."""
    page = "<div><p>某某县实施方案</p><p>一、总体要求</p><p>到2025年，完成目标。</p></div>\n"
    doc = load(write(tmp_path, "page.txt", page.encode("gbk")))
    assert doc.format == "text" and doc.encoding == "gb18030"
    assert doc.text == "某某县实施方案一、总体要求到2025年，完成目标。\n"


def test_text_with_stray_tags_stays_text() -> None:
    junk = "<legend id=\"a\"></legend>\n<sup id=\"a\"></sup>\n  • <input id=\"a\">\n\n"
    text = junk + "政府工作报告\n\n" + "各位代表：\n\n正文一段。\n" * 10
    assert not is_html(text)
    assert is_html("<html><body><p>x</p></body></html>")
    assert not is_html("<div>\n<p>\n正文\n</p>\n</div>\n")  # markup without a doctype or <html> root
    assert not is_html("a <b> c\n")  # one tag is not a page


def test_html_page_without_text(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"HTML page with no text$"):
        load(write(tmp_path, "e.html", b"<html><head><script>x()</script></head><body> <div></div></body></html>"))


def test_broken_html_is_still_read(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "b.htm", "<p>第一段<p>第二段<div>第三<b>段</div><td>孤立单元格".encode("utf-8")))
    assert doc.text.splitlines() == ["第一段", "第二段", "第三段", "孤立单元格"]


# --- docx ------------------------------------------------------------------------------------

def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "plan.docx",
        ["某某区国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础", "表1 主要指标"],
        table=[["指标", "单位", "2025年"], ["地区生产总值", "亿元", "1000"]],
        after="第二章 发展目标",
    )
    doc = load(str(path))
    assert doc.format == "docx"
    assert doc.text.splitlines() == [
        "某某区国民经济和社会发展第十四个五年规划纲要",
        "第一章 发展基础",
        "表1 主要指标",
        "指标 | 单位 | 2025年",
        "地区生产总值 | 亿元 | 1000",
        "第二章 发展目标",
    ]
    assert (doc.meta.kind, doc.meta.period) == ("plan", (2021, 2025))


def test_docx_named_txt_is_read_as_docx(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "x.docx", ["正文"])
    other = tmp_path / "x.txt"
    other.write_bytes(path.read_bytes())
    assert load(str(other)).format == "docx"


# --- PDF -------------------------------------------------------------------------------------

def test_pdf_ascii_text(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "a.pdf", make_pdf(["Annual report", "GDP grew by 5%"])))
    assert doc.format == "pdf"
    assert doc.text.splitlines() == ["Annual report", "GDP grew by 5%"]
    assert "\x0c" not in doc.text


def test_pdf_chinese_text(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "c.pdf", make_pdf(["政府工作报告", "一、总体要求", "到2025年，生产总值达到100亿元。"], cjk=True)))
    assert doc.text.splitlines()[:3] == ["政府工作报告", "一、总体要求", "到2025年，生产总值达到100亿元。"]
    assert doc.meta.kind == "work_report"



# --- the same real document in every format --------------------------------------------------

@pytest.mark.parametrize("name", ["hailar-district-2018", "tiantai", "luqiao"])
def test_a_sample_as_html_and_docx_reads_the_same(tmp_path: Path, name: str) -> None:
    import html as html_lib

    from conftest import sample

    plain = load(str(sample(name)))
    paras = [line.strip(" \u3000").rstrip() for line in plain.text.splitlines() if line.strip()]
    page = "<!DOCTYPE html><html><body><nav>首页 | 政务公开</nav>" + "".join(
        f"<p>{html_lib.escape(p)}</p>\n" for p in paras) + "<footer>版权所有</footer></body></html>"
    as_html = load(write(tmp_path, "page.html", page.encode("utf-8")))
    as_docx = load(str(make_docx(tmp_path / "doc.docx", paras)))
    for doc in (as_html, as_docx):
        assert doc.text.splitlines() == paras
        assert doc.meta == plain.meta
        assert doc.body_text.split() == plain.body_text.split()


def test_a_sample_head_as_pdf_reads_the_same(tmp_path: Path) -> None:
    from conftest import sample

    plain = load(str(sample("tiantai")))
    head = [line for line in plain.text.splitlines()[:7] if line.strip()]
    doc = load(write(tmp_path, "reply.pdf", make_pdf([s[:30] for s in head], cjk=True)))
    assert doc.text.splitlines()[:4] == [s[:30] for s in head]
    assert (doc.meta.kind, doc.meta.title) == (plain.meta.kind, plain.meta.title)
    assert "浏览次数" not in doc.body_text


def test_html_source_wrapping_is_not_a_space_but_a_typed_space_is(tmp_path: Path) -> None:
    page = "<html><body><p>地区生产总值\n  增长6%</p><p>来源:县发改局 浏览次数:</p><pre>表1\n  一行</pre></body></html>"
    doc = load(write(tmp_path, "w.html", page.encode("utf-8")))
    assert doc.text.splitlines() == ["地区生产总值增长6%", "来源:县发改局 浏览次数:", "表1", "一行"]


@pytest.mark.parametrize(
    ("declared", "codec", "expected"),
    [("big5", "big5", "big5hkscs"), ("gb2312", "gbk", "gb18030"), ("utf-8", "gbk", "gb18030")],
)
def test_html_meta_charset_is_honoured_and_a_wrong_one_ignored(tmp_path: Path, declared, codec, expected) -> None:
    # Big5 bytes also decode as (wrong) GB18030 characters, so the declaration must come first;
    # 镕 is GBK but not GB2312, as pages labelled gb2312 often contain; a false utf-8 label is ignored.
    text = "政府工作報告" if codec == "big5" else "政府工作报告朱镕基"
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declared}"></head>' \
           f"<body><p>{text}</p></body></html>"
    doc = load(write(tmp_path, "p.html", page.encode(codec)))
    assert (doc.text, doc.encoding) == (text + "\n", expected)


def test_docx_tracked_changes_breaks_and_tabs(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    p = d.add_paragraph("到2025年")
    p._p.append(parse_xml(f'<w:ins {ns} w:id="1" w:author="a"><w:r><w:t>，生产总值</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {ns} w:id="2" w:author="a"><w:r><w:delText>收入</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:r {ns}><w:t>达到100亿元</w:t><w:br/><w:t>指标</w:t><w:tab/><w:t>单位</w:t>'
                          f'<w:br w:type="page"/></w:r>'))
    d.save(str(tmp_path / "t.docx"))
    assert load(str(tmp_path / "t.docx")).text == "到2025年，生产总值达到100亿元\n指标\t单位\n"


def test_markdown_with_inline_html_stays_markdown(tmp_path: Path) -> None:
    md = "# 某某实施方案\n\n一、目标<br>\n\n到2025年达到10%<sup>1</sup>\n"
    doc = load(write(tmp_path, "plan.md", md.encode("utf-8")))
    assert (doc.format, doc.text) == ("text", md)
