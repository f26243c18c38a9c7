"""Next-patent metrics: rank the true next patent among all patents by cosine to a predicted vector.

The company's own earlier patents are removed from the candidates, because a baseline that repeats
the last patent would otherwise rank that patent first. HR@10 is the share of companies whose true
next patent is in the top 10; NDCG@10 scores it 1 / log2(rank + 2) with rank 0 the top.
"""

from __future__ import annotations

import numpy as np
import torch

from .model import VectorSASRec


def ranking_metrics(
    predictions: np.ndarray, targets: np.ndarray, histories: list[np.ndarray], vectors: np.ndarray
) -> dict[str, float]:
    """HR@10, NDCG@10 and mean cosine of `predictions` [N, D] against target rows of `vectors`."""
    predictions = predictions / np.maximum(np.linalg.norm(predictions, axis=1, keepdims=True), 1e-12)
    ranks = np.empty(len(targets), dtype=np.int64)
    cosines = np.empty(len(targets), dtype=np.float64)
    for start in range(0, len(targets), 256):
        stop = min(start + 256, len(targets))
        scores = predictions[start:stop] @ vectors.T
        for i in range(start, stop):
            row = scores[i - start]
            target_score = row[targets[i]]
            row[histories[i]] = -np.inf
            row[targets[i]] = target_score
            ranks[i] = int((row > target_score).sum())
            cosines[i] = float(target_score)
    hit = ranks < 10
    return {
        "hr@10": float(hit.mean()),
        "ndcg@10": float(np.where(hit, 1.0 / np.log2(ranks + 2.0), 0.0).mean()),
        "mean_cosine": float(cosines.mean()),
    }


def last_patent(histories: list[np.ndarray], vectors: np.ndarray) -> np.ndarray:
    return np.stack([vectors[h[-1]] for h in histories])


def recency_weighted_mean(
    histories: list[np.ndarray], vectors: np.ndarray, window: int = 32, decay: float = 0.85
) -> np.ndarray:
    """The engine's fallback (engine/predict/next-vector.ts) with its default window and decay."""
    out = []
    for history in histories:
        recent = vectors[history[-window:]]
        weights = decay ** np.arange(len(recent) - 1, -1, -1, dtype=np.float32)
        out.append((weights[:, None] * recent).sum(0))
    return np.stack(out)


@torch.no_grad()
def predict_next(
    model: VectorSASRec, histories: list[np.ndarray], vectors: np.ndarray, max_len: int, batch: int = 64
) -> np.ndarray:
    """The model's next vector for each history (the latest `max_len` patents), batched by length."""
    model.eval()
    order = np.argsort([len(h) for h in histories], kind="stable")
    out = np.empty((len(histories), vectors.shape[1]), dtype=np.float32)
    for start in range(0, len(order), batch):
        chunk = order[start : start + batch]
        rows = [histories[c][-max_len:] for c in chunk]
        inputs, valid = pad_rows(rows, vectors)
        out[chunk] = model(inputs, valid)[:, -1, :].numpy()
    model.train()
    return out


def pad_rows(rows: list[np.ndarray], vectors: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    """Left-pad sequences of vector rows to the longest: vectors [B, L, D] and a valid mask [B, L]."""
    length = max(len(r) for r in rows)
    inputs = np.zeros((len(rows), length, vectors.shape[1]), dtype=np.float32)
    valid = np.zeros((len(rows), length), dtype=bool)
    for i, r in enumerate(rows):
        if len(r) > 0:
            inputs[i, length - len(r) :] = vectors[r]
            valid[i, length - len(r) :] = True
    return torch.from_numpy(inputs), torch.from_numpy(valid)
