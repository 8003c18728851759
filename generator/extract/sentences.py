"""Sentences, summaries and titles derived from the lede.

Hand-written: a sentence splitter that knows the abbreviations of government prose ("U.S.",
"Sen.", "Col.", "Jan.") is a dozen lines, where a trained tokenizer would need model data downloaded.
"""

from __future__ import annotations

import re

SUMMARY_MAX = 300
TITLE_MAX = 100
TITLE_MIN = 40
ABBREVIATIONS = frozenset(
    [
        "u.s",
        "u.k",
        "u.n",
        "d.c",
        "a.m",
        "p.m",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "adm",
        "cmdr",
        "sec",
        "jr",
        "sr",
        "st",
        "no",
        "vs",
        "inc",
        "corp",
        "co",
        "ltd",
        "dept",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "e.g",
        "i.e",
        "etc",
        "fig",
        "mt",
        "ft",
    ]
)
# Acronyms government releases print in capitals, which stay in capitals wherever the generator
# changes the case of a text (a headline in capitals → headline case) and which are never a place.
# Words that are also ordinary words in a headline in capitals ("ICE STORM", "AIDS", "WHO", "US",
# "SNAP", "STEM") are left out: there the capitals say nothing, and a wrong case is worse than none.
ACRONYMS = frozenset(
    [
        "ADA",
        "AFL-CIO",
        "AI",
        "AMBER",
        "AP",
        "API",
        "ATF",
        "ATM",
        "BBC",
        "BLM",
        "BOP",
        "BRAC",
        "CBP",
        "CBS",
        "CDC",
        "CEO",
        "CFO",
        "CFPB",
        "CIA",
        "CIO",
        "CISA",
        "CMS",
        "CNN",
        "COVID",
        "CTO",
        "DACA",
        "DARPA",
        "DC",
        "DEA",
        "DFW",
        "DHHS",
        "DHS",
        "DNA",
        "DOD",
        "DOE",
        "DOI",
        "DOJ",
        "DOL",
        "EEOC",
        "EMS",
        "EMT",
        "EPA",
        "EU",
        "FAA",
        "FBI",
        "FCC",
        "FCPA",
        "FDA",
        "FDIC",
        "FEC",
        "FEMA",
        "FERC",
        "FHA",
        "FISA",
        "FOIA",
        "FOMC",
        "FTC",
        "FY",
        "GAO",
        "GOP",
        "GPS",
        "GSA",
        "HHS",
        "HIPAA",
        "HIV",
        "HQ",
        "HTML",
        "HUD",
        "IED",
        "IMF",
        "IRS",
        "ISIL",
        "ISIS",
        "LLC",
        "LLP",
        "NAACP",
        "NAFTA",
        "NASA",
        "NATO",
        "NBC",
        "NCAA",
        "NCLB",
        "NFL",
        "NGO",
        "NIH",
        "NIST",
        "NLRB",
        "NOAA",
        "NPR",
        "NPS",
        "NRC",
        "NSA",
        "NSF",
        "NTSB",
        "NYC",
        "NYPD",
        "OMB",
        "OPEC",
        "OPM",
        "OSHA",
        "PBS",
        "PDF",
        "PPE",
        "PTSD",
        "SBA",
        "SEC",
        "SSA",
        "TSA",
        "TV",
        "UAV",
        "UK",
        "UN",
        "UPI",
        "URL",
        "USA",
        "USAID",
        "USCIS",
        "USDA",
        "USGS",
        "USO",
        "USPS",
        "VA",
        "WMD",
        "WTO",
    ]
)
_BOUNDARY_RE = re.compile(r"[.!?][”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9])")
# Where a long first sentence may be cut into a headline-length title: at a clause break.
CLAUSE_RE = re.compile(r",\s|\s[–—]\s|;\s|\s(?:and|but) (?:the|a|an|its|their)\s")


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, not at abbreviations or initials."""
    result: list[str] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        before = text[start : match.end()]
        words = before.split()
        last_word = words[-1] if words else ""
        token = re.split(r"[,;:(/]", last_word)[-1].rstrip(".!?”\"’')]").lower().lstrip('(“"')
        if match.group(0) == "." and (token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token)):
            continue
        result.append(before.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        result.append(tail)
    return result


def clip(text: str, limit: int) -> str:
    """Cut at a word boundary to at most `limit` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return cut + "…"


def summary(paragraph: str) -> str:
    """First sentence(s) of the lede, at most SUMMARY_MAX characters."""
    chosen = ""
    for sentence in sentences(paragraph):
        candidate = f"{chosen} {sentence}".strip()
        if len(candidate) > SUMMARY_MAX:
            break
        chosen = candidate
    return chosen or clip(paragraph, SUMMARY_MAX)


def title_from_lede(paragraph: str) -> str:
    """A headline-length title from the lede's first sentence: whole if short, else cut at the
    first clause break that leaves a readable title, else at a word boundary."""
    first = sentences(paragraph)[0] if paragraph else paragraph
    first = first.rstrip(".")
    if len(first) <= TITLE_MAX:
        return first
    for match in CLAUSE_RE.finditer(first):
        if TITLE_MIN <= match.start() <= TITLE_MAX:
            return first[: match.start()].rstrip(",;")
    return clip(first, TITLE_MAX)
