/**
 * Where a replica keeps what it must not forget: the log, the hard state and snapshots.
 *
 * <p><b>Stores.</b> {@link io.synod.storage.MemoryLogStore}, {@link io.synod.storage.MemoryHardStateStore}
 * and {@link io.synod.storage.MemorySnapshotStore} for tests and benchmarks;
 * {@link io.synod.storage.FileStorage} for real replicas: a segmented write-ahead log
 * ({@link io.synod.storage.FileLogStore}), an atomically replaced hard-state file and snapshot
 * files with retention.
 *
 * <p><b>Lifecycle.</b> Open a data directory once per process ({@code FileStorage.open} takes a
 * lock file), call {@code recover()} to rebuild the core, then persist each {@code Ready}: hard
 * state, log appends, one {@code sync()}; close when the replica stops.
 *
 * <p><b>Threading.</b> All stores are thread-safe. The replica runtime uses them from its single
 * driver thread; {@link io.synod.storage.FileLogStore#appendAsync} serves many producers with group
 * commit on a syncer thread owned by the log, and a second daemon thread of the log's prepares its
 * next segment ahead of need (off with {@link io.synod.storage.StorageOptions#preallocateSegments()});
 * {@code close()} stops both.
 *
 * <p><b>Failure.</b> On open the log gives one verdict on what follows its last good record
 * ({@code SegmentScan}): a torn write (an unsynced write a crash cut short) is
 * zeroed with a WARN naming file and offset; a damaged last record that may have been synced is
 * dropped, recorded durably and reported as {@code suspectFrom} with an ERROR naming file, offset
 * and index, so that the replica re-learns before it votes; any other damage stops the open with a
 * {@link io.synod.storage.CorruptLogException} naming file, offset, expected and actual value. A
 * snapshot that fails its checksum is skipped for the previous one, and the log keeps what the
 * oldest kept snapshot needs so that the fallback can replay it. An I/O error makes the log refuse
 * further calls until it is reopened. Inspect a directory with {@link io.synod.storage.LogDump}
 * ({@code synod-wal dump <dir>}).
 *
 * <p><b>Identity.</b> {@link io.synod.storage.FileStorage#claim} records which node of which
 * cluster owns a directory and refuses any other.
 *
 * <pre>{@code
 * try (FileStorage storage = FileStorage.open(dir, StorageOptions.defaults())) {
 *     storage.claim(new NodeIdentity("prod", 1));
 *     Recovered recovered = storage.recover();     // recovered.suspectFrom() > 0: re-learn before voting
 *     // ... for each Ready:
 *     storage.hardState().save(ready.hardState());
 *     storage.log().append(ready.entries());
 *     storage.log().sync();
 *     // ... after taking a snapshot:
 *     storage.snapshots().save(snapshot);   // keeps the newest 3, purges the log below the oldest kept
 * }
 * }</pre>
 */
package io.synod.storage;
