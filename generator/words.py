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
# `byline` check compares single words. Each row: the checks that count its words, then the words.
_ROWS: tuple[tuple[tuple[Check, ...], str], ...] = (
    # Legal forms and public bodies every check knows, and press desks.
    ((SENDER, AUTHOR, BYLINE), "inc | llc | office | department | agency | bureau | communications"),
    # Kinds of company and public bodies, and a newsroom.
    ((SENDER, AUTHOR), "corp | corporation | company | ltd | plc | gmbh | group | ministry | administration"
                       " | authority | commission | council | newsroom"),
    # Short legal forms and press desks in a page's author metadata.
    ((AUTHOR,), "co | ag | sa | editors | desk | press office | press team | media relations | public affairs"),
    ((SENDER, BYLINE), "service | press | media | news"),
    # Organisations that send mail.
    ((SENDER,), "dept | services | association | foundation | university | city | county | state | government"
                " | board | institute"),
    ((AUTHOR, BYLINE), "staff | team | editor"),
    # Parts of organisations and named organisations that sign bylines ("u.s." never matches: the
    # byline check strips the full stop, "U.S." → "u.s"), job titles, and the words of a title's
    # phrasing ("Secretary of the Army", "Office for Civil Rights").
    ((BYLINE,), "division | center | centre | associated | u.s. | dod | army | navy | usa | gov | affairs | public"
                " | information | officer | director | secretary | writer | correspondent | spokesman | spokeswoman"
                " | spokesperson | reporter | contributor | specialist | manager | chief | head | president"
                " | administrator | commissioner | assistant | deputy | senior | the | of | for"),
)
WORDS: dict[str, tuple[Check, ...]] = {word.strip(): checks for checks, row in _ROWS for word in row.split("|")}
"""Every word or phrase, with the checks that count it."""


def words_for(check: Check) -> frozenset[str]:
    """The words and phrases `check` counts."""
    return frozenset(word for word, checks in WORDS.items() if check in checks)


def word_search(check: Check) -> re.Pattern[str]:
    """A case-insensitive pattern that finds any of `check`'s words or phrases as a whole word."""
    alternatives = "|".join(re.escape(word) for word in sorted(words_for(check)))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


# The words that make a run of words before a name a person's title, lower-case ("Acting Assistant
# Attorney General John Gore", "Army Col. Ryan Dillon", "Board Members Edward Felten and …"):
# the byline's job titles above that are titles of people, then offices, ranks and honorifics.
# A closed list: a capitalised word that is not here ("Combined", "Army") belongs to a title only
# beside one of these, so an organisation or a place before a name is never taken for a title
# (`extract/mentions.py`). Plurals are listed because releases write "Sens. Kent Conrad and Byron Dorgan".
TITLES = frozenset(
    {w for w in words_for(BYLINE) if w in {"officer", "director", "secretary", "spokesman", "spokeswoman",
                                           "spokesperson", "manager", "chief", "head", "president",
                                           "administrator", "commissioner", "assistant", "deputy"}}
    | {"sen.", "sens.", "senator", "senators", "rep.", "reps.", "representative", "representatives", "congressman",
       "congresswoman", "gov.", "governor", "lt.", "mayor", "attorney", "attorneys", "general", "counsel",
       "inspector", "agent", "agent-in-charge", "charge", "chairman", "chairwoman", "chair", "ambassador", "judge",
       "col.", "gen.", "maj.", "capt.", "sgt.", "adm.", "cmdr.", "colonel", "captain", "admiral",
       "commander", "member", "members", "fellow", "leader", "speaker", "whip", "ceo", "chancellor",
       "superintendent", "sheriff", "professor", "prof.", "coordinator", "advisor", "adviser", "strategist",
       "investigator", "dr.", "mr.", "mrs.", "ms."}
)
HONORIFICS = frozenset({"dr.", "mr.", "mrs.", "ms."})
"""Titles that are no role: dropped from the role a release gives a person."""
