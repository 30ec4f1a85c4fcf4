package io.synod.transport;

import io.synod.api.ApplyContext;
import io.synod.api.CommandRejectedException;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test state machine: records each command as a line; answers with the line count. A command
 * starting with "reject" is refused ({@link CommandRejectedException}); "boom" makes it fail
 * outright, as a broken state machine would.
 */
final class Journal implements StateMachine {

    final List<String> lines = new ArrayList<>();
    /** The thread that last applied a command: the replica's. */
    volatile Thread thread;

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        thread = Thread.currentThread();
        String line = new String(command, StandardCharsets.UTF_8);
        if (line.startsWith("reject")) {
            throw new CommandRejectedException("journal refuses '" + line + "'");
        }
        if (line.equals("boom")) {
            throw new IllegalStateException("the journal's disk is gone");
        }
        synchronized (lines) {
            lines.add(line);
            return Integer.toString(lines.size()).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public SnapshotWriter snapshot() {
        synchronized (lines) {
            return SnapshotWriter.of(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void restore(InputStream in) throws IOException {
        lines.clear();
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            lines.addAll(List.of(text.split("\n", -1)));
        }
    }

    @Override
    public byte[] query(byte[] query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(String.join(",", lines).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    List<String> copy() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }
}
