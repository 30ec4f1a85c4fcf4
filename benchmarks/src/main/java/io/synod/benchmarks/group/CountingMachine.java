package io.synod.benchmarks.group;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;

import java.io.InputStream;

/**
 * The cheapest state machine that still tells a benchmark what happened: it counts commands and
 * the log entries that carried them (commands of one batch share an entry), and answers every
 * command with the same empty result, so that the replication path, not the service, is measured.
 */
public final class CountingMachine implements StateMachine {

    private static final byte[] OK = new byte[0];

    private volatile long commands;
    private volatile long entries;
    private long lastIndex;

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        // Single writer (the replica thread): plain increments published by the volatile store.
        commands = commands + 1;
        if (ctx.index() != lastIndex) {
            lastIndex = ctx.index();
            entries = entries + 1;
        }
        return OK;
    }

    /** Commands applied so far. */
    public long commands() {
        return commands;
    }

    /** Log entries (slots) those commands came in. */
    public long entries() {
        return entries;
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
