package io.synod.examples.demo;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The demo's state machine: it remembers every command it applied, in order, with where the log
 * put it (index and position in the batch, from the {@link ApplyContext}), so the demo can show
 * that all replicas applied the same commands in the same order at the same places.
 */
final class AppliedJournal implements StateMachine {

    private final List<String> applied = new CopyOnWriteArrayList<>();

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        applied.add("[" + ctx.index() + "." + ctx.position() + "] " + new String(command, StandardCharsets.UTF_8));
        return Integer.toString(applied.size()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public SnapshotWriter snapshot() {
        return SnapshotWriter.of(String.join("\n", applied).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void restore(InputStream in) throws IOException {
        applied.clear();
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            applied.addAll(List.of(text.split("\n", -1)));
        }
    }

    /** What was applied so far; safe to call from any thread. */
    List<String> applied() {
        return new ArrayList<>(applied);
    }
}
