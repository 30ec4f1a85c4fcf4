package org.example.counter;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;

import java.io.IOException;
import java.io.InputStream;
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
    public SnapshotWriter snapshot() {
        return SnapshotWriter.of(add(total));
    }

    @Override
    public void restore(InputStream in) throws IOException {
        total = read(in.readAllBytes());
    }

    @Override
    public byte[] query(byte[] query) {
        return add(total);
    }
}
