package io.synod.runtime;

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

    static byte[] add(long amount) {
        return ByteBuffer.allocate(Long.BYTES).putLong(amount).array();
    }

    static long value(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    @Override
    public byte[] apply(long index, byte[] command) {
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
