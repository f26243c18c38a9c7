"""Train the small text models on a patent corpus, export them and write the parity fixtures.

    python -m text.build_small --corpus ../var/text/generated-corpus.jsonl --out artifacts/text \
        [--encoder-steps N] [--bart-steps N] [--seed 7] [--skip-bart] [--work ../var/text/work]

Writes `<out>/encoder/` (a RoBERTa sentence encoder trained with unsupervised SimCSE, WordPiece
tokenizer) and `<out>/bart/` (a BART that writes a title from an abstract, BPE tokenizer), each as
exported by export_local plus `parity.json` with tokenizer ids, pooled vectors and decodings.
The Hugging Face folders go to `--work`. With a .csv corpus (KIPRIS) only the encoder is built.

Training stops after a fixed number of optimiser steps on one thread with deterministic kernels,
so the same corpus, seed, steps and library versions give the same weights on the same machine.
Each exit-text-model.json records them under "training".
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import tokenizers
import torch
import transformers
from tokenizers import Tokenizer
from transformers import AutoModel, AutoModelForSeq2SeqLM, GenerationConfig

from sasrec.progress import log, seed_everything

from . import bart as bart_module
from . import encoder as encoder_module
from .corpus import PatentText, read_corpus
from .decoding import DecodeOptions, Seq2Seq
from .export_local import export
from .tokenizer import train_bpe, train_wordpiece

# Strings whose token ids the fixtures record, besides corpus texts: each exercises one tokenizer rule.
EDGE_STRINGS = [
    "Microfluidic chip for CELL separation",
    "출원번호 10-2023-0123456, 2024년 12월 3일 출원",
    '(주)삼성전자, "A/B" 테스트!? 100% & 50°C',
    "이모지 😀 와 눈사람 ☃ 는 어휘에 없다",
    "特許 發明 漢字는 한 글자씩 나뉜다",
    "탭\t줄바꿈\n제어문자\u0000와 폭 없는 공백\u200b",
    "café naïve Ångström",
    "",
]


# Default optimiser steps, sized to match the former 120 s and 180 s training defaults. One encoder
# step took about 0.15 s and one BART step about 0.055 s of CPU time on the 2-core development machine.
DEFAULT_ENCODER_STEPS = 800
DEFAULT_BART_STEPS = 3600
ENCODER_BATCH_SIZE = 32
ENCODER_LEARNING_RATE = 3e-4
SIMCSE_TEMPERATURE = 0.05
BART_BATCH_SIZE = 16
BART_LEARNING_RATE = 1e-3
BART_MAX_SOURCE_TOKENS = 192
BART_MAX_POSITIONS = 256
# Pairs held out of BART training; the last three are the fixture's sources.
BART_HELD_OUT = 20


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def training_record(args: argparse.Namespace, stats: dict, corpus_sha256: str, corpus_texts: int, hyperparameters: dict, time_cap: float | None) -> dict:
    """Return the "training" entry of exit-text-model.json: what it takes to train the same weights again."""
    return {
        "seed": args.seed,
        "steps": stats["steps"],
        "stepsRequested": stats["stepsRequested"],
        "stopReason": "stopped early by time cap" if stats["stoppedEarlyByTimeCap"] else "step count reached",
        "timeCapSeconds": time_cap,
        "corpus": {"file": args.corpus.name, "sha256": corpus_sha256, "texts": corpus_texts},
        "hyperparameters": hyperparameters,
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__, "tokenizers": tokenizers.__version__},
        "finalLoss": stats["finalLoss"],
    }


def texts_of(rows: list[PatentText]) -> list[str]:
    return [row.text for row in rows]


def encoder_fixture(model_dir: Path, out: Path, tokenizer: Tokenizer, samples: list[str], max_length: int) -> dict:
    model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()
    long_text = " ".join(samples[:6])
    strings = samples[:4] + EDGE_STRINGS + [long_text]
    cases = []
    for text in strings:
        encoding = tokenizer.encode(text)
        cases.append({"text": text, "ids": encoding.ids})
    assert len(tokenizer.encode(long_text).ids) == max_length, "the long text must reach truncation"
    vector_texts = samples[:3] + [EDGE_STRINGS[0], EDGE_STRINGS[2]]
    ids, mask = encoder_module.encode_batch(tokenizer, vector_texts)
    vectors = {}
    with torch.no_grad():
        hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
        for pooling in ("mean", "cls"):
            pooled = torch.nn.functional.normalize(encoder_module.pool(hidden, mask, pooling), dim=-1)
            vectors[pooling] = pooled.tolist()
    fixture = {"tokenizer": cases, "vectors": {"texts": vector_texts, **vectors}}
    (out / "parity.json").write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return fixture


def bart_fixture(model_dir: Path, out: Path, tokenizer: Tokenizer, sources: list[str]) -> dict:
    seq2seq = Seq2Seq(str(out), eos_id=bart_module.EOS_ID, start_id=bart_module.EOS_ID)
    model = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir), local_files_only=True).eval()
    settings = [
        DecodeOptions(max_new_tokens=40),
        DecodeOptions(max_new_tokens=4),
        DecodeOptions(max_new_tokens=40, num_beams=3),
        DecodeOptions(max_new_tokens=40, num_beams=4, length_penalty=2.0, no_repeat_ngram_size=2),
        DecodeOptions(max_new_tokens=40, no_repeat_ngram_size=2),
    ]
    cases = []
    for source in sources:
        ids = tokenizer.encode(source).ids
        for options in settings:
            output = seq2seq.generate(ids, options)
            hf = generate_with_transformers(model, ids, options)
            cases.append(
                {
                    "source": source,
                    "inputIds": ids,
                    "maxNewTokens": options.max_new_tokens,
                    "numBeams": options.num_beams,
                    "lengthPenalty": options.length_penalty,
                    "noRepeatNgramSize": options.no_repeat_ngram_size,
                    "outputIds": output,
                    "text": tokenizer.decode(output, skip_special_tokens=True),
                    "transformersOutputIds": hf,
                }
            )
            agree = "agrees with" if hf == output else "differs from"
            print(f"decode {options}: {agree} transformers generate")
    fixture = {"decodings": cases}
    (out / "parity.json").write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return fixture


def generate_with_transformers(model, ids: list[int], options: DecodeOptions) -> list[int]:
    """Return transformers' generate output for the same settings, after the start token, without </s>."""
    config = GenerationConfig(
        max_new_tokens=options.max_new_tokens,
        num_beams=options.num_beams,
        length_penalty=options.length_penalty,
        no_repeat_ngram_size=options.no_repeat_ngram_size,
        early_stopping=True,
        do_sample=False,
        decoder_start_token_id=bart_module.EOS_ID,
        eos_token_id=bart_module.EOS_ID,
        pad_token_id=bart_module.PAD_ID,
        bos_token_id=bart_module.BOS_ID,
    )
    with torch.no_grad():
        output = model.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long), generation_config=config)
    tokens = output[0].tolist()[1:]
    tokens = [t for t in tokens if t != bart_module.PAD_ID]
    return tokens[:-1] if tokens and tokens[-1] == bart_module.EOS_ID else tokens


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help=".jsonl from scripts/models/text-corpus.ts, or a KIPRIS .csv")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("../var/text/work"), help="folder for the Hugging Face model folders")
    parser.add_argument("--encoder-steps", type=int, default=DEFAULT_ENCODER_STEPS, help="SimCSE optimiser steps; 0 keeps the initial weights")
    parser.add_argument("--bart-steps", type=int, default=DEFAULT_BART_STEPS, help="BART optimiser steps; 0 keeps the initial weights")
    parser.add_argument(
        "--encoder-time-cap",
        type=float,
        help="optional safety cap in seconds of wall time on encoder training; a run it stops is not reproducible (default: none)",
    )
    parser.add_argument("--bart-time-cap", type=float, help="the same cap for BART training, in seconds (default: none)")
    parser.add_argument("--vocab-size", type=int, default=3000)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--pooling", choices=["mean", "cls"], default="mean")
    parser.add_argument("--skip-bart", action="store_true")
    parser.add_argument("--no-fixtures", action="store_true", help="skip parity.json (for models trained on real data)")
    parser.add_argument("--seed", type=int, default=7, help="seeds initial weights, dropout and batch order")
    args = parser.parse_args()
    for name in ("encoder_steps", "bart_steps"):
        if getattr(args, name) < 0:
            parser.error(f"--{name.replace('_', '-')} must be 0 or more, got {getattr(args, name)}")
    for name in ("encoder_time_cap", "bart_time_cap"):
        value = getattr(args, name)
        if value is not None and value <= 0:
            parser.error(f"--{name.replace('_', '-')} must be a positive number of seconds, got {value}; omit it for no cap")
    return args


def build_encoder(args: argparse.Namespace, rows: list[PatentText], corpus_sha256: str) -> None:
    texts = texts_of(rows)
    # Seeding again before each model keeps its weights independent of what ran before it.
    seed_everything(args.seed)
    tokenizer = train_wordpiece(texts, args.vocab_size, args.max_length)
    heads = max(1, args.hidden // 32)
    encoder = encoder_module.build_encoder(tokenizer, args.hidden, args.layers, heads, args.max_length)

    stats = encoder_module.train_simcse(
        encoder,
        tokenizer,
        texts,
        steps=args.encoder_steps,
        batch_size=ENCODER_BATCH_SIZE,
        pooling=args.pooling,
        seed=args.seed,
        temperature=SIMCSE_TEMPERATURE,
        learning_rate=ENCODER_LEARNING_RATE,
        time_cap_seconds=args.encoder_time_cap,
    )
    log(f"encoder training: {json.dumps(stats)}")

    hyperparameters = {
        "objective": "unsupervised SimCSE",
        "vocabSize": args.vocab_size,
        "hiddenSize": args.hidden,
        "layers": args.layers,
        "attentionHeads": heads,
        "maxLength": args.max_length,
        "pooling": args.pooling,
        "batchSize": ENCODER_BATCH_SIZE,
        "learningRate": ENCODER_LEARNING_RATE,
        "temperature": SIMCSE_TEMPERATURE,
        "optimizer": "AdamW",
    }
    training = training_record(args, stats, corpus_sha256, len(texts), hyperparameters, args.encoder_time_cap)

    encoder_dir = args.work / "encoder"
    encoder.save_pretrained(str(encoder_dir))
    tokenizer.save(str(encoder_dir / "tokenizer.json"))
    export(encoder_dir, args.out / "encoder", args.pooling, args.max_length, training)
    if not args.no_fixtures:
        encoder_fixture(encoder_dir, args.out / "encoder", tokenizer, texts[:8], args.max_length)


def build_bart(args: argparse.Namespace, rows: list[PatentText], corpus_sha256: str) -> None:
    seed_everything(args.seed)
    bpe = train_bpe([row.abstract for row in rows] + [row.title for row in rows], args.vocab_size, BART_MAX_SOURCE_TOKENS)
    heads = max(1, args.hidden // 32)
    bart = bart_module.build_bart(bpe, args.hidden, args.layers, heads, BART_MAX_POSITIONS)
    pairs = [(row.abstract, row.title) for row in rows]

    stats = bart_module.train_titles(
        bart,
        bpe,
        pairs[:-BART_HELD_OUT],
        steps=args.bart_steps,
        batch_size=BART_BATCH_SIZE,
        seed=args.seed,
        learning_rate=BART_LEARNING_RATE,
        time_cap_seconds=args.bart_time_cap,
    )
    log(f"bart training: {json.dumps(stats)}")

    hyperparameters = {
        "objective": "title from abstract, teacher forcing",
        "vocabSize": args.vocab_size,
        "dModel": args.hidden,
        "encoderLayers": args.layers,
        "decoderLayers": args.layers,
        "attentionHeads": heads,
        "maxSourceTokens": BART_MAX_SOURCE_TOKENS,
        "maxPositions": BART_MAX_POSITIONS,
        "batchSize": BART_BATCH_SIZE,
        "learningRate": BART_LEARNING_RATE,
        "heldOutPairs": BART_HELD_OUT,
        "optimizer": "AdamW",
    }
    training = training_record(args, stats, corpus_sha256, len(pairs), hyperparameters, args.bart_time_cap)

    bart_dir = args.work / "bart"
    bart.save_pretrained(str(bart_dir))
    bpe.save(str(bart_dir / "tokenizer.json"))
    export(bart_dir, args.out / "bart", None, BART_MAX_SOURCE_TOKENS, training)
    if not args.no_fixtures:
        bart_fixture(bart_dir, args.out / "bart", bpe, [source for source, _ in pairs[-3:]])


def main() -> None:
    args = parse_args()
    torch.set_num_threads(1)
    rows = read_corpus(args.corpus)
    corpus_sha256 = sha256_of(args.corpus)
    log(f"{len(rows)} texts from {args.corpus} (sha256 {corpus_sha256}), seed {args.seed}")
    build_encoder(args, rows, corpus_sha256)
    if args.skip_bart or args.corpus.suffix == ".csv":
        return
    build_bart(args, rows, corpus_sha256)


if __name__ == "__main__":
    main()
