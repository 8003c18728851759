"""Extraction accuracy on the shared corpus has floors: a regression fails the suite.

The floors sit a little under the measured rates (see benchmarks/accuracy.py), so a change that
makes extraction worse on real releases is caught even when every unit test still passes.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

FLOORS = {
    "date": 0.99,
    "source": 0.97,
    "title (normalised)": 0.97,
    "author (text byline)": 0.93,
    "place": 0.90,
}


def _accuracy_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (CORPUS / "truth.jsonl").exists(), reason="the shared corpus is not beside the repository")
def test_extraction_accuracy_floors() -> None:
    accuracy = _accuracy_module()
    from generator.enrich.vocabulary import load_vocabulary

    vocabulary, _ = load_vocabulary(ROOT / "archive")
    scores, misses, _ = accuracy.evaluate(CORPUS, vocabulary)
    rates = {field: sum(values) / len(values) for field, values in scores.items() if values}
    below = {field: round(rates[field], 3) for field, floor in FLOORS.items() if rates[field] < floor}
    assert not below, f"accuracy fell below its floor: {below}; misses: {misses[:20]}"
