"""Regression samples from the `exit.valuation-data` export (valuation-companies.arrow).

Features are the engine's `regressionFeatures` values (columns f_*) plus one indicator per sector
with at least MIN_SECTOR_SIZE training companies, the same design as the engine's ridge fallback.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow.ipc as ipc

SCHEMA_NAME = "exit.valuation-data"
SCHEMA_VERSION = "1"
MIN_SECTOR_SIZE = 10


@dataclass
class Samples:
    x: np.ndarray
    cap: np.ndarray  # market capitalisation, KRW
    revenue: np.ndarray  # latest revenue, KRW (NaN when not reported)
    sector: list[str | None]
    company: list[str]


@dataclass
class Dataset:
    base_features: list[str]
    sectors: list[str]
    splits: dict[str, Samples]
    sha256: str

    @property
    def feature_names(self) -> list[str]:
        return self.base_features + [f"sector_{code}" for code in self.sectors]


def read_companies(path: Path) -> Dataset:
    table = ipc.open_file(path).read_all()
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    if meta.get("exit.schema") != SCHEMA_NAME or meta.get("exit.schema_version") != SCHEMA_VERSION:
        raise ValueError(
            f"{path} has schema {meta.get('exit.schema')} v{meta.get('exit.schema_version')}, "
            f"expected {SCHEMA_NAME} v{SCHEMA_VERSION}; re-export with `exitbot export valuation-data`"
        )
    base = json.loads(meta["exit.feature_names"])
    cols = table.to_pydict()
    usable = [
        i
        for i in range(table.num_rows)
        if cols["market_cap_krw"][i] is not None
        and cols["market_cap_krw"][i] > 0
        and all(cols[f"f_{name}"][i] is not None for name in base)
    ]
    train_sectors: dict[str, int] = {}
    for i in usable:
        if cols["split"][i] == "train" and cols["sector"][i]:
            train_sectors[cols["sector"][i]] = train_sectors.get(cols["sector"][i], 0) + 1
    sectors = sorted(code for code, count in train_sectors.items() if count >= MIN_SECTOR_SIZE)

    def samples(split: str) -> Samples:
        rows = [i for i in usable if cols["split"][i] == split]
        x = np.array(
            [[cols[f"f_{name}"][i] for name in base] + [1.0 if cols["sector"][i] == s else 0.0 for s in sectors] for i in rows],
            dtype=np.float64,
        ).reshape(len(rows), len(base) + len(sectors))
        revenue = [cols["latest_revenue_krw"][i] for i in rows]
        return Samples(
            x,
            np.array([cols["market_cap_krw"][i] for i in rows], dtype=np.float64),
            np.array([np.nan if r is None else r for r in revenue], dtype=np.float64),
            [cols["sector"][i] for i in rows],
            [cols["company"][i] for i in rows],
        )

    splits = {split: samples(split) for split in ("train", "validation", "test")}
    return Dataset(base, sectors, splits, hashlib.sha256(path.read_bytes()).hexdigest())
