"""The ``cablekit`` command line.

``cablekit parse [--strict] [--json] [FILE ...]`` parses each file (standard
input when no file or ``-`` is given) and prints a one-line summary of the
cable followed by every defect lenient mode repaired, one per line, as
``FILE:LINE: CODE: message`` so that editors and ``grep`` can use them.

Exit status: 0 when every input parsed (also when the reader of the output
went away, ``cablekit parse … | head``), 1 when ``--strict`` rejected at least
one input, 2 for a usage error or a file that could not be read, 130 when
interrupted (Ctrl-C), after a one-line note and no traceback.  Output that the
terminal's encoding cannot show is written with backslash escapes, never an
error.

This is the only module of cablekit that prints.

>>> from cablekit.cli import main
>>> main(["--version"])  # doctest: +ELLIPSIS
cablekit ...
0
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, TextIO

from . import __version__
from .errors import CableParseError
from .model import Cable, Defect, Mode
from .parser import parse

__all__ = ["main"]

_STDIN = "-"
_STDIN_NAME = "<stdin>"
_MISSING = "-"

_EXIT_OK = 0  # every input parsed
_EXIT_REJECTED = 1  # strict mode rejected at least one input
_EXIT_USAGE = 2  # a usage error, or an input that could not be read
_EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit status.

    Usage errors are reported by :mod:`argparse` on standard error and
    return 2; nothing here raises :class:`SystemExit`.
    """
    _escape_unencodable(sys.stdout)
    _escape_unencodable(sys.stderr)
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse's --help, --version and usage errors
        return _exit_code(exit_.code)
    try:
        status: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader of our output went away (``cablekit parse … | head``): it has what it
        # wanted, so stop quietly, and keep Python from complaining again at shutdown.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return _EXIT_OK
    except KeyboardInterrupt:
        print("cablekit: interrupted", file=sys.stderr)
        return _EXIT_INTERRUPTED
    return status


def _escape_unencodable(stream: TextIO) -> None:
    """Have *stream* write what its encoding cannot (a cable's ``¶`` on an ASCII terminal) as escapes."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
        reconfigure(errors="backslashreplace")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cablekit",
        description="Parse and repair US diplomatic cables.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", dest="command", required=True, metavar="COMMAND")

    parse_cmd = commands.add_parser(
        "parse",
        help="parse cables and report what had to be repaired",
        description="Parse each FILE (standard input when none is given, or for '-') and print "
        "a summary of the cable and one 'FILE:LINE: CODE: message' line per defect.",
    )
    parse_cmd.add_argument(
        "--strict", action="store_true",
        help="reject any cable that needs repair (exit status 1) instead of repairing it",
    )
    parse_cmd.add_argument(
        "--json", action="store_true",
        help="print one JSON object per cable instead of the text summary",
    )
    parse_cmd.add_argument(
        "files", nargs="*", metavar="FILE",
        help="a cable text file, or '-' for standard input",
    )
    parse_cmd.set_defaults(run=_run_parse)
    return parser


def _exit_code(code: str | int | None) -> int:
    if code is None:
        return _EXIT_OK
    if isinstance(code, int):
        return code
    return _EXIT_USAGE


def _run_parse(args: argparse.Namespace) -> int:
    status = _EXIT_OK
    mode = Mode.STRICT if args.strict else Mode.LENIENT
    for path in args.files or [_STDIN]:
        name = _STDIN_NAME if path == _STDIN else path
        try:
            text = _read(path)
        except OSError as error:
            reason = error.strerror or str(error)
            print(f"cablekit: error: cannot read {path}: {reason}", file=sys.stderr)
            status = max(status, _EXIT_USAGE)
            continue
        try:
            cable = parse(text, mode=mode)
        except CableParseError as error:
            _report_rejection(name, error, sys.stderr)
            status = max(status, _EXIT_REJECTED)
            continue
        if args.json:
            print(json.dumps(_as_json(name, cable)))
        else:
            _report_cable(name, cable, sys.stdout)
    return status


def _read(path: str) -> str:
    """Read a file (or standard input for ``-``) as UTF-8, falling back to Windows-1252."""
    if path == _STDIN:
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # a text-only stream, e.g. io.StringIO
            return sys.stdin.read()
        data: bytes = buffer.read()
    else:
        with open(path, "rb") as file:
            data = file.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old cables were often saved as Windows-1252.  Lenient parsing deals
        # with whatever is left; the five bytes cp1252 leaves undefined are
        # replaced rather than fatal.
        return data.decode("cp1252", errors="replace")


def _cable_date(cable: Cable) -> datetime | None:
    if cable.header is not None and cable.header.dtg is not None:
        return cable.header.dtg
    if cable.metadata is not None:
        return cable.metadata.created
    return None


def _short_iso(moment: datetime) -> str:
    """Format a time compactly in ISO 8601: ``2007-08-27T14:01Z``."""
    suffix = ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
        suffix = "Z"
    spec = "minutes" if moment.second == 0 and moment.microsecond == 0 else "seconds"
    return moment.isoformat(timespec=spec) + suffix


def _defect_line(name: str, defect: Defect) -> str:
    return f"{name}:{defect.line}: {defect.code}: {defect.message}"


def _report_cable(name: str, cable: Cable, out: TextIO) -> None:
    moment = _cable_date(cable)
    count = len(cable.paragraphs)
    fields = (
        cable.reference_id or _MISSING,
        _short_iso(moment) if moment is not None else _MISSING,
        cable.classification.name if cable.classification is not None else _MISSING,
        f"{count} paragraph" if count == 1 else f"{count} paragraphs",
    )
    print(f"{name}: {'  '.join(fields)}", file=out)
    print(f"  subject: {cable.subject or _MISSING}", file=out)
    for defect in cable.defects:
        print(_defect_line(name, defect), file=out)


def _report_rejection(name: str, error: CableParseError, out: TextIO) -> None:
    print(f"{name}: {error}", file=out)
    if len(error.defects) > 1:  # the message shows the first; list them all
        for defect in error.defects:
            print(_defect_line(name, defect), file=out)


def _as_json(name: str, cable: Cable) -> dict[str, Any]:
    moment = _cable_date(cable)
    return {
        "file": name,
        "reference_id": cable.reference_id,
        "date": moment.isoformat() if moment is not None else None,
        "classification": cable.classification.name if cable.classification is not None else None,
        "subject": cable.subject,
        "paragraphs": len(cable.paragraphs),
        "defects": [
            {"line": d.line, "code": d.code, "message": d.message} for d in cable.defects
        ],
    }
