package org.example.counter;

import io.synod.api.ApplyContext;
import io.synod.api.StateMachine;

import java.nio.ByteBuffer;

/** A replicated counter: each command adds a long, each answer is the new total. */
public final class Counter implements StateMachine {

    private long total;

    public static byte[] add(long amount) {
        return ByteBuffer.allocate(Long.BYTES).putLong(amount).array();
    }

    public static long read(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        total += read(command);
        return add(total);
    }

    @Override
    public byte[] snapshot() {
        return add(total);
    }

    @Override
    public void restore(byte[] snapshot) {
        total = read(snapshot);
    }

    @Override
    public byte[] query(byte[] query) {
        return add(total);
    }
}
