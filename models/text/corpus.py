"""Read patent texts: generated JSON lines (`scripts/models/text-corpus.ts`) or the KIPRIS CSV."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PatentText:
    title: str
    abstract: str
    # IPC codes as written, for example "H04W 4/70".
    ipc: tuple[str, ...]

    @property
    def text(self) -> str:
        """Title and abstract joined the way the benchmark embeds them."""
        return f"{self.title}. {self.abstract}" if self.title else self.abstract


def read_generated(path: Path) -> list[PatentText]:
    """Read the JSON lines written by scripts/models/text-corpus.ts."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            item = json.loads(line)
            rows.append(PatentText(item["title"], item["abstract"], tuple(split_ipc(item["ipc"]))))
    if not rows:
        raise SystemExit(f"{path} contains no patent texts; regenerate it with scripts/models/text-corpus.ts")
    return rows


def read_kipris(path: Path) -> list[PatentText]:
    """Read patents with a non-empty abstract from a KIPRIS Plus CSV (patents_kipris_plus.csv)."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            abstract = (record.get("Abstract") or "").strip()
            if not abstract:
                continue
            ipc = split_ipc(record.get("InternationalpatentclassificationNumber") or "")
            rows.append(PatentText((record.get("InventionName") or "").strip(), abstract, tuple(ipc)))
    return rows


def split_ipc(value: str) -> list[str]:
    return [code.strip() for code in value.split("|") if code.strip()]


def read_corpus(path: Path) -> list[PatentText]:
    """Read either format, chosen by the file extension (.jsonl or .csv)."""
    if path.suffix == ".csv":
        return read_kipris(path)
    return read_generated(path)
