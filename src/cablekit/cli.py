"""The ``cablekit`` command line.

``cablekit parse [--strict] [--json] [INPUT ...]`` parses each cable of the
inputs (files, directories, globs, standard input when none is given or for
``-``; a ``cables.csv`` or a JSON-lines file holds many) and prints a one-line
summary of each cable followed by every defect lenient mode repaired, one per
line, as ``FILE:LINE: CODE: message`` so that editors and ``grep`` can use
them; a cable that is one of several in its file is named ``FILE#N`` and its
lines counted from its own first line.

``cablekit convert INPUT ... -o OUT`` writes a whole archive as JSON lines,
Parquet tables, an SQLite database or a folder of files, on every core (with
``--to chunks``, each cable's chunks for search and language models);
``cablekit audit INPUT ...`` reports what an archive holds and how well it
reads.  Both show progress on a terminal and end with a summary on standard
error.

Exit status: 0 when every input parsed (also when the reader of the output
went away, ``cablekit parse … | head``), 1 when ``--strict`` rejected at least
one cable, 2 for a usage error or an input that could not be read (the others
are still read), 130 when interrupted (Ctrl-C), after a one-line note and no
traceback; what ``convert`` wrote until then stays valid.  Output that the
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
import contextlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from . import __version__
from .consistency import Consistency
from .errors import CableParseError
from .model import Cable, Defect, Mode

if TYPE_CHECKING:
    from .chunking import Chunker
    from .io import Record
    from .job import Parsed, Summary

__all__ = ["main"]

_STDIN = "-"
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
    _add_check(parse_cmd)
    parse_cmd.add_argument(
        "--json", action="store_true",
        help="print one JSON object per cable instead of the text summary",
    )
    parse_cmd.add_argument(
        "files", nargs="*", metavar="FILE",
        help="a cable text file, or '-' for standard input",
    )
    parse_cmd.set_defaults(run=_run_parse)
    _add_convert(commands)
    _add_audit(commands)
    return parser


def _add_inputs(command: argparse.ArgumentParser) -> None:
    """The input options every archive command shares."""
    command.add_argument(
        "inputs", nargs="*", metavar="INPUT",
        help="a file, a directory (walked recursively), a glob pattern ('cables/**/*.html', quoted), "
        "or '-' for standard input; .gz files are read as what they hold",
    )
    command.add_argument(
        "--files-from", metavar="FILE", action="append", default=[],
        help="read more input paths from FILE, one per line ('-': standard input)",
    )
    command.add_argument(
        "--input-format", choices=_INPUT_FORMATS, default=None,
        help="how to read the inputs (default: from each file's suffix, else from its content)",
    )
    command.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N",
                         help="worker processes (default: one per core)")
    command.add_argument("--strict", action="store_true",
                         help="reject every cable that needs repair instead of repairing it")
    _add_check(command)
    command.add_argument("--quiet", "-q", action="store_true",
                         help="no progress bar and no summary")


def _add_convert(commands: Any) -> None:
    convert = commands.add_parser(
        "convert",
        help="convert an archive to JSON lines, Parquet, SQLite or a folder of files",
        description="Parse every cable of the INPUTs and write them to OUT: JSON lines (.jsonl, or '-' for "
        "standard output), Parquet tables (.parquet: a folder of one file per table), an SQLite database "
        "(.sqlite, .db) with a full-text index, or with --format a folder of one file per cable.  "
        "With --to chunks, each cable's chunks for search and language models (paragraph-aware pieces "
        "with their cable id, paragraph numbers, heading and marking) are written instead, one per JSON "
        "line, or one per row of a 'chunks' table when OUT ends in .parquet (one Parquet file) or "
        ".sqlite/.db (with a full-text index).  "
        "Exit status: 0 all parsed, 1 --strict rejected some, 2 a usage error or an unreadable input, "
        "130 interrupted (what was written stays valid).",
    )
    _add_inputs(convert)
    convert.add_argument("-o", "--output", required=True, metavar="OUT", help="where to write")
    convert.add_argument("--to", choices=(*_OUTPUTS, "chunks"), default=None,
                         help="the output's kind (default: from OUT's suffix); 'chunks' writes chunks in the "
                         "container OUT's suffix names (.parquet, .sqlite, .db; any other: JSON lines)")
    convert.add_argument("--format", dest="serializer", default=None, metavar="NAME",
                         help="write each cable with this serializer (markdown, text, json, a plugin) "
                         "into the folder OUT")
    convert.add_argument("--normalize", action="store_true", help="write normalized cables")
    convert.add_argument("--errors", metavar="FILE", default=None,
                         help="write what --strict rejected to FILE, one JSON object per line")
    convert.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    _add_chunk_options(convert)
    convert.set_defaults(run=_run_convert)


def _add_chunk_options(convert: argparse.ArgumentParser) -> None:
    chunking = convert.add_argument_group("chunks (with --to chunks)")
    chunking.add_argument("--max-chars", type=_positive, default=None, metavar="N",
                          help="the longest chunk, in characters (default: 1500, about 375 tokens)")
    chunking.add_argument("--overlap", type=_count, default=None, metavar="N",
                          help="repeat up to N characters of a paragraph cut between two chunks (default: 0)")
    chunking.add_argument("--head", action="append", choices=("subject", "summary"), default=None,
                          help="also make a chunk of the subject or the summary (repeatable)")
    chunking.add_argument("--marking", action="append", default=None, metavar="LEVEL",
                          help="keep only paragraphs of these levels: U, SBU, LOU, C, S, TS (repeatable, or "
                          "comma-separated; an unmarked paragraph counts at the cable's classification)")
    chunking.add_argument("--exclude-heading", action="append", default=None, metavar="HEADING",
                          help="leave out the paragraphs under this section heading, e.g. Comment (repeatable)")


def _add_audit(commands: Any) -> None:
    audit = commands.add_parser(
        "audit",
        help="what an archive holds and how well it reads",
        description="Parse every cable of the INPUTs and report, per field, how many cables yield it, "
        "the defects by code and the worst cables; with --html, also as a one-page report.",
    )
    _add_inputs(audit)
    audit.add_argument("--html", metavar="FILE", default=None, help="also write the report as an HTML page")
    audit.add_argument("--worst", type=_positive, default=10, metavar="N", help="how many worst cables to list")
    audit.set_defaults(run=_run_audit)


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 0, not {value!r}")
    return number


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return number


def _exit_code(code: str | int | None) -> int:
    if code is None:
        return _EXIT_OK
    if isinstance(code, int):
        return code
    return _EXIT_USAGE


def _add_check(command: argparse.ArgumentParser) -> None:
    command.add_argument("--check", choices=[c.value for c in Consistency], default=Consistency.RECORD.value,
                         help="the consistency checks (facts a cable states twice that disagree): record them as "
                         "inconsistent-... defects (default), turn them off, or make them fatal to --strict")


def _run_parse(args: argparse.Namespace) -> int:
    from .io import read

    status = _EXIT_OK
    mode = Mode.STRICT if args.strict else Mode.LENIENT
    unreadable = _Unreadable()
    for record in read(args.files or [_STDIN], on_error=unreadable):
        name = record.key
        try:
            cable = record.parse(mode=mode, check=args.check)
        except CableParseError as error:
            _report_rejection(name, error, sys.stderr)
            status = max(status, _EXIT_REJECTED)
            continue
        if args.json:
            print(json.dumps(_as_json(name, cable)))
        else:
            _report_cable(name, cable, sys.stdout)
    return max(status, _EXIT_USAGE) if unreadable.count else status


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


# --- archives: convert and audit ------------------------------------------------

_INPUT_FORMATS = ("text", "html", "csv", "jsonl", "json")
_OUTPUTS = ("jsonl", "parquet", "sqlite", "folder")


class _Unreadable:
    """Reports each input that cannot be read, and remembers that one could not."""

    def __init__(self, summary: Summary | None = None) -> None:
        self.count = 0
        self.summary = summary

    def __call__(self, source: str, error: Exception) -> None:
        self.count += 1
        if self.summary is not None:
            self.summary.unreadable += 1
        print(f"cablekit: error: {error}", file=sys.stderr)


def _sources(args: argparse.Namespace) -> list[str] | None:
    """The inputs named on the command line and in --files-from files; None (after a message) when unreadable."""
    from .io import paths_from

    sources = list(args.inputs)
    for listing in args.files_from:
        try:
            if listing == _STDIN:
                sources.extend(paths_from(sys.stdin))
            else:
                with open(listing, encoding="utf-8") as stream:
                    sources.extend(paths_from(stream))
        except OSError as error:
            print(f"cablekit: error: cannot read {listing}: {error.strerror or error}", file=sys.stderr)
            return None
    if not sources and not args.files_from:
        sources = [_STDIN]
    return sources


def _records(args: argparse.Namespace, unreadable: _Unreadable) -> Iterator[Record] | None:
    from .io import read

    sources = _sources(args)
    if sources is None:
        return None
    return read(sources, format=args.input_format, on_error=unreadable)


def _status(summary: Summary, unreadable: _Unreadable) -> int:
    if unreadable.count:
        return _EXIT_USAGE
    return _EXIT_REJECTED if summary.rejected else _EXIT_OK


_CHUNK_OPTIONS = ("max_chars", "overlap", "head", "marking", "exclude_heading")


def _chunker(args: argparse.Namespace) -> Chunker | None:
    """The chunking options of ``--to chunks``; None for other outputs.

    Raises:
        ValueError: A chunk option is given without ``--to chunks``, or is out of range.
    """
    from .chunking import Chunker

    given = [name for name in _CHUNK_OPTIONS if getattr(args, name) is not None]
    if args.to != "chunks":
        if given:
            raise ValueError(f"--{given[0].replace('_', '-')} is an option of --to chunks")
        return None
    levels = None if args.marking is None else [v for value in args.marking for v in value.split(",") if v.strip()]
    return Chunker(max_chars=1500 if args.max_chars is None else args.max_chars, overlap=args.overlap or 0,
                   head=args.head or (), markings=levels, exclude_headings=args.exclude_heading or ())


def _run_convert(args: argparse.Namespace) -> int:
    from .job import Summary, convert
    from .outputs import open_output

    summary = Summary()
    unreadable = _Unreadable(summary)
    try:
        output = open_output(args.output, to=args.to, serializer=args.serializer, overwrite=args.overwrite,
                             chunker=_chunker(args))
    except FileExistsError:
        print(f"cablekit: error: {args.output} exists: pass --overwrite to replace it", file=sys.stderr)
        return _EXIT_USAGE
    except (OSError, ValueError, ImportError) as error:
        print(f"cablekit: error: {error}", file=sys.stderr)
        return _EXIT_USAGE
    try:
        with output, _Rejections(args.errors) as rejections:
            records = _records(args, unreadable)
            if records is None:
                return _EXIT_USAGE
            with _progress(args.quiet) as advance:
                def seen(parsed: Parsed[Any]) -> None:
                    rejections.add(parsed)
                    advance()

                try:
                    convert(records, output, jobs=args.jobs, mode=_mode_of(args), normalize=args.normalize,
                            on_parsed=seen, summary=summary, check=args.check)
                except KeyboardInterrupt:
                    _print_summary(summary, args.quiet, interrupted=True)
                    raise
    except (OSError, ValueError) as error:  # the output (or the --errors file) could not be written
        _print_summary(summary, args.quiet)
        print(f"cablekit: error: {error}", file=sys.stderr)
        return _EXIT_USAGE
    _print_summary(summary, args.quiet)
    if not args.quiet:
        chunks = f"{output.chunks:,} chunks of " if output.chunker is not None else ""
        print(f"cablekit: wrote {chunks}{output.written:,} cables to {args.output}", file=sys.stderr)
    return _status(summary, unreadable)


def _run_audit(args: argparse.Namespace) -> int:
    from .audit import Audit
    from .job import Summary, parse_records

    summary = Summary()
    unreadable = _Unreadable(summary)
    records = _records(args, unreadable)
    if records is None:
        return _EXIT_USAGE
    audit = Audit(worst=args.worst)
    with _progress(args.quiet) as advance:
        for parsed in parse_records(records, jobs=args.jobs, mode=_mode_of(args), check=args.check):
            summary.add(parsed)
            if parsed.rejected is not None:
                audit.add_rejected(parsed.key, CableParseError.from_defects(list(parsed.rejected)))
            elif isinstance(parsed.value, Cable):
                audit.add(parsed.value, source=parsed.key)
            advance()
    print(audit.render_text(width=shutil.get_terminal_size((100, 24)).columns))
    if args.html:
        try:
            with open(args.html, "w", encoding="utf-8") as page:
                page.write(audit.render_html())
        except OSError as error:
            print(f"cablekit: error: cannot write {args.html}: {error.strerror or error}", file=sys.stderr)
            return _EXIT_USAGE
    _print_summary(summary, args.quiet)
    return _status(summary, unreadable)


def _mode_of(args: argparse.Namespace) -> Mode:
    return Mode.STRICT if args.strict else Mode.LENIENT


def _print_summary(summary: Summary, quiet: bool, *, interrupted: bool = False) -> None:
    if quiet:
        return
    lines = summary.lines()
    if interrupted:
        lines[0] = "interrupted after " + lines[0]
    print("\n".join(f"cablekit: {line}" if n == 0 else line for n, line in enumerate(lines)), file=sys.stderr)


class _Rejections:
    """The ``--errors`` file: each rejected record as one JSON object per line."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.stream: TextIO | None = None

    def __enter__(self) -> _Rejections:
        if self.path is not None:
            self.stream = open(self.path, "w", encoding="utf-8")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.stream is not None:
            self.stream.close()

    def add(self, parsed: Parsed[Any]) -> None:
        if self.stream is None or parsed.rejected is None:
            return
        entry = {"key": parsed.key, "source": parsed.source, "row": parsed.row, "message": parsed.message,
                 "defects": [{"code": d.code, "line": d.line, "column": d.column, "message": d.message,
                              "text": d.text} for d in parsed.rejected]}
        self.stream.write(json.dumps(entry, ensure_ascii=False) + "\n")


@contextlib.contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[], None]]:
    """A progress display on a terminal's standard error (rich's); nothing on a pipe, with --quiet or without rich."""
    if quiet or not sys.stderr.isatty():
        yield lambda: None
        return
    try:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    except ImportError:
        yield lambda: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.completed:,} cables"), TimeElapsedColumn(),
               TextColumn("{task.fields[rate]}"))
    with Progress(*columns, transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("parsing", total=None, rate="")

        def advance() -> None:
            speed = bar.tasks[0].speed
            bar.update(task, advance=1, rate=f"{speed:,.0f} cables/s" if speed else "")

        yield advance


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)
