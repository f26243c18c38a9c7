"""Greedy and beam decoding over the exported encoder.onnx and decoder.onnx.

The engine's OnnxSeq2SeqSummarizer runs the same algorithm, and the parity fixtures are written
from this file. Beam search: every step expands each live beam by its 2 x width best next tokens
(by log-probability, ties to the lower id), ranks all candidates by summed log-probability (ties to
the earlier beam, then the lower id), and walks them in order. An end-of-sequence candidate among
the first `width` becomes a finished hypothesis scored sum / generated_length ** length_penalty,
where generated_length counts the tokens after the start token, end token included. Any other
candidate joins the next step's beams until there are `width` of them. Decoding stops once
`width` hypotheses have finished, or after `max_new_tokens` steps, when the live beams count as
finished too. The best finished score wins, ties going to the one that finished first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import onnxruntime as ort


@dataclass(frozen=True)
class DecodeOptions:
    max_new_tokens: int
    num_beams: int = 1
    length_penalty: float = 1.0
    no_repeat_ngram_size: int = 0


class Seq2Seq:
    def __init__(self, folder: str, eos_id: int, start_id: int, forced_first_id: int | None = None) -> None:
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        self.encoder = ort.InferenceSession(f"{folder}/encoder.onnx", options, providers=["CPUExecutionProvider"])
        self.decoder = ort.InferenceSession(f"{folder}/decoder.onnx", options, providers=["CPUExecutionProvider"])
        self.eos_id = eos_id
        self.start_id = start_id
        self.forced_first_id = forced_first_id

    def encode(self, ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
        input_ids = np.array([ids], dtype=np.int64)
        mask = np.ones_like(input_ids)
        states = self.encoder.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
        return states, mask

    def next_log_probs(self, prefixes: list[list[int]], states: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Return float64 log-probabilities of the next token for each prefix (all of one length)."""
        count = len(prefixes)
        logits = self.decoder.run(
            None,
            {
                "input_ids": np.array(prefixes, dtype=np.int64),
                "encoder_hidden_states": np.repeat(states, count, axis=0),
                "encoder_attention_mask": np.repeat(mask, count, axis=0),
            },
        )[0][:, -1, :].astype(np.float64)
        shifted = logits - logits.max(axis=1, keepdims=True)
        return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))

    def generate(self, ids: list[int], options: DecodeOptions) -> list[int]:
        """Return the generated ids after the start token, without the end token."""
        states, mask = self.encode(ids)
        if options.num_beams <= 1:
            return self._greedy(states, mask, options)
        return self._beam(states, mask, options)

    def _greedy(self, states: np.ndarray, mask: np.ndarray, options: DecodeOptions) -> list[int]:
        tokens = [self.start_id]
        for _ in range(options.max_new_tokens):
            log_probs = self.next_log_probs([tokens], states, mask)[0]
            self.force_first(log_probs, tokens)
            ban(log_probs, tokens, options.no_repeat_ngram_size)
            token = int(np.argmax(log_probs))
            if token == self.eos_id:
                break
            tokens.append(token)
        return tokens[1:]

    def _beam(self, states: np.ndarray, mask: np.ndarray, options: DecodeOptions) -> list[int]:
        width = options.num_beams
        beams: list[tuple[list[int], float]] = [([self.start_id], 0.0)]
        finished: list[tuple[float, list[int]]] = []
        for _ in range(options.max_new_tokens):
            log_probs = self.next_log_probs([tokens for tokens, _ in beams], states, mask)
            candidates: list[tuple[float, int, int]] = []
            for index, (tokens, score) in enumerate(beams):
                row = log_probs[index]
                self.force_first(row, tokens)
                ban(row, tokens, options.no_repeat_ngram_size)
                for token in top_tokens(row, 2 * width):
                    candidates.append((score + float(row[token]), index, token))
            candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
            next_beams: list[tuple[list[int], float]] = []
            for rank, (score, index, token) in enumerate(candidates):
                tokens = beams[index][0] + [token]
                if token == self.eos_id:
                    if rank < width:
                        finished.append((normalise(score, len(tokens) - 1, options.length_penalty), tokens[1:-1]))
                else:
                    next_beams.append((tokens, score))
                if len(next_beams) == width:
                    break
            beams = next_beams
            if len(finished) >= width or not beams:
                break
        else:
            for tokens, score in beams:
                finished.append((normalise(score, len(tokens) - 1, options.length_penalty), tokens[1:]))
        best_score = max(score for score, _ in finished)
        return next(tokens for score, tokens in finished if score == best_score)


    def force_first(self, row: np.ndarray, tokens: list[int]) -> None:
        """Leave only the forced first token possible at the first step (BART's forced_bos_token_id)."""
        if self.forced_first_id is not None and len(tokens) == 1:
            kept = row[self.forced_first_id]
            row[:] = -np.inf
            row[self.forced_first_id] = kept


def normalise(score: float, generated_length: int, length_penalty: float) -> float:
    return score / generated_length**length_penalty


def top_tokens(row: np.ndarray, count: int) -> list[int]:
    """Return up to `count` token ids with finite log-probability, best first, ties to the lower id."""
    order = np.lexsort((np.arange(len(row)), -row))
    return [int(t) for t in order[:count] if np.isfinite(row[t])]


def ban(row: np.ndarray, tokens: list[int], size: int) -> None:
    """Set to -inf every token that would repeat an n-gram of `size` already in `tokens`."""
    if size <= 0 or len(tokens) + 1 < size:
        return
    prefix = tuple(tokens[len(tokens) - size + 1 :]) if size > 1 else ()
    for start in range(len(tokens) - size + 1):
        if tuple(tokens[start : start + size - 1]) == prefix:
            row[tokens[start + size - 1]] = -np.inf
