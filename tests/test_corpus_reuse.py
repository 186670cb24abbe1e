"""Reuse across a corpus: planted copies are found with their lines, light edits do not split
them, boilerplate is dropped and counted; chunking, candidates and passages each on their own."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from corpus_fixtures import STOCK, light_edit, planted_corpus

import docdiff
from docdiff.corpus import build_corpus
from docdiff.corpus.passages import MIN_PASSAGE, find_passages
from docdiff.corpus.signatures import CHUNK_MAX, chunk_body, sign_chunks


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("planted")
    paths, plants = planted_corpus(folder, copies=3, seed=11)
    return folder, paths, plants, build_corpus([str(folder)], targets=False)


def _found(report, plant):
    return [q for q in report.passages if {q.a, q.b} == {plant.source, plant.copy}]


def test_every_planted_copy_is_one_passage_at_its_lines(planted):
    _, _, plants, report = planted
    for p in plants:
        found = _found(report, p)
        assert found, f"planted copy {p} not found"
        q = max(found, key=lambda q: q.chars)
        assert q.chars >= 0.9 * p.chars  # one passage despite the swapped name and the changed number
        line_src, line_copy = (q.a_line, q.b_line) if q.a == p.source else (q.b_line, q.a_line)
        assert abs(line_src - p.source_line) <= 1
        assert abs(line_copy - p.copy_line) <= 1


def test_copying_pairs_rank_above_every_other_pair(planted):
    _, _, plants, report = planted
    copying = {frozenset((p.source, p.copy)) for p in plants}
    ranked = [frozenset((s.a, s.b)) for s in report.similarity]
    assert set(ranked[: len(copying)]) == copying


def test_stock_text_in_many_documents_is_never_a_passage(planted):
    _, _, _, report = planted
    for q in report.passages:
        assert STOCK[20:60] not in q.text
    assert any("boilerplate" in n for n in report.notes)


def test_stock_text_is_dropped_and_counted_when_a_copying_pair_shares_it(tmp_path: Path):
    paths, plants = planted_corpus(tmp_path, copies=1, stock_in=7, seed=3)
    report = build_corpus([str(tmp_path)], targets=False)
    assert report.boilerplate_dropped >= 1
    assert _found(report, plants[0])
    assert all(STOCK[20:60] not in q.text for q in report.passages)


def test_edits_are_the_gaps_between_runs():
    import random

    para = "坚持创新驱动发展，全面塑造发展新优势。到2025年，全区研发经费支出占生产总值比重达到3%，高新技术企业达到500家，科技型中小企业达到1200家。"
    edited = light_edit(para, random.Random(1))
    a = "甲" * 80 + para + "乙" * 80
    b = "丙" * 60 + edited + "丁" * 60
    (p,) = find_passages(a, b)
    assert a[p.a_start : p.a_end].strip("。") in para and p.a_end - p.a_start >= len(para) - 2
    assert len(p.runs) >= 2  # the edits split the runs, not the passage
    assert p.b_start == 60


def test_short_common_text_is_no_passage():
    common = "全面贯彻新发展理念加快构建新发展格局"  # 18 characters
    assert find_passages("甲" * 50 + common + "乙" * 50, "丙" * 50 + common + "丁" * 50) == ()
    assert MIN_PASSAGE == 50


def test_chunks_cover_the_body_and_resynchronise_after_different_openings():
    body = Path(__file__).resolve().parent.parent.joinpath("samples", "taizhou-2022-government-work-report.txt") \
        .read_text(encoding="utf-8").replace("\n", "")[:6000]
    chunks = chunk_body(body)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(body)
    assert all(chunks[i][1] == chunks[i + 1][0] for i in range(len(chunks) - 1))
    assert all(e - s <= CHUNK_MAX for s, e in chunks)
    other = chunk_body("另一份文件的开头完全不同。" * 7 + body)
    tail = {body[s:e] for s, e in chunks.tolist()[len(chunks) // 2 :]}
    assert tail <= {("另一份文件的开头完全不同。" * 7 + body)[s:e] for s, e in other.tolist()}
    sigs = sign_chunks(body, chunks)
    assert sigs.shape == (len(chunks), 64) and sigs.dtype.name == "uint32"


def test_numpy_buckets_are_datasketch_minhashlsh_buckets(planted):
    """The banding done by sorting is datasketch's index: the same chunks meet in each bucket."""
    from datasketch import LeanMinHash, MinHashLSH

    from docdiff.corpus.candidates import LSH_THRESHOLD, lsh_buckets
    from docdiff.corpus.documents import analyse_document
    from docdiff.corpus.signatures import NUM_PERM

    _, paths, _, _ = planted
    sigs = [analyse_document(str(p), sha="", with_targets=False).signatures for p in paths[:4]]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for d, sig in enumerate(sigs):
        for c in range(len(sig)):
            lsh.insert((d, c), LeanMinHash(seed=1, hashvalues=sig[c].astype(np.uint64), scheme="affine32"))
    theirs = {frozenset(table.get(k)) for table in lsh.hashtables for k in table.keys() if len(table.get(k)) > 1}
    ours = {frozenset(b) for b in lsh_buckets(sigs)}
    assert ours == theirs and len(ours) > 0


def test_passage_offsets_slice_the_source_text(planted):
    folder, paths, _, report = planted
    for q in report.passages:
        # offsets count the document's text as ingest reads it (a .txt's stray tags removed inline;
        # its lines are the file's lines)
        text_a = docdiff.load(report.documents[q.a].path).text
        text_b = docdiff.load(report.documents[q.b].path).text
        assert "".join(text_a[q.a_start : q.a_end].split()) == q.text
        assert "".join(text_b[q.b_start : q.b_end].split()) == q.text_b
        assert text_a.count("\n", 0, q.a_start) + 1 == q.a_line


def test_near_duplicates_form_a_cluster_and_are_each_others_closest(tmp_path: Path):
    from conftest import sample

    text = sample("tiantai").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("天台", "某县"), encoding="utf-8")  # a county's copy
    (tmp_path / "c.txt").write_text(sample("quzhou").read_text(encoding="utf-8"), encoding="utf-8")
    report = build_corpus([str(tmp_path)], targets=False)
    assert report.clusters == ((0, 1),)
    best = report.similarity[0]
    assert (best.a, best.b) == (0, 1) and best.similarity > 0.9
    assert report.closest[0][:1] == (1,) and report.closest[1][:1] == (0,)
    # the renamed county does not split the copy: one long passage per paragraph, not many short ones
    assert max(p.chars for p in report.passages) > 500
