package io.synod.paxos;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import io.synod.api.SnapshotMeta;
import io.synod.api.SnapshotWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the tests' small drivers apply committed entries to: the payloads, in order, each
 * (client, sequence) once — the exactly-once of the runtime's session table, for drivers whose
 * clients number themselves and open no session (the Paxos tests are about ordering; sessions are
 * tested with the runtime and the simulator). Like the runtime, it refuses a gap and skips an
 * entry it applied already, and its snapshot restores the same state.
 */
public final class AppliedOnce {

    private final List<String> payloads = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private long appliedIndex;
    private long appliedTerm;

    public long appliedIndex() {
        return appliedIndex;
    }

    /** The payloads applied, in order. */
    public List<String> payloads() {
        return payloads;
    }

    /** Applies a committed entry; one at or below the applied index is skipped. */
    public void apply(LogEntry entry) {
        if (entry.index() <= appliedIndex) {
            return;
        }
        if (entry.index() != appliedIndex + 1) {
            throw new IllegalStateException("entry " + entry.index() + " applied after " + appliedIndex + ": the log has a gap");
        }
        for (Command c : CommandBatch.decode(entry.data())) {
            if (seen.add(c.clientId() + "#" + c.sequence())) {
                payloads.add(new String(c.payload(), StandardCharsets.UTF_8));
            }
        }
        appliedIndex = entry.index();
        appliedTerm = entry.term();
    }

    /** Where a snapshot taken now ends. */
    public SnapshotMeta snapshotMeta() {
        return new SnapshotMeta(appliedIndex, appliedTerm);
    }

    /** The state as of now, as a stream (a small state: the bytes are taken at once). */
    public SnapshotWriter snapshot() {
        List<byte[]> parts = new ArrayList<>();
        int length = 2 * Integer.BYTES;
        for (String s : seen) {
            parts.add(s.getBytes(StandardCharsets.UTF_8));
        }
        for (String p : payloads) {
            parts.add(p.getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] b : parts) {
            length += Integer.BYTES + b.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length).putInt(seen.size()).putInt(payloads.size());
        parts.forEach(b -> out.putInt(b.length).put(b));
        return SnapshotWriter.of(out.array());
    }

    public void restore(SnapshotMeta snapshot, InputStream stream) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(stream.readAllBytes());
        int keys = in.getInt();
        int count = in.getInt();
        seen.clear();
        payloads.clear();
        for (int i = 0; i < keys; i++) {
            seen.add(next(in));
        }
        for (int i = 0; i < count; i++) {
            payloads.add(next(in));
        }
        appliedIndex = snapshot.index();
        appliedTerm = snapshot.term();
    }

    private static String next(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
