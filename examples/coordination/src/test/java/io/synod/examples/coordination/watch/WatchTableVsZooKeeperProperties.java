package io.synod.examples.coordination.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.tree.Applied;
import io.synod.examples.coordination.tree.Command;
import io.synod.examples.coordination.tree.CreateMode;
import io.synod.examples.coordination.tree.DataTree;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.server.DataNode;
import org.apache.zookeeper.txn.CreateTxn;
import org.apache.zookeeper.txn.DeleteTxn;
import org.apache.zookeeper.txn.SetDataTxn;
import org.apache.zookeeper.txn.TxnHeader;

/**
 * Our tree's events fed to our {@link WatchTable}, against Apache ZooKeeper's {@code DataTree},
 * which triggers its own two {@code WatchManager}s, given the same watch registrations,
 * removals, checks, closed connections and writes: every write notifies the same connections of
 * the same (type, path) events, removeWatches and checkWatches answer alike, and the watch counts
 * agree after every step.
 */
class WatchTableVsZooKeeperProperties {

    private static final List<String> PATHS = List.of("/", "/a", "/a", "/a/b", "/a/b", "/a/b/c", "/d", "/a/e");

    sealed interface Action {
    }

    record Register(int connection, String path, int how) implements Action {
    }

    record Remove(int connection, String path, WatcherType type, boolean checkOnly) implements Action {
    }

    record Close(int connection) implements Action {
    }

    record Write(Op op) implements Action {
    }

    /** A ZooKeeper watcher standing for one connection, recording what reaches it. */
    static final class Connection implements Watcher {
        final int id;
        final List<String> received = new ArrayList<>();

        Connection(int id) {
            this.id = id;
        }

        @Override
        public void process(WatchedEvent event) {
            received.add(id + " " + event.getType().getIntValue() + " " + event.getPath());
        }
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Integer> connection = Arbitraries.integers().between(0, 2);
        Arbitrary<String> path = Arbitraries.of(PATHS);
        Arbitrary<Action> register = Combinators.combine(connection, path, Arbitraries.integers().between(0, 4))
                .as(Register::new);
        Arbitrary<Action> remove = Combinators.combine(connection, path, Arbitraries.of(WatcherType.class),
                Arbitraries.of(true, false)).as(Remove::new);
        Arbitrary<Action> close = connection.map(Close::new);
        Arbitrary<Op> op = Arbitraries.oneOf(
                path.map(p -> new Op.Create(p, null, Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL)),
                path.map(p -> new Op.Delete(p, Op.ANY_VERSION)),
                path.map(p -> new Op.SetData(p, new byte[] {1}, Op.ANY_VERSION)));
        Arbitrary<Action> write = op.map(Write::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, register),
                net.jqwik.api.Tuple.of(2, remove),
                net.jqwik.api.Tuple.of(1, close),
                net.jqwik.api.Tuple.of(6, write)).list().ofMinSize(10).ofMaxSize(80);
    }

    @Property(tries = 400)
    void sameNotificationsRemovalsAndCountsAsZooKeeper(@ForAll("actions") List<Action> actions) throws Exception {
        DataTree tree = new DataTree();
        WatchTable<Integer> table = new WatchTable<>();
        org.apache.zookeeper.server.DataTree zk = new org.apache.zookeeper.server.DataTree();
        Connection[] connections = {new Connection(0), new Connection(1), new Connection(2), new Connection(3)};
        long zxid = 0;
        for (String path : List.of("/a", "/a/b", "/d")) { // a populated start, so that most writes succeed
            Op create = new Op.Create(path, null, Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL);
            tree.apply(Command.of(create), ++zxid, zxid, 0);
            zk.processTxn(header(zxid, create), txn(zk, create));
        }
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            if (action instanceof Register r) {
                register(tree, table, zk, connections[r.connection()], r);
            } else if (action instanceof Remove r) {
                Watcher.WatcherType type = Watcher.WatcherType.fromInt(r.type().code());
                boolean theirs = r.checkOnly()
                        ? zk.containsWatcher(r.path(), type, connections[r.connection()])
                        : zk.removeWatch(r.path(), type, connections[r.connection()]);
                boolean ours = r.checkOnly()
                        ? table.contains(r.path(), r.connection(), r.type())
                        : table.remove(r.path(), r.connection(), r.type());
                assertEquals(theirs, ours, "step " + i + " " + action);
                Statistics.label("removals and checks").collect(ours ? "found" : "NoWatcher");
            } else if (action instanceof Close c) {
                zk.removeCnxn(connections[c.connection()]);
                table.removeAll(c.connection());
            } else if (action instanceof Write w) {
                zxid++;
                Applied applied = tree.apply(Command.of(w.op()), zxid, zxid, 0);
                List<String> ours = new ArrayList<>();
                for (ChangeEvent event : applied.events()) {
                    for (int connection : table.trigger(event)) {
                        ours.add(connection + " " + event.type().code() + " " + event.path());
                    }
                }
                for (Connection connection : connections) {
                    connection.received.clear();
                }
                if (applied.result().code() == ErrorCode.OK) {
                    zk.processTxn(header(zxid, w.op()), txn(zk, w.op()));
                }
                List<String> theirs = new ArrayList<>();
                for (Connection connection : connections) {
                    theirs.addAll(connection.received);
                }
                assertEquals(new TreeSet<>(theirs), new TreeSet<>(ours), "step " + i + " " + action);
                assertEquals(theirs.size(), ours.size(), "each connection notified once per event, step " + i);
                Statistics.label("notifications per write").collect(Math.min(ours.size(), 4));
            }
            assertEquals(zk.getWatchCount(), table.size(), "watch count after step " + i + " " + action);
        }
    }

    private static void register(DataTree tree, WatchTable<Integer> table, org.apache.zookeeper.server.DataTree zk,
                                 Connection connection, Register r) throws Exception {
        boolean exists = tree.exists(r.path()) != null;
        switch (r.how()) {
            case 0 -> { // exists: the watch is left even when there is no node
                try {
                    zk.statNode(r.path(), connection);
                } catch (org.apache.zookeeper.KeeperException.NoNodeException afterTheWatchWasLeft) {
                    // ZooKeeper answers exists with no stat, and keeps the watch
                }
                table.addDataWatch(r.path(), connection.id);
            }
            case 1 -> { // getData: only on a node that exists
                if (exists) {
                    zk.getData(r.path(), new org.apache.zookeeper.data.Stat(), connection);
                    table.addDataWatch(r.path(), connection.id);
                }
            }
            case 2 -> {
                if (exists) {
                    zk.getChildren(r.path(), null, connection);
                    table.addChildWatch(r.path(), connection.id);
                }
            }
            case 3 -> {
                zk.addWatch(r.path(), connection, ZooDefs.AddWatchModes.persistent);
                table.addWatch(r.path(), connection.id, AddWatchMode.PERSISTENT);
            }
            default -> {
                zk.addWatch(r.path(), connection, ZooDefs.AddWatchModes.persistentRecursive);
                table.addWatch(r.path(), connection.id, AddWatchMode.PERSISTENT_RECURSIVE);
            }
        }
    }

    private static TxnHeader header(long zxid, Op op) {
        int type = op instanceof Op.Create ? ZooDefs.OpCode.create
                : op instanceof Op.Delete ? ZooDefs.OpCode.delete : ZooDefs.OpCode.setData;
        return new TxnHeader(0, 0, zxid, zxid, type);
    }

    private static org.apache.jute.Record txn(org.apache.zookeeper.server.DataTree zk, Op op) {
        if (op instanceof Op.Create c) {
            return new CreateTxn(c.path(), c.data(), ZooDefs.Ids.OPEN_ACL_UNSAFE, false, -1);
        } else if (op instanceof Op.Delete d) {
            return new DeleteTxn(d.path());
        }
        Op.SetData s = (Op.SetData) op;
        DataNode node = Objects.requireNonNull(zk.getNode(s.path()));
        return new SetDataTxn(s.path(), s.data(), node.stat.getVersion() + 1);
    }
}
