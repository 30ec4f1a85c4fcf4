package io.synod.testkit.local;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.testkit.kv.KvStateMachine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A deliberately broken key-value store: after a restore it keeps answering queries from the
 * state it was restored to, while commands go on changing the live state. Commands, snapshots
 * and every read through the log stay correct, so only a local read — served from the node's own
 * state machine — can show it: a node restarted from its snapshot answers a client from older
 * state than the client has already seen.
 */
final class StaleRestoreKv implements StateMachine {

    private final KvStateMachine live = new KvStateMachine();
    private KvStateMachine restored;

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        return live.apply(ctx, command);
    }

    @Override
    public byte[] query(byte[] query) {
        return (restored != null ? restored : live).query(query);
    }

    @Override
    public SnapshotWriter snapshot() {
        return live.snapshot();
    }

    @Override
    public void restore(InputStream in) throws IOException {
        byte[] snapshot = in.readAllBytes();
        live.restore(new ByteArrayInputStream(snapshot));
        restored = new KvStateMachine();
        restored.restore(new ByteArrayInputStream(snapshot));
    }
}
