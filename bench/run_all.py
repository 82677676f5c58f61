"""`make bench`: every benchmark in turn; each prints its own figures."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHES = ["bench_ingest.py", "bench_cluster.py", "bench_analyse.py", "bench_fetch.py", "bench_web.py",
           "bench_concurrent.py", "bench_backends.py", "bench_embed.py", "bench_backfill.py", "bench_reading.py"]

if __name__ == "__main__":
    failed = []
    for name in BENCHES:
        path = HERE / name
        if not path.exists():
            continue
        print(f"\n##### {name}", flush=True)
        if subprocess.run([sys.executable, str(path)]).returncode != 0:
            failed.append(name)
    if failed:
        print("failed:", ", ".join(failed))
        sys.exit(1)
