"""Train SASRec over company patent vectors and export it for the engine.

Usage: python -m sasrec.train_patents --data DIR --out artifacts/sasrec
DIR holds the export of `exitbot export training-data --out DIR`. Writes model.onnx, metadata.json
and parity.json to --out (see export_onnx.py).
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import time
from pathlib import Path

import numpy as np
import torch

from .export_onnx import export_artifact
from .model import SASRecConfig, VectorSASRec, init_weights
from .patent_data import HeldOutSplit, leave_one_out, read_export
from .patent_eval import last_patent, pad_rows, predict_next, ranking_metrics, recency_weighted_mean
from .progress import log, seed_everything

EPSILON = 1e-6


def similarity_probability(cosine: torch.Tensor, kind: str) -> torch.Tensor:
    """Map cosine to (0, 1): 'shifted' is (cos + 1) / 2; 'angular' is 1 - arccos(cos) / pi."""
    if kind == "shifted":
        probability = (cosine + 1.0) / 2.0
    else:
        probability = 1.0 - torch.arccos(cosine.clamp(-1.0 + EPSILON, 1.0 - EPSILON)) / math.pi
    return probability.clamp(EPSILON, 1.0 - EPSILON)


def length_batches(lengths: np.ndarray, batch: int, tokens: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Shuffled batches of similar length, so padding to the batch's longest wastes little.

    A batch holds at most `batch` sequences and at most `tokens` padded positions, which keeps the
    attention matrices of the longest companies (up to max_len squared per head) within memory.
    """
    order = rng.permutation(len(lengths))
    order = order[np.argsort(lengths[order], kind="stable")]
    batches, current = [], []
    for index in order:
        if current and (len(current) >= batch or (len(current) + 1) * lengths[index] > tokens):
            batches.append(np.array(current))
            current = []
        current.append(index)
    batches.append(np.array(current))
    return [batches[i] for i in rng.permutation(len(batches))]


def train_epoch(model, optimiser, split: HeldOutSplit, vectors, args, rng) -> float:
    companies = np.array([c for c, rows in enumerate(split.train) if len(rows) >= 2])
    lengths = np.array([min(len(split.train[c]) - 1, args.max_len) for c in companies])
    total, count = 0.0, 0
    for batch in length_batches(lengths, args.batch, args.batch_tokens, rng):
        histories = [split.train[c] for c in companies[batch]]
        inputs, valid = pad_rows([h[:-1][-args.max_len :] for h in histories], vectors)
        targets, _ = pad_rows([h[1:][-args.max_len :] for h in histories], vectors)
        negatives = torch.from_numpy(vectors[rng.integers(0, len(vectors), size=(*valid.shape, args.negatives))])
        predicted = model(inputs, valid)
        positive = similarity_probability((predicted * targets).sum(-1), args.logit)
        negative = similarity_probability((predicted.unsqueeze(2) * negatives).sum(-1), args.logit)
        losses = -torch.log(positive) - args.negative_weight * torch.log(1.0 - negative).mean(-1)
        loss = losses[valid].mean()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        total += loss.item() * int(valid.sum())
        count += int(valid.sum())
    return total / count


def evaluate_stage(model, split: HeldOutSplit, vectors, max_len: int, stage: str) -> tuple[dict, dict]:
    """Metrics of the model and of both baselines on the validation or test targets."""
    targets = split.valid if stage == "valid" else split.test
    companies = np.flatnonzero(targets >= 0)
    histories = [
        split.train[c] if stage == "valid" else np.append(split.train[c], split.valid[c]) for c in companies
    ]
    wanted = targets[companies]
    model_metrics = ranking_metrics(predict_next(model, histories, vectors, max_len), wanted, histories, vectors)
    baselines = {
        "recency_weighted_mean": ranking_metrics(recency_weighted_mean(histories, vectors), wanted, histories, vectors),
        "last_patent": ranking_metrics(last_patent(histories, vectors), wanted, histories, vectors),
    }
    return model_metrics, baselines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of patent-sequences.arrow")
    parser.add_argument("--out", type=Path, help="artifact folder; omit to train and evaluate only")
    parser.add_argument("--logit", choices=["shifted", "angular"], default="shifted")
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--patience", type=int, default=5, help="epochs without a better validation cosine")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--batch-tokens", type=int, default=8192, help="maximum padded positions per batch")
    parser.add_argument("--negatives", type=int, default=4, help="sampled negative patents per position")
    parser.add_argument(
        "--negative-weight",
        type=float,
        default=1.0,
        help="weight of the negatives' term in the loss (1 is plain binary cross-entropy)",
    )
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--blocks", type=int, default=2)
    parser.add_argument("--heads", type=int, default=2)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--max-len", type=int, default=1024)
    parser.add_argument(
        "--baseline",
        choices=["none", "recency"],
        default="recency",
        help="'recency' learns a correction to the recency-weighted mean, starting from it; 'none' predicts from scratch",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--version", default="1", help="model version recorded in metadata.json")
    args = parser.parse_args()

    seed_everything(args.seed)
    data = read_export(args.data)
    split = leave_one_out(data)
    vectors = data.vectors
    log(
        f"{len(data.sequences)} companies, {len(vectors)} patents, {data.dimension}-d, space {data.space_id}, "
        f"data sha256 {data.content_hash[:16]}"
    )
    config = SASRecConfig(args.hidden, args.blocks, args.heads, args.dropout, args.max_len)
    model = VectorSASRec(data.dimension, config, baseline=args.baseline)
    init_weights(model)
    if args.baseline == "recency":
        model.zero_correction()
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.98))
    rng = np.random.default_rng(args.seed)

    best_cosine, best_epoch, best_state, stale = -2.0, 0, None, 0
    if args.baseline == "recency":
        # Epoch 0 is the fallback itself, so a run that never improves on it exports the fallback.
        valid, _ = evaluate_stage(model, split, vectors, args.max_len, "valid")
        log(f"epoch 0 (the recency-weighted mean) valid cosine {valid['mean_cosine']:.4f}")
        best_cosine, best_state = valid["mean_cosine"], copy.deepcopy(model.state_dict())
    started = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        epoch_started = time.perf_counter()
        loss = train_epoch(model, optimiser, split, vectors, args, rng)
        valid, _ = evaluate_stage(model, split, vectors, args.max_len, "valid")
        log(
            f"epoch {epoch} loss {loss:.4f} valid HR@10 {valid['hr@10']:.4f} NDCG@10 {valid['ndcg@10']:.4f} "
            f"cosine {valid['mean_cosine']:.4f} ({time.perf_counter() - epoch_started:.1f} s)"
        )
        # Selection uses the mean cosine: on the generated data hit rates are near zero for every
        # predictor, so NDCG@10 differences between epochs are mostly noise.
        if valid["mean_cosine"] > best_cosine:
            best_cosine, best_epoch, best_state, stale = valid["mean_cosine"], epoch, copy.deepcopy(model.state_dict()), 0
        else:
            stale += 1
            if stale >= args.patience:
                log(f"stopping: no better validation cosine for {args.patience} epochs")
                break
    seconds = time.perf_counter() - started
    model.load_state_dict(best_state)
    model.eval()
    test, baselines = evaluate_stage(model, split, vectors, args.max_len, "test")
    log(f"best epoch {best_epoch}; test {json.dumps(test)}")
    for name, metrics in baselines.items():
        log(f"baseline {name}: test {json.dumps(metrics)}")

    metrics = {
        "split": "leave-one-out per company with 3 or more patents; ranked against every patent not in the history",
        "companies_evaluated": int((split.test >= 0).sum()),
        "best_epoch": best_epoch,
        "train_seconds": round(seconds, 1),
        "valid_mean_cosine": best_cosine,
        "test": test,
        "baselines_test": baselines,
    }
    if args.out:
        hyper = {**config.to_dict(), **{k: getattr(args, k) for k in ("logit", "negatives", "negative_weight", "lr", "batch", "baseline", "seed")}}
        export_artifact(model, data, args.out, version=args.version, hyper_parameters=hyper, metrics=metrics)
        log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
