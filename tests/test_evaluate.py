import pandas as pd
import pytest

from pipeline.evaluate import format_report, score

GOLD = pd.DataFrame([
    {"case_id": "A", "split": "heldout", "setting": "anbringelse", "interventions": "anbringelse",
     "placement_type": "plejefamilie", "consent": "med_samtykke", "follow_up_effect": "dokumenteret"},
    {"case_id": "B", "split": "heldout", "setting": "hjemmebaseret", "interventions": "aflastning;kontaktperson",
     "placement_type": "", "consent": "", "follow_up_effect": "delvis"},
    {"case_id": "C", "split": "train", "setting": "ingen", "interventions": "",
     "placement_type": "", "consent": "", "follow_up_effect": "mangler"},
]).set_index("case_id")


def by_name(scores):
    return {s.criterion: s for s in scores}


def test_perfect_prediction_scores_one():
    s = by_name(score(GOLD, GOLD.drop(columns="split")))
    for crit in ("setting", "placement_type", "consent", "follow_up_effect", "interventions"):
        assert s[crit].accuracy == 1.0
        assert s[crit].f1 == 1.0


def test_split_filter_and_errors_are_counted():
    pred = GOLD.drop(columns="split").copy()
    pred.loc["B", "interventions"] = "aflastning"          # one missed label
    pred.loc["A", "placement_type"] = "opholdssted"          # wrong type
    s = by_name(score(GOLD, pred, split="heldout"))
    assert s["setting"].n == 2
    assert s["placement_type"].n == 1 and s["placement_type"].accuracy == 0.0
    inter = s["interventions"]
    assert inter.precision == 1.0
    assert inter.recall == pytest.approx(2 / 3)
    assert inter.errors == [("B", "aflastning;kontaktperson", "aflastning")]


def test_missing_case_in_prediction_is_an_error_not_a_crash():
    pred = GOLD.drop(columns="split").drop(index="A")
    s = by_name(score(GOLD, pred, split="heldout"))
    assert s["setting"].accuracy == 0.5
    assert ("A", "", "(mangler i resultatet)") in s["setting"].errors


def test_report_contains_confusion_matrix():
    text = format_report(score(GOLD, GOLD.drop(columns="split")), split=None)
    assert "Forvekslingsmatrix – setting" in text
    assert "Pr. indsats – interventions" in text


def test_empty_split_is_a_clear_error():
    with pytest.raises(ValueError, match="Ingen sager"):
        score(GOLD, GOLD, split="nope")
