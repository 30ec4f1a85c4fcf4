package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.DigestScheme;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.acl.Perms;
import io.synod.examples.coordination.watch.ChangeEvent;
import io.synod.examples.coordination.watch.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transcripts of the tree's rules that the generated histories reach rarely or not at all. */
class DataTreeTest {

    private static final Id ALICE = new Id("digest", DigestScheme.digest("alice:secret"));
    private static final List<Id> NOBODY = List.of();

    private final DataTree tree = new DataTree();
    private long zxid = 100;

    private OpResult apply(long session, List<Id> auth, Op op, long time) {
        return tree.apply(new Command(auth, op), ++zxid, time, session).result();
    }

    private OpResult create(String path, CreateMode mode, long ttl, long time) {
        return apply(1, NOBODY, new Op.Create(path, new byte[] {1}, Acl.OPEN, mode, ttl), time);
    }

    @Test
    void eventsOfEachWriteInZooKeeperOrder() {
        Applied created = tree.apply(Command.of(new Op.Create("/a", null, Acl.OPEN, CreateMode.PERSISTENT, -1)), 7, 0, 0);
        assertEquals(List.of(new ChangeEvent(EventType.NODE_CREATED, "/a", 7),
                new ChangeEvent(EventType.NODE_CHILDREN_CHANGED, "/", 7)), created.events());
        Applied set = tree.apply(Command.of(new Op.SetData("/a", new byte[] {2}, -1)), 8, 0, 0);
        assertEquals(List.of(new ChangeEvent(EventType.NODE_DATA_CHANGED, "/a", 8)), set.events());
        Applied acl = tree.apply(Command.of(new Op.SetAcl("/a", Acl.OPEN, -1)), 9, 0, 0);
        assertEquals(List.of(), acl.events());
        Applied failed = tree.apply(Command.of(new Op.Multi(List.of(new Op.Delete("/a", -1), new Op.Check("/a", -1)))), 10, 0, 0);
        assertEquals(List.of(), failed.events(), "a failed multi is undone: no events");
        assertEquals(new OpResult.MultiResult(List.of(new OpResult.Error(ErrorCode.OK), new OpResult.Error(ErrorCode.NO_NODE))),
                failed.result());
        Applied deleted = tree.apply(Command.of(new Op.Delete("/a", -1)), 11, 0, 0);
        assertEquals(List.of(new ChangeEvent(EventType.NODE_DELETED, "/a", 11),
                new ChangeEvent(EventType.NODE_CHILDREN_CHANGED, "/", 11)), deleted.events());
    }

    @Test
    void readsCheckReadPermissionButExistsDoesNot() {
        apply(1, List.of(ALICE), new Op.Create("/secret", new byte[] {9}, List.of(new Acl(Perms.ALL, new Id("auth", ""))),
                CreateMode.PERSISTENT, -1), 0);
        assertEquals(1, tree.exists("/secret").dataLength());
        assertEquals(ErrorCode.NO_AUTH, assertThrows(TreeException.class, () -> tree.getData("/secret", NOBODY)).code());
        assertEquals(ErrorCode.NO_AUTH, assertThrows(TreeException.class, () -> tree.getChildren("/secret", NOBODY)).code());
        assertEquals(ErrorCode.NO_NODE, assertThrows(TreeException.class, () -> tree.getData("/none", NOBODY)).code());
        assertEquals(ErrorCode.BAD_ARGUMENTS, assertThrows(TreeException.class, () -> tree.exists("/a/")).code());
        assertEquals(9, tree.getData("/secret", List.of(ALICE)).data()[0]);
        assertEquals(List.of(new Acl(Perms.ALL, ALICE)), tree.getAcl("/secret", List.of(ALICE)).acl());
    }

    @Test
    void getAclHidesDigestsFromAReaderWithoutAdmin() {
        List<Acl> acl = List.of(new Acl(Perms.READ, Id.ANYONE), new Acl(Perms.ALL, ALICE));
        apply(1, NOBODY, new Op.Create("/x", null, acl, CreateMode.PERSISTENT, -1), 0);
        assertEquals(List.of(new Acl(Perms.READ, Id.ANYONE), new Acl(Perms.ALL, new Id("digest", "alice:x"))),
                tree.getAcl("/x", NOBODY).acl());
        assertEquals(acl, tree.getAcl("/x", List.of(ALICE)).acl());
        assertEquals(ErrorCode.NO_AUTH, apply(1, NOBODY, new Op.SetData("/x", null, -1), 0).code());
        assertEquals(ErrorCode.OK, apply(1, List.of(new Id("super", "")), new Op.SetData("/x", null, -1), 0).code());
    }

    @Test
    void sequentialSuffixFollowsChildCreationsNotDeletions() {
        create("/q", CreateMode.PERSISTENT, -1, 0);
        OpResult first = create("/q/n-", CreateMode.PERSISTENT_SEQUENTIAL, -1, 0);
        assertEquals("/q/n-0000000000", ((OpResult.Created) first).path());
        apply(1, NOBODY, new Op.Delete("/q/n-0000000000", -1), 0);
        OpResult second = create("/q/n-", CreateMode.EPHEMERAL_SEQUENTIAL, -1, 0);
        assertEquals("/q/n-0000000001", ((OpResult.Created) second).path());
        Stat parent = tree.exists("/q");
        assertEquals(3, parent.cversion(), "two creations and one deletion");
        assertEquals(zxid, parent.pzxid());
    }

    @Test
    void ttlNodeIsDueOnlyAfterItsTtlWithNoChildrenAndNoChange() {
        create("/ttl", CreateMode.PERSISTENT_WITH_TTL, 1000, 10_000);
        assertEquals(List.of(), tree.dueForRemoval(11_000));
        assertEquals(List.of("/ttl"), tree.dueForRemoval(11_001));
        apply(0, NOBODY, new Op.SetData("/ttl", null, -1), 11_001);
        assertEquals(List.of(), tree.dueForRemoval(11_500), "a change restarts the TTL");
        assertEquals(ErrorCode.BAD_VERSION, apply(0, NOBODY, new Op.RemoveExpired("/ttl"), 11_500).code(),
                "removal proposed earlier is checked again when applied");
        create("/ttl/child", CreateMode.PERSISTENT, -1, 11_500);
        assertEquals(List.of(), tree.dueForRemoval(99_000), "children keep it");
        assertEquals(0, tree.exists("/ttl").ephemeralOwner(), "clients see no owner for a TTL node, as in ZooKeeper");
        assertEquals(ErrorCode.BAD_ARGUMENTS, create("/bad", CreateMode.PERSISTENT_WITH_TTL, 0, 0).code());
        assertEquals(ErrorCode.BAD_ARGUMENTS, create("/bad", CreateMode.PERSISTENT, 5, 0).code());
    }

    @Test
    void containerIsDueOnceItsLastChildIsGone() {
        create("/c", CreateMode.CONTAINER, -1, 0);
        assertEquals(List.of(), tree.dueForRemoval(Long.MAX_VALUE), "never had a child");
        create("/c/x", CreateMode.PERSISTENT, -1, 0);
        assertEquals(List.of(), tree.dueForRemoval(0));
        apply(1, NOBODY, new Op.Delete("/c/x", -1), 0);
        assertEquals(List.of("/c"), tree.dueForRemoval(0));
        Applied removed = tree.apply(Command.of(new Op.RemoveExpired("/c")), ++zxid, 0, 0);
        assertEquals(new OpResult.Deleted(), removed.result());
        assertEquals(EventType.NODE_DELETED, removed.events().get(0).type());
        assertNull(tree.exists("/c"));
    }

    @Test
    void closingASessionDeletesItsEphemeralsInPathOrderAtThatZxid() {
        create("/e", CreateMode.PERSISTENT, -1, 0);
        apply(5, NOBODY, new Op.Create("/e/b", null, Acl.OPEN, CreateMode.EPHEMERAL, -1), 0);
        apply(5, NOBODY, new Op.Create("/e/a", null, Acl.OPEN, CreateMode.EPHEMERAL, -1), 0);
        apply(6, NOBODY, new Op.Create("/e/c", null, Acl.OPEN, CreateMode.EPHEMERAL, -1), 0);
        assertEquals(List.of("/e/a", "/e/b"), tree.getEphemerals(5, "/"));
        assertEquals(List.of("/e/a"), tree.getEphemerals(5, "/e/a"));
        assertEquals(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS,
                apply(5, NOBODY, new Op.Create("/e/a/x", null, Acl.OPEN, CreateMode.PERSISTENT, -1), 0).code());
        Applied closed = tree.apply(Command.of(new Op.CloseSession()), 500, 0, 5);
        assertEquals(new OpResult.SessionClosed(List.of("/e/a", "/e/b")), closed.result());
        assertEquals(4, closed.events().size());
        assertEquals(500, tree.exists("/e").pzxid());
        assertEquals(List.of("c"), tree.getChildren("/e", NOBODY).children());
        assertEquals(List.of(6L), tree.sessionsWithEphemerals());
    }

    @Test
    void dataLimitIsConfigurable() {
        DataTree small = new DataTree(new TreeConfig(4));
        assertEquals(ErrorCode.BAD_ARGUMENTS, small.apply(Command.of(
                new Op.Create("/a", new byte[5], Acl.OPEN, CreateMode.PERSISTENT, -1)), 1, 0, 0).result().code());
        assertEquals(ErrorCode.OK, small.apply(Command.of(
                new Op.Create("/a", new byte[4], Acl.OPEN, CreateMode.PERSISTENT, -1)), 2, 0, 0).result().code());
        assertEquals(ErrorCode.BAD_ARGUMENTS, small.apply(Command.of(new Op.SetData("/a", new byte[5], -1)), 3, 0, 0)
                .result().code());
    }

    @Test
    void countsAllDescendantsAndAnswersMultiReadOpByOp() {
        create("/m", CreateMode.PERSISTENT, -1, 0);
        create("/m/a", CreateMode.PERSISTENT, -1, 0);
        create("/m/a/b", CreateMode.PERSISTENT, -1, 0);
        assertEquals(2, tree.getAllChildrenNumber("/m", NOBODY));
        assertEquals(6, tree.getAllChildrenNumber("/", NOBODY), "system nodes count too, as in ZooKeeper");
        List<ReadResult> results = tree.multiRead(List.of(new ReadOp.GetChildren("/m"), new ReadOp.GetData("/none"),
                new ReadOp.GetData("/m/a")), NOBODY);
        assertEquals(List.of("a"), ((ChildList) results.get(0)).children());
        assertEquals(new ReadResult.Error(ErrorCode.NO_NODE), results.get(1));
        assertEquals(1, ((NodeData) results.get(2)).data()[0]);
    }

    @Test
    void theRootAndSystemNodesLookLikeZooKeepers() {
        assertEquals(List.of("zookeeper"), tree.getChildren("/", NOBODY).children());
        assertEquals(-1, tree.exists("/").cversion());
        assertEquals(ErrorCode.NOT_EMPTY, apply(0, NOBODY, new Op.Delete("/", -1), 0).code());
        assertEquals(ErrorCode.NODE_EXISTS, create("/", CreateMode.PERSISTENT, -1, 0).code());
        assertEquals(ErrorCode.NO_AUTH, apply(0, NOBODY, new Op.SetData("/zookeeper/config", null, -1), 0).code());
    }
}
