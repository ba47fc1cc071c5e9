"""Status of an intervention mention in its sentence: granted / refused / considered / historical / other_person.

A scikit-learn estimator (the contract: no logic in `__init__`, learned state ends in `_`,
`fit` returns `self`) over the sentence with the mention replaced by a marker word, so it learns
the context and not the intervention. Saved with skops; loading checks every type first.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted

from models import STATUS_MODEL_PATH

MODEL_PATH = STATUS_MODEL_PATH
MARKER = "indsatsx"
WINDOW_WORDS = 12
STATUSES = ("granted", "refused", "considered", "historical", "other_person")
_TRUSTED_PREFIXES = ("sklearn.", "numpy", "scipy.", "builtins.", "models.status_model.", "collections.")


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def mark_mention(sentence: str, start: int, end: int) -> str:
    """The sentence with [start, end) replaced by the marker word (the model's input format).

    Only WINDOW_WORDS words on each side are kept: context cues sit near the mention, and long
    PDF sentences would otherwise dominate the cost. Years become one placeholder: whether a year is past is decided against the document's date
    by the rules, not learned from which years the training sentences happened to use.
    """
    before = sentence[:start].split()[-WINDOW_WORDS:]
    after = sentence[end:].split()[:WINDOW_WORDS]
    return _YEAR.sub("årstal", " ".join([*before, MARKER, *after]).lower())


class StatusClassifier(ClassifierMixin, BaseEstimator):
    def __init__(self, C: float = 4.0, ngram_max: int = 3, calibration_folds: int = 3):
        self.C = C
        self.ngram_max = ngram_max
        self.calibration_folds = calibration_folds

    def fit(self, X, y) -> StatusClassifier:
        features = FeatureUnion([
            ("words", TfidfVectorizer(ngram_range=(1, self.ngram_max), sublinear_tf=True, min_df=1)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)),
        ])
        classifier = CalibratedClassifierCV(
            LogisticRegression(C=self.C, max_iter=2000), cv=self.calibration_folds, method="sigmoid"
        )
        self.pipeline_ = Pipeline([("features", features), ("classifier", classifier)])
        self.pipeline_.fit(list(X), list(y))
        self.classes_ = self.pipeline_.classes_
        return self

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.predict_proba(list(X))

    def predict(self, X) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def save_model(model: StatusClassifier, path: Path = MODEL_PATH) -> None:
    import skops.io as sio  # imported on use: skops scans every sklearn module on import (~2-4 s)

    sio.dump(model, path)


def load_model(path: Path = MODEL_PATH) -> StatusClassifier:
    """Load with skops, trusting only scikit-learn/numpy/scipy types and this module's class."""
    import skops.io as sio  # imported on use: skops scans every sklearn module on import (~2-4 s)

    untrusted = sio.get_untrusted_types(file=path)
    unexpected = [t for t in untrusted if not t.startswith(_TRUSTED_PREFIXES)]
    if unexpected:
        raise ValueError(f"Modelfilen {path} indeholder uventede typer: {', '.join(unexpected)}")
    return sio.load(path, trusted=untrusted)
