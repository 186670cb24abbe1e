"""Engines and store: a Dask LocalCluster, a local process pool and this process give the same
report; a re-run takes everything from the store; adding a file recomputes only that file."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus_fixtures import planted_corpus

from docdiff.corpus import build_corpus
from docdiff.corpus.build import WorkDone
from docdiff.errors import DocdiffError
from docdiff.render.corpus_json import render_corpus_json


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("engine")
    planted_corpus(d, copies=2, seed=5)
    return d


@pytest.fixture(scope="module")
def local_json(folder: Path) -> str:
    return render_corpus_json(build_corpus([str(folder)], workers=1))


def test_dask_local_cluster_gives_the_same_report(folder: Path, local_json: str):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        work = WorkDone()
        report = build_corpus([str(folder)], scheduler=cluster.scheduler_address, work=work)
    assert len(work.analysed) == len(list(folder.iterdir()))
    assert render_corpus_json(report) == local_json


def test_process_pool_gives_the_same_report(folder: Path, local_json: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("docdiff.corpus.engine.POOL_MIN_ITEMS", 1)  # a real pool even for a small corpus
    assert render_corpus_json(build_corpus([str(folder)], workers=2)) == local_json


def test_unreachable_scheduler_is_one_clear_error(folder: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("docdiff.corpus.engine.CONNECT_TIMEOUT", "1s")
    with pytest.raises(DocdiffError, match="tcp://127.0.0.1:9: cannot reach the Dask scheduler"):
        build_corpus([str(folder)], scheduler="tcp://127.0.0.1:9")


def test_store_rerun_and_added_file_recompute_only_what_changed(folder: Path, local_json: str, tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(folder, corpus)
    store = str(tmp_path / "store.sqlite")
    first = WorkDone()
    build_corpus([str(corpus)], store=store, work=first)
    assert len(first.analysed) == len(list(corpus.iterdir())) and first.verified > 0

    again = WorkDone()
    report = build_corpus([str(corpus)], store=store, work=again)
    assert again.analysed == [] and again.verified == 0
    assert render_corpus_json(report).replace(str(corpus), str(folder)) == local_json

    # a new document that copies a paragraph of doc00: only it is read, only its pairs verified
    doc0 = (corpus / "doc00.txt").read_text(encoding="utf-8").splitlines()
    para = max(doc0[:80], key=len)
    added = corpus / "zz-new.txt"
    added.write_text("新增的文件。\n" + para + "\n" + "其余内容与别的文件无关。" * 20 + "\n", encoding="utf-8")
    third = WorkDone()
    report = build_corpus([str(corpus)], store=store, work=third)
    assert third.analysed == [str(added)]
    new = len(report.documents) - 1
    assert 1 <= third.verified <= sum(1 for s in report.similarity if new in (s.a, s.b))
    assert any(new in (p.a, p.b) for p in report.passages)
    fresh = build_corpus([str(corpus)])
    assert render_corpus_json(report) == render_corpus_json(fresh)


def test_a_bad_file_in_the_corpus_names_it(tmp_path: Path):
    (tmp_path / "good.txt").write_text("各位代表：现在我代表区人民政府向大会报告工作。" * 5, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(DocdiffError, match="empty.txt: empty file"):
        build_corpus([str(tmp_path)], workers=1)


def test_an_empty_folder_is_an_error(tmp_path: Path):
    with pytest.raises(DocdiffError, match="folder has no documents"):
        build_corpus([str(tmp_path)])


def test_a_folder_gives_its_documents_and_never_the_parent(folder: Path, tmp_path: Path):
    from docdiff.corpus.build import collect_paths

    corpus = tmp_path / "c"
    shutil.copytree(folder, corpus)
    (corpus / "README.md").write_text("# notes", encoding="utf-8")
    (corpus / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (corpus / ".hidden.txt").write_text("x", encoding="utf-8")
    found = collect_paths([str(corpus)])
    assert [Path(p).name for p in found] == sorted(p.name for p in folder.iterdir())
    parent = corpus / "doc00.txt"
    report = build_corpus([str(corpus)], parent=str(parent), targets=False)
    assert all(not d.path.endswith("doc00.txt") for d in report.documents)
    assert report.parent is not None and report.parent.path == str(parent)
