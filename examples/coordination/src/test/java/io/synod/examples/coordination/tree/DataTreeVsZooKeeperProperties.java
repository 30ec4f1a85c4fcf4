package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.synod.examples.coordination.acl.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.zookeeper.server.DataNode;

/**
 * Our tree against Apache ZooKeeper's {@code DataTree} fed the same writes: the same error code
 * for every op (per op inside a multi), the same actual path for every create, and after every
 * step the same nodes with the same {@code Stat}, field by field, the same children, data and
 * ACLs, the same ephemerals per session, containers and TTL nodes.
 */
class DataTreeVsZooKeeperProperties {

    private static final List<Id> SUPER = List.of(new Id("super", ""));

    @Provide
    Arbitrary<List<Step>> histories() {
        return Histories.histories(60);
    }

    @Property(tries = 300)
    void sameResultsAndStatsAsZooKeeper(@ForAll("histories") List<Step> history) {
        DataTree ours = new DataTree();
        ZooKeeperOracle zookeeper = new ZooKeeperOracle();
        sameTree(ours, zookeeper.tree(), -1);
        long zxid = 100;
        for (int i = 0; i < history.size(); i++) {
            Step step = history.get(i);
            zxid += 1 + (i % 3);
            long time = 1_000_000 + 7L * i;
            OpResult result = ours.apply(step.command(), zxid, time, step.session()).result();
            List<ZooKeeperOracle.Outcome> expected = zookeeper.apply(step, zxid, time);
            List<OpResult> actual = result instanceof OpResult.MultiResult multi ? multi.results() : List.of(result);
            if (step.op() instanceof Op.Multi multi && result.code() == ErrorCode.OK) {
                assertEquals(multi.ops().size(), actual.size(), "step " + i);
            }
            assertEquals(expected.size(), actual.size(), "step " + i + " " + step);
            for (int k = 0; k < expected.size(); k++) {
                assertEquals(expected.get(k).code(), actual.get(k).code(), "step " + i + " op " + k + " " + step);
                Statistics.label("result codes").collect(actual.get(k).code());
                if (actual.get(k) instanceof OpResult.Created created) {
                    assertEquals(expected.get(k).path(), created.path(), "step " + i + " created path");
                    DataNode node = zookeeper.tree().getNode(created.path());
                    if (step.op() instanceof Op.Multi) {
                        // a later op of the same multi may have deleted it again
                        assertEquals(ours.exists(created.path()), node == null ? null : stat(node), "step " + i);
                    } else {
                        assertEquals(stat(node), created.stat(), "step " + i + " create2 stat");
                    }
                }
            }
            sameTree(ours, zookeeper.tree(), i);
        }
    }

    static void sameTree(DataTree ours, org.apache.zookeeper.server.DataTree zk, int step) {
        List<String> pending = new ArrayList<>(List.of("/"));
        int visited = 0;
        while (!pending.isEmpty()) {
            String path = pending.remove(pending.size() - 1);
            DataNode theirs = zk.getNode(path);
            assertNotNull(theirs, "after step " + step + ": ZooKeeper has no " + path);
            Stat stat = ours.exists(path);
            assertEquals(stat(theirs), stat, "after step " + step + ": stat of " + path);
            NodeData data = ours.getData(path, SUPER);
            assertArrayEquals(theirs.getData(), data.data(), "after step " + step + ": data of " + path);
            assertEquals(ZooKeeperOracle.acls(ours.getAcl(path, SUPER).acl()), zk.getACL(theirs),
                    "after step " + step + ": acl of " + path);
            List<String> children = ours.getChildren(path, SUPER).children();
            assertEquals(new TreeSet<>(theirs.getChildren()), new TreeSet<>(children),
                    "after step " + step + ": children of " + path);
            for (String child : children) {
                pending.add(ZnodePath.child(path, child));
            }
            visited++;
        }
        assertEquals(zk.getNodeCount(), visited + 1, "after step " + step + ": node count (ZooKeeper maps the root twice)");
        assertEquals(zk.getNodeCount() - 2, ours.getAllChildrenNumber("/", SUPER), "getAllChildrenNumber(/)");
        for (long session = 0; session <= 3; session++) {
            assertEquals(new TreeSet<>(zk.getEphemerals(session)), new TreeSet<>(ours.getEphemerals(session, "/")),
                    "after step " + step + ": ephemerals of session " + session);
        }
        assertEquals(new TreeSet<>(zk.getContainers()), new TreeSet<>(ours.containers), "containers");
        assertEquals(new TreeSet<>(zk.getTtls()), new TreeSet<>(ours.ttls), "ttls");
        Set<Long> sessions = new TreeSet<>(zk.getEphemerals().keySet());
        sessions.removeIf(s -> zk.getEphemerals(s).isEmpty());
        assertEquals(sessions, new TreeSet<>(ours.sessionsWithEphemerals()), "sessions with ephemerals");
    }

    static Stat stat(DataNode node) {
        org.apache.zookeeper.data.Stat s = new org.apache.zookeeper.data.Stat();
        node.copyStat(s);
        return new Stat(s.getCzxid(), s.getMzxid(), s.getCtime(), s.getMtime(), s.getVersion(), s.getCversion(),
                s.getAversion(), s.getEphemeralOwner(), s.getDataLength(), s.getNumChildren(), s.getPzxid());
    }
}
