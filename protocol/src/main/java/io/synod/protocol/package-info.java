/**
 * The parts more than one protocol needs, so that no protocol depends on another: ZAB, the
 * commit protocols and Paxos each use them, and they know no protocol.
 *
 * <ul>
 *   <li>{@link io.synod.protocol.Ballot} — a round made unique by a node id, packed into one
 *       ordered {@code long} (a Paxos log entry's term).</li>
 *   <li>{@link io.synod.protocol.FrameWriter} / {@link io.synod.protocol.FrameReader} — a
 *       message's fields at a moving position, little-endian; the reader never reads past the frame
 *       and reports every malformed field as {@code MalformedMessageException} naming its offset.</li>
 *   <li>{@link io.synod.protocol.Backoff} — a random wait whose range doubles with each
 *       consecutive failure, for duelling proposers or election rounds.</li>
 *   <li>{@link io.synod.protocol.RandomizedTimeout} and {@link io.synod.protocol.Periodic} — time as
 *       a core counts it: an election timeout drawn afresh at each restart, and something due every
 *       so many ticks (heartbeats, retransmissions).</li>
 * </ul>
 *
 * <p><b>Rules.</b> The same as a protocol core's (an ArchUnit test holds the package to them):
 * no thread, clock, unseeded randomness, file or socket; randomness only from the
 * {@code RandomGenerator} a core got from its {@code ProtocolContext}. Nothing here is
 * thread-safe: each instance lives inside one single-threaded core.
 *
 * <pre>{@code
 * RandomizedTimeout election = new RandomizedTimeout(config.electionTicks(), context.random());
 * Periodic heartbeat = new Periodic(config.heartbeatTicks());
 * public void tick() {
 *     if (leading) { if (heartbeat.tick()) broadcast(new Heartbeat(ballot.pack())); }
 *     else if (election.tick()) campaign(ballot = ballot.next(self));
 * }
 * int encode(Message m, MutableDirectBuffer buffer, int offset) {
 *     return new FrameWriter(buffer, offset).putByte(TYPE).putBallot(ballot).putBytes(value).length();
 * }
 * }</pre>
 */
package io.synod.protocol;
