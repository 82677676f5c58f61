"""Scale-out on Ray: `storywire backfill` (shards ingested by tasks, stories assigned by one actor per language,
analysed by tasks).

- :mod:`.shards`: what a shard is, its records extracted (:func:`.shards.prepare_shard`, a Ray task) and stored
  in input order by the driver (:class:`.shards.ShardWriter`);
- :mod:`.assigner`: the engine's pure half per block (:func:`.assigner.prepare_block`, a Ray task) and its
  sequential half per partition (:class:`.assigner.Assigner`, a Ray actor with snapshots in the store);
- :mod:`.analysis`: per-article analysis parts and story analyses (Ray tasks), stored by the driver;
- :mod:`.backfill`: the driver (:func:`.backfill.backfill`).

Nothing here imports Ray at import time: only the driver starts or joins a cluster.
"""
