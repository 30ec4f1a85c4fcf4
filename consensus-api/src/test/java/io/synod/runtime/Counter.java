package io.synod.runtime;

import io.synod.api.StateMachine;

import java.nio.ByteBuffer;

/** A test state machine: adds each command's long to a running total and answers the total. */
final class Counter implements StateMachine {

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
        applied++;
        total += value(command);
        return add(total);
    }

    @Override
    public byte[] snapshot() {
        return add(total);
    }

    @Override
    public void restore(byte[] snapshot) {
        total = value(snapshot);
    }

    @Override
    public byte[] query(byte[] query) {
        return add(total);
    }
}
