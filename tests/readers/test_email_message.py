"""The e-mail reader: headers → title/date/source, the release text without forwarding chatter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.enrich import enrich
from generator.enrich.vocabulary import load_vocabulary
from generator.errors import ReleaseError
from generator.extract import extract
from generator.model import Release
from generator.readers import read
from tests.pages import release_page_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "email"


def release_of(name: str, raw: bytes | None = None) -> tuple[Release, list[str]]:
    path = f"tests/fixtures/email/{name}"
    data = raw if raw is not None else (FIXTURES / name).read_bytes()
    draft = extract(read(data, path))
    vocabulary, _ = load_vocabulary(ROOT / "archive")
    release, problems = enrich(draft, vocabulary)
    return release, [p.code for p in (*draft.problems, *problems)]


def body_text(release: Release) -> str:
    return "\n".join(block.text for block in release.body)


def test_multipart_alternative_prefers_the_plain_text_part() -> None:
    release, _ = release_of("multipart-alternative-qp.eml")
    assert release.title == "City Council Approves “Green Streets” Plan"  # RFC 2047 encoded subject
    assert release.date == dt.date(2021, 11, 16)
    assert release.place == "Springfield, Ill."  # in capitals in the raw file: headline case
    assert release.source == "City of Springfield"  # "… Press Office" is the desk, not the issuer
    text = body_text(release)
    assert "voted 7–2 on Tuesday" in text  # quoted-printable soft line breaks joined
    assert "“This plan gives every neighborhood shade and cleaner air,” Mayor Ana Ruiz said." in text
    assert "HTML" not in text


def test_html_only_message_is_read_with_the_html_readers_text_extraction() -> None:
    release, _ = release_of("html-only-base64.eml")
    assert release.title == "Northwind Traders Opens Distribution Center in Reno"  # "[EXTERNAL]" dropped
    assert release.date == dt.date(2022, 2, 7)
    assert release.source == "Northwind Traders"
    text = body_text(release)
    assert "“Reno puts us within a day’s drive of forty million customers,”" in text
    assert "p{color:red}" not in text
    assert "Unsubscribe" not in text


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("latin1-8bit.eml", "con más de 30.000 volúmenes"),
        ("latin1-8bit.eml", "“Es un día histórico para el barrio”"),
        ("windows-1252-qp.eml", "“We’re on track to double renewable output by 2025,” said CEO María López."),
    ],
)
def test_legacy_charsets_are_decoded_as_declared(name: str, phrase: str) -> None:
    release, problems = release_of(name)
    assert phrase in body_text(release) or phrase in (release.summary or "")
    assert "legacy-encoding" not in problems  # the part declares its charset: nothing was guessed


def test_latin1_signature_is_removed() -> None:
    release, _ = release_of("latin1-8bit.eml")
    assert release.date == dt.date(2021, 9, 10)  # the Date header: the body has no dateline
    assert "Ayuntamiento de Villaverde" not in body_text(release)


def test_gmail_forward_keeps_the_release_and_drops_the_chatter() -> None:
    raw = (FIXTURES / "quoted-forward.eml").read_bytes()
    release, _ = release_of("quoted-forward.eml", raw)
    assert release.title == "Port of Bayview Sets Cargo Record"  # "FW:" dropped
    assert release.source == "Port of Bayview"  # from the "… wrote:" line, not the forwarder
    text = body_text(release)
    assert text.startswith("The Port of Bayview moved a record 2.1 million containers in 2021")
    assert "Please add this one" not in text
    assert "iPhone" not in text
    assert "(555) 010-2200" not in text  # the quoted signature
    assert ">" not in text


def test_outlook_original_message_uses_the_forwarded_headers() -> None:
    release, _ = release_of("outlook-original-message.eml")
    assert release.title == "State Parks Extend Summer Hours"
    assert release.source == "State Parks Department"
    assert release.date == dt.date(2022, 7, 1)
    assert "For the archive" not in body_text(release)


FORWARDED = b"""From: Jane Reporter <jane.reporter@gmail.com>
To: desk@pressarchive.example
Subject: Fwd: Coalition Briefing on Raqqa
Date: Thu, 4 Mar 2021 09:12:44 -0500
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"

FYI - for the archive.

--\x20
Jane Reporter | Harbor Gazette

---------- Forwarded message ---------
From: DoD Press Operations <press@defense.gov>
Date: Wed, Mar 3, 2021 at 4:00 PM
Subject: Coalition Briefing on Raqqa
To: <media-list@defense.gov>

Coalition Briefing on Raqqa
WASHINGTON - March 1, 2021 - Coalition forces continued operations near Raqqa this week, a spokesman said.
The spokesman said the operation would continue through the spring.
"""


def test_forwarded_release_dateline_wins_and_sender_domain_maps_to_a_source() -> None:
    release, problems = release_of("fw.eml", FORWARDED)
    assert release.date == dt.date(2021, 3, 1)  # the dateline, not Date: (Mar 4) or the forward (Mar 3)
    assert release.source == "U.S. Department of Defense"  # defense.gov via sources.yml domains
    assert release.place == "Washington"  # "WASHINGTON" in the raw file: headline case
    assert "no-source" not in problems and "unknown-source" not in problems
    text = body_text(release)
    assert "FYI" not in text and "Harbor Gazette" not in text and "Forwarded" not in text


def test_the_date_header_fills_in_without_a_dateline() -> None:
    raw = FORWARDED.replace(b"WASHINGTON - March 1, 2021 - ", b"")
    release, _ = release_of("fw.eml", raw)
    assert release.date == dt.date(2021, 3, 3)  # the forwarded message's own date


def test_the_page_shows_the_text_only() -> None:
    release, _ = release_of("quoted-forward.eml")
    page = release_page_text(release)
    assert "Please add this one" not in page


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"Just some text without any headers.\n\nMore text.\n", "not-email"),
        (
            b"From: a@b.example\nSubject: x\nContent-Type: multipart/mixed; boundary=z\n\n--z\n"
            b"Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n--z--\n",
            "no-text",
        ),
        (b"From: a@b.example\x00\x00\x01binary", "binary-file"),
    ],
)
def test_unusable_messages_are_clear_errors(raw: bytes, code: str) -> None:
    with pytest.raises(ReleaseError) as caught:
        extract(read(raw, "archive/2021/2021-03-03-x.eml"))
    assert caught.value.problem.code == code
