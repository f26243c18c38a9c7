"""Reproduce SASRec on MovieLens-1M with the paper's protocol (item-ID form).

Leave-one-out: each user's last item is the test target, the one before it the validation target.
Each target is ranked against 100 random items the user has not rated in training; HR@10 and
NDCG@10 are averaged over users. The paper (Kang and McAuley, ICDM 2018, table III) reports HR@10
0.8245 and NDCG@10 0.5905 on this dataset.

Usage: python -m sasrec.movielens --data ../../shared/data/movielens/ml-1m.txt.gz --epochs 200

With --checkpoint FILE the run saves its whole state after every epoch and, started again with the
same file and settings, resumes after the last saved epoch with the same result as an unbroken run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as F

from .model import ItemSASRec, SASRecConfig, init_weights
from .progress import log, seed_everything


def read_sequences(path: Path) -> tuple[list[np.ndarray], int]:
    """Per-user item sequences in file order (the file lists each user's items by time)."""
    opener = gzip.open if path.suffix == ".gz" else open
    pairs = np.loadtxt(opener(path, "rt"), dtype=np.int64)
    users, items = pairs[:, 0], pairs[:, 1]
    boundaries = np.flatnonzero(np.diff(users)) + 1
    return np.split(items, boundaries), int(items.max())


def left_pad(sequence: np.ndarray, length: int) -> np.ndarray:
    out = np.zeros(length, dtype=np.int64)
    tail = sequence[-length:]
    if len(tail) > 0:
        out[-len(tail) :] = tail
    return out


class Split:
    """Leave-one-out split; users with fewer than 3 items keep every item for training."""

    def __init__(self, sequences: list[np.ndarray], item_count: int) -> None:
        self.item_count = item_count
        self.train = [s[:-2] if len(s) >= 3 else s for s in sequences]
        self.valid = [int(s[-2]) if len(s) >= 3 else 0 for s in sequences]
        self.test = [int(s[-1]) if len(s) >= 3 else 0 for s in sequences]
        self.rated = np.zeros((len(sequences), item_count + 1), dtype=bool)
        for user, items in enumerate(self.train):
            self.rated[user, items] = True
        self.rated[:, 0] = True


def sample_unrated(split: Split, users: np.ndarray, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Uniform items in 1..item_count that each row's user has not rated in training."""
    samples = rng.integers(1, split.item_count + 1, size=(len(users), *shape))
    row_users = users.reshape(-1, *([1] * len(shape)))
    bad = split.rated[row_users, samples]
    while bad.any():
        samples[bad] = rng.integers(1, split.item_count + 1, size=int(bad.sum()))
        bad = split.rated[row_users, samples]
    return samples


def padded_training_pairs(split: Split, max_len: int) -> tuple[np.ndarray, np.ndarray]:
    """Every user's inputs (training items but the last) and next-item targets, left-padded."""
    inputs = np.stack([left_pad(items[:-1], max_len) for items in split.train])
    positives = np.stack([left_pad(items[1:], max_len) for items in split.train])
    return inputs, positives


def training_batch(split: Split, pairs: tuple[np.ndarray, np.ndarray], users: np.ndarray, rng: np.random.Generator):
    inputs, positives = pairs[0][users], pairs[1][users]
    max_len = inputs.shape[1]
    negatives = sample_unrated(split, users, (max_len,), rng)
    negatives[positives == 0] = 0
    return torch.from_numpy(inputs), torch.from_numpy(positives), torch.from_numpy(negatives)


@torch.no_grad()
def evaluate(model: ItemSASRec, split: Split, stage: str, max_len: int, seed: int) -> dict[str, float]:
    """HR@10 and NDCG@10 over users with a target, ranking it against 100 sampled unrated items."""
    model.eval()
    rng = np.random.default_rng(seed)
    targets = np.array(split.valid if stage == "valid" else split.test)
    users = np.flatnonzero(targets > 0)
    hits, gains = [], []
    for start in range(0, len(users), 512):
        chunk = users[start : start + 512]
        history = [
            split.train[u] if stage == "valid" else np.append(split.train[u], split.valid[u]) for u in chunk
        ]
        inputs = torch.from_numpy(np.stack([left_pad(h, max_len) for h in history]))
        negatives = sample_unrated(split, chunk, (100,), rng)
        candidates = torch.from_numpy(np.concatenate([targets[chunk, None], negatives], axis=1))
        states = model.hidden_states(inputs)[:, -1, :]
        scores = model.score(states, candidates)
        rank = (scores[:, 1:] > scores[:, :1]).sum(dim=1).numpy()
        hits.append(rank < 10)
        gains.append(np.where(rank < 10, 1.0 / np.log2(rank + 2.0), 0.0))
    model.train()
    return {"hr@10": float(np.concatenate(hits).mean()), "ndcg@10": float(np.concatenate(gains).mean())}


def run_settings(args: argparse.Namespace) -> dict[str, str]:
    """Return the arguments that decide the result. A checkpoint saved with other values is not resumed."""
    ignored = {"epochs", "threads", "result", "checkpoint"}
    return {k: str(v) for k, v in sorted(vars(args).items()) if k not in ignored}


def save_checkpoint(path: Path, state: dict) -> None:
    """Writes the state to a temporary file first, so an interruption never leaves half a checkpoint."""
    partial = path.with_name(path.name + ".partial")
    torch.save(state, partial)
    os.replace(partial, path)


def load_checkpoint(path: Path, args: argparse.Namespace) -> dict | None:
    if not path.exists():
        return None
    state = torch.load(path, weights_only=False)
    if state["settings"] != run_settings(args):
        raise SystemExit(
            f"Checkpoint {path} was saved with other settings ({json.dumps(state['settings'])}). "
            "Run with the same settings, or delete the checkpoint to start over."
        )
    return state


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="ml-1m.txt or ml-1m.txt.gz ('user item' lines)")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--hidden", type=int, default=50)
    parser.add_argument("--blocks", type=int, default=2)
    parser.add_argument("--heads", type=int, default=1)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--max-len", type=int, default=200)
    parser.add_argument("--eval-every", type=int, default=20, help="epochs between validation runs")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=0, help="torch threads; 0 keeps the default")
    parser.add_argument("--result", type=Path, help="write the final metrics here as JSON")
    parser.add_argument("--checkpoint", type=Path, help="file to save the training state to after every epoch, and to resume from if it exists")
    args = parser.parse_args()

    seed_everything(args.seed)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    sequences, item_count = read_sequences(args.data)
    split = Split(sequences, item_count)
    config = SASRecConfig(args.hidden, args.blocks, args.heads, args.dropout, args.max_len)
    model = ItemSASRec(item_count, config)
    init_weights(model)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.98))
    rng = np.random.default_rng(args.seed)
    pairs = padded_training_pairs(split, args.max_len)
    trainable = np.flatnonzero([len(t) >= 2 for t in split.train])
    log(f"MovieLens: {len(sequences)} users, {item_count} items, {len(trainable)} training users")

    best: dict = {"valid": {"ndcg@10": -1.0}}
    first_epoch, earlier_seconds = 1, 0.0
    saved = load_checkpoint(args.checkpoint, args) if args.checkpoint else None
    if saved is not None:
        model.load_state_dict(saved["model"])
        optimiser.load_state_dict(saved["optimiser"])
        rng.bit_generator.state = saved["numpy_rng"]
        torch.set_rng_state(saved["torch_rng"])
        best, first_epoch, earlier_seconds = saved["best"], saved["epoch"] + 1, saved["seconds"]
        log(f"resuming after epoch {saved['epoch']} from {args.checkpoint} ({earlier_seconds:.0f} s so far)")
    started = time.perf_counter() - earlier_seconds
    for epoch in range(first_epoch, args.epochs + 1):
        epoch_started = time.perf_counter()
        order = rng.permutation(trainable)
        total, steps = 0.0, 0
        for start in range(0, len(order), args.batch):
            inputs, positives, negatives = training_batch(split, pairs, order[start : start + args.batch], rng)
            states = model.hidden_states(inputs)
            pos_logits = (model.items(positives) * states).sum(-1)
            neg_logits = (model.items(negatives) * states).sum(-1)
            mask = positives != 0
            loss = F.binary_cross_entropy_with_logits(
                pos_logits[mask], torch.ones_like(pos_logits[mask])
            ) + F.binary_cross_entropy_with_logits(neg_logits[mask], torch.zeros_like(neg_logits[mask]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item()
            steps += 1
        message = f"epoch {epoch} loss {total / steps:.4f} ({time.perf_counter() - epoch_started:.1f} s)"
        if epoch % args.eval_every == 0 or epoch == args.epochs:
            valid = evaluate(model, split, "valid", args.max_len, args.seed)
            test = evaluate(model, split, "test", args.max_len, args.seed + 1)
            message += f" valid HR@10 {valid['hr@10']:.4f} NDCG@10 {valid['ndcg@10']:.4f}"
            message += f" test HR@10 {test['hr@10']:.4f} NDCG@10 {test['ndcg@10']:.4f}"
            if valid["ndcg@10"] > best["valid"]["ndcg@10"]:
                best = {"epoch": epoch, "valid": valid, "test": test}
        log(message)
        if args.checkpoint:
            save_checkpoint(
                args.checkpoint,
                {
                    "settings": run_settings(args),
                    "epoch": epoch,
                    "seconds": time.perf_counter() - started,
                    "best": best,
                    "model": model.state_dict(),
                    "optimiser": optimiser.state_dict(),
                    "numpy_rng": rng.bit_generator.state,
                    "torch_rng": torch.get_rng_state(),
                },
            )

    seconds = time.perf_counter() - started
    log(f"best validation at epoch {best['epoch']}: test {json.dumps(best['test'])}; {seconds:.0f} s in all")
    if args.result:
        result = {"config": config.to_dict(), "args": {k: str(v) for k, v in vars(args).items()}, "seconds": seconds, **best}
        args.result.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
