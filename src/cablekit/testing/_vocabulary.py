"""Made-up but realistic vocabularies for the generated cables (data, not code)."""

from __future__ import annotations

import random
from typing import Final

from ..vocabulary import PERSON_TAG_CODES

# Posts as they stand in banners and page-break lines, with the office that sends from them.
POSTS: Final = (
    "AMMAN", "ALMATY", "MOSCOW", "TALLINN", "RIGA", "ROME", "PARIS", "BAGHDAD", "KABUL", "ISLAMABAD",
    "BEIJING", "TOKYO", "SEOUL", "CAIRO", "RIYADH", "ANKARA", "BERLIN", "LONDON", "MADRID", "BRASILIA",
    "RIO DE JANEIRO", "SAO PAULO", "BUENOS AIRES", "NEW DELHI", "HO CHI MINH CITY", "ABU DHABI",
    "TEL AVIV", "ADDIS ABABA", "PORT AU PRINCE", "KUALA LUMPUR", "USUN NEW YORK", "THE HAGUE",
    "JERUSALEM", "SANAA", "TBILISI", "BISHKEK", "DUSHANBE", "TASHKENT", "LA PAZ", "SAN JOSE", "CARACAS",
    "BOGOTA", "GENEVA", "VIENNA", "BRUSSELS", "STATE",
)
CONSULATES: Final = frozenset({"JERUSALEM", "RIO DE JANEIRO", "SAO PAULO", "HO CHI MINH CITY"})
MISSIONS: Final = frozenset({"USUN NEW YORK", "GENEVA"})

STATION_LETTERS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ROUTING_PREFIXES: Final = ("RUEH", "RUEK", "RHEH", "RUCN", "RHMF")

COLLECTIVES: Final = (
    "SECSTATE WASHDC", "EUROPEAN POLITICAL COLLECTIVE", "ARAB ISRAELI COLLECTIVE", "SECDEF WASHDC",
    "CIA WASHDC", "NSC WASHDC", "JOINT STAFF WASHDC", "USMISSION USUN NEW YORK", "USMISSION GENEVA",
    "CENTRAL ASIAN COLLECTIVE", "DEPT OF TREASURY WASHINGTON DC",
)
RECIPIENT_PRECEDENCES: Final = ("PRIORITY", "IMMEDIATE", "ROUTINE", "NIACT IMMEDIATE", "FLASH")

# Caveats that stand on a line of their own in the head.  ROGER is left out: alone on a
# line it has the shape of a routing indicator (R + 3-6 letters), which it also is.
CAVEATS: Final = (
    "SIPDIS", "SENSITIVE", "NOFORN", "EXDIS", "NODIS", "LIMDIS", "STADIS", "ORCON", "PROPIN",
    "NOCONTRACT", "CHEROKEE", "DECAPTIONED", "EFTO", "FOR OFFICIAL USE ONLY", "SENSITIVE BUT UNCLASSIFIED",
    "LIMITED OFFICIAL USE",
)

OFFICE_SENDERS: Final = ("STATE", "DEPT", "STATE PASS USTR", "TREASURY", "USDOC", "NSC", "SCA/CEN", "NEA/ELA")
OFFICE_TARGETS: Final = (
    "SCA/CEN", "S/SRAP", "INL", "EUR/RPM", "NEA/ELA", "DRL", "EAP/CM", "AF/E", "WHA/AND", "ISN/NESS",
    "J. SMITH", "M. O'MARA", "USAID", "EEB/ESC",
)

EO_ORDERS: Final = ("12958", "13526", "12356", "11652")
EO_RULES: Final = ("N/A", "DECL: OADR", "DECL: 1.6X1", "DECL: 25X1", "DECL: 10 YEARS", "GDS")

SUBJECT_TAGS: Final = (
    "PREL", "PGOV", "ECON", "ETRD", "PHUM", "MARR", "SNAR", "PTER", "EFIN", "ENRG", "EAID", "SENV",
    "CASC", "ASEC", "PINR", "MOPS", "ELAB", "SOCI", "TSPL", "EINV", "PARM", "CVIS",
)
PROGRAM_TAGS: Final = ("KDEM", "KNNP", "KPAL", "KCRM", "KJUS", "KISL", "KWMN", "KTFN", "OVIP", "OEXC", "OREP")
PERSON_CODES: Final = PERSON_TAG_CODES  # the codes a person's name may follow
GEOGRAPHIC_TAGS: Final = ("JO", "IS", "KZ", "RS", "IZ", "AF", "PK", "CH", "IR", "EN", "LG", "IT", "FR", "BR",
                          "IN", "JA", "KS", "EG", "SA", "TU", "GM", "UK", "SP", "VM", "XF", "ZI")
ORGANIZATION_TAGS: Final = ("NATO", "OSCE", "UN", "UNSC", "IAEA", "EUN", "SCO", "WTO", "OPEC", "G8", "OAS", "NPT",
                            "UNMIK", "USUN", "ICTY", "UNMIL", "USTR")
KEYWORD_TAGS: Final = ("POLITICS", "ELECTIONS", "POL", "MIL", "UNGA61")  # words of a TAGS line, no codes
UNKNOWN_TAGS: Final = ("QQ", "JJ")  # two-letter codes no table names
PEOPLE: Final = ("SMITH, JOHN", "ABDULLAH II", "KASK, URMAS", "SHAMISHEV, YERLAN", "NAZARBAYEV",
                 "AL-MALIKI, NURI", "LULA DA SILVA")

SUBJECT_WORDS: Final = (
    "KING", "DISCUSSES", "REGIONAL", "TALKS", "FOREIGN", "MINISTER", "PREVIEWS", "BALTIC", "SUMMIT", "AGENDA",
    "MFA", "ADVISOR", "ENERGY", "ELECTIONS", "PARLIAMENT", "OPPOSITION", "SCENESETTER", "FOR", "VISIT", "OF",
    "THE", "CODEL", "REFORM", "BUDGET", "ON", "AND", "NEW", "PRESIDENT", "WATER", "PIPELINE", "2008", "TRADE",
)
COUNTRIES: Final = ("JORDAN", "KAZAKHSTAN", "ESTONIA", "RUSSIA", "IRAQ", "BRAZIL", "TURKEY", "CHINA",
                    "PAKISTAN", "ISRAEL", "GEORGIA", "BOLIVIA")

# Body text.  No word ends in a hyphen (a hard wrap after it would glue the words),
# none is a caveat, and "end" and "summary" are kept for the summary markers.
WORDS: Final = (
    "the", "minister", "said", "that", "government", "would", "press", "for", "a", "joint", "energy",
    "statement", "at", "summit", "talks", "on", "regional", "security", "council", "meet", "in", "May",
    "review", "plan", "each", "member", "state", "holds", "veto", "Embassy", "contacts", "told", "us",
    "Ambassador", "Poloff", "Kazakhstan", "China", "Russia", "Iran\u2019s", "percent", "24", "2008", "U.S.",
    "non-governmental", "pipeline", "and", "but", "not", "has", "been", "of", "to", "with", "by", "its",
    "--", "(SCO)", "reform", "he", "she", "they", "asked", "noted", "stressed", "budget", "opposition",
    "parliament", "March", "12,", "isn\u2019t", "water", "border", "trade", "visit", "delegation",
)
SENTENCE_STARTS: Final = (
    "The", "Kask", "Petrov", "Poloff", "He", "She", "They", "Embassy", "Officials", "Our", "In",
    "Kazakhstan", "Uzbekistan", "Nevertheless,", "According", "When", "It",
)
HEADING_WORDS: Final = (
    "REGIONAL", "TALKS", "The", "View", "From", "Amman", "Background", "Comment", "Next", "Steps",
    "ECONOMIC", "OUTLOOK", "Iran", "Bio", "Note", "Water", "Politics", "PARTY", "LEADERS", "Reform",
)
SURNAMES: Final = ("HALE", "MILAS", "ORDWAY", "RICE", "CLINTON", "BURNS", "CROCKER", "RICCIARDONE", "MCFARLAND",
                   "DUNMORE", "O'MARA", "GFOELLER", "HARTLEY", "SMITH-JONES")
# References that cite no cable, by the kind cablekit tells from their words (made up, after the corpus's
# families): ``{a}`` and ``{b}`` stand for surnames, ``{date}`` for a date (``02/10/08``), ``{n}`` for a number.
REFERENCE_DOCUMENTS: Final = (
    ("EMAIL", ("EMAIL {a}-{b} {date}", "{a}-{b} E-MAIL OF {date}", "{a}/{b} e-mails {date}")),
    ("TELCON", ("TELCON {a}-{b} {date}", "{a}-{b} TELECON {date}", "{a}-{b} phone call of {date}")),
    ("MEMO", ("MEMCON {a}-{b} {date}", "{a} ACTION MEMO {date}", "{a}-{b} Memorandum of Conversation {date}")),
    ("LETTER", ("{a} LETTER TO {b} {date}", "MINISTRY LETTER OF REQUEST {n}", "{a}-{b} O-I {date}")),
    ("MEETING", ("{a}-{b} MEETING {date}", "STATE-EMBASSY SVTC {date}", "{a}-{b} conversation of {date}")),
    ("REPORT", ("IIR 6 809 {n} 09", "{a} DAILY REPORT {date}", "FBIS EUP{n}", "{a} press release {date}")),
    ("FAM", ("7 FAM {n}", "5 FAH-1 H-{n}", "CONSULAR HANDBOOK CHAPTER {n}")),
    ("WEB", ("WWW.STATE.GOV/{a}", "http://www.example.gov/{n}", "{a} web site {date}")),
    ("FAX", ("FAX {a}-{b} {date}", "{a}-{b} facsimile of {date}")),
    ("OTHER", ("DIPLOMATIC NOTE {n}", "MFA NOTE VERBALE {n}", "{a}-{b} MOU {date}", "UNSCR {n}")),
)
GIVEN_NAMES: Final = ("David", "Alice", "Margaret", "John", "Richard", "Tatiana", "Mary", "Mark", "Ann", "Robert",
                      "Jean-Paul")
INITIALS: Final = ("G.", "R.", "E.", "C.", "J.")
CLASSIFIER_TITLES: Final = (
    "Ambassador", "DCM", "Charge d'Affaires", "Political Counselor", "Deputy Chief of Mission", "Acting DCM",
    "Political M/C", "CDA", "PolOff", "Economic Counselor", "Consul General", "A/DCM", "Pol/Econ Chief",
)
METADATA_ORIGINS: Final = ("Embassy", "Consulate", "Secretary of State", "Mission")


def _sentences(count: int, seed: int) -> tuple[str, ...]:
    """Made-up sentence bodies (no final punctuation), shortest first so that examples shrink to short text.

    Drawing one whole sentence is much cheaper than drawing it word by word,
    and a few hundred sentences give the parser all the shapes it meets:
    quotes, apostrophes, numbers, ``U.S.``, ``--`` and bracketed acronyms.
    """
    rng = random.Random(seed)
    found: set[str] = {"The", "He said", "They agreed"}
    while len(found) < count:
        words = [rng.choice(SENTENCE_STARTS)] + [rng.choice(WORDS) for _ in range(rng.randint(0, 16))]
        if len(words) > 2 and rng.random() < 0.25:
            start = rng.randint(1, len(words) - 1)
            stop = rng.randint(start, min(len(words) - 1, start + 3))
            words[start] = "\u201c" + words[start]
            words[stop] = words[stop] + "\u201d"
        text = " ".join(words)
        found.add(text[:-1] if text[-1] in ".," else text)
    return tuple(sorted(found, key=lambda s: (len(s), s)))


SENTENCES: Final = _sentences(400, 1966)
HEADINGS: Final = tuple(sorted({" ".join(random.Random(n).sample(HEADING_WORDS, 1 + n % 4)) for n in range(120)},
                               key=lambda s: (len(s), s)))
