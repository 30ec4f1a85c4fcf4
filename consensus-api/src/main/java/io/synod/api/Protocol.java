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
}
