"""Evaluation on a question set: `python -m bot.evaluate QUESTIONS.jsonl --corpus DIR [DIR ...] [--llm SPEC] [--json]`.

Builds a temporary store from the corpus, asks every question (with its history) and reports gold-citation rate,
correctness (what the user reads, answer.text, holds one alternative of every must_include_any group), citation
precision, abstention accuracy, false abstentions, answer length, latency (to the first text shown and to the
final answer) and a per-type breakdown; with an LLM (--llm openai:NAME, gguf:PATH, gguf:smollm2), how often its
answer was used, found nothing, or gave way to the offline answer.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

from bot.cite import problems
from ingest.terms import fold

_THOUSANDS = re.compile(r"(?<=\d)[,.\u00a0\u202f ](?=\d{3}(?!\d))")


def normalise(text: str) -> str:
    """Case, accents and thousands separators removed: '162,000' and '162000' compare equal."""
    folded = fold(text)
    previous = None
    while previous != folded:
        previous, folded = folded, _THOUSANDS.sub("", folded)
    return folded


def _precision(results) -> float | None:
    cited = sum(r.citations for r in results)
    return round(sum(r.gold_citations for r in results) / cited, 3) if cited else None


def contains(text: str, phrase: str) -> bool:
    """`phrase` occurs in `text` as whole words, ignoring case, accents and thousands separators."""
    pattern = r"(?<!\w)" + re.escape(normalise(phrase)) + r"(?!\w)"
    return re.search(pattern, normalise(text)) is not None


def is_correct(text: str, must_include_any: Sequence[Sequence[str]]) -> bool:
    return all(any(contains(text, alt) for alt in group) for group in must_include_any)


@dataclass
class Result:
    id: str
    type: str
    answerable: bool
    abstained: bool
    correct: bool
    gold_cited: bool
    citations: int
    gold_citations: int
    words: int
    ms: float
    contract_problems: list[str] = field(default_factory=list)
    text: str = ""
    confidence: str = ""
    first_ms: float | None = None  # to the first text shown (a model's first words, or the offline answer)
    llm: str = ""  # with an LLM: 'used', 'nothing' (it found no answer) or 'fallback' (the offline answer)


def evaluate_question(bot, item: dict, releases) -> Result:
    from bot.llm.prompts import kind_of

    started, first_ms, answer = time.perf_counter(), None, None
    for step in bot.stream(item["question"], item.get("history") or []):
        if isinstance(step, str) and first_ms is None:
            first_ms = (time.perf_counter() - started) * 1000
        answer = step
    ms = (time.perf_counter() - started) * 1000
    gold = set(item.get("gold_docs") or [])
    cited = [Path(c.source).name for c in answer.citations]
    answerable = bool(gold)
    return Result(
        id=item["id"], type=item.get("type", "?"), answerable=answerable, abstained=answer.abstained,
        correct=(not answer.abstained and is_correct(answer.text, item["must_include_any"])) if answerable
        else answer.abstained,
        gold_cited=bool(gold & set(cited)), citations=len(cited), gold_citations=sum(c in gold for c in cited),
        words=len(answer.text.split()), ms=ms, contract_problems=problems(answer, releases), text=answer.text,
        confidence=answer.confidence, first_ms=first_ms, llm=kind_of(answer.notes),
    )


def _share(values: Sequence[bool]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def summarise(results: Sequence[Result]) -> dict:
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    latencies = sorted(r.ms for r in results)
    firsts = sorted(r.first_ms for r in results if r.first_ms is not None)
    answered_words = [r.words for r in results if not r.abstained]
    by_type = {}
    for kind in sorted({r.type for r in results}):
        group = [r for r in results if r.type == kind]
        by_type[kind] = {"n": len(group), "correct": _share([r.correct for r in group]),
                         "gold_cited": _share([r.gold_cited for r in group if r.answerable])}
    return {
        "questions": len(results),
        "correct": _share([r.correct for r in answerable]),
        "gold_citation_rate": _share([r.gold_cited for r in answerable]),
        "citation_precision": _precision(results),
        # the measure: over answerable questions only (above, the closest passages shown for a question no
        # release answers count too, all of them as wrong citations)
        "citation_precision_answerable": _precision(answerable),
        "abstention_accuracy": _share([r.abstained for r in unanswerable]),
        "false_abstentions": _share([r.abstained for r in answerable]),
        # counting "the closest passages" (labelled as no direct answer) as declining to answer, as a reader would
        "declined_when_unanswerable": _share([r.confidence != "answer" for r in unanswerable]),
        "declined_when_answerable": _share([r.confidence != "answer" for r in answerable]),
        "correct_and_direct": _share([r.correct and r.confidence == "answer" for r in answerable]),
        "answer_words_mean": round(statistics.mean(answered_words), 1) if answered_words else None,
        "answer_words_median": statistics.median(answered_words) if answered_words else None,
        "latency_ms_p50": round(latencies[len(latencies) // 2], 1) if latencies else None,
        "latency_ms_p95": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))], 1)
        if latencies else None,
        "first_text_ms_p50": _percentile(firsts, 0.5),
        "first_text_ms_p95": _percentile(firsts, 0.95),
        "contract_problems": sum(len(r.contract_problems) for r in results),
        # with an LLM: its answer used (every sentence checked), it found nothing, or the offline answer instead
        "llm": {kind: sum(r.llm == kind for r in results) for kind in ("used", "nothing", "fallback")}
        if any(r.llm for r in results) else None,
        # the answer tiers: how many answers of each, and how often a direct answer ('answer') is right
        "tiers": {tier: sum(r.confidence == tier for r in results) for tier in ("answer", "closest", "none")},
        "correct_when_direct": _share([r.correct for r in answerable if r.confidence == "answer"]),
        "correct_when_closest": _share([r.correct for r in answerable if r.confidence == "closest"]),
        "by_type": by_type,
    }


def _percentile(values: Sequence[float], share: float) -> float | None:
    return round(values[min(len(values) - 1, int(len(values) * share))], 1) if values else None


def run(questions: Sequence[dict], corpus: Sequence[str | Path], *, settings=None, embedder=None) -> tuple[dict, list]:
    """Ingests `corpus` into a temporary store, asks every question; (summary, per-question results)."""
    from bot.bot import Bot, _embedder_for
    from ingest.pipeline import ingest
    from ingest.settings import Settings

    with tempfile.TemporaryDirectory(prefix="bxlbot-eval-") as tmp:
        settings = (settings or Settings.from_env()).replace(store_dir=Path(tmp) / "store")
        embedder = embedder or _embedder_for(settings)
        ingest([Path(c) for c in corpus], store_dir=settings.store_dir, settings=settings, embedder=embedder)
        return evaluate_bot(Bot(settings=settings, embedder=embedder), questions)


def evaluate_bot(bot, questions: Sequence[dict]) -> tuple[dict, list]:
    """Asks every question of `bot`; (summary, per-question results)."""
    releases = {r.id: r for r in bot.releases()}
    bot.ask("warm-up question about the Brussels Houses")  # start-up costs are not answer latency
    results = [evaluate_question(bot, item, releases) for item in questions]
    return summarise(results), results


def load_questions(path: str | Path) -> list[dict]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _print(summary: dict, results: Sequence[Result], out) -> None:
    for key, value in summary.items():
        if key != "by_type":
            print(f"{key:22} {value}", file=out)
    print("\nby type:", file=out)
    for kind, row in summary["by_type"].items():
        print(f"  {kind:14} n={row['n']:<3} correct={row['correct']}  gold_cited={row['gold_cited']}", file=out)
    failed = [r for r in results if not r.correct or r.contract_problems]
    if failed:
        print("\nnot correct:", file=out)
        for r in failed:
            print(f"  {r.id} ({r.type}) {r.confidence} {r.llm} {r.contract_problems or ''}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("questions", help="questions.jsonl")
    parser.add_argument("--corpus", nargs="+", required=True, help="folders of releases to ingest")
    parser.add_argument("--llm", metavar="SPEC", help="answer backend, as BXLBOT_LLM: none, openai[:NAME] "
                        "(server at BXLBOT_LLM_BASE_URL), gguf:PATH or gguf:smollm2")
    parser.add_argument("--json", action="store_true", help="print the summary and results as JSON")
    args = parser.parse_args(argv)
    from ingest.settings import Settings

    settings = Settings.from_env(llm=args.llm)
    summary, results = run(load_questions(args.questions), args.corpus, settings=settings)
    if args.json:
        json.dump({"summary": summary, "results": [asdict(r) for r in results]}, sys.stdout, ensure_ascii=False,
                  indent=2)
        print()
    else:
        _print(summary, results, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
