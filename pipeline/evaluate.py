"""Per-criterion accuracy of the screening against gold labels (SPEC §5).

Single-label criteria get accuracy, macro precision/recall/F1 and a confusion matrix;
`interventions` is multi-label and gets micro precision/recall/F1 plus per-label rows.
`placement_type` and `consent` are scored on the cases where the gold says the child was placed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

SINGLE = ("setting", "placement_type", "consent", "follow_up_effect")
NONE_LABEL = "(ingen)"


@dataclass
class CriterionScore:
    criterion: str
    n: int
    accuracy: float | None
    precision: float
    recall: float
    f1: float
    confusion: pd.DataFrame | None = None
    per_label: pd.DataFrame | None = None
    errors: list[tuple[str, str, str]] = field(default_factory=list)   # case_id, gold, predicted


def load_labels(path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.set_index("case_id")


def score(gold: pd.DataFrame, predicted: pd.DataFrame, split: str | None = None) -> list[CriterionScore]:
    if split and "split" in gold.columns:
        gold = gold[gold["split"] == split]
    if gold.empty:
        raise ValueError(f"Ingen sager i guldstandarden for split={split!r}")
    pred = predicted.reindex(gold.index).fillna("")
    missing = [c for c in gold.index if c not in predicted.index]
    results = [_single(c, gold, pred) for c in SINGLE]
    results.insert(1, _multi(gold, pred))
    if missing:
        results[0].errors.extend((c, "", "(mangler i resultatet)") for c in missing)
    return results


def _single(criterion: str, gold: pd.DataFrame, pred: pd.DataFrame) -> CriterionScore:
    g, p = gold[criterion], pred[criterion]
    if criterion in ("placement_type", "consent"):
        placed = gold["setting"].isin(["anbringelse", "begge"])
        g, p = g[placed], p[placed]
    g = g.replace("", NONE_LABEL)
    p = p.replace("", NONE_LABEL)
    labels = sorted(set(g) | set(p))
    confusion = pd.crosstab(pd.Categorical(g, labels), pd.Categorical(p, labels),
                            rownames=["guld"], colnames=["forudsagt"], dropna=False)
    precisions, recalls, f1s = [], [], []
    for label in sorted(set(g)):
        tp = int(((g == label) & (p == label)).sum())
        fp = int(((g != label) & (p == label)).sum())
        fn = int(((g == label) & (p != label)).sum())
        pr, rc, f1 = _prf(tp, fp, fn)
        precisions.append(pr)
        recalls.append(rc)
        f1s.append(f1)
    n = len(g)
    errors = [(cid, g[cid], p[cid]) for cid in g.index if g[cid] != p[cid]]
    return CriterionScore(
        criterion=criterion, n=n, accuracy=float((g == p).mean()) if n else None,
        precision=_mean(precisions), recall=_mean(recalls), f1=_mean(f1s),
        confusion=confusion, errors=errors,
    )


def _multi(gold: pd.DataFrame, pred: pd.DataFrame) -> CriterionScore:
    g_sets = gold["interventions"].map(_split)
    p_sets = pred["interventions"].map(_split)
    labels = sorted(set().union(*g_sets, *p_sets))
    rows, tp_all, fp_all, fn_all = [], 0, 0, 0
    for label in labels:
        tp = sum(label in g and label in p for g, p in zip(g_sets, p_sets, strict=True))
        fp = sum(label not in g and label in p for g, p in zip(g_sets, p_sets, strict=True))
        fn = sum(label in g and label not in p for g, p in zip(g_sets, p_sets, strict=True))
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        pr, rc, f1 = _prf(tp, fp, fn)
        rows.append({"indsats": label, "tp": tp, "fp": fp, "fn": fn,
                     "precision": pr, "recall": rc, "f1": f1})
    pr, rc, f1 = _prf(tp_all, fp_all, fn_all)
    exact = float(sum(g == p for g, p in zip(g_sets, p_sets, strict=True)) / len(g_sets))
    errors = [(cid, ";".join(sorted(g)), ";".join(sorted(p)))
              for cid, g, p in zip(gold.index, g_sets, p_sets, strict=True) if g != p]
    return CriterionScore(criterion="interventions", n=len(g_sets), accuracy=exact,
                          precision=pr, recall=rc, f1=f1,
                          per_label=pd.DataFrame(rows), errors=errors)


def _split(value: str) -> frozenset[str]:
    return frozenset(v for v in str(value).split(";") if v)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def format_report(scores: list[CriterionScore], *, split: str | None, show_confusion: bool = True) -> str:
    lines = [f"Evaluering mod guldstandard (split: {split or 'alle'})", ""]
    lines.append(f"{'kriterium':<18}{'n':>5}{'accuracy':>10}{'precision':>11}{'recall':>9}{'f1':>8}")
    for s in scores:
        acc = f"{s.accuracy:.3f}" if s.accuracy is not None else "-"
        lines.append(f"{s.criterion:<18}{s.n:>5}{acc:>10}{s.precision:>11.3f}{s.recall:>9.3f}{s.f1:>8.3f}")
    lines.append("(interventions: precision/recall/f1 er micro-gennemsnit; accuracy = præcis samme mængde)")
    if show_confusion:
        for s in scores:
            if s.confusion is not None:
                lines += ["", f"Forvekslingsmatrix – {s.criterion} (rækker: guld, kolonner: forudsagt)",
                          s.confusion.to_string()]
            if s.per_label is not None:
                lines += ["", "Pr. indsats – interventions",
                          s.per_label.to_string(index=False, float_format=lambda x: f"{x:.3f}")]
    return "\n".join(lines)


def scores_as_dict(scores: list[CriterionScore]) -> dict:
    return {s.criterion: {"n": s.n, "accuracy": s.accuracy, "precision": s.precision,
                          "recall": s.recall, "f1": s.f1} for s in scores}
