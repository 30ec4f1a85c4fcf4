package io.synod.benchmarks.compare;

import java.util.Map;

/**
 * What one committed operation cost, counted (not timed) on cores driven in lockstep.
 *
 * @param messages        messages all nodes sent because of it, until the network was quiet
 * @param bytes           their encoded size (the protocol's codec, without transport framing)
 * @param fsyncs          persist steps (one fsync each) all nodes took because of it
 * @param delaysToAnswer  message delays from the submit until the submitting node could answer
 *                        its client (applied the command; for a transaction: knew the outcome)
 * @param delaysToQuiet   message delays until the last message caused by it was delivered
 * @param kinds           messages by kind (the message record's simple name)
 */
public record OperationCost(long messages, long bytes, long fsyncs, int delaysToAnswer, int delaysToQuiet,
                            Map<String, Long> kinds) {

    /** Round trips to the answer: two message delays each, rounded up. */
    public int roundTripsToAnswer() {
        return (delaysToAnswer + 1) / 2;
    }

    /** Round trips until quiet: two message delays each, rounded up. */
    public int roundTripsToQuiet() {
        return (delaysToQuiet + 1) / 2;
    }
}
