"""The made-up cable the unit tests build on, and the helpers that compose and inspect it.

One cable, from Embassy Tallinn, in the shape of real ones (posts, people and
numbers are made up): a transmission header, a banner, a head (caveats,
offices, E.O., TAGS, SUBJECT, REF, Classified By), a body of three paragraphs
and a signer.  :func:`cable` composes it from its parts, so a test spells out
only the part it is about; each part has a ``make_…`` function or a constant.

Imported by the test modules as ``from builders import …``: pytest puts
``tests/`` on ``sys.path`` because it holds ``conftest.py`` and is no package
(as for ``from conftest import …``), whether it runs as ``pytest`` or as
``python -m pytest`` from the repository root.
"""

from __future__ import annotations

from cablekit import Cable, normalize, parse

# --------------------------------------------------------------------------- transmission header

ROUTING = "PP RUEHAG RUEHROV\nRUEHBC RUEHDE"
DE = "DE RUEHTL #0412/01 0731025"
SECURITY = "ZNY CCCCC ZZH"
DTG = "P 131025Z MAR 08"
RECIPIENTS = ("TO RUEHC/SECSTATE WASHDC PRIORITY 0958\n"
              "INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY\n"
              "RUEHRA/AMEMBASSY RIGA PRIORITY 0217")


def make_header(*, routing: str = ROUTING, de: str | None = DE, security: str = SECURITY, dtg: str = DTG,
                recipients: str = RECIPIENTS) -> str:
    """The transmission header, from VZCZC to the last addressee; *de* None leaves the DE line out."""
    lines = ["VZCZCXRO5127", routing]
    if de:
        lines.append(de)
    lines += [security, dtg, "FM AMEMBASSY TALLINN", recipients]
    return "\n".join(lines) + "\n"


HEADER = make_header()

# --------------------------------------------------------------------------- banner and head

BANNER = "C O N F I D E N T I A L TALLINN 000412"
EO = "E.O. 12958: DECL: 03/12/2018"
TAGS = "TAGS: PREL PGOV EN RS"
SUBJECT = "SUBJECT: ESTONIA: FOREIGN MINISTER PREVIEWS BALTIC\nSUMMIT AGENDA"
REF = "REF: A. TALLINN 388 B. 07 STATE 45120"
CLBY = "Classified By: Ambassador Margaret R. Dunmore for reasons 1.4 (b) and (d)"

TAG_CODES = ["PREL", "PGOV", "EN", "RS"]
SUBJECT_CLEAN = "ESTONIA: FOREIGN MINISTER PREVIEWS BALTIC SUMMIT AGENDA"


def make_head(*, caveats: tuple[str, ...] = ("SIPDIS",), offices: tuple[str, ...] = (),
              eo: str | None = EO, tags: str | None = TAGS, subject: str | None = SUBJECT,
              ref: str | None = REF, clby: str | None = CLBY) -> str:
    """The head: one block a caveat, the office lines, E.O./TAGS/SUBJECT, REF, Classified By.

    Blocks are separated by a blank line; a field given as None (or empty) is left out.
    """
    blocks = list(caveats)
    if offices:
        blocks.append("\n".join(offices))
    fields = [x for x in (eo, tags, subject) if x]
    if fields:
        blocks.append("\n".join(fields))
    blocks += [x for x in (ref, clby) if x]
    return "\n\n".join(blocks) + "\n"


# --------------------------------------------------------------------------- body

P1 = """\
1. (C) Summary: Foreign Minister Kask told the Ambassador on
March 12 that Tallinn will press for a joint energy statement
at the summit. End Summary."""
HEADING = "The View From Tallinn"
P2 = """\
2. (C) Kask said the summit would open with a session on
regional security."""
P3 = "3. (U) Comment: Estonia wants visible results. End Comment."

SUMMARY = (
    "Foreign Minister Kask told the Ambassador on March 12 that Tallinn will press "
    "for a joint energy statement at the summit."
)
P2_CLEAN = "Kask said the summit would open with a session on regional security."


def paras(*items: str) -> str:
    """Blocks separated by one blank line, ending in a newline."""
    return "\n\n".join(items) + "\n"


BODY = paras(P1, HEADING, P2, P3)


# --------------------------------------------------------------------------- the cable

def cable(*, header: str | None = HEADER, banner: str | None = BANNER, head: str | None = None,
          body: str | None = BODY, signer: str | None = "DUNMORE") -> str:
    """Compose a cable; parts are separated by one blank line, a part given as None is left out.

    *head* None is the default head (:func:`make_head`), not none; pass ``""`` for a cable without one.
    """
    if head is None:
        head = make_head()
    parts = [header, banner, head, body, signer]
    return "\n".join(p.rstrip("\n") + "\n" for p in parts if p)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based number of the nth line that contains *needle*."""
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{needle!r} not in text")


def clean(text: str, **kwargs: object) -> Cable:
    """``normalize(parse(text, **kwargs))``."""
    return normalize(parse(text, **kwargs))  # type: ignore[arg-type]
