package io.synod.examples.coordination.service;

import io.synod.api.ApplyContext;
import io.synod.api.CommandRejectedException;
import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.server.CoordinationStateMachine;
import io.synod.examples.coordination.server.Zxid;
import io.synod.examples.coordination.tree.Command;
import io.synod.examples.coordination.tree.CreateMode;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.Op;
import io.synod.examples.coordination.tree.TreeConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The replicated state on its own: zxids from the log, sessions, ephemerals at a session's end, snapshots. */
class CoordinationStateMachineTest {

    private record Ctx(long index, int position, long timestamp, long sessionId, long sequence) implements ApplyContext {
        public long term() {
            return 1;
        }

        public boolean replay() {
            return false;
        }
    }

    private static byte[] create(String path, CreateMode mode) {
        return CoordinationStateMachine.treeCommand(Command.of(new Op.Create(path, new byte[] {1}, Acl.OPEN, mode, Op.NO_TTL)));
    }

    @Test
    void snapshotRestoresTreeSessionsAndEphemerals() throws IOException {
        CoordinationStateMachine m = new CoordinationStateMachine(TreeConfig.DEFAULT);
        m.apply(new Ctx(1, 0, 1000, 7, 1), CoordinationStateMachine.registerCommand(4000));
        m.apply(new Ctx(2, 0, 1001, 7, 2), create("/p", CreateMode.PERSISTENT));
        m.apply(new Ctx(2, 1, 1001, 7, 3), create("/p/e", CreateMode.EPHEMERAL));
        assertEquals(Zxid.of(2, 1), m.tree().exists("/p/e").czxid(), "zxid = index and position");
        assertEquals(7, m.tree().exists("/p/e").ephemeralOwner());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.snapshot().writeTo(out);
        CoordinationStateMachine restored = new CoordinationStateMachine(TreeConfig.DEFAULT);
        restored.restore(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(m.tree().exists("/p"), restored.tree().exists("/p"));
        assertEquals(m.tree().exists("/p/e"), restored.tree().exists("/p/e"));
        assertEquals(new io.synod.examples.coordination.session.SessionRegistry.Entry(4000, 3, Zxid.of(1, 0)), restored.sessions().get(7));
        assertArrayEquals(new byte[] {1}, restored.tree().getData("/p", List.of()).data());

        // The session's end, after the restore, still finds its ephemeral.
        restored.onSessionExpired(new Ctx(3, 0, 9000, 7, 0), 7);
        assertNull(restored.tree().exists("/p/e"));
        assertNull(restored.sessions().get(7));
    }

    /** The snapshot is written later, on another thread in production: it holds the state of its moment, sessions included. */
    @Test
    void aSnapshotWrittenLaterHoldsTheStateOfItsMoment() throws IOException {
        CoordinationStateMachine m = new CoordinationStateMachine(TreeConfig.DEFAULT);
        m.apply(new Ctx(1, 0, 1000, 7, 1), CoordinationStateMachine.registerCommand(4000));
        m.apply(new Ctx(2, 0, 1001, 7, 2), create("/p", CreateMode.PERSISTENT));
        m.apply(new Ctx(2, 1, 1001, 7, 3), create("/p/e", CreateMode.EPHEMERAL));
        ByteArrayOutputStream atOnce = new ByteArrayOutputStream();
        m.snapshot().writeTo(atOnce);
        io.synod.api.SnapshotWriter later = m.snapshot();

        m.apply(new Ctx(3, 0, 1002, 8, 1), CoordinationStateMachine.registerCommand(6000));
        m.apply(new Ctx(4, 0, 1003, 8, 2), create("/p/q", CreateMode.EPHEMERAL));
        m.apply(new Ctx(4, 1, 1003, 8, 3), CoordinationStateMachine.treeCommand(
            Command.of(new Op.SetData("/p", new byte[] {2}, Op.ANY_VERSION))));
        m.onSessionExpired(new Ctx(5, 0, 9000, 7, 0), 7);
        assertNull(m.tree().exists("/p/e"));

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        later.writeTo(written);
        assertArrayEquals(atOnce.toByteArray(), written.toByteArray());
        CoordinationStateMachine restored = new CoordinationStateMachine(TreeConfig.DEFAULT);
        restored.restore(new ByteArrayInputStream(written.toByteArray()));
        assertNotNull(restored.tree().exists("/p/e"));
        assertNull(restored.tree().exists("/p/q"));
        assertNull(restored.sessions().get(8));
        assertArrayEquals(new byte[] {1}, restored.tree().getData("/p", List.of()).data());
    }

    /**
     * ZooKeeper's session owner, decided at a point of the log: once a session moved, a command its earlier
     * connection issued changes nothing and is answered SESSIONMOVED, on every replica; the new owner's commands apply.
     */
    @Test
    void aMovedSessionsEarlierConnectionIsFencedWhereTheMoveApplied() throws Exception {
        CoordinationStateMachine m = new CoordinationStateMachine(TreeConfig.DEFAULT);
        long first = java.nio.ByteBuffer.wrap(m.apply(new Ctx(1, 0, 1000, 7, 1), CoordinationStateMachine.registerCommand(4000))).getLong();
        assertEquals(Zxid.of(1, 0), first, "the registering connection owns the session from there");
        assertEquals(ErrorCode.OK, result(m.apply(new Ctx(2, 0, 1001, 7, 2), owned(first, "/before"))).code());

        CoordinationStateMachine.OwnerChange moved = CoordinationStateMachine.OwnerChange.decode(
            m.apply(new Ctx(3, 0, 1002, 99, 1), CoordinationStateMachine.ownerCommand(7)));
        assertEquals(new CoordinationStateMachine.OwnerChange(Zxid.of(3, 0), 2, 4000), moved);
        assertNull(CoordinationStateMachine.OwnerChange.decode(m.apply(new Ctx(3, 1, 1002, 99, 2),
            CoordinationStateMachine.ownerCommand(8))), "an unknown session cannot be taken over");

        assertEquals(ErrorCode.SESSION_MOVED, result(m.apply(new Ctx(4, 0, 1003, 7, 3), owned(first, "/stale"))).code());
        assertNull(m.tree().exists("/stale"), "a moved session's earlier connection changed the tree");
        assertEquals(1, m.fencedCommands());
        assertEquals(3, m.sessions().get(7).lastSequence(), "the refused command used its number");
        assertEquals(ErrorCode.OK, result(m.apply(new Ctx(5, 0, 1004, 7, 4), owned(moved.ownerSince(), "/after"))).code());
        assertNotNull(m.tree().exists("/after"));
    }

    private static byte[] owned(long ownerSince, String path) {
        return CoordinationStateMachine.ownedTreeCommand(ownerSince,
            Command.of(new Op.Create(path, new byte[] {1}, Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL)));
    }

    private static io.synod.examples.coordination.tree.OpResult result(byte[] encoded) throws Exception {
        return io.synod.examples.coordination.tree.ResultCodec.decode(encoded);
    }

    @Test
    void aMalformedCommandIsRefusedWithoutChange() {
        CoordinationStateMachine m = new CoordinationStateMachine(TreeConfig.DEFAULT);
        int before = m.tree().nodeCount();
        assertThrows(CommandRejectedException.class, () -> m.apply(new Ctx(1, 0, 0, 0, 0), new byte[] {9}));
        assertThrows(CommandRejectedException.class, () -> m.apply(new Ctx(1, 0, 0, 0, 0), new byte[] {1, 2, 3}));
        assertThrows(CommandRejectedException.class, () -> m.apply(new Ctx(1, 0, 0, 0, 0), new byte[0]));
        assertEquals(before, m.tree().nodeCount());
    }

    @Test
    void aTruncatedSnapshotIsRefused() throws IOException {
        CoordinationStateMachine m = new CoordinationStateMachine(TreeConfig.DEFAULT);
        m.apply(new Ctx(1, 0, 1000, 7, 1), CoordinationStateMachine.registerCommand(4000));
        m.apply(new Ctx(2, 0, 1001, 7, 2), create("/p", CreateMode.PERSISTENT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.snapshot().writeTo(out);
        byte[] whole = out.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        assertThrows(IOException.class, () -> new CoordinationStateMachine(TreeConfig.DEFAULT).restore(new ByteArrayInputStream(cut)));
    }
}
