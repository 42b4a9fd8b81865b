"""cablekit: parse, repair and serialize US diplomatic cables.

>>> import cablekit
>>> cable = cablekit.parse("UNCLAS SECTION 01 OF 02 STATE 019876\\n\\nSUBJECT: TEST\\n")
>>> cable.banner.origin, cable.subject
('STATE', 'TEST')
"""

from __future__ import annotations

from .chunking import Chunk, Chunker, ChunkKind, chunks
from .consistency import Consistency
from .defects import DEFECT_CODES, DefectCode, DefectKind
from .errors import CableError, CableLoadError, CableParseError, FormatError
from .formats import Reader, Serializer, dumps, loads, register_serializer, serializers
from .identity import canonical_id
from .model import (
    Banner,
    Cable,
    Classification,
    Classifier,
    Defect,
    ExecutiveOrder,
    Header,
    Metadata,
    Mode,
    Paragraph,
    Precedence,
    Recipient,
    Reference,
    ReferenceKind,
    Station,
    StationKind,
    Tag,
    TagKind,
)
from .normalize import normalize
from .parser import parse
from .references import reference_kind
from .stations import station, station_table
from .tags import tag, tag_table
from .tokens import Token, TokenKind, tokenize

__version__ = "0.1.0"

__all__ = [
    "DEFECT_CODES",
    "Banner",
    "Cable",
    "CableError",
    "CableLoadError",
    "CableParseError",
    "Chunk",
    "ChunkKind",
    "Chunker",
    "Classification",
    "Classifier",
    "Consistency",
    "Defect",
    "DefectCode",
    "DefectKind",
    "ExecutiveOrder",
    "FormatError",
    "Header",
    "Metadata",
    "Mode",
    "Paragraph",
    "Precedence",
    "Reader",
    "Recipient",
    "Reference",
    "ReferenceKind",
    "Serializer",
    "Station",
    "StationKind",
    "Tag",
    "TagKind",
    "Token",
    "TokenKind",
    "canonical_id",
    "chunks",
    "dumps",
    "loads",
    "normalize",
    "parse",
    "reference_kind",
    "register_serializer",
    "serializers",
    "station",
    "station_table",
    "tag",
    "tag_table",
    "tokenize",
]
