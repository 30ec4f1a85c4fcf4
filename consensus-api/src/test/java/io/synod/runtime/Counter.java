package io.synod.runtime;

import io.synod.api.ApplyContext;
import io.synod.api.CommandRejectedException;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A test state machine: adds each command's long to a running total and answers the total. It
 * rejects a negative amount (changing nothing), and fails outright on {@link #BREAK}.
 */
class Counter implements StateMachine {

    /** The amount on which {@code apply} throws something other than a rejection. */
    static final long BREAK = Long.MIN_VALUE;

    long total;
    int applied;
    /** What each call saw: "index.position term@time session#sequence", replays marked. */
    final java.util.List<String> seen = new java.util.ArrayList<>();
    /** Sessions the counter heard end, with where. */
    final java.util.List<String> ended = new java.util.ArrayList<>();

    static byte[] add(long amount) {
        return ByteBuffer.allocate(Long.BYTES).putLong(amount).array();
    }

    static long value(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        seen.add(describe(ctx));
        long amount = value(command);
        if (amount == BREAK) {
            throw new ArithmeticException("the counter broke");
        }
        if (amount < 0) {
            throw new CommandRejectedException("cannot add " + amount);
        }
        applied++;
        total += amount;
        return add(total);
    }

    @Override
    public void onSessionExpired(ApplyContext ctx, long sessionId) {
        ended.add(sessionId + " at " + describe(ctx));
    }

    static String describe(ApplyContext ctx) {
        return ctx.index() + "." + ctx.position() + " " + ctx.term() + "@" + ctx.timestamp() + " " + ctx.sessionId() + "#"
            + ctx.sequence() + (ctx.replay() ? " replay" : "");
    }

    @Override
    public SnapshotWriter snapshot() {
        return SnapshotWriter.of(add(total));
    }

    @Override
    public void restore(InputStream in) throws IOException {
        total = value(in.readAllBytes());
    }

    @Override
    public byte[] query(byte[] query) {
        return add(total);
    }
}
