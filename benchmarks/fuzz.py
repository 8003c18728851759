"""Fuzz the pipeline: mutated raw files through read → extract → enrich → render; report crashes.

Usage: python benchmarks/fuzz.py [-n 100000] [--seconds S] [--jobs J] [--seed K] [--save DIR]

Seeds are the sample archive, the test fixtures (text, Markdown, HTML, e-mail) and the hostile
corpus, each cut to its first 16 KB. Every input is a seed mutated by a few random operations —
byte flips, insertions and deletions, splices of two seeds, syntax tokens (HTML, Markdown, YAML,
Jinja, MIME), odd characters (BOMs, NUL, bidi controls, lone surrogates once encoded), other
encodings and line ends, a front-matter header — saved under a random extension of the readers.
A crash is any exception other than `ReleaseError` (the clear "this file cannot be a page" error);
each distinct crash (type and place) is printed once, with the input saved to `--save`.
Ends with the count, the time, the slowest input and exit status 1 if anything crashed.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import ReleaseError, Settings, read_release  # noqa: E402
from generator.enrich.vocabulary import Vocabulary, load_vocabulary  # noqa: E402
from generator.readers import READERS  # noqa: E402
from generator.render.page import render_release  # noqa: E402

SEED_BYTES = 16 * 1024
SEED_FOLDERS = ("archive", "tests/fixtures", "tests/hostile")
EXTENSIONS = tuple(sorted(READERS))
TOKENS = [
    b"<script>alert(1)</script>",
    b"<img src=x onerror=alert(1)>",
    b"[x](javascript:alert(1))",
    b"![x](data:image/png;base64,AAAA)",
    b"{{ config }}",
    b"{% raw %}",
    b'--8<-- "mkdocs.yml"',
    b"\n---\n",
    b"---\ntitle: &a [*a]\n---\n",
    b"---\ntitle: !!python/object/apply:os.system [id]\n---\n",
    b"---\ndate: 2021-13-45\nauthor: {a: b}\ntopics: 7\nredirect_from: [../../x]\n---\n",
    b"\nSource: http://\n",
    b"\nSource: https://www.defense.gov/\n",
    b"\nBy: \n",
    b"\nWASHINGTON \xe2\x80\x93 (AP) \xe2\x80\x93 February 30, 2017 \xe2\x80\x93 \n",
    b"\nFOR IMMEDIATE RELEASE\n",
    b"\n###\n",
    b"\nContact: \n",
    b"<html><body><article>",
    b"</article></body></html>",
    b"<meta property=og:title content=>",
    b'<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"0000-00-00","author":[[[]]]}</script>',
    b'<meta charset="x-unknown">',
    b'<meta charset="utf-16">',
    b"Content-Type: multipart/mixed; boundary=z\n\n--z\n",
    b"Content-Transfer-Encoding: base64\n\n====\n",
    b"Content-Type: text/plain; charset=klingon\n\n",
    b"\n-----Original Message-----\nFrom: \nSubject: \n\n",
    b"\n> > > \n",
    b"\n-- \n",
    b"- " * 200,
    b"> " * 200,
    b"[" * 300,
    b"*" * 300,
    b"<div>" * 300,
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\r",
    b"\t",
    b"\xc2\xa0",
    b"\xe2\x80\xae",
    b"\xe2\x80\xa8",
    b"\xc3\xa2\xe2\x82\xac\xe2\x84\xa2",  # mojibake of a right quote
    b"\xed\xa0\x80",  # an encoded lone surrogate
    b"\x92\x93\x94",  # Windows-1252 quotes
]


def load_seeds() -> list[bytes]:
    seeds = []
    for folder in SEED_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix.lower() in (*EXTENSIONS, ".yml") and path.stat().st_size:
                seeds.append(path.read_bytes()[:SEED_BYTES])
    return seeds


def mutate(data: bytes, seeds: list[bytes], rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(11)
        position = rng.randint(0, len(out))
        if op == 0 and out:  # flip a byte
            out[min(position, len(out) - 1)] = rng.randrange(256)
        elif op == 1:  # insert a syntax token or an odd character
            out[position:position] = rng.choice(TOKENS)
        elif op == 2 and out:  # delete a run
            del out[position : position + rng.randint(1, 64)]
        elif op == 3:  # splice in a piece of another seed
            other = rng.choice(seeds)
            start = rng.randint(0, len(other))
            out[position:position] = other[start : start + rng.randint(1, 512)]
        elif op == 4 and out:  # repeat a chunk
            chunk = bytes(out[position : position + rng.randint(1, 80)])
            out[position:position] = chunk * rng.randint(2, 50)
        elif op == 5:  # truncate
            del out[position:]
        elif op == 6:  # line ends
            out = bytearray(bytes(out).replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b" "])))
        elif op == 7:  # shuffle lines
            lines = bytes(out).split(b"\n")
            rng.shuffle(lines)
            out = bytearray(b"\n".join(lines))
        elif op == 8:  # re-encode
            text = bytes(out).decode("utf-8", "replace")
            encoding = rng.choice(["utf-16", "utf-16-le", "cp1252", "latin-1", "utf-8-sig", "cp1251"])
            out = bytearray(text.encode(encoding, "replace"))
        elif op == 9:  # random unicode text
            text = "".join(
                chr(rng.choice([rng.randrange(32, 0x3000), rng.randrange(0x10000, 0x10FFFF)])) for _ in range(20)
            )
            out[position:position] = text.encode("utf-8", "surrogatepass")
        else:  # case changes
            out = bytearray(bytes(out).upper() if rng.random() < 0.5 else bytes(out).lower())
    return bytes(out)


_SEEDS: list[bytes] = []
_VOCABULARY: Vocabulary | None = None
_SETTINGS: Settings | None = None


def _init() -> None:
    global _SEEDS, _VOCABULARY, _SETTINGS
    _SEEDS = load_seeds()
    _SETTINGS = Settings.load(ROOT)
    _VOCABULARY, _ = load_vocabulary(_SETTINGS.archive)


def run_one(raw: bytes, path: str) -> str | None:
    """None when the input became a page or a ReleaseError; else the crash's description.
    `path` (repository-relative) only names the input: its bytes are `raw`."""
    vocabulary = _VOCABULARY if _VOCABULARY is not None else Vocabulary.empty()
    settings = _SETTINGS if _SETTINGS is not None else Settings.load(ROOT)
    try:
        release = read_release(ROOT / path, settings, data=raw, vocabulary=vocabulary)
        render_release(release)
    except ReleaseError:
        return None
    except Exception as error:  # noqa: BLE001 - finding these is the point
        frame = traceback.extract_tb(error.__traceback__)[-1]
        return f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno}: {str(error)[:120]}"
    return None


def work(task: tuple[int, int, int, float]) -> tuple[int, float, tuple[float, str], list[tuple[str, bytes, str]]]:
    """Run `count` inputs from `seed` until `deadline`; (done, seconds, slowest, crashes)."""
    seed, count, _, deadline = task
    rng = random.Random(seed)
    crashes: list[tuple[str, bytes, str]] = []
    slowest = (0.0, "")
    started = time.perf_counter()
    done = 0
    for _ in range(count):
        if time.time() > deadline:
            break
        raw = mutate(rng.choice(_SEEDS), _SEEDS, rng)
        path = f"archive/2021/2021-03-0{rng.randint(1, 9)}-fuzz{rng.choice(EXTENSIONS)}"
        began = time.perf_counter()
        crash = run_one(raw, path)
        took = time.perf_counter() - began
        if took > slowest[0]:
            slowest = (took, path)
        if crash:
            crashes.append((crash, raw, path))
        done += 1
    return done, time.perf_counter() - started, slowest, crashes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--count", type=int, default=100_000, help="inputs to run (default 100,000)")
    parser.add_argument("--seconds", type=float, default=None, help="stop after this many seconds")
    parser.add_argument("--jobs", type=int, default=max(1, (multiprocessing.cpu_count() or 2) - 1))
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--save", type=Path, default=ROOT / "benchmarks" / "out" / "fuzz-crashes")
    args = parser.parse_args()
    deadline = time.time() + args.seconds if args.seconds else float("inf")
    batch = 500
    tasks = [
        (args.seed * 1_000_003 + index, min(batch, args.count - start), index, deadline)
        for index, start in enumerate(range(0, args.count, batch))
    ]
    started = time.perf_counter()
    done = 0
    slowest = (0.0, "")
    seen: dict[str, int] = {}
    with multiprocessing.Pool(args.jobs, initializer=_init) as pool:
        for count, _, slow, crashes in pool.imap_unordered(work, tasks):
            done += count
            slowest = max(slowest, slow)
            for crash, raw, path in crashes:
                seen[crash] = seen.get(crash, 0) + 1
                if seen[crash] == 1:
                    args.save.mkdir(parents=True, exist_ok=True)
                    name = hashlib.sha256(raw).hexdigest()[:16] + Path(path).suffix
                    (args.save / name).write_bytes(raw)
                    print(f"CRASH {crash}\n      input saved as {args.save / name}", flush=True)
    seconds = time.perf_counter() - started
    total = sum(seen.values())
    print(
        f"{done:,} inputs in {seconds:.1f} s ({done / max(seconds, 1e-9):,.0f}/s, {args.jobs} jobs); "
        f"slowest {slowest[0] * 1000:.0f} ms ({slowest[1]}); "
        f"{total} crashes ({len(seen)} distinct)"
    )
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
