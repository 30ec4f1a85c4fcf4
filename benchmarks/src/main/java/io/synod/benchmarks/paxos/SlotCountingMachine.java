package io.synod.benchmarks.paxos;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;

import java.io.InputStream;

/**
 * The cheapest state machine that still tells a benchmark what happened: it counts commands and
 * the log slots that carried them (commands of one batch share a slot), and answers every
 * command with the same empty result, so that the replication path, not the service, is measured.
 */
final class SlotCountingMachine implements StateMachine {

    private static final byte[] OK = new byte[0];

    private volatile long commands;
    private volatile long slots;
    private long lastIndex;

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        // Single writer (the replica thread): plain increments published by the volatile store.
        commands = commands + 1;
        if (ctx.index() != lastIndex) {
            lastIndex = ctx.index();
            slots = slots + 1;
        }
        return OK;
    }

    long commands() {
        return commands;
    }

    long slots() {
        return slots;
    }

    @Override
    public SnapshotWriter snapshot() {
        return SnapshotWriter.of(OK);
    }

    @Override
    public void restore(InputStream in) {
        // The counters measure work done in this process; a restored state has none to report.
    }
}
