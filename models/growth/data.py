"""Growth windows from the `exit.valuation-data` export (valuation-statements.arrow).

Growth between two fiscal years is the symmetric growth (x1 - x0) / ((|x0| + |x1|) / 2), which stays
finite through sign changes and zero bases, clipped to [-CLIP, CLIP]. Both years zero gives 0; a
missing amount in either year makes the growth missing (value 0, mask 0). The engine computes the
same inputs in engine/value/growth-inputs.ts; change both together and bump FEATURE_SCHEMA.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow.ipc as ipc

ITEMS = ["revenue", "liabilities", "equity", "net_income", "operating_income", "cash", "depreciation"]
STEPS = 3
CLIP = 1.0
FEATURE_SCHEMA = "symmetric-growth-v1"
SCHEMA_NAME = "exit.valuation-data"
SCHEMA_VERSION = "1"


def symmetric_growth(x0: float | None, x1: float | None) -> float | None:
    """Return the clipped symmetric growth from x0 to x1, or None when either amount is missing."""
    if x0 is None or x1 is None or np.isnan(x0) or np.isnan(x1):
        return None
    base = (abs(x0) + abs(x1)) / 2
    if base == 0:
        return 0.0
    return float(np.clip((x1 - x0) / base, -CLIP, CLIP))


def months(period: str) -> int:
    year, month = period.split("-")
    return int(year) * 12 + int(month)


@dataclass
class Company:
    key: str
    sector: str | None
    split: str
    periods: list[str]
    amounts: np.ndarray  # fiscal years x items, NaN where missing


def read_statements(path: Path) -> tuple[list[Company], str]:
    """Read the statements file; return companies and the SHA-256 of the file."""
    data = path.read_bytes()
    table = ipc.open_file(path).read_all()
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    if meta.get("exit.schema") != SCHEMA_NAME or meta.get("exit.schema_version") != SCHEMA_VERSION:
        raise ValueError(
            f"{path} has schema {meta.get('exit.schema')} v{meta.get('exit.schema_version')}, "
            f"expected {SCHEMA_NAME} v{SCHEMA_VERSION}; re-export with `exitbot export valuation-data`"
        )
    cols = table.to_pydict()
    companies: dict[str, Company] = {}
    rows: dict[str, list[tuple[str, list[float]]]] = {}
    for i, key in enumerate(cols["company"]):
        if key not in companies:
            companies[key] = Company(key, cols["sector"][i], cols["split"][i], [], np.empty(0))
            rows[key] = []
        values = [np.nan if cols[f"{item}_krw"][i] is None else cols[f"{item}_krw"][i] for item in ITEMS]
        rows[key].append((cols["period"][i], values))
    for key, company in companies.items():
        ordered = sorted(rows[key])
        company.periods = [period for period, _ in ordered]
        company.amounts = np.array([values for _, values in ordered], dtype=np.float64)
    return list(companies.values()), hashlib.sha256(data).hexdigest()


def growth_steps(company: Company) -> tuple[np.ndarray, np.ndarray]:
    """Return (growth, mask), one row per consecutive pair of fiscal years twelve months apart.

    A pair across a gap gets mask 0 on every item, so a missing year is never read as one year of growth.
    """
    n = len(company.periods)
    growth = np.zeros((max(n - 1, 0), len(ITEMS)), dtype=np.float32)
    mask = np.zeros_like(growth)
    for t in range(1, n):
        if months(company.periods[t]) - months(company.periods[t - 1]) != 12:
            continue
        for j in range(len(ITEMS)):
            g = symmetric_growth(company.amounts[t - 1, j], company.amounts[t, j])
            if g is not None:
                growth[t - 1, j] = g
                mask[t - 1, j] = 1.0
    return growth, mask


def model_input(growth: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Return the [STEPS, 2 * items] input from the last STEPS growth steps, left-padded with mask 0."""
    x = np.zeros((STEPS, 2 * len(ITEMS)), dtype=np.float32)
    last = growth[-STEPS:]
    last_mask = mask[-STEPS:]
    offset = STEPS - len(last)
    x[offset:, : len(ITEMS)] = last
    x[offset:, len(ITEMS) :] = last_mask
    return x


@dataclass
class Windows:
    x: np.ndarray  # windows x STEPS x 2*items
    y: np.ndarray  # windows x items
    y_mask: np.ndarray
    sector: list[str | None]
    company: list[str]


def windows(companies: list[Company], split: str) -> Windows:
    """Every (history, next growth) pair of a split with at least one observed input step and target."""
    xs, ys, ms, sectors, keys = [], [], [], [], []
    for company in companies:
        if company.split != split:
            continue
        growth, mask = growth_steps(company)
        for t in range(1, len(growth)):
            if mask[t].sum() == 0 or mask[max(0, t - STEPS) : t].sum() == 0:
                continue
            xs.append(model_input(growth[:t], mask[:t]))
            ys.append(growth[t])
            ms.append(mask[t])
            sectors.append(company.sector)
            keys.append(company.key)
    width = 2 * len(ITEMS)
    return Windows(
        np.array(xs, dtype=np.float32).reshape(-1, STEPS, width),
        np.array(ys, dtype=np.float32).reshape(-1, len(ITEMS)),
        np.array(ms, dtype=np.float32).reshape(-1, len(ITEMS)),
        sectors,
        keys,
    )
