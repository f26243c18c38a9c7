"""A small BART summariser trained to write a patent's title from its abstract."""

from __future__ import annotations

import random

import torch
from tokenizers import Tokenizer
from transformers import BartConfig, BartForConditionalGeneration

from .steps import StepBudget

PAD_ID, BOS_ID, EOS_ID = 1, 0, 2


def build_bart(tokenizer: Tokenizer, d_model: int, layers: int, heads: int, max_positions: int) -> BartForConditionalGeneration:
    for token, expected in (("<s>", BOS_ID), ("<pad>", PAD_ID), ("</s>", EOS_ID)):
        if tokenizer.token_to_id(token) != expected:
            raise SystemExit(f"The BPE tokenizer must give {token} the id {expected}, as BART expects")
    config = BartConfig(
        vocab_size=tokenizer.get_vocab_size(),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=d_model * 2,
        decoder_ffn_dim=d_model * 2,
        max_position_embeddings=max_positions,
        pad_token_id=PAD_ID,
        bos_token_id=BOS_ID,
        eos_token_id=EOS_ID,
        decoder_start_token_id=EOS_ID,
        forced_bos_token_id=None,
        forced_eos_token_id=None,
    )
    return BartForConditionalGeneration(config)


def pad(rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(row) for row in rows)
    ids = torch.full((len(rows), width), PAD_ID, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = torch.tensor(row)
        mask[i, : len(row)] = 1
    return ids, mask


def train_titles(
    model: BartForConditionalGeneration,
    tokenizer: Tokenizer,
    pairs: list[tuple[str, str]],
    *,
    steps: int,
    batch_size: int,
    seed: int,
    learning_rate: float = 1e-3,
    time_cap_seconds: float | None = None,
) -> dict:
    """Train abstract -> title with teacher forcing for `steps` optimiser steps and return the StepBudget stats.

    `seed` orders the batches. Dropout draws from torch's global generator, which the caller seeds.
    """
    generator = random.Random(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate)
    model.train()
    budget = StepBudget("bart", steps, time_cap_seconds)
    while budget.running():
        batch = generator.sample(pairs, min(batch_size, len(pairs)))
        source_ids, source_mask = pad([tokenizer.encode(source).ids for source, _ in batch])
        targets = [tokenizer.encode(target).ids[1:] for _, target in batch]  # drop <s>, keep </s>
        label_ids, _ = pad(targets)
        labels = label_ids.masked_fill(label_ids == PAD_ID, -100)
        # BART's decoder input is the labels shifted right behind decoder_start_token_id.
        decoder_input = torch.cat([torch.full((len(batch), 1), EOS_ID), label_ids[:, :-1]], dim=1)
        output = model(
            input_ids=source_ids,
            attention_mask=source_mask,
            decoder_input_ids=decoder_input,
            labels=labels,
        )
        optimizer.zero_grad()
        output.loss.backward()
        optimizer.step()
        budget.record(output.loss.item())
    model.eval()
    return budget.stats()
