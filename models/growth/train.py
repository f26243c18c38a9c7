"""Train the growth model: a small RNN and an LSTM over each company's last three years of growth.

Both predict the next fiscal year's symmetric growth of the seven items, trained with masked L1 loss
on the train split, the epoch chosen on the validation split, and compared on the test split with
carry-forward of the last growth and the sector median. The better of the two recurrent models is
exported to ONNX with metadata and a parity fixture.

    cd models && .venv/bin/python -m growth.train --data <export dir> --out artifacts/growth
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .data import CLIP, FEATURE_SCHEMA, ITEMS, STEPS, Windows, read_statements, windows
from .export import export_artifact

MODEL_VERSION = "growth-1"
_STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:6.1f} s] {message}", flush=True)


class GrowthNet(nn.Module):
    """One recurrent layer over the growth steps, a linear head on the last state, tanh-bounded output."""

    def __init__(self, cell: str, hidden: int, dropout: float):
        super().__init__()
        width = 2 * len(ITEMS)
        recurrent = nn.LSTM if cell == "lstm" else nn.RNN
        self.recurrent = recurrent(width, hidden, batch_first=True)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, len(ITEMS))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.recurrent(x)
        return CLIP * torch.tanh(self.head(self.dropout(out[:, -1, :])))


def masked_mae(prediction: np.ndarray, w: Windows) -> dict[str, float]:
    errors = np.abs(prediction - w.y) * w.y_mask
    per_item = errors.sum(axis=0) / np.maximum(w.y_mask.sum(axis=0), 1)
    result = {item: float(per_item[j]) for j, item in enumerate(ITEMS)}
    result["all"] = float(errors.sum() / max(w.y_mask.sum(), 1))
    return result


def carry_forward(w: Windows) -> np.ndarray:
    """Last observed growth of each item in the window, 0 when the item was never observed."""
    n = len(ITEMS)
    prediction = np.zeros_like(w.y)
    for t in range(STEPS):
        observed = w.x[:, t, n:] > 0
        prediction[observed] = w.x[:, t, :n][observed]
    return prediction


def sector_median(train: Windows, w: Windows, minimum: int = 5) -> np.ndarray:
    """Median training target per sector and item; the market median where a sector has fewer windows."""
    market = np.array([np.median(train.y[train.y_mask[:, j] > 0, j]) for j in range(len(ITEMS))])
    medians: dict[str, np.ndarray] = {}
    sectors = np.array([s or "" for s in train.sector])
    for sector in set(sectors):
        rows = sectors == sector
        values = market.copy()
        for j in range(len(ITEMS)):
            observed = train.y[rows & (train.y_mask[:, j] > 0), j]
            if len(observed) >= minimum and sector:
                values[j] = np.median(observed)
        medians[sector] = values
    return np.array([medians.get(s or "", market) for s in w.sector], dtype=np.float32).reshape(-1, len(ITEMS))


def predict(model: nn.Module, w: Windows) -> np.ndarray:
    model.eval()
    with torch.no_grad():
        return model(torch.from_numpy(w.x)).numpy()


def train_one(cell: str, args, train: Windows, validation: Windows) -> tuple[nn.Module, dict]:
    torch.manual_seed(args.seed)
    model = GrowthNet(cell, args.hidden, args.dropout)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=1e-5)
    x, y, m = (torch.from_numpy(a) for a in (train.x, train.y, train.y_mask))
    generator = torch.Generator().manual_seed(args.seed)
    best = (float("inf"), 0, copy.deepcopy(model.state_dict()))
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        total = 0.0
        for start in range(0, len(x), args.batch):
            index = order[start : start + args.batch]
            loss = ((model(x[index]) - y[index]).abs() * m[index]).sum() / m[index].sum().clamp(min=1)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss) * len(index)
        validation_mae = masked_mae(predict(model, validation), validation)["all"]
        if validation_mae < best[0]:
            best = (validation_mae, epoch, copy.deepcopy(model.state_dict()))
        if epoch % 10 == 0 or epoch == 1:
            log(f"{cell} epoch {epoch}: train loss {total / len(x):.4f}, validation MAE {validation_mae:.4f}")
    model.load_state_dict(best[2])
    return model, {"bestEpoch": best[1], "validationMae": best[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="folder written by `exitbot export valuation-data`")
    parser.add_argument("--out", required=True, help="artifact folder (growth.onnx, growth.json, parity fixture)")
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dataset", default="demo", help="label stored in the metadata, e.g. demo or real")
    args = parser.parse_args()

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.use_deterministic_algorithms(True)
    companies, data_hash = read_statements(Path(args.data) / "valuation-statements.arrow")
    train, validation, test = (windows(companies, split) for split in ("train", "validation", "test"))
    log(f"{len(companies)} companies; windows: {len(train.y)} train, {len(validation.y)} validation, {len(test.y)} test")
    if len(train.y) == 0 or len(validation.y) == 0 or len(test.y) == 0:
        raise SystemExit("Not enough fiscal-year history: every split needs at least one growth window.")

    metrics: dict[str, dict] = {
        "carry_forward": masked_mae(carry_forward(test), test),
        "sector_median": masked_mae(sector_median(train, test), test),
        "zero": masked_mae(np.zeros_like(test.y), test),
    }
    trained = {}
    for cell in ("rnn", "lstm"):
        model, info = train_one(cell, args, train, validation)
        trained[cell] = (model, info)
        metrics[cell] = {**masked_mae(predict(model, test), test), **info}
        log(f"{cell}: test MAE {metrics[cell]['all']:.4f} (best epoch {info['bestEpoch']})")
    chosen = min(trained, key=lambda cell: trained[cell][1]["validationMae"])
    for name, values in metrics.items():
        log(f"test MAE of symmetric growth, {name}: {values['all']:.4f}")

    hyper = {k: getattr(args, k) for k in ("epochs", "hidden", "dropout", "lr", "batch", "seed")}
    metadata = {
        "modelVersion": MODEL_VERSION,
        "cell": chosen,
        "dataset": args.dataset,
        "trainingDataSha256": data_hash,
        "featureSchema": FEATURE_SCHEMA,
        "items": ITEMS,
        "steps": STEPS,
        "clip": CLIP,
        "hyperParameters": hyper,
        "windows": {"train": len(train.y), "validation": len(validation.y), "test": len(test.y)},
        "metrics": {"unit": "mean absolute error of symmetric growth, test split", **metrics},
        "chosenBy": "lower validation MAE of the RNN and the LSTM",
    }
    export_artifact(trained[chosen][0], metadata, companies, Path(args.out))
    log(f"exported the {chosen} to {args.out}")
    print(json.dumps({k: round(v["all"], 4) for k, v in metrics.items()}))


if __name__ == "__main__":
    main()
