"""Read the engine's training-data export and split it for next-patent training.

The export is `exitbot export training-data --out DIR`, which writes DIR/patent-sequences.arrow
(schema `exit.patent-sequences`, version 1, described in models/README.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

SCHEMA = "exit.patent-sequences"
SUPPORTED_VERSIONS = {1}


@dataclass
class PatentSequences:
    """All patents of the export as one vector table, and each company's rows into it, oldest first."""

    space_id: str
    dimension: int
    vectors: np.ndarray  # [P, D] float32, unit length, one row per distinct patent
    patent_ids: np.ndarray  # [P] int64, the store's patent id of each row of `vectors`
    company_ids: np.ndarray  # [C] int64
    sequences: list[np.ndarray]  # C arrays of row numbers into `vectors`, in filing order
    content_hash: str  # sha256 of space id, company ids, patent ids and vector bytes, in file order


def read_export(path: Path) -> PatentSequences:
    """Load DIR/patent-sequences.arrow (or the file itself) and check its schema name and version."""
    file = path / "patent-sequences.arrow" if path.is_dir() else path
    with pa.memory_map(str(file)) as source:
        table = pa.ipc.open_file(source).read_all()
    metadata = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    if metadata.get("exit.schema") != SCHEMA:
        raise ValueError(f"{file} is not an {SCHEMA} export (schema {metadata.get('exit.schema')!r})")
    version = int(metadata.get("exit.schema_version", "0"))
    if version not in SUPPORTED_VERSIONS:
        raise ValueError(f"{file} has schema version {version}; this code reads {sorted(SUPPORTED_VERSIONS)}")
    dimension = int(metadata["exit.dimension"])
    space_id = metadata["exit.space_id"]

    company_column = table.column("company_id").to_numpy().astype(np.int64)
    patent_column = table.column("patent_id").to_numpy().astype(np.int64)
    flat = table.column("vector").combine_chunks().flatten().to_numpy()
    all_vectors = flat.reshape(-1, dimension).astype(np.float32)

    digest = hashlib.sha256(space_id.encode())
    digest.update(company_column.astype("<i8").tobytes())
    digest.update(patent_column.astype("<i8").tobytes())
    digest.update(all_vectors.astype("<f4").tobytes())

    # A co-owned patent appears once per owner; keep one vector row per patent.
    patent_ids, first_rows, row_of = np.unique(patent_column, return_index=True, return_inverse=True)
    vectors = all_vectors[first_rows]
    boundaries = np.flatnonzero(np.diff(company_column)) + 1
    starts = np.concatenate([[0], boundaries])
    return PatentSequences(
        space_id=space_id,
        dimension=dimension,
        vectors=vectors,
        patent_ids=patent_ids,
        company_ids=company_column[starts],
        sequences=np.split(row_of, boundaries),
        content_hash=digest.hexdigest(),
    )


@dataclass
class HeldOutSplit:
    """Leave-one-out per company: last patent for test, the one before for validation.

    Companies with fewer than 3 patents only train. `train[c]` ends before the validation patent.
    """

    train: list[np.ndarray]
    valid: np.ndarray  # [C] row of the validation patent, -1 when none
    test: np.ndarray  # [C] row of the test patent, -1 when none


def leave_one_out(data: PatentSequences) -> HeldOutSplit:
    train = [s[:-2] if len(s) >= 3 else s for s in data.sequences]
    valid = np.array([s[-2] if len(s) >= 3 else -1 for s in data.sequences])
    test = np.array([s[-1] if len(s) >= 3 else -1 for s in data.sequences])
    return HeldOutSplit(train, valid, test)
