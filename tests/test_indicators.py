"""indicators.fold_key: synonyms and noise words fold; folding is idempotent; users can extend."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.errors import ConfigError
from docdiff.targets.keys import ENV_VAR, fold_key, load_rules


@pytest.mark.parametrize(("a", "b"), [
    ("地区生产总值增长", "GDP增长"),
    ("生产总值增长", "地区生产总值(GDP)增长"),
    ("R&D经费支出占GDP比重", "研究与试验发展经费支出相当于生产总值比重"),
    ("研发经费支出占生产总值比重", "R&D经费支出占GDP比重"),
    ("单位GDP能耗降低", "单位生产总值能耗降低"),
    ("城乡常住居民人均可支配收入", "城乡居民人均可支配收入"),
    ("全市规上工业总产值", "规上工业总产值"),
    ("ＧＤＰ增长", "GDP增长"),
    ("年均增长", "增长"),
    ("城镇新增就业人数(万人)", "城镇新增就业人数"),
    ("公共财政预算收入增长", "一般公共预算收入增长"),
    ("区本级固定资产投资增长", "全社会固定资产投资增长"),
    ("万元GDP能耗降低", "单位生产总值能耗下降"),
    ("空气质量优良天数比例", "空气优良天数比率"),
    ("城镇人均可支配收入", "城镇居民人均可支配收入"),
])
def test_synonyms_fold_together(a: str, b: str) -> None:
    assert fold_key(a) == fold_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("城镇居民人均可支配收入", "农村居民人均可支配收入"),
    ("生产总值增长", "人均生产总值"),
    ("新增国家高新技术企业", "新增省级科技型中小企业"),
])
def test_different_indicators_stay_apart(a: str, b: str) -> None:
    assert fold_key(a) != fold_key(b)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="地区生产总值GDPR&D研究与试验发展经费支出占比重全市区县年均力争城乡常住居民()（）ＧＤＰ细颗粒物PM2.5降低",
               max_size=40))
def test_fold_is_idempotent(text: str) -> None:
    k = fold_key(text)
    assert fold_key(k) == k


def test_user_synonyms_from_env(tmp_path, monkeypatch) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text("# my rules\n亩产效益\t亩均效益\n", encoding="utf-8")
    assert fold_key("亩产效益") == "亩产效益"
    monkeypatch.setenv(ENV_VAR, str(extra))
    assert fold_key("亩产效益") == fold_key("亩均效益") == "亩均效益"


def test_bad_user_synonyms_file_is_a_config_error(tmp_path, monkeypatch) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("no tab on this line\n", encoding="utf-8")
    load_rules.cache_clear()
    monkeypatch.setenv(ENV_VAR, str(bad))
    with pytest.raises(ConfigError, match="bad.tsv:1"):
        fold_key("生产总值")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing.tsv"))
    with pytest.raises(ConfigError, match="cannot read"):
        fold_key("生产总值")


def test_rd_intensity_in_every_wording_folds_to_one_key():
    # R&D经费投入强度 is first folded to 研发经费支出强度 by the R&D rules; both must reach the share.
    keys = {fold_key(k) for k in ("R&D经费投入强度", "研发经费投入强度", "研发投入强度",
                                  "研究与试验发展经费支出占GDP比重", "R&D经费支出占GDP比重")}
    assert keys == {"研发经费支出占生产总值比重"}


def test_first_word_finds_what_a_scan_in_order_finds() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from docdiff.targets.rules import ACTION_VERBS, COUNTING_VERBS, FirstWord

    words = ACTION_VERBS + COUNTING_VERBS + ("建", "新建设", "组建")  # duplicates, prefixes of each other
    finder = FirstWord(words)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(list(words) + ["设", "新", "x", ""]), max_size=4).map("".join))
    def check(text: str) -> None:
        assert finder.ending(text) == next((w for w in words if text.endswith(w)), "")
        assert finder.starting(text) == next((w for w in words if text.startswith(w)), "")

    check()
