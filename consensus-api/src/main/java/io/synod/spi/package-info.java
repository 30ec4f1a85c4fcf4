/**
 * The edges a replica is assembled from: {@link io.synod.spi.Transport} and
 * {@link io.synod.spi.MessageCodec} (how messages travel), {@link io.synod.spi.LogStore},
 * {@link io.synod.spi.HardStateStore}, {@link io.synod.spi.SnapshotStore} and its
 * {@link io.synod.spi.SnapshotSink} (where state is
 * kept; {@link io.synod.spi.Storage} holds the three together), and {@link io.synod.spi.Clock} (the runtime's notion of time).
 *
 * <p><b>Lifecycle.</b> A replica is handed its edges already open and owns them from then on: it
 * closes them when it closes. Before it recovers, it claims its storage with its
 * {@link io.synod.spi.NodeIdentity} ({@link io.synod.spi.Storage#claim}): a storage that belongs
 * to another node or cluster is refused with both identities named.
 *
 * <p><b>Threading.</b> The replica calls its edges from its single driver thread; implementations
 * may run threads of their own behind that (a TCP transport's selector, a log's sync thread).
 *
 * <p><b>Ordering.</b> The stores' writes become durable at {@code LogStore.sync()} (and at
 * {@code HardStateStore.save} and {@code SnapshotSink.commit()}, which are durable on return); the
 * runtime sends a batch's messages only after those calls returned. It stores a batch's hard
 * state before the log changes, or after the sync when the batch asks for that. A
 * {@code truncateSuffix} and the appends after it up to the next sync are crash-atomic
 * ({@link io.synod.spi.LogStore}): the old log or the new one survives, never a mix.
 *
 * <p><b>Snapshots stream.</b> {@link io.synod.spi.SnapshotStore#begin} opens a
 * {@link io.synod.spi.SnapshotSink} (a temporary file for a file store) that a background thread
 * writes into; {@code commit()} makes it durable and visible at once (fsync, rename, fsync the
 * directory), with a checksum over the whole stream; {@code open} reads one back as a stream and
 * refuses a damaged one naming the file and offset. The same sink receives a snapshot a peer
 * streams in chunks. A store keeps its newest few; the log is kept from the oldest of them on.
 *
 * <p><b>Log access.</b> A {@link io.synod.spi.LogStore} is also an {@link io.synod.api.LogReader};
 * the runtime hands a core a read-only view of it ({@code ProtocolContext.log()}).
 *
 * <p><b>Failure.</b> A transport drops what it cannot deliver and never blocks the replica. A
 * store that finds its files damaged refuses to open, naming the file and the offset, except for
 * the log's last record: a torn write there is dropped, and a damaged record that may have been
 * durable is dropped and reported ({@link io.synod.spi.LogStore#suspectFrom()}), so that the
 * replica re-learns it from its peers before it votes. An I/O error while running stops the
 * replica rather than let it continue with a state it cannot prove.
 *
 * <p><b>Example</b>: replicas in one JVM; and a snapshot streamed through a store.
 * <pre>{@code
 * InJvmNetwork network = new InJvmNetwork();
 * Replica replica = Replica.builder()
 *     .self(1).members(1, 2, 3)
 *     .transport(network.join(1))
 *     .storage(new MemoryStorage())            // or FileStorage.open(dir, StorageOptions.defaults())
 *     .protocol(protocol).stateMachine(machine)
 *     .start();
 *
 * try (SnapshotSink sink = storage.snapshots().begin(index, term)) {
 *     stateMachine.snapshot().writeTo(sink);       // streams; nothing holds the whole state
 *     sink.commit();                               // fsync + rename + fsync dir
 * }
 * try (InputStream in = storage.snapshots().open(storage.snapshots().latest().orElseThrow())) {
 *     stateMachine.restore(in);                    // checked against the stream's CRC32C
 * }
 * }</pre>
 */
package io.synod.spi;
