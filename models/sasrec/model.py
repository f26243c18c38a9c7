"""SASRec: causal self-attention over a sequence, in two input forms that share the blocks.

Self-Attentive Sequential Recommendation, Kang and McAuley, ICDM 2018. The item-ID form is the
paper's model. The vector form is the patent variant: each position is a patent's embedding vector,
projected in and out by linear layers, so no item table exists and unseen patents need no retraining.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn
from torch.nn import functional as F


@dataclass
class SASRecConfig:
    hidden: int = 50
    blocks: int = 2
    heads: int = 1
    dropout: float = 0.2
    max_len: int = 200

    def to_dict(self) -> dict:
        return asdict(self)


class CausalSelfAttention(nn.Module):
    """Multi-head scaled dot-product attention; `allowed` [B, L, L] is True where a query may see a key.

    Written in plain matmuls: on CPU here it trained faster than F.scaled_dot_product_attention with
    dropout, and its ONNX graph is the same MatMul/Softmax sequence that the engine runs.
    """

    def __init__(self, hidden: int, heads: int, dropout: float) -> None:
        super().__init__()
        if hidden % heads != 0:
            raise ValueError(f"hidden size {hidden} is not divisible by {heads} heads")
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, hidden)
        self.dropout = dropout

    def forward(self, queries: torch.Tensor, keys: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = queries.shape
        head_dim = hidden // self.heads

        def split(x: torch.Tensor) -> torch.Tensor:
            return x.view(batch, length, self.heads, head_dim).transpose(1, 2)

        q = split(self.query(queries))
        k = split(self.key(keys))
        v = split(self.value(keys))
        scores = q @ k.transpose(-1, -2) / math.sqrt(head_dim)
        scores = scores.masked_fill(~allowed.unsqueeze(1), float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        weights = F.dropout(weights, self.dropout, self.training)
        context = (weights @ v).transpose(1, 2).reshape(batch, length, hidden)
        return self.out(context)


class Block(nn.Module):
    """One SASRec block: pre-norm query, attention with a residual, then a point-wise feed-forward."""

    def __init__(self, hidden: int, heads: int, dropout: float) -> None:
        super().__init__()
        self.attention_norm = nn.LayerNorm(hidden, eps=1e-8)
        self.attention = CausalSelfAttention(hidden, heads, dropout)
        self.forward_norm = nn.LayerNorm(hidden, eps=1e-8)
        self.feed_forward = nn.Sequential(
            nn.Linear(hidden, hidden),
            nn.Dropout(dropout),
            nn.ReLU(),
            nn.Linear(hidden, hidden),
            nn.Dropout(dropout),
        )

    def forward(self, x: torch.Tensor, allowed: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
        queries = self.attention_norm(x)
        x = queries + self.attention(queries, x, allowed)
        x = self.forward_norm(x)
        x = x + self.feed_forward(x)
        return x * valid.unsqueeze(-1)


class SASRecEncoder(nn.Module):
    """Positional embeddings, dropout, the blocks and a final layer norm over input embeddings.

    Sequences are left-padded. Position p of a length-L sequence gets embedding max_len - L + p, so
    the newest element always sits at max_len - 1, as in the paper's left-padded batches. Padded keys
    are masked out of attention, which makes a padded row compute the same as the unpadded sequence.
    """

    def __init__(self, config: SASRecConfig) -> None:
        super().__init__()
        self.config = config
        self.positions = nn.Embedding(config.max_len, config.hidden)
        self.dropout = nn.Dropout(config.dropout)
        self.blocks = nn.ModuleList(
            Block(config.hidden, config.heads, config.dropout) for _ in range(config.blocks)
        )
        self.final_norm = nn.LayerNorm(config.hidden, eps=1e-8)

    def forward(self, embedded: torch.Tensor, valid: torch.Tensor | None = None) -> torch.Tensor:
        batch, length, _ = embedded.shape
        if valid is None:
            valid = torch.ones(batch, length, dtype=torch.bool, device=embedded.device)
        index = torch.arange(length, device=embedded.device)
        position_ids = index + (self.config.max_len - length)
        x = embedded + self.positions(position_ids).unsqueeze(0)
        x = self.dropout(x) * valid.unsqueeze(-1)
        causal = index.unsqueeze(1) >= index.unsqueeze(0)
        diagonal = index.unsqueeze(1) == index.unsqueeze(0)
        # A padded query has no valid key, so it attends to itself to keep softmax finite.
        allowed = causal.unsqueeze(0) & (valid.unsqueeze(1) | diagonal.unsqueeze(0))
        for block in self.blocks:
            x = block(x, allowed, valid)
        return self.final_norm(x)


class ItemSASRec(nn.Module):
    """The paper's form: a shared item table embeds inputs and scores candidates by dot product.

    Item 0 is padding.
    """

    def __init__(self, item_count: int, config: SASRecConfig) -> None:
        super().__init__()
        self.items = nn.Embedding(item_count + 1, config.hidden, padding_idx=0)
        self.encoder = SASRecEncoder(config)
        self.scale = math.sqrt(config.hidden)

    def hidden_states(self, item_ids: torch.Tensor) -> torch.Tensor:
        valid = item_ids != 0
        return self.encoder(self.items(item_ids) * self.scale, valid)

    def score(self, states: torch.Tensor, candidates: torch.Tensor) -> torch.Tensor:
        """Dot products of states [..., H] with candidate items [..., C] -> [..., C]."""
        return (self.items(candidates) * states.unsqueeze(-2)).sum(-1)


# The engine's fallback predictor (engine/predict/next-vector.ts): the latest 32 patents, each
# weighted 0.85 to the power of its age in patents.
RECENCY_WINDOW = 32
RECENCY_DECAY = 0.85


def recency_weighted_means(vectors: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
    """Compute the fallback's prediction after every position, unit length: [B, L, D] -> [B, L, D].

    Position t averages positions t-31..t with weight 0.85^(t - s). Padded positions get weight 0.
    """
    length = vectors.shape[1]
    index = torch.arange(length, device=vectors.device)
    age = index.unsqueeze(1) - index.unsqueeze(0)
    inside = (age >= 0) & (age < RECENCY_WINDOW)
    weights = torch.where(inside, torch.pow(RECENCY_DECAY, age.clamp(min=0).to(vectors.dtype)), 0.0)
    weights = weights.unsqueeze(0) * valid.unsqueeze(1).to(vectors.dtype)
    return F.normalize(weights @ vectors, dim=-1, eps=1e-12)


class VectorSASRec(nn.Module):
    """The patent form: inputs are embedding vectors; the output is a predicted next vector.

    Inputs are expected unit length (the index stores them so). The projection in is scaled by
    sqrt(hidden) like the item form's embedding; the projection out returns to the embedding space.

    With `baseline="recency"` the projection out is a correction added to the recency-weighted mean
    of the history (the engine's fallback) before normalising. `zero_correction()` makes the
    untrained model predict exactly that mean, so training starts from the fallback and the best
    epoch by validation can only be as good or better.
    """

    def __init__(self, dimension: int, config: SASRecConfig, baseline: str = "none") -> None:
        super().__init__()
        if baseline not in ("none", "recency"):
            raise ValueError(f"baseline must be 'none' or 'recency', got {baseline!r}")
        self.dimension = dimension
        self.baseline = baseline
        self.project_in = nn.Linear(dimension, config.hidden)
        self.encoder = SASRecEncoder(config)
        self.project_out = nn.Linear(config.hidden, dimension)
        self.scale = math.sqrt(config.hidden)

    def zero_correction(self) -> None:
        nn.init.zeros_(self.project_out.weight)
        nn.init.zeros_(self.project_out.bias)

    def forward(self, vectors: torch.Tensor, valid: torch.Tensor | None = None) -> torch.Tensor:
        """Predicted next vectors, unit length, for every position: [B, L, D] -> [B, L, D]."""
        if valid is None:
            valid = torch.ones(vectors.shape[:2], dtype=torch.bool, device=vectors.device)
        embedded = self.project_in(vectors) * self.scale
        states = self.encoder(embedded, valid)
        output = self.project_out(states)
        if self.baseline == "recency":
            output = output + recency_weighted_means(vectors, valid)
        return F.normalize(output, dim=-1, eps=1e-12)


class NextVectorExport(nn.Module):
    """What the engine runs: vectors [1, L, D] of one company, oldest first -> next vector [1, D]."""

    def __init__(self, model: VectorSASRec) -> None:
        super().__init__()
        self.model = model

    def forward(self, vectors: torch.Tensor) -> torch.Tensor:
        return self.model(vectors)[:, -1, :]


def init_weights(module: nn.Module) -> None:
    """Xavier-normal initialisation of every matrix, as the paper's reference code does."""
    for name, parameter in module.named_parameters():
        if parameter.dim() > 1 and "norm" not in name:
            nn.init.xavier_normal_(parameter)
