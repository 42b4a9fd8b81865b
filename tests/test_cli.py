"""Tests of the ``cablekit`` command line.

Most tests replace ``cablekit.cli.parse`` with a fake that returns hand-built
cables (or raises), so they test the command line alone: argument handling,
input reading and decoding, the output formats and the exit status.  The
end-to-end tests at the bottom run the real parser on ``examples/``.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import cablekit
import cablekit.io
from cablekit import cli
from cablekit.model import (
    Cable,
    Classification,
    Defect,
    Header,
    Metadata,
    Mode,
    Paragraph,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

DTG = datetime(2007, 8, 27, 14, 1, tzinfo=UTC)

FULL = Cable(
    reference_id="07MOSCOW4185",
    header=Header(transmission_id="VZCZCXRO1093", station="RUEHMO", station_serial=4185, dtg=DTG),
    classification=Classification.CONFIDENTIAL,
    subject="SCO: NO PLANS TO EXPAND, BUT GETTING INVOLVED IN REGION",
    paragraphs=tuple(Paragraph(number=n, marker=f"{n}.", text=f"Paragraph {n}.", line=20 + n)
                     for n in range(1, 9)),
    defects=(
        Defect(code="link-artifact", message="Markdown link debris '[EAID](#)' removed", line=19,
               text="TAGS: [EAID](#)"),
        Defect(code="page-break", message="page-break line left out of paragraph 1", line=27,
               text="MOSCOW 00004185 001.2 OF 002"),
    ),
)

DEFECTS = (
    Defect(code="paragraph-marker-punctuation", message="paragraph marker '2,' is malformed (expected '2.')",
           line=3, column=2, text="2, (C) Second."),
    Defect(code="page-break", message="a page-break line inside the text", line=9,
           text="STATE 00019876 002 OF 002"),
)


class FakeParse:
    """Stands in for ``cablekit.parse``: records its calls, answers from a table."""

    def __init__(self, answer: Callable[[str, Mode], Cable]) -> None:
        self.answer = answer
        self.calls: list[tuple[str, Any]] = []

    def __call__(self, text: str, *, mode: Mode | str = "lenient", reference_id: str | None = None,
                 metadata: Metadata | None = None, check: str = "record") -> Cable:
        self.calls.append((text, mode))
        return self.answer(text, Mode(mode))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[str, Mode], Cable]], FakeParse]:
    """Install a fake parse function where the command line looks it up."""

    def install(answer: Callable[[str, Mode], Cable]) -> FakeParse:
        fake_parse = FakeParse(answer)
        monkeypatch.setattr(cablekit.io, "_parse", fake_parse)  # what Record.parse calls
        return fake_parse

    return install


def rejecting(text: str, mode: Mode) -> Cable:
    """Strict mode rejects text that says REJECT; lenient mode returns FULL."""
    if mode is Mode.STRICT and "REJECT" in text:
        raise cablekit.CableParseError.from_defects(list(DEFECTS))
    return FULL


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


# --- the text summary -------------------------------------------------------


def test_summary_and_defect_lines(fake: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake(lambda text, mode: FULL)
    path = write(tmp_path, "cable.txt", "some cable text\n")

    assert cli.main(["parse", path]) == 0

    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == f"{path}: 07MOSCOW4185  2007-08-27T14:01Z  CONFIDENTIAL  8 paragraphs"
    assert lines[1] == "  subject: SCO: NO PLANS TO EXPAND, BUT GETTING INVOLVED IN REGION"
    assert lines[2:] == [
        f"{path}:19: link-artifact: Markdown link debris '[EAID](#)' removed",
        f"{path}:27: page-break: page-break line left out of paragraph 1",
    ]


def test_missing_values_get_placeholders(fake: Any, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    fake(lambda text, mode: Cable())
    path = write(tmp_path, "empty.txt", "")

    assert cli.main(["parse", path]) == 0

    out = capsys.readouterr().out
    assert out.splitlines() == [f"{path}: -  -  -  0 paragraphs", "  subject: -"]
    assert "None" not in out


def test_one_paragraph_is_singular(fake: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake(lambda text, mode: Cable(paragraphs=(Paragraph(text="Only one."),)))
    assert cli.main(["parse", write(tmp_path, "a.txt", "x")]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("  1 paragraph")


def test_date_falls_back_to_publication_metadata(fake: Any, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    created = datetime(2009, 11, 5, 3, 45, 30, tzinfo=UTC)
    fake(lambda text, mode: Cable(reference_id="09ASTANA1967", metadata=Metadata(created=created)))
    assert cli.main(["parse", write(tmp_path, "a.txt", "x")]) == 0
    assert "09ASTANA1967  2009-11-05T03:45:30Z  -" in capsys.readouterr().out


def test_header_dtg_wins_over_metadata(fake: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = datetime(2001, 1, 1, tzinfo=UTC)
    fake(lambda text, mode: Cable(
        header=Header(transmission_id="VZCZCXRO1", station="RUEHMO", station_serial=1, dtg=DTG),
        metadata=Metadata(created=other),
    ))
    assert cli.main(["parse", write(tmp_path, "a.txt", "x")]) == 0
    out = capsys.readouterr().out
    assert "2007-08-27T14:01Z" in out
    assert "2001" not in out


def test_several_files_in_order(fake: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake(lambda text, mode: Cable(subject=text.strip()))
    first = write(tmp_path, "first.txt", "ONE\n")
    second = write(tmp_path, "second.txt", "TWO\n")

    assert cli.main(["parse", first, second]) == 0

    out = capsys.readouterr().out
    assert out.index(f"{first}: ") < out.index("subject: ONE") < out.index(f"{second}: ")
    assert out.index(f"{second}: ") < out.index("subject: TWO")


# --- reading input ----------------------------------------------------------


def test_text_is_passed_unchanged(fake: Any, tmp_path: Path) -> None:
    fake_parse = fake(lambda text, mode: FULL)
    content = "C O N F I D E N T I A L MOSCOW 004185\r\n\r\n¶1. (C) Text — “quoted”.\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(content.encode("utf-8"))

    assert cli.main(["parse", str(path)]) == 0
    assert fake_parse.calls == [(content, Mode.LENIENT)]


def test_non_utf8_file_is_read_as_cp1252(fake: Any, tmp_path: Path) -> None:
    fake_parse = fake(lambda text, mode: FULL)
    path = write(tmp_path, "latin.txt", b"SUBJECT: CAF\xc9 \x93TALKS\x94\n")  # Windows-1252 bytes

    assert cli.main(["parse", path]) == 0
    assert fake_parse.calls[0][0] == "SUBJECT: CAFÉ “TALKS”\n"


def test_stdin_when_no_file(fake: Any, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    fake_parse = fake(lambda text, mode: FULL)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("SUBJECT: ÉTÉ\n".encode())))

    assert cli.main(["parse"]) == 0

    assert fake_parse.calls == [("SUBJECT: ÉTÉ\n", Mode.LENIENT)]
    out = capsys.readouterr().out
    assert out.startswith("<stdin>: 07MOSCOW4185  ")
    assert "<stdin>:19: link-artifact: " in out


def test_dash_reads_stdin_among_files(fake: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    fake_parse = fake(lambda text, mode: Cable(subject=text.strip()))
    monkeypatch.setattr(sys, "stdin", io.StringIO("FROM STDIN\n"))  # a text stream without .buffer
    path = write(tmp_path, "a.txt", "FROM FILE\n")

    assert cli.main(["parse", path, "-"]) == 0

    assert [text for text, _ in fake_parse.calls] == ["FROM FILE\n", "FROM STDIN\n"]
    out = capsys.readouterr().out
    assert "<stdin>: -  -  -  0 paragraphs\n  subject: FROM STDIN\n" in out


# --- exit status ------------------------------------------------------------


def test_strict_flag_selects_strict_mode(fake: Any, tmp_path: Path) -> None:
    fake_parse = fake(lambda text, mode: FULL)
    path = write(tmp_path, "a.txt", "x")
    assert cli.main(["parse", "--strict", path]) == 0
    assert cli.main(["parse", path]) == 0
    assert [mode for _, mode in fake_parse.calls] == [Mode.STRICT, Mode.LENIENT]


def test_strict_rejection_exits_1_and_keeps_going(fake: Any, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    fake(rejecting)
    bad = write(tmp_path, "bad.txt", "REJECT\n")
    good = write(tmp_path, "good.txt", "fine\n")

    assert cli.main(["parse", "--strict", bad, good]) == 1

    out, err = capsys.readouterr()
    # the rejected file: the error's own text (line, message, source and caret), prefixed by the file
    assert err.startswith(f"{bad}: line 3: paragraph marker '2,' is malformed (expected '2.')\n"
                          "    2, (C) Second.\n"
                          "     ^\n")
    # … and every problem found, one per line
    assert f"{bad}:3: paragraph-marker-punctuation: " in err
    assert f"{bad}:9: page-break: a page-break line inside the text" in err
    assert "Traceback" not in err
    # the other file was still parsed
    assert out.startswith(f"{good}: 07MOSCOW4185")
    assert bad not in out


def test_lenient_mode_accepts_what_strict_rejects(fake: Any, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    fake(rejecting)
    assert cli.main(["parse", write(tmp_path, "bad.txt", "REJECT\n")]) == 0
    assert capsys.readouterr().err == ""


def test_missing_file_is_one_line_error_and_exit_2(fake: Any, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    fake(lambda text, mode: FULL)
    missing = str(tmp_path / "no-such-cable.txt")
    good = write(tmp_path, "good.txt", "fine\n")

    assert cli.main(["parse", missing, good]) == 2

    out, err = capsys.readouterr()
    assert err == f"cablekit: error: {missing}: cannot open (No such file or directory)\n"
    assert out.startswith(f"{good}: 07MOSCOW4185")


def test_a_directory_is_walked(fake: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake(lambda text, mode: Cable(subject=text.strip()))
    (tmp_path / "sub").mkdir()
    write(tmp_path, "sub/b.txt", "SECOND\n")
    write(tmp_path, "a.txt", "FIRST\n")
    write(tmp_path, "notes.md", "not read\n")
    assert cli.main(["parse", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.index("subject: FIRST") < out.index("subject: SECOND") and "not read" not in out


def test_a_directory_with_nothing_to_read_is_an_error(fake: Any, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    fake(lambda text, mode: FULL)
    write(tmp_path, "notes.md", "not a cable\n")
    assert cli.main(["parse", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cablekit: error: {tmp_path}: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_unreadable_file_outranks_rejection(fake: Any, tmp_path: Path) -> None:
    fake(rejecting)
    bad = write(tmp_path, "bad.txt", "REJECT\n")
    assert cli.main(["parse", "--strict", bad, str(tmp_path / "missing.txt")]) == 2


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["parse", "--no-such-option"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: cablekit")
    assert "Traceback" not in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--strict" in out
    assert "--json" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"cablekit {cablekit.__version__}\n"


# --- JSON output ------------------------------------------------------------


def test_json_one_object_per_cable(fake: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake(lambda text, mode: FULL if "FULL" in text else Cable())
    full = write(tmp_path, "full.txt", "FULL\n")
    empty = write(tmp_path, "empty.txt", "\n")

    assert cli.main(["parse", "--json", full, empty]) == 0

    out, err = capsys.readouterr()
    assert err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert records == [
        {
            "file": full,
            "reference_id": "07MOSCOW4185",
            "date": "2007-08-27T14:01:00+00:00",
            "classification": "CONFIDENTIAL",
            "subject": "SCO: NO PLANS TO EXPAND, BUT GETTING INVOLVED IN REGION",
            "paragraphs": 8,
            "defects": [
                {"line": 19, "code": "link-artifact", "message": "Markdown link debris '[EAID](#)' removed"},
                {"line": 27, "code": "page-break", "message": "page-break line left out of paragraph 1"},
            ],
        },
        {
            "file": empty,
            "reference_id": None,
            "date": None,
            "classification": None,
            "subject": None,
            "paragraphs": 0,
            "defects": [],
        },
    ]


def test_json_strict_rejection_goes_to_stderr(fake: Any, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    fake(rejecting)
    bad = write(tmp_path, "bad.txt", "REJECT\n")
    good = write(tmp_path, "good.txt", "fine\n")

    assert cli.main(["parse", "--json", "--strict", bad, good]) == 1

    out, err = capsys.readouterr()
    assert [json.loads(line)["file"] for line in out.splitlines()] == [good]
    assert err.startswith(f"{bad}: line 3: ")


def test_classification_name_not_value(fake: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake(lambda text, mode: Cable(classification=Classification.TOP_SECRET))
    path = write(tmp_path, "a.txt", "x")
    assert cli.main(["parse", path]) == 0
    assert cli.main(["parse", "--json", path]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{path}: -  -  TOP_SECRET  0 paragraphs"
    assert json.loads(out[2])["classification"] == "TOP_SECRET"


# --- end to end, with the real parser ---------------------------------------

# Facts stated by the seed set's expected files for the cables in examples/.
EXAMPLE_FACTS = [
    ("07ASTANA2819", "UNCLASSIFIED", "2007-10-15T12:15Z",
     "KAZAKHSTAN: MFA ADVISOR DISCUSSES SHANGHAI COOPERATION ORGANIZATION"),
    ("07ASTANA604", "CONFIDENTIAL", "2007-03-07T05:17Z",
     "BOUCHER COVERS DEMOCRATIC REFORM, REGIONAL DEVELOPMENT, ECONOMIC COOPERATION "
     "WITH KAZAKHSTANI LEADERSHIP"),
    ("07MOSCOW4185", "CONFIDENTIAL", "2007-08-27T14:01Z",
     "SCO: NO PLANS TO EXPAND, BUT GETTING INVOLVED IN REGION"),
    ("09ASTANA1166", "CONFIDENTIAL", "2009-07-13T03:53Z",
     "KAZAKHSTAN: UNDER SECRETARY BURNS'S JULY 10 MEETING WITH FOREIGN MINISTER TAZHIN"),
    ("09ASTANA1967", "CONFIDENTIAL", "2009-11-05T03:45Z",
     "KAZAHKSTAN: DAS KROL COMPARES NOTES WITH ASTANA'S SECURITY COUNCIL"),
]


def test_examples_are_the_ones_listed() -> None:
    assert sorted(p.stem for p in EXAMPLES.glob("*.txt")) == sorted(facts[0] for facts in EXAMPLE_FACTS)


@pytest.mark.parametrize(("reference_id", "classification", "date", "subject"), EXAMPLE_FACTS,
                         ids=[facts[0] for facts in EXAMPLE_FACTS])
def test_example_end_to_end(reference_id: str, classification: str, date: str, subject: str,
                            capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / f"{reference_id}.txt")

    assert cli.main(["parse", path]) == 0

    out, err = capsys.readouterr()
    assert err == ""
    head, subject_line, *defect_lines = out.splitlines()
    assert head.startswith(f"{path}: {reference_id}  {date}  {classification}  ")
    assert head.endswith(" paragraphs")
    assert int(head.rsplit(" ", 2)[1]) > 0
    assert subject_line == f"  subject: {subject}"
    for line in defect_lines:  # every defect is FILE:LINE: CODE: message with a documented code
        assert line.startswith(f"{path}:")
        line_no, code, message = line[len(path) + 1:].split(": ", 2)
        assert int(line_no) >= 1
        assert code in cablekit.DEFECT_CODES
        assert message.strip()


def test_example_json_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "07MOSCOW4185.txt")
    assert cli.main(["parse", "--json", path]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["reference_id"] == "07MOSCOW4185"
    assert record["classification"] == "CONFIDENTIAL"
    assert record["date"] == "2007-08-27T14:01:00+00:00"
    assert record["paragraphs"] > 0
    # the published text carries Markdown link debris ("TAGS: [EAID](#) …"): lenient mode says so
    assert "link-artifact" in {d["code"] for d in record["defects"]}


def test_strict_rejects_damaged_example(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "07MOSCOW4185.txt")
    assert cli.main(["parse", "--strict", path]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{path}: line ")


def test_python_dash_m_cablekit() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cablekit", "parse", "examples/07MOSCOW4185.txt"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    head = result.stdout.splitlines()[0]
    assert head.startswith("examples/07MOSCOW4185.txt: 07MOSCOW4185  2007-08-27T14:01Z  CONFIDENTIAL  ")


# --------------------------------------------------------------------------- a command line that behaves


def _run_cli(*args: str, env: dict[str, str] | None = None, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    import os

    return subprocess.run([sys.executable, "-m", "cablekit", *args], capture_output=True, check=False,
                          env={**os.environ, **(env or {})}, **kwargs)


def test_output_on_a_terminal_that_cannot_encode_it_never_raises(tmp_path: Path) -> None:
    path = tmp_path / "pilcrow.txt"
    path.write_text("UNCLAS ROME 000123\n\nSUBJECT: CAF\u00c9 \u00b6 TALKS\n\n1. (U) Text.\n", encoding="utf-8")
    done = _run_cli("parse", str(path), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert b"CAF\\xc9 \\xb6 TALKS" in done.stdout and b"Traceback" not in done.stderr


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    import os

    paths = []
    for n in range(400):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"UNCLAS ROME {n:06d}\n\nSUBJECT: TALKS\n\n1. (U) Text.\n", encoding="utf-8")
        paths.append(str(path))
    read, write = os.pipe()
    with subprocess.Popen([sys.executable, "-m", "cablekit", "parse", *paths], stdout=write,
                          stderr=subprocess.PIPE) as process:
        os.close(write)
        with os.fdopen(read, "rb") as reader:
            reader.readline()  # as `| head -1` does, then go away
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0 and stderr == b""


def test_interrupted_exits_130_without_a_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(text: str, **_: Any) -> Cable:
        raise KeyboardInterrupt

    monkeypatch.setattr(cablekit.io, "_parse", interrupted)
    path = tmp_path / "a.txt"
    path.write_text("UNCLAS ROME 000123\n", encoding="utf-8")
    assert cli.main(["parse", str(path)]) == 130
    assert capsys.readouterr().err == "cablekit: interrupted\n"


# --------------------------------------------------------------------------- --check

_MIXED = "ZNY SSSSS ZZH\n\nC O N F I D E N T I A L TALLINN 000412\n"


@pytest.mark.parametrize(("options", "status", "flagged"), [
    ([], 0, True), (["--strict"], 0, True), (["--check", "off"], 0, False), (["--strict", "--check", "fatal"], 1, True),
])
def test_parse_check_option(tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], status: int,
                            flagged: bool) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text(_MIXED, encoding="utf-8")
    assert cli.main(["parse", *options, str(path)]) == status
    out, err = capsys.readouterr()
    assert ("inconsistent-classification" in out + err or "security line (line 1) says SECRET" in err) == flagged


def test_convert_and_audit_take_the_check_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text(_MIXED, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["convert", str(path), "-o", str(out), "--jobs", "1", "--check", "off", "-q"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["defects"] == []
    assert cli.main(["convert", str(path), "-o", str(out), "--jobs", "1", "--strict", "--check", "fatal", "-q",
                     "--overwrite"]) == 1
    capsys.readouterr()
    assert cli.main(["audit", str(path), "--jobs", "1", "-q"]) == 0
    audit = capsys.readouterr().out
    assert "inconsistent-classification" in audit[audit.index("Consistency checks"):]
