"""Train Hugging Face `tokenizers` tokenizers on patent text.

The WordPiece one has the layout of klue/roberta (the tokenizer KoSimCSE-RoBERTa uses): a
BertNormalizer that neither lowercases nor strips accents, BertPreTokenizer, WordPiece, and
"[CLS] $A [SEP]". The BPE one is a SentencePiece-like layout for the BART summariser: NFKC,
Metaspace, BPE and "<s> $A </s>".
"""

from __future__ import annotations

from collections.abc import Iterable

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

WORDPIECE_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# The BART ids: <s> 0, <pad> 1, </s> 2, <unk> 3.
BPE_SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]


def wordpiece_pipeline(vocab: dict[str, int] | None = None) -> Tokenizer:
    """Return a WordPiece tokenizer in the klue/roberta layout, empty or with `vocab`, without post-processor."""
    model = models.WordPiece(vocab, unk_token="[UNK]", max_input_chars_per_word=100) if vocab else models.WordPiece(
        unk_token="[UNK]", max_input_chars_per_word=100
    )
    tokenizer = Tokenizer(model)
    tokenizer.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=False
    )
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.decoder = decoders.WordPiece(prefix="##")
    return tokenizer


def continuing_subwords(tokenizer: Tokenizer, texts: Iterable[str]) -> list[str]:
    """Return "##" plus each character that follows another inside a pre-tokenized word, sorted."""
    characters: set[str] = set()
    for text in texts:
        normalized = tokenizer.normalizer.normalize_str(text)
        for word, _ in tokenizer.pre_tokenizer.pre_tokenize_str(normalized):
            characters.update(word[1:])
    return [f"##{character}" for character in sorted(characters)]


def train_wordpiece(texts: Iterable[str], vocab_size: int, max_length: int) -> Tokenizer:
    """Train a WordPiece vocabulary that depends only on the texts and sizes.

    The WordPiece trainer of `tokenizers` 0.23.3 numbers the "##" subword tokens in hash-map
    order and breaks merge ties by token id, so two runs can learn different vocabularies
    (https://github.com/huggingface/tokenizers/issues/1794). Passing every "##" token in as a
    special token numbers them in sorted order before training. The returned tokenizer has them
    as ordinary vocabulary entries.
    """
    texts = list(texts)
    trainer_tokenizer = wordpiece_pipeline()
    subwords = continuing_subwords(trainer_tokenizer, texts)
    trainer = trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=WORDPIECE_SPECIALS + subwords)
    trainer_tokenizer.train_from_iterator(texts, trainer=trainer)
    learned = trainer_tokenizer.get_vocab()
    if any(learned[token] != index for index, token in enumerate(WORDPIECE_SPECIALS)):
        raise RuntimeError(f"WordPiece training gave {WORDPIECE_SPECIALS} other ids than 0 to 4, which the klue/roberta layout expects")
    tokenizer = wordpiece_pipeline({token: index for index, token in enumerate(sorted(learned, key=learned.__getitem__))})
    tokenizer.add_special_tokens(WORDPIECE_SPECIALS)
    cls_id = tokenizer.token_to_id("[CLS]")
    sep_id = tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    tokenizer.enable_truncation(max_length)
    return tokenizer


def train_bpe(texts: Iterable[str], vocab_size: int, max_length: int) -> Tokenizer:
    tokenizer = Tokenizer(models.BPE(unk_token="<unk>"))
    tokenizer.normalizer = normalizers.NFKC()
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=BPE_SPECIALS)
    tokenizer.train_from_iterator(texts, trainer=trainer)
    tokenizer.post_processor = processors.RobertaProcessing(("</s>", 2), ("<s>", 0))
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.enable_truncation(max_length)
    return tokenizer
