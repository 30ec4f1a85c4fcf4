/**
 * Snapshots are the runtime's job, not a core's: writing them in the background, and streaming
 * them to peers that need them.
 *
 * <p><b>Writing.</b> Every {@code snapshotEvery} applied entries the replica thread takes a
 * consistent view of the replicated state ({@code StateMachine.snapshot()}: cheap, an immutable
 * root or a copy) and hands it to a {@link io.synod.runtime.snapshot.BackgroundSnapshotWriter},
 * which streams it into the {@link io.synod.spi.SnapshotStore} on a thread of its own while the
 * replica goes on applying. Once it is durable, a later duty cycle compacts the log (keeping
 * up to {@code logRetention} entries and {@code logRetentionBytes} bytes below it) and tells the core ({@code ProtocolCore.compacted}).
 *
 * <p><b>Transfer.</b> A core that needs a peer to have its snapshot says so
 * ({@code Effects.sendSnapshot(peer)}); {@link io.synod.runtime.snapshot.SnapshotTransfers}
 * streams the newest one in {@link io.synod.runtime.snapshot.SnapshotTransferMessage.SnapshotChunk
 * chunks} over the same transport as the protocol's messages, with a window of chunks in flight
 * (flow control), resending the window after a quiet spell and starting over when the receiver lost
 * the transfer. The receiver writes the chunks in order into a temporary sink of its own store,
 * keeps chunks that overtook a lost one until the gap closes, checks the stream's CRC32C, commits
 * it, restores the state machine from the store, keeps the log only above the snapshot, and tells
 * its core ({@code ProtocolCore.snapshotInstalled}); the sender's core hears that the peer holds it
 * ({@code ProtocolCore.snapshotSent}). The simulator drives this very class, with chunks lost,
 * duplicated and reordered by its network.
 *
 * <p><b>On the wire.</b> A byte transport carries the transfer's messages with
 * {@link io.synod.runtime.snapshot.SnapshotTransferCodec}, on a channel of their own registered
 * before the protocol's.
 *
 * <p><b>Threading.</b> {@code SnapshotTransfers} is called from the replica thread only; the
 * writer's thread touches only the view it was given and the store.
 *
 * <p><b>Failure.</b> A transfer that makes no progress for {@code abandonTicks} is dropped on both
 * sides (the core asks again if it must); a stream that fails its checksum is sent again from the
 * start; an I/O error of the local store stops the replica.
 *
 * <p><b>Example</b>: a TCP transport that carries snapshots beside Multi-Paxos.
 * <pre>{@code
 * TcpTransportConfig config = TcpTransportConfig.builder()
 *     .channel(new CodecChannel(2, SnapshotTransferMessage.class, new SnapshotTransferCodec()))
 *     .channel(new CodecChannel(CodecChannel.PROTOCOL, Message.class, protocol.codec()))
 *     // ... addresses, cluster key
 *     .build();
 * ReplicaConfig replica = ReplicaConfig.defaults()
 *     .withSnapshotEvery(10_000).withLogRetention(5_000)
 *     .withSnapshotTransfer(new SnapshotTransferConfig(256 << 10, 8, 4, 200));
 * }</pre>
 */
package io.synod.runtime.snapshot;
