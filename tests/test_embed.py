"""The static sentence-embedding model: the one `make` builds into the venv, loaded from disk only."""
from __future__ import annotations

import pickle
import shutil

import numpy as np
import pytest

from storywire.cluster.embed import Embedder, default_model_path, load_embedder
from storywire.errors import ConfigError


@pytest.fixture(scope="module")
def emb() -> Embedder:
    return load_embedder()


def test_default_model_is_built_into_the_venv(emb):
    assert default_model_path().is_dir(), "`make` builds the embedding model into the venv"
    assert emb.path == default_model_path().resolve()
    assert emb.dim >= 64
    assert load_embedder() is emb  # once per process


def test_paraphrased_headlines_are_closer_than_unrelated_ones(emb):
    vecs = emb.embed([
        "Earthquake kills 12 in northern Chile",
        "Twelve dead as quake strikes Chile's north",
        "Apple unveils new iPhone with better camera",
        "Central bank raises interest rates again",
    ])
    assert vecs.dtype == np.float32 and vecs.shape == (4, emb.dim)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)
    sim = vecs @ vecs.T
    assert sim[0, 1] > sim[0, 2] + 0.1
    assert sim[0, 1] > sim[0, 3] + 0.1
    assert sim[1, 0] > max(sim[1, 2], sim[1, 3]) + 0.1


def test_empty_text_gives_a_zero_row(emb):
    vecs = emb.embed(["", "Earthquake kills 12 in northern Chile", "   "])
    assert vecs.shape == (3, emb.dim)
    assert not vecs[0].any() and not vecs[2].any()
    assert np.linalg.norm(vecs[1]) == pytest.approx(1.0, rel=1e-5)
    assert emb.embed([]).shape == (0, emb.dim)


def test_same_text_same_vector_in_any_batch(emb):
    alone = emb.embed(["Twelve dead as quake strikes Chile's north"])
    batched = emb.embed(["Something else entirely", "Twelve dead as quake strikes Chile's north"])
    np.testing.assert_allclose(alone[0], batched[1], rtol=1e-6, atol=1e-7)


def test_pickles_as_its_path(emb):
    data = pickle.dumps(emb)
    assert len(data) < 1000  # the path, not the weights
    assert pickle.loads(data) is emb  # same process: the cached model


def test_missing_folder_is_a_config_error_naming_make(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_embedder(tmp_path / "nowhere")
    msg = str(err.value)
    assert "\n" not in msg and "make" in msg and "nowhere" in msg


def test_incomplete_folder_is_a_config_error(tmp_path, emb):
    broken = tmp_path / "m2v"
    shutil.copytree(emb.path, broken)
    (broken / "model.safetensors").unlink()
    with pytest.raises(ConfigError, match=r"model\.safetensors missing.*make"):
        load_embedder(broken)


def test_corrupt_weights_are_a_config_error(tmp_path, emb):
    broken = tmp_path / "m2v"
    shutil.copytree(emb.path, broken)
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ConfigError, match="make"):
        load_embedder(broken)
