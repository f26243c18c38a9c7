"""Tokenizers, export and decoding on randomly initialised tiny models, against PyTorch and transformers,
and repeated seeded training runs.

Run from models/: .venv/bin/python -m unittest text.test_smoke
"""

from __future__ import annotations

import argparse
import json
import tempfile
import unittest
from pathlib import Path

import torch
from safetensors.torch import load_file

from . import bart as bart_module
from . import encoder as encoder_module
from .build_small import build_encoder, generate_with_transformers
from .corpus import PatentText
from .decoding import DecodeOptions, Seq2Seq
from .export_local import check_decoder, check_encoder, export
from .tokenizer import train_bpe, train_wordpiece

TEXTS = [
    "본 발명은 전력 증폭기를 포함하는 광 트랜시버에 관한 것이다.",
    "상기 기저대역 처리부는 무선 주파수 프런트엔드와 이격되어 배치된다.",
    "A microfluidic chip (110) separates cells at 37°C.",
    "생분해성 수지 및 그 제조방법, 탄소나노튜브를 포함한다.",
] * 5


class TextSmokeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        torch.set_num_threads(1)
        torch.manual_seed(0)
        cls.folder = tempfile.TemporaryDirectory()
        cls.root = Path(cls.folder.name)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.folder.cleanup()

    def test_wordpiece_template_and_truncation(self) -> None:
        tokenizer = train_wordpiece(TEXTS, vocab_size=300, max_length=8)
        ids = tokenizer.encode(TEXTS[0]).ids
        self.assertEqual(len(ids), 8)
        self.assertEqual(ids[0], tokenizer.token_to_id("[CLS]"))
        self.assertEqual(ids[-1], tokenizer.token_to_id("[SEP]"))

    def test_bpe_uses_bart_special_ids(self) -> None:
        tokenizer = train_bpe(TEXTS, vocab_size=300, max_length=64)
        ids = tokenizer.encode("광 트랜시버").ids
        self.assertEqual(ids[0], bart_module.BOS_ID)
        self.assertEqual(ids[-1], bart_module.EOS_ID)

    def test_encoder_export_matches_torch(self) -> None:
        tokenizer = train_wordpiece(TEXTS, vocab_size=300, max_length=32)
        model = encoder_module.build_encoder(tokenizer, hidden=32, layers=1, heads=2, max_length=32).eval()
        source = self.root / "encoder-hf"
        model.save_pretrained(str(source))
        tokenizer.save(str(source / "tokenizer.json"))
        out = self.root / "encoder"
        metadata = export(source, out, "cls", None)
        self.assertEqual(metadata["kind"], "encoder")
        self.assertEqual(metadata["pooling"], "cls")
        self.assertEqual(metadata["maxLength"], 32)
        self.assertLess(check_encoder(model, out / "encoder.onnx", tokenizer.get_vocab_size()), 1e-4)

    def test_seq2seq_decoding_matches_transformers(self) -> None:
        tokenizer = train_bpe(TEXTS, vocab_size=300, max_length=64)
        model = bart_module.build_bart(tokenizer, d_model=32, layers=1, heads=2, max_positions=128).eval()
        source = self.root / "bart-hf"
        model.save_pretrained(str(source))
        tokenizer.save(str(source / "tokenizer.json"))
        out = self.root / "bart"
        metadata = export(source, out, None, 64)
        self.assertEqual(metadata["kind"], "seq2seq")
        self.assertIsNone(metadata["forcedBosTokenId"])
        self.assertLess(check_decoder(model, out / "decoder.onnx", 32, tokenizer.get_vocab_size()), 1e-4)
        seq2seq = Seq2Seq(str(out), eos_id=metadata["eosTokenId"], start_id=metadata["decoderStartTokenId"])
        ids = tokenizer.encode(TEXTS[1]).ids
        for options in (
            DecodeOptions(max_new_tokens=6),
            DecodeOptions(max_new_tokens=6, num_beams=3),
            DecodeOptions(max_new_tokens=6, num_beams=2, length_penalty=2.0, no_repeat_ngram_size=2),
        ):
            with self.subTest(options=options):
                output = seq2seq.generate(ids, options)
                self.assertLessEqual(len(output), 6)
                self.assertEqual(output, generate_with_transformers(model, ids, options))


class SeededTrainingTest(unittest.TestCase):
    """Trains the tiny encoder through build_small three times: twice with one seed, once with another."""

    @classmethod
    def setUpClass(cls) -> None:
        torch.set_num_threads(1)
        cls.folder = tempfile.TemporaryDirectory()
        cls.root = Path(cls.folder.name)
        rows = [PatentText(text[:12], text, ()) for text in TEXTS]
        cls.first = cls.train(rows, "first", seed=3)
        cls.second = cls.train(rows, "second", seed=3)
        cls.other_seed = cls.train(rows, "other-seed", seed=4)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.folder.cleanup()

    @classmethod
    def train(cls, rows: list[PatentText], name: str, seed: int) -> Path:
        args = argparse.Namespace(
            corpus=Path("tiny.jsonl"),
            out=cls.root / name / "out",
            work=cls.root / name / "work",
            encoder_steps=4,
            encoder_time_cap=None,
            vocab_size=300,
            hidden=32,
            layers=1,
            max_length=32,
            pooling="mean",
            no_fixtures=True,
            seed=seed,
        )
        build_encoder(args, rows, corpus_sha256="0" * 64)
        return cls.root / name

    def weights(self, run: Path) -> dict[str, torch.Tensor]:
        return load_file(str(run / "work" / "encoder" / "model.safetensors"))

    def test_same_seed_same_weights(self) -> None:
        first, second = self.weights(self.first), self.weights(self.second)
        self.assertEqual(first.keys(), second.keys())
        for key in first:
            self.assertTrue(torch.equal(first[key], second[key]), key)

    def test_same_seed_same_export(self) -> None:
        for file in ("encoder.onnx", "tokenizer.json", "exit-text-model.json"):
            first = (self.first / "out" / "encoder" / file).read_bytes()
            second = (self.second / "out" / "encoder" / file).read_bytes()
            self.assertEqual(first, second, file)

    def test_other_seed_other_weights(self) -> None:
        first, other = self.weights(self.first), self.weights(self.other_seed)
        self.assertFalse(all(torch.equal(first[key], other[key]) for key in first))

    def test_training_recorded_in_metadata(self) -> None:
        metadata = json.loads((self.first / "out" / "encoder" / "exit-text-model.json").read_text(encoding="utf-8"))
        training = metadata["training"]
        self.assertEqual(training["seed"], 3)
        self.assertEqual(training["steps"], 4)
        self.assertEqual(training["stopReason"], "step count reached")
        self.assertIsNone(training["timeCapSeconds"])
        self.assertEqual(training["corpus"]["sha256"], "0" * 64)
        self.assertEqual(training["hyperparameters"]["hiddenSize"], 32)


if __name__ == "__main__":
    unittest.main()
