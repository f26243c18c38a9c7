"""A small RoBERTa sentence encoder trained with unsupervised SimCSE.

Unsupervised SimCSE (Gao, Yao and Chen, EMNLP 2021) encodes each sentence twice with dropout on.
The two views of a sentence are the positive pair and the other sentences in the batch are the
negatives, under an InfoNCE loss on cosine similarities divided by a temperature.
"""

from __future__ import annotations

import random

import torch
import torch.nn.functional as F
from tokenizers import Tokenizer
from transformers import RobertaConfig, RobertaModel

from .steps import StepBudget


def build_encoder(tokenizer: Tokenizer, hidden: int, layers: int, heads: int, max_length: int) -> RobertaModel:
    pad_id = tokenizer.token_to_id("[PAD]")
    config = RobertaConfig(
        vocab_size=tokenizer.get_vocab_size(),
        hidden_size=hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        intermediate_size=hidden * 2,
        # RoBERTa numbers positions from pad_id + 1, so the table needs pad_id + 1 extra rows.
        max_position_embeddings=max_length + pad_id + 1,
        type_vocab_size=1,
        pad_token_id=pad_id,
        bos_token_id=tokenizer.token_to_id("[CLS]"),
        eos_token_id=tokenizer.token_to_id("[SEP]"),
    )
    return RobertaModel(config, add_pooling_layer=False)


def pool(hidden: torch.Tensor, mask: torch.Tensor, pooling: str) -> torch.Tensor:
    """Pool token states into one vector per row: the first token ("cls") or the masked mean ("mean")."""
    if pooling == "cls":
        return hidden[:, 0]
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)


def encode_batch(tokenizer: Tokenizer, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """Tokenise with right padding to the longest row, as the engine does."""
    encodings = tokenizer.encode_batch(texts)
    width = max(len(e.ids) for e in encodings)
    pad_id = tokenizer.token_to_id("[PAD]")
    ids = torch.full((len(texts), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(texts), width), dtype=torch.long)
    for row, encoding in enumerate(encodings):
        ids[row, : len(encoding.ids)] = torch.tensor(encoding.ids)
        mask[row, : len(encoding.ids)] = 1
    return ids, mask


def train_simcse(
    model: RobertaModel,
    tokenizer: Tokenizer,
    texts: list[str],
    *,
    steps: int,
    batch_size: int,
    pooling: str,
    seed: int,
    temperature: float = 0.05,
    learning_rate: float = 3e-4,
    time_cap_seconds: float | None = None,
) -> dict:
    """Run `steps` optimiser steps and return the StepBudget stats.

    `seed` orders the batches. Dropout draws from torch's global generator, so the caller seeds
    torch before building the model to make initial weights and dropout masks repeat.
    """
    generator = random.Random(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate)
    model.train()
    budget = StepBudget("simcse", steps, time_cap_seconds)
    while budget.running():
        batch = generator.sample(texts, min(batch_size, len(texts)))
        ids, mask = encode_batch(tokenizer, batch)
        first = pool(model(input_ids=ids, attention_mask=mask).last_hidden_state, mask, pooling)
        second = pool(model(input_ids=ids, attention_mask=mask).last_hidden_state, mask, pooling)
        similarity = F.cosine_similarity(first.unsqueeze(1), second.unsqueeze(0), dim=-1) / temperature
        loss = F.cross_entropy(similarity, torch.arange(len(batch)))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        budget.record(loss.item())
    model.eval()
    return budget.stats()
