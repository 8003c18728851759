"""How to cite a release: APA (7th edition), Chicago (18th edition, author-date), BibTeX and CSL-JSON.

A press release is cited as a web page (CSL type `webpage`) of the genre "Press release": of the
CSL types, that is the one both official styles format as their manuals show a press release —
APA 7: `Organisation. (2017, June 29). *Title* [Press release]. URL`; Chicago: `Organisation.
2017. "Title." Press release. June 29. URL.` The authors are the release's when it names them
(the source is then the publisher), else its source as an organisation.

Hand-written templates, not a CSL processor: citeproc-py takes 10–25 ms a citation, 20 minutes
for 50,000 releases that the generator renders in about a minute (these templates: 40 µs).
tests/render/test_cite.py formats the sample archive and a set of made-up releases with
citeproc-py and the official styles (tests/fixtures/csl/) and compares.

Release text is data here too: the APA and Chicago citations are HTML with the text escaped by
`html.escape`, BibTeX escapes TeX's specials (`bibtex_text`), and CSL-JSON is made by `json`.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nameparser import HumanName

from generator.model import Release
from generator.whitespace import collapse

GENRE = "Press release"
CSL_TYPE = "webpage"
APA_ET_AL = (21, 19)
"""APA 7 lists up to 20 authors; from 21 on, the first 19, an ellipsis and the last (apa.csl's
`et-al-min`, `et-al-use-first`)."""
CHICAGO_ET_AL = (7, 3)
"""Chicago 18 lists up to six authors; from seven on, the first three and "et al."."""
SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
"""Generational suffixes, which follow the given name in an inverted name ("King, M. L., Jr."); a
name's other suffixes are degrees, which references leave out."""
# CSL's title case (the CSL 1.0.2 specification): these stay lower case inside a title unless
# they open it, end it or follow a colon or a sentence's end.
STOP_WORDS = frozenset((
    "a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into", "nor", "of", "on", "onto",
    "or", "over", "so", "the", "till", "to", "up", "via", "with", "yet",
))
_SENTENCE_END = (":", "?", "!")
# A word of a person's given or family name: letters (with inner hyphens or apostrophes, and a
# final full stop), or initials ("J.R.R."). Anything else ("Digital.gov", "7") makes the author an
# organisation.
_PERSON_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*\.?|(?:[^\W\d_]\.)+")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Name:
    """An author as CSL names them: a person's family and given names (and suffix), or an
    organisation's name as one `literal`."""

    family: str = ""
    given: str = ""
    suffix: str = ""
    literal: str = ""

    def csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        parts = {"family": self.family, "given": self.given, "suffix": self.suffix}
        return {key: value for key, value in parts.items() if value}


@lru_cache(maxsize=65536)  # asked for each author of each page, by both emitters
def person(name: str) -> Name:
    """An author name ("Cheryl Pellerin") as family and given names (nameparser: "Martin Luther
    King Jr.", "Ludwig van Beethoven", "Smith, John"); a generational suffix is kept, titles and
    degrees ("Col.", "PhD") are left out, as references do (APA 7 §9.8). A name that is not one
    person's ("Staff", "Digital.gov Team", "Smith and Sons") stays whole as a `literal`."""
    text = collapse(name)
    parsed = HumanName(text)
    given = " ".join(part for part in (parsed.first, parsed.middle) if part)
    words = f"{given} {parsed.last}".split()
    if not (given and parsed.last) or "and" in words or not all(_PERSON_WORD.fullmatch(w) for w in words):
        return Name(literal=text)
    suffix = " ".join(part for part in parsed.suffix_list if part in SUFFIXES)
    return Name(family=parsed.last, given=given, suffix=suffix)


def authors(release: Release) -> tuple[Name, ...]:
    """Who the citation names as authors: the release's authors, else its source, else no one."""
    if release.author:
        return tuple(person(name) for name in release.author)
    return (Name(literal=collapse(release.source)),) if release.source else ()


def publisher(release: Release) -> str:
    """The publisher: the source, when it is not already the author."""
    return collapse(release.source) if release.author and release.source else ""


@dataclass(frozen=True)
class Citation:
    """A release's citations: APA and Chicago as HTML (escaped text, the title in `<i>` where the
    style sets it in italics), BibTeX and CSL-JSON as text."""

    key: str
    """The release's id: the BibTeX key and the CSL-JSON file's name."""
    apa: str
    chicago: str
    bibtex: str
    csl_json: str


def cite(release: Release, url: str) -> Citation:
    """Every citation of `release`, whose page is at the absolute address `url` ("" for none)."""
    names = authors(release)
    return Citation(
        key=release.id,
        apa=apa(release, url, names),
        chicago=chicago(release, url, names),
        bibtex=bibtex(release, url, names),
        csl_json=json.dumps([csl_item(release, url, names)], ensure_ascii=False, separators=(",", ":")),
    )


def csl_item(release: Release, url: str, names: Sequence[Name] | None = None) -> dict[str, Any]:
    """The release as a CSL-JSON item (what reference managers import, and what CSL styles format)."""
    names = authors(release) if names is None else names
    item: dict[str, Any] = {"id": release.id, "type": CSL_TYPE, "genre": GENRE, "title": collapse(release.title)}
    if names:
        item["author"] = [name.csl() for name in names]
    if publisher(release):
        item["publisher"] = publisher(release)
    item["issued"] = {"date-parts": [[release.date.year, release.date.month, release.date.day]]}
    if url:
        item["URL"] = url
    return item


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _end(text: str, mark: str = ".") -> str:
    """`text` closed by `mark`, unless it already ends with a full stop, "?" or "!" (CSL's
    punctuation collapsing: "Acme Inc." is not followed by another full stop)."""
    return text if text.endswith((".", "?", "!")) else text + mark


def _initials(given: str) -> str:
    """APA's initials: "Terri Moon" → "T. M.", "Jean-Paul" → "J.-P."; lower-case particles stay."""
    parts = []
    for piece in given.split("-"):
        words = piece.replace(".", " ").split()
        out: list[str] = []
        for word in words:
            out.append(f"{word[0]}." if word[0].isupper() else word)
        parts.append(" ".join(out))
    return "-".join(parts)


def _apa_name(name: Name) -> str:
    if name.literal:
        return name.literal
    text = f"{name.family}, {_initials(name.given)}"
    return f"{text}, {name.suffix}" if name.suffix else text


def _apa_names(names: Sequence[Name]) -> str:
    shown = [_apa_name(n) for n in names]
    if len(shown) >= APA_ET_AL[0]:
        return ", ".join(shown[: APA_ET_AL[1]]) + ", … " + shown[-1]
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + ", & " + shown[-1]


def _month_day(date: dt.date) -> str:
    return f"{date:%B} {date.day}"


def apa(release: Release, url: str, names: Sequence[Name] | None = None) -> str:
    """APA 7: `Author. (Year, Month Day). <i>Title</i> [Press release]. Publisher. URL`; without an
    author, the title takes its place."""
    names = authors(release) if names is None else names
    when = f"({release.date.year}, {_month_day(release.date)})."
    title = f"<i>{_e(collapse(release.title))}</i> [{GENRE}]."
    parts = [_e(_end(_apa_names(names))), when, title] if names else [title, when]
    if publisher(release):
        parts.append(_e(_end(publisher(release))))
    if url:
        parts.append(_e(url))
    return " ".join(parts)


def _chicago_name(name: Name, first: bool) -> str:
    if name.literal:
        return name.literal
    if first:
        text = f"{name.family}, {name.given}"
        return f"{text}, {name.suffix}" if name.suffix else text
    return " ".join(part for part in (name.given, name.family, name.suffix) if part)


def _chicago_names(names: Sequence[Name]) -> str:
    shown = [_chicago_name(n, i == 0) for i, n in enumerate(names)]
    if len(shown) >= CHICAGO_ET_AL[0]:
        return ", ".join(shown[: CHICAGO_ET_AL[1]]) + ", et al"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


def title_case(text: str) -> str:
    """CSL's title case, which Chicago sets titles in: each lower-case word capitalised except stop
    words inside the title; words with a capital letter (acronyms, "iPhone") kept as they are."""
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        if word.islower():
            opens = index == 0 or words[index - 1].endswith(_SENTENCE_END)
            if opens or index == len(words) - 1 or word not in STOP_WORDS:
                word = _capitalise(word)
        out.append(word)
    return " ".join(out)


def _capitalise(word: str) -> str:
    # The first character only, as CSL processors do: "30th" and "(draft)" stay as they are.
    return word[:1].upper() + word[1:]


def chicago(release: Release, url: str, names: Sequence[Name] | None = None) -> str:
    """Chicago author-date: `Author. Year. "Title." Press release. Publisher, Month Day. URL.`;
    without an author, the title takes its place."""
    names = authors(release) if names is None else names
    title = title_case(collapse(release.title))
    quoted = f"“{_end(title)}”"
    where = f"{publisher(release)}, {_month_day(release.date)}" if publisher(release) else _month_day(release.date)
    parts = [_end(_chicago_names(names)), f"{release.date.year}.", quoted] if names else [
        quoted, f"{release.date.year}."
    ]
    parts += [f"{GENRE}.", f"{where}."]
    if url:
        parts.append(f"{url}.")
    return _e(" ".join(parts))


# TeX's special characters in BibTeX field text. Braces become text commands, not `\{`: BibTeX
# counts every brace, escaped or not, and an unbalanced one ends the field.
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEX_RE = re.compile(r"[\\{}%&$#_^~]")
# TeX ligatures that would change the text: "--" is a dash, "``" and "''" curly quotes, "<<" and
# ",," guillemets and low quotes (T1), "?`" and "!`" inverted marks. An empty group parts them.
_LIGATURE_RE = re.compile(r"([-`'<>,])(?=\1)|([?!])(?=`)")
_AND_RE = re.compile(r"\band\b", re.IGNORECASE)
_KEY_RE = re.compile(r"[^A-Za-z0-9_.:-]")


def bibtex_text(text: str) -> str:
    """Text for a braced BibTeX field: TeX's specials escaped, ligatures parted, Unicode kept."""
    escaped = _TEX_RE.sub(lambda match: _TEX[match.group()], collapse(text))
    return _LIGATURE_RE.sub(lambda match: match.group() + "{}", escaped)


def _bibtex_name(name: Name) -> str:
    if name.literal:
        return "{" + bibtex_text(name.literal) + "}"  # an organisation: one name, never parsed

    def part(text: str) -> str:
        # A comma or the word "and" inside a part would split the name or the list.
        escaped = bibtex_text(text)
        return "{" + escaped + "}" if "," in text or _AND_RE.search(text) else escaped

    parts = [part(name.family), *([part(name.suffix)] if name.suffix else []), part(name.given)]
    return ", ".join(parts)


def bibtex_key(release_id: str) -> str:
    """The entry's key: the release id (characters a key cannot hold become "-")."""
    return _KEY_RE.sub("-", release_id)


def bibtex_url(url: str) -> str:
    """An address for the `url` field, which biblatex reads verbatim: TeX's specials stay as they
    are, braces and backslashes (which BibTeX would count or TeX read) are percent-encoded."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bibtex(release: Release, url: str, names: Sequence[Name] | None = None) -> str:
    """A BibTeX `@misc` entry, readable by BibTeX and biblatex (`date`, `url`)."""
    names = authors(release) if names is None else names
    fields = []
    if names:
        fields.append(("author", "{" + " and ".join(_bibtex_name(n) for n in names) + "}"))
    fields.append(("title", "{{" + bibtex_text(release.title) + "}}"))
    fields.append(("howpublished", "{" + GENRE + "}"))
    if publisher(release):
        fields.append(("organization", "{" + bibtex_text(publisher(release)) + "}"))
    date = release.date
    fields += [("year", f"{{{date.year}}}"), ("month", _MONTHS[date.month - 1]), ("date", f"{{{date.isoformat()}}}")]
    if url:
        fields.append(("url", "{" + bibtex_url(url) + "}"))
    body = "".join(f"  {name} = {value},\n" for name, value in fields)
    return f"@misc{{{bibtex_key(release.id)},\n{body}}}"
