package io.synod.examples.coordination.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.tree.Command;
import io.synod.examples.coordination.tree.CreateMode;
import io.synod.examples.coordination.tree.DataTree;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.Op;
import io.synod.examples.coordination.tree.Stat;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.txn.CreateTxn;
import org.apache.zookeeper.txn.DeleteTxn;
import org.apache.zookeeper.txn.SetDataTxn;
import org.apache.zookeeper.txn.TxnHeader;

/**
 * SetWatches against Apache ZooKeeper's {@code DataTree.setWatches} on the same tree: the same
 * events answered at once, in the same order, and the same watches left registered (counted, and
 * probed by checkWatches for every path and type).
 */
class SetWatchesVsZooKeeperProperties {

    private static final List<String> PATHS = List.of("/a", "/a/b", "/c", "/a/b/d", "/e");

    @Provide
    Arbitrary<List<String>> paths() {
        return Arbitraries.of(PATHS).list().ofMaxSize(4).uniqueElements();
    }

    @Provide
    Arbitrary<List<Op>> writes() {
        Arbitrary<String> path = Arbitraries.of(PATHS);
        return Arbitraries.oneOf(
                path.map(p -> (Op) new Op.Create(p, null, Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL)),
                path.map(p -> (Op) new Op.Create(p, null, Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL)),
                path.map(p -> (Op) new Op.Delete(p, Op.ANY_VERSION)),
                path.map(p -> (Op) new Op.SetData(p, new byte[] {1}, Op.ANY_VERSION))).list().ofMaxSize(20);
    }

    @Property(tries = 500)
    void sameAsZooKeeper(@ForAll("writes") List<Op> writes, @ForAll @IntRange(min = 0, max = 22) int seen,
                         @ForAll("paths") List<String> data, @ForAll("paths") List<String> exist,
                         @ForAll("paths") List<String> child, @ForAll("paths") List<String> persistent,
                         @ForAll("paths") List<String> recursive) {
        DataTree tree = new DataTree();
        org.apache.zookeeper.server.DataTree zk = new org.apache.zookeeper.server.DataTree();
        long zxid = 0;
        for (Op op : writes) {
            zxid++;
            if (tree.apply(Command.of(op), zxid, zxid, 0).result().code() == ErrorCode.OK) {
                zk.processTxn(header(zxid, op), txn(zk, op));
            }
        }
        List<String> theirs = new ArrayList<>();
        org.apache.zookeeper.Watcher connection = event -> theirs.add(event.getType().getIntValue() + " " + event.getPath());
        zk.setWatches(seen, data, exist, child, persistent, recursive, connection);
        WatchTable<Integer> table = new WatchTable<>();
        List<String> ours = new ArrayList<>();
        for (ChangeEvent event : table.setWatches(seen, data, exist, child, persistent, recursive, 7, path -> {
            Stat stat = tree.exists(path);
            return stat == null ? null : new NodeZxids(stat.mzxid(), stat.pzxid());
        })) {
            ours.add(event.type().code() + " " + event.path());
        }
        assertEquals(theirs, ours);
        assertEquals(zk.getWatchCount(), table.size());
        for (String path : PATHS) {
            for (WatcherType type : WatcherType.values()) {
                assertEquals(zk.containsWatcher(path, org.apache.zookeeper.Watcher.WatcherType.fromInt(type.code()), connection),
                        table.contains(path, 7, type), type + " on " + path);
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
        return new SetDataTxn(s.path(), s.data(), zk.getNode(s.path()).stat.getVersion() + 1);
    }
}
