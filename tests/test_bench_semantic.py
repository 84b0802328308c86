"""bench/semantic.py and bench/embedders.py (issue 13 item 4) without any embedding package:
how the cosine enters the counterpart model, and the numpy parts that run MiniLM."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest

from aligner.match import counterparts
from aligner.match.counterparts import COUNTERPART_FEATURES, CounterpartScorer
from aligner.text.features import sentence_features
from bench.embedders import BertEncoder, WordPiece, mean_pooled, read_safetensors
from bench.semantic import embedding_in_model, variant_features, variant_rows

SENTENCES = [
    "The judge sentenced Durst to seven years in prison.",
    "Durst was sentenced to 85 months in prison.",
    "The weather was fine in New Orleans.",
]


def test_each_variant_puts_the_cosine_where_its_name_says() -> None:
    width = len(COUNTERPART_FEATURES)
    lexical = np.arange(2 * width, dtype=float).reshape(2, width)
    first, second = lexical.tolist()
    cosine = np.array([0.5, -0.5])
    plus = variant_rows(lexical, cosine, "plus")
    assert plus.tolist() == [[*first, 0.5], [*second, -0.5]]
    assert variant_rows(lexical, cosine, "replace").tolist() == [
        [0.5, *first[1:]],
        [-0.5, *second[1:]],
    ]
    assert variant_rows(lexical, cosine, "alone").tolist() == [[0.5], [-0.5]]
    for variant in ("plus", "replace", "alone"):
        assert len(variant_features(variant)) == variant_rows(lexical, cosine, variant).shape[1]


def _first_word_embedding(texts: list[str]) -> np.ndarray:
    """Unit vectors that agree exactly when two sentences start with the same word."""
    words = sorted({t.split()[0] for t in texts})
    return np.array([[float(t.split()[0] == w) for w in words] for t in texts])


def test_scorer_rows_carry_the_embedding_cosine_only_inside_the_context() -> None:
    features = [sentence_features(t) for t in SENTENCES]
    left, right = np.array([0, 0, 1]), np.array([1, 2, 2])
    with embedding_in_model(_first_word_embedding, "plus"):
        scorer = CounterpartScorer(features, [0, 1, 2], [0, 0, 0])
        rows = scorer.rows(left, right)
        assert counterparts.COUNTERPART_FEATURES[-1] == "embedding_cosine"
        assert scorer.rows(left[:0], right[:0]).shape == (0, 7)
    # "The"/"Durst"/"The": only the first and third sentences start alike.
    assert rows[:, -1].tolist() == [0.0, 1.0, 0.0]
    plain = CounterpartScorer(features, [0, 1, 2], [0, 0, 0]).rows(left, right)
    np.testing.assert_allclose(rows[:, :-1], plain)
    assert plain.shape == (3, len(COUNTERPART_FEATURES)) == (3, 6)


VOCABULARY = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "cafe", "!", "a"]


def test_wordpiece_splits_words_strips_accents_and_marks_unknowns() -> None:
    tokeniser = WordPiece(VOCABULARY)
    assert tokeniser.encode("Unaffable café!") == [2, 4, 5, 6, 7, 8, 3]
    assert tokeniser.encode("unx") == [2, 1, 3]  # no piece covers "x": the word is unknown
    assert tokeniser.words("a,\tB\u00e9\u5317\u4eac") == ["a", ",", "be", "\u5317", "\u4eac"]
    assert len(tokeniser.encode("a " * 1000)) == 256


def test_read_safetensors_reads_each_tensor_by_its_offsets(tmp_path: Path) -> None:
    first = np.arange(6, dtype=np.float32).reshape(2, 3)
    second = np.array([-1, 2], dtype=np.int8)
    header = {
        "__metadata__": {"format": "pt"},
        "first": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
        "second": {"dtype": "I8", "shape": [2], "data_offsets": [24, 26]},
    }
    encoded = json.dumps(header).encode()
    path = tmp_path / "model.safetensors"
    path.write_bytes(struct.pack("<Q", len(encoded)) + encoded + first.tobytes() + second.tobytes())
    tensors = read_safetensors(path)
    np.testing.assert_array_equal(tensors["first"], first)
    np.testing.assert_array_equal(tensors["second"], second)


def _random_bert(width: int = 8, layers: int = 2, vocabulary: int = 20) -> BertEncoder:
    random = np.random.default_rng(7)
    shapes = {
        "embeddings.word_embeddings.weight": (vocabulary, width),
        "embeddings.position_embeddings.weight": (32, width),
        "embeddings.token_type_embeddings.weight": (2, width),
        "embeddings.LayerNorm.weight": (width,),
        "embeddings.LayerNorm.bias": (width,),
    }
    for layer in range(layers):
        at = f"encoder.layer.{layer}."
        for name, rows, columns in (
            ("attention.self.query", width, width),
            ("attention.self.key", width, width),
            ("attention.self.value", width, width),
            ("attention.output.dense", width, width),
            ("intermediate.dense", 4 * width, width),
            ("output.dense", width, 4 * width),
        ):
            shapes[at + name + ".weight"] = (rows, columns)
            shapes[at + name + ".bias"] = (rows,)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            shapes[at + norm + ".weight"] = (width,)
            shapes[at + norm + ".bias"] = (width,)
    weights = {name: random.normal(size=shape) for name, shape in shapes.items()}
    return BertEncoder(weights, layers=layers, heads=2)


@pytest.mark.parametrize("batched_with", [[5, 6, 7, 8, 9, 10, 11, 12], [3]])
def test_a_sentence_embeds_alike_alone_and_padded_in_a_batch(batched_with: list[int]) -> None:
    encoder = _random_bert()
    sentence = [2, 4, 5, 3]
    alone = mean_pooled(encoder.hidden, [sentence], encoder.width)
    together = mean_pooled(encoder.hidden, [sentence, batched_with], encoder.width)
    np.testing.assert_allclose(together[0], alone[0], atol=1e-5)
    assert np.linalg.norm(alone[0]) == pytest.approx(1.0)
    assert not np.allclose(together[1], alone[0], atol=1e-3)
