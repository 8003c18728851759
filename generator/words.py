"""The words that say a name is not a person: an organisation, its press desk, or a job title.

Three checks ask "is this a person?" of a name they found, and each leaves organisations out of
the authors or takes them as the issuer:

- `sender` — an e-mail sender's display name names an organisation ("City of Springfield Press
  Office"), not a person ("Jane Roe"): it becomes a source candidate (`readers/email_message.py`);
- `author` — a page's "author" metadata is an organisation or its press desk ("Fabrikam
  Communications", "Contoso Health Inc."): the issuer speaking, not a byline
  (`readers/html_values.py`, `readers/html_metadata.py`);
- `byline` — a comma part after a name in a byline is a job title or an organisation ("Jim
  Garamone, DoD News"), not another author (`extract/byline.py`).

One list holds every word with the checks that count it. The checks differ in reach (a sender
named "… University" is an organisation, a byline "Jane Roe, University of X" ends at the comma
anyway; "the"/"of" mark a title only inside a byline), so each counts its own column; moving a word
into another check's column changes which names become authors and sources.
"""

from __future__ import annotations

import re
from typing import Literal

Check = Literal["sender", "author", "byline"]

SENDER: Check = "sender"
AUTHOR: Check = "author"
BYLINE: Check = "byline"

# Lower-case; a phrase counts only for the checks that search text (`sender`, `author`), the
# `byline` check compares single words.
WORDS: dict[str, tuple[Check, ...]] = {
    # Legal forms and kinds of company.
    "inc": (SENDER, AUTHOR, BYLINE),
    "llc": (SENDER, AUTHOR, BYLINE),
    "corp": (SENDER, AUTHOR),
    "corporation": (SENDER, AUTHOR),
    "company": (SENDER, AUTHOR),
    "ltd": (SENDER, AUTHOR),
    "plc": (SENDER, AUTHOR),
    "gmbh": (SENDER, AUTHOR),
    "group": (SENDER, AUTHOR),
    "co": (AUTHOR,),
    "ag": (AUTHOR,),
    "sa": (AUTHOR,),
    # Public bodies and their parts.
    "office": (SENDER, AUTHOR, BYLINE),
    "department": (SENDER, AUTHOR, BYLINE),
    "agency": (SENDER, AUTHOR, BYLINE),
    "bureau": (SENDER, AUTHOR, BYLINE),
    "ministry": (SENDER, AUTHOR),
    "administration": (SENDER, AUTHOR),
    "authority": (SENDER, AUTHOR),
    "commission": (SENDER, AUTHOR),
    "council": (SENDER, AUTHOR),
    "service": (SENDER, BYLINE),
    "dept": (SENDER,),
    "services": (SENDER,),
    "association": (SENDER,),
    "foundation": (SENDER,),
    "university": (SENDER,),
    "city": (SENDER,),
    "county": (SENDER,),
    "state": (SENDER,),
    "government": (SENDER,),
    "board": (SENDER,),
    "institute": (SENDER,),
    "division": (BYLINE,),
    "center": (BYLINE,),
    "centre": (BYLINE,),
    # Named organisations that sign bylines.
    "associated": (BYLINE,),
    "u.s.": (BYLINE,),  # never matches: the byline check strips the full stop ("U.S." → "u.s")
    "dod": (BYLINE,),
    "army": (BYLINE,),
    "navy": (BYLINE,),
    "usa": (BYLINE,),
    "gov": (BYLINE,),
    # Press desks.
    "communications": (SENDER, AUTHOR, BYLINE),
    "newsroom": (SENDER, AUTHOR),
    "press": (SENDER, BYLINE),
    "media": (SENDER, BYLINE),
    "news": (SENDER, BYLINE),
    "staff": (AUTHOR, BYLINE),
    "team": (AUTHOR, BYLINE),
    "editor": (AUTHOR, BYLINE),
    "editors": (AUTHOR,),
    "desk": (AUTHOR,),
    "press office": (AUTHOR,),
    "press team": (AUTHOR,),
    "media relations": (AUTHOR,),
    "public affairs": (AUTHOR,),
    "affairs": (BYLINE,),
    "public": (BYLINE,),
    "information": (BYLINE,),
    # Job titles.
    "officer": (BYLINE,),
    "director": (BYLINE,),
    "secretary": (BYLINE,),
    "writer": (BYLINE,),
    "correspondent": (BYLINE,),
    "spokesman": (BYLINE,),
    "spokeswoman": (BYLINE,),
    "spokesperson": (BYLINE,),
    "reporter": (BYLINE,),
    "contributor": (BYLINE,),
    "specialist": (BYLINE,),
    "manager": (BYLINE,),
    "chief": (BYLINE,),
    "head": (BYLINE,),
    "president": (BYLINE,),
    "administrator": (BYLINE,),
    "commissioner": (BYLINE,),
    "assistant": (BYLINE,),
    "deputy": (BYLINE,),
    "senior": (BYLINE,),
    # Words of a title's phrasing ("Secretary of the Army", "Office for Civil Rights").
    "the": (BYLINE,),
    "of": (BYLINE,),
    "for": (BYLINE,),
}


def words_for(check: Check) -> frozenset[str]:
    """The words and phrases `check` counts."""
    return frozenset(word for word, checks in WORDS.items() if check in checks)


def word_search(check: Check) -> re.Pattern[str]:
    """A case-insensitive pattern that finds any of `check`'s words or phrases as a whole word."""
    alternatives = "|".join(re.escape(word) for word in sorted(words_for(check)))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
