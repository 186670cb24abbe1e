"""One real document in every format docdiff reads: the builders behind test_ingest_invariance.

The .docx is set the way government offices set documents (A4, first-line indent of two
characters, no space between paragraphs, a centred title); LibreOffice makes the .doc, .odt,
.rtf and .pdf from it; the scanned PDF is the PDF rendered to greyscale images (pdftoppm) and
bound back into an image-only PDF (Pillow). The OFD is committed (tests/data/formats), written by
``write_ofd`` from the PDF's glyph positions, as PDF→OFD converters do; rebuild it with
``python tests/format_set.py`` (needs LibreOffice).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "formats"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PT_TO_MM = 25.4 / 72
OFD_NS = "http://www.ofdspec.org/2016"


def official_docx(lines: list[str], path: Path) -> Path:
    """A .docx with one paragraph per non-empty line, laid out as a 公文 is."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(28)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    style = document.styles["Normal"]
    style.font.size = Pt(14)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Serif CJK SC")
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.15
    body = [line.strip(" \u3000\t") for line in lines if line.strip(" \u3000\t")]
    for i, line in enumerate(body):
        p = document.add_paragraph(line)
        if i == 0:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            p.paragraph_format.first_line_indent = Pt(28)
    document.save(path)
    return path


def soffice_convert(src: Path, target: str, outdir: Path, profile: Path | None = None) -> Path:
    """``src`` converted by LibreOffice to ``target`` in ``outdir``, under a timeout, with a
    private profile (``profile``, reused across calls to save LibreOffice's first start)."""
    with tempfile.TemporaryDirectory(prefix="docdiff-test-soffice-") as fresh:
        home = profile or Path(fresh)
        subprocess.run([SOFFICE, f"-env:UserInstallation={home.as_uri()}", "--headless",
                        "--norestore", "--convert-to", target, "--outdir", str(outdir), str(src)],
                       check=True, capture_output=True, timeout=180)
    out = outdir / f"{src.stem}.{target.split(':')[0]}"
    assert out.is_file(), f"LibreOffice did not write {out.name}"
    return out


def scan_pdf(pdf: Path, out: Path, dpi: int = 150) -> Path:
    """An image-only copy of ``pdf``: each page rendered to a greyscale PNG, then bound again."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="docdiff-test-scan-") as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/p"],
                       check=True, capture_output=True, timeout=300)
        pages = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        images = [Image.open(p).convert("L") for p in pages]
        images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out


def write_ofd(pdf: Path, out: Path, title: str) -> Path:
    """An OFD (GB/T 33190-2016) of ``pdf``'s text: one TextObject per run of glyphs of one font
    on one printed line, TextCode with DeltaX per glyph, a template page carrying a page number
    (which readers must not take for body text)."""
    import zipfile

    from lxml import etree
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar

    def el(parent, tag, text=None, **attrs):
        node = etree.SubElement(parent, f"{{{OFD_NS}}}{tag}", {k: str(v) for k, v in attrs.items()})
        if text is not None:
            node.text = text
        return node

    def root(tag):
        return etree.Element(f"{{{OFD_NS}}}{tag}", nsmap={"ofd": OFD_NS})

    def xml(node) -> bytes:
        return etree.tostring(node, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    next_id = iter(range(10, 10**9))
    files: dict[str, bytes] = {}
    page_ids = []
    for n, layout in enumerate(extract_pages(str(pdf), laparams=LAParams())):
        chars: list = []
        stack = [layout]
        while stack:
            node = stack.pop()
            if isinstance(node, LTChar):
                chars.append(node)
            elif hasattr(node, "__iter__"):
                stack.extend(node)
        chars.sort(key=lambda c: (round(layout.height - c.y0, 1), c.x0))
        page = root("Page")
        el(page, "Template", TemplateID=1)
        layer = el(el(page, "Content"), "Layer", ID=next(next_id), Type="Body")
        runs: list[list] = []
        for c in chars:
            last = runs[-1][-1] if runs else None
            if last is not None and abs(last.y0 - c.y0) < 0.5 and last.fontname == c.fontname \
                    and 0 <= c.x0 - last.x1 < c.size:
                runs[-1].append(c)
            else:
                runs.append([c])
        for run in runs:
            size = run[0].size * PT_TO_MM
            x0 = run[0].x0 * PT_TO_MM
            top = (layout.height - run[0].y1) * PT_TO_MM
            width = (run[-1].x1 - run[0].x0) * PT_TO_MM
            obj = el(layer, "TextObject", ID=next(next_id), Font=2, Size=f"{size:.3f}",
                     Boundary=f"{x0:.3f} {top:.3f} {width:.3f} {size * 1.2:.3f}")
            deltas = [f"{(b.x0 - a.x0) * PT_TO_MM:.3f}" for a, b in pairwise(run)]
            el(obj, "TextCode", "".join(c.get_text() for c in run), X="0", Y=f"{size * 0.85:.3f}",
               DeltaX=" ".join(deltas))
        files[f"Doc_0/Pages/Page_{n}/Content.xml"] = xml(page)
        page_ids.append(next(next_id))
    template = root("Page")
    layer = el(el(template, "Content"), "Layer", ID=next(next_id), Type="Foreground")
    obj = el(layer, "TextObject", ID=next(next_id), Font=2, Size="3.5", Boundary="100 280 10 5")
    el(obj, "TextCode", "— 1 —", X="0", Y="3")
    files["Doc_0/Tpls/Tpl_0/Content.xml"] = xml(template)

    document = root("Document")
    common = el(document, "CommonData")
    el(common, "MaxUnitID", str(next(next_id)))
    el(el(common, "PageArea"), "PhysicalBox", "0 0 210 297")
    el(common, "PublicRes", "PublicRes.xml")
    el(common, "TemplatePage", ID=1, BaseLoc="Tpls/Tpl_0/Content.xml")
    pages = el(document, "Pages")
    for n, pid in enumerate(page_ids):
        el(pages, "Page", ID=pid, BaseLoc=f"Pages/Page_{n}/Content.xml")
    files["Doc_0/Document.xml"] = xml(document)
    res = root("Res")
    res.set("BaseLoc", "Res")
    el(el(res, "Fonts"), "Font", ID=2, FontName="NotoSerifCJKsc-Regular", FamilyName="Noto Serif CJK SC")
    files["Doc_0/PublicRes.xml"] = xml(res)
    ofd = root("OFD")
    ofd.set("Version", "1.0")
    ofd.set("DocType", "OFD")
    body = el(ofd, "DocBody")
    info = el(body, "DocInfo")
    el(info, "DocID", uuid.uuid5(uuid.NAMESPACE_URL, title).hex)
    el(info, "Title", title)
    el(info, "CreationDate", "2026-12-05")
    el(info, "Creator", "docdiff tests/format_set.py")
    el(body, "DocRoot", "Doc_0/Document.xml")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", xml(ofd))
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 12, 5, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return out


def main() -> None:
    """Rebuild the committed OFD fixtures from the samples."""
    DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in SET_SAMPLES:
            lines = (ROOT / "samples" / f"{name}.txt").read_text(encoding="utf-8").splitlines()
            docx_path = official_docx(lines, Path(tmp, f"{name}.docx"))
            pdf = soffice_convert(docx_path, "pdf", Path(tmp))
            write_ofd(pdf, DATA / f"{name}.ofd", name)
            print(DATA / f"{name}.ofd", os.path.getsize(DATA / f"{name}.ofd"))


SET_SAMPLES = ("hailar-district-2019-work-report",)

if __name__ == "__main__":
    main()
