import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from models.status_model import MODEL_PATH, STATUSES, StatusClassifier, load_model, mark_mention, save_model

TEXTS = [
    "der er bevilget indsatsx.", "vi har truffet afgørelse om indsatsx.",
    "der er ikke grundlag for indsatsx.", "mor har takket nej til indsatsx.",
    "forvaltningen overvejer indsatsx.", "hvis det ikke lykkes, vil indsatsx blive overvejet.",
    "familien har tidligere haft indsatsx.", "indsatsx blev afsluttet for år tilbage.",
    "storesøster modtager indsatsx.", "mor var selv i indsatsx som barn.",
] * 3
LABELS = ["granted", "granted", "refused", "refused", "considered", "considered",
          "historical", "historical", "other_person", "other_person"] * 3


def test_estimator_contract():
    model = StatusClassifier(C=2.0)
    assert model.get_params()["C"] == 2.0 and not hasattr(model, "pipeline_")
    with pytest.raises(NotFittedError):
        model.predict_proba(["indsatsx"])
    assert model.fit(TEXTS, LABELS) is model
    assert set(model.classes_) == set(STATUSES)
    proba = model.predict_proba(TEXTS[:4])
    assert proba.shape == (4, 5) and np.allclose(proba.sum(axis=1), 1.0)
    assert not hasattr(clone(model), "pipeline_")


def test_skops_round_trip(tmp_path):
    model = StatusClassifier().fit(TEXTS, LABELS)
    path = tmp_path / "m.skops"
    save_model(model, path)
    loaded = load_model(path)
    assert np.allclose(loaded.predict_proba(TEXTS), model.predict_proba(TEXTS))


def test_mark_mention_hides_the_intervention_and_years():
    assert mark_mention("I 2016 fik Emil aflastning.", 16, 26) == "i årstal fik emil indsatsx ."
    long = " ".join(f"ord{i}" for i in range(40))
    text = f"{long} aflastning {long}"
    start = text.index("aflastning")
    words = mark_mention(text, start, start + len("aflastning")).split()
    assert words == [f"ord{i}" for i in range(28, 40)] + ["indsatsx"] + [f"ord{i}" for i in range(12)]


@pytest.mark.parametrize("sentence,expected", [
    ("Forældrene har sagt nej til indsatsx.", "refused"),
    ("Storebroren fik indsatsx sidste år.", "other_person"),
    ("Forvaltningen anbefaler indsatsx.", "considered"),
])
def test_shipped_model_reads_context(sentence, expected):
    model = load_model(MODEL_PATH)
    assert model.predict([sentence.lower()])[0] == expected
