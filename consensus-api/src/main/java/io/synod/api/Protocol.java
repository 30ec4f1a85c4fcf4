package io.synod.api;

import io.synod.spi.MessageCodec;

/**
 * A named protocol: a factory of protocol cores. An instance carries the protocol's own,
 * already validated configuration (quorum system, timeouts in ticks, batch sizes), so that
 * {@link #create} needs only what differs per node.
 *
 * <pre>{@code
 * Protocol paxos = MultiPaxos.builder().electionTicks(10).build();
 * ProtocolCore core = paxos.create(context);   // done by the runtime or the simulator
 * }</pre>
 */
public interface Protocol {

    /** A short, stable name ("multi-paxos", "zab", "2pc"…), used in logs and benchmark reports. */
    String name();

    /** Builds the core of one node from what that node recovered. */
    ProtocolCore create(ProtocolContext context);

    /**
     * The codec peers use to exchange this protocol's messages over a byte transport; in-JVM
     * transports and the simulator pass the records themselves.
     */
    MessageCodec codec();

    /**
     * How many ticks a core must be given, at most, to notice a pause: enough that every
     * time-based promise it holds (a leader lease, above all) has run out. A runtime resuming from
     * a pause — a stalled disk, a garbage collection, a suspended VM — delivers every elapsed tick
     * up to this many before it feeds the core any message or request, so that no lease outlives
     * a pause longer than itself, and no more, so that a node does not act on time it slept
     * through (a burst of timeouts). 0 means nothing rests on time for safety.
     *
     * <p>The default, for a protocol that does not say, is the safe one: every elapsed tick.
     */
    default long ticksAfterPause() {
        return Long.MAX_VALUE;
    }
}
