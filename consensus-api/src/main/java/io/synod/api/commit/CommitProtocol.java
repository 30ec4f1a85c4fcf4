package io.synod.api.commit;

import io.synod.spi.MessageCodec;

/**
 * A named atomic commit protocol: a factory of {@link CommitCore}s, carrying its own validated
 * configuration (timeouts in ticks, how many acceptors).
 *
 * <pre>{@code
 * CommitProtocol twoPc = TwoPhaseCommit.builder().voteTimeoutTicks(20).build();
 * CommitCore core = twoPc.create(context);   // done by the commit driver or the simulator
 * }</pre>
 */
public interface CommitProtocol {

    /** A short, stable name ("2pc", "3pc", "paxos-commit"), used in logs and reports. */
    String name();

    /** Builds the core of one node from what that node recovered. */
    CommitCore create(CommitContext context);

    /** The codec for this protocol's messages over a byte transport. */
    MessageCodec codec();
}
