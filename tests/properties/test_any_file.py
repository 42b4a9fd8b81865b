"""Any file at all: the readers report what they cannot read and never raise; every record they give parses.

The bytes are drawn from text a file of each format might hold (cable lines, CSV rows, JSON lines, a page)
mixed with arbitrary bytes, and written under each suffix the readers know, compressed or not.
"""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablekit import Cable
from cablekit.io import SUFFIXES, SourceError, read
from cablekit.job import parse_records

_PIECES = [
    b"UNCLAS ROME 000123\n", b"SUBJECT: TALKS\n", b"1. (C) Text.\n", b"VZCZCXRO1234\n", b"DE RUEHRO #0123 0461502\n",
    b'"1","2008-01-02 10:00","08ROME123","Embassy Rome","UNCLASSIFIED","08STATE1","","UNCLAS ROME 000123"\n',
    b'"2","2008-01-02 10:00","08ROME124",', b'\\"', b"\\\\", b'""', b"\r\n", b"\r", b",",
    b'{"reference_id": "08ROME123", "html": "<pre>UNCLAS ROME 000123</pre>"}\n', b'{"text": 1}\n', b"[", b"]", b"{",
    b"<table class='cable'><tr><td>08ROME123</td></tr></table><pre>", b"</pre>", b"&#x000A;",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xc9", b"\x1f\x8b", b"\x93TALKS\x94",
]
_BYTES = st.lists(st.one_of(st.sampled_from(_PIECES), st.binary(max_size=30)), max_size=30).map(b"".join)
_SUFFIX = st.sampled_from([*SUFFIXES, ".dat", ""])


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_BYTES, suffix=_SUFFIX, compressed=st.booleans())
def test_any_file_is_read_without_raising_and_every_record_parses(data: bytes, suffix: str, compressed: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}{'.gz' if compressed else ''}"
        path.write_bytes(gzip.compress(data) if compressed else data)
        errors: list[tuple[str, Exception]] = []
        records = list(read([str(path)], on_error=lambda source, error: errors.append((source, error))))
        assert all(isinstance(error, SourceError) for _, error in errors)
        assert all(source == str(path) for source, _ in errors)
        keys = [record.key for record in records]
        assert len(keys) == len(set(keys))
        for record in records:
            assert isinstance(record.parse(), Cable)
        # the same file through the job (one process: the workers' path is tested in test_read_in_workers.py)
        parsed = list(parse_records(read([str(path)], on_error=lambda source, error: None), jobs=1))
        assert [p.key for p in parsed] == keys
