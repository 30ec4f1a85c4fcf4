package io.synod.testkit.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The record of a simulated run, one {@link TraceEvent} per thing that happened. A disabled
 * trace records nothing and costs one branch per event; the simulator runs seeds with it off
 * and replays a failing seed with it on (the run is the same, byte for byte).
 */
public final class Trace {

    private final boolean enabled;
    private final List<TraceEvent> events = new ArrayList<>();

    public Trace(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Records an event if this trace is enabled. */
    public void record(long time, TraceEvent.Kind kind, int node, int peer, long sentAt, Object detail) {
        if (enabled) {
            events.add(new TraceEvent(time, kind, node, peer, sentAt, detail));
        }
    }

    /** Records an event that is not a message in flight. */
    public void record(long time, TraceEvent.Kind kind, int node, int peer, Object detail) {
        record(time, kind, node, peer, time, detail);
    }

    public List<TraceEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** SHA-256 over the JSON lines, in hex: equal for two runs exactly when their traces are equal. */
    public String hash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (TraceEvent e : events) {
                sha.update(e.toJson().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Writes the trace as JSON lines. */
    public void writeJsonLines(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (TraceEvent e : events) {
                    out.write(e.toJson());
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace to " + file, e);
        }
    }
}
