package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.acl.Perms;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.jute.Record;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.common.PathUtils;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.server.DataNode;
import org.apache.zookeeper.server.EphemeralType;
import org.apache.zookeeper.server.PrepRequestProcessor;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.txn.CreateContainerTxn;
import org.apache.zookeeper.txn.CreateTTLTxn;
import org.apache.zookeeper.txn.CreateTxn;
import org.apache.zookeeper.txn.DeleteTxn;
import org.apache.zookeeper.txn.SetACLTxn;
import org.apache.zookeeper.txn.SetDataTxn;
import org.apache.zookeeper.txn.TxnHeader;

/**
 * Apache ZooKeeper's own {@code DataTree}, driven with the transactions its request pipeline would
 * log for the same requests. The pipeline's checks are replayed here in {@code PrepRequestProcessor}'s
 * order against the state of ZooKeeper's tree, using ZooKeeper's own path validation, TTL rules,
 * ACL fix-up and ACL check; the changes, the stats and the errors the tree itself raises (NoNode,
 * NodeExists) are ZooKeeper's.
 *
 * <p>A multi is tried op by op with the same zxid, as ZooKeeper processes a MultiTxn; if one fails,
 * the tree is rebuilt from the history of committed transactions, which undoes the earlier ops.
 */
final class ZooKeeperOracle {

    static {
        System.setProperty("zookeeper.extendedTypesEnabled", "true");
    }

    private static final ZooKeeperServer ACL_CHECKER = new ZooKeeperServer();

    private record Txn(TxnHeader header, Record record) {
    }

    /** A create txn's ZooKeeper result path, or an error. */
    record Outcome(ErrorCode code, String path) {
    }

    private org.apache.zookeeper.server.DataTree zk = new org.apache.zookeeper.server.DataTree();
    private final List<Txn> history = new ArrayList<>();

    org.apache.zookeeper.server.DataTree tree() {
        return zk;
    }

    /** Apply one step; the result codes ZooKeeper gives (one per op for a multi). */
    List<Outcome> apply(Step step, long zxid, long time) {
        Op op = step.op();
        if (op instanceof Op.Multi multi) {
            int mark = history.size();
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < multi.ops().size(); i++) {
                Outcome outcome = single(step, multi.ops().get(i), zxid, time);
                if (outcome.code() != ErrorCode.OK) {
                    rebuild(mark);
                    List<Outcome> failed = new ArrayList<>();
                    for (int j = 0; j < multi.ops().size(); j++) {
                        failed.add(new Outcome(j < i ? ErrorCode.OK : j == i ? outcome.code() : ErrorCode.RUNTIME_INCONSISTENCY, null));
                    }
                    return failed;
                }
                outcomes.add(outcome);
            }
            return outcomes;
        }
        return List.of(single(step, op, zxid, time));
    }

    private void rebuild(int keep) {
        history.subList(keep, history.size()).clear();
        zk = new org.apache.zookeeper.server.DataTree();
        for (Txn txn : history) {
            zk.processTxn(txn.header(), txn.record());
        }
    }

    private Outcome single(Step step, Op op, long zxid, long time) {
        try {
            if (op instanceof Op.Create c) {
                return create(step, c, zxid, time);
            } else if (op instanceof Op.Delete d) {
                String path = validated(d.path());
                String parentPath = path.substring(0, path.lastIndexOf('/'));
                DataNode parent = existing(parentPath);
                checkAcl(parent, Perms.DELETE, step);
                DataNode node = existing(path);
                checkVersion(node.stat.getVersion(), d.version());
                if (!node.getChildren().isEmpty()) {
                    return error(ErrorCode.NOT_EMPTY);
                }
                return commit(step, zxid, time, OpCode.delete, new DeleteTxn(path), path);
            } else if (op instanceof Op.SetData s) {
                String path = validated(s.path());
                DataNode node = existing(path);
                checkAcl(node, Perms.WRITE, step);
                checkVersion(node.stat.getVersion(), s.version());
                return commit(step, zxid, time, OpCode.setData,
                        new SetDataTxn(path, s.data(), node.stat.getVersion() + 1), path);
            } else if (op instanceof Op.SetAcl s) {
                String path = validated(s.path());
                List<ACL> acl = PrepRequestProcessor.fixupACL(path, ids(step.auth()), acls(s.acl()));
                DataNode node = existing(path);
                checkAcl(node, Perms.ADMIN, step);
                checkVersion(node.stat.getAversion(), s.version());
                return commit(step, zxid, time, OpCode.setACL, new SetACLTxn(path, acl, node.stat.getAversion() + 1), path);
            } else if (op instanceof Op.Check c) {
                String path = validated(c.path());
                DataNode node = existing(path);
                checkAcl(node, Perms.READ, step);
                checkVersion(node.stat.getVersion(), c.version());
                return new Outcome(ErrorCode.OK, path);
            } else if (op instanceof Op.CloseSession) {
                return commit(step, zxid, time, OpCode.closeSession, null, null);
            }
            throw new IllegalArgumentException("no oracle for " + op);
        } catch (KeeperException e) {
            return error(ErrorCode.fromCode(e.code().intValue()));
        }
    }

    private Outcome create(Step step, Op.Create c, long zxid, long time) throws KeeperException {
        org.apache.zookeeper.CreateMode mode = org.apache.zookeeper.CreateMode.fromFlag(c.mode().flag());
        try {
            EphemeralType.validateTTL(mode, c.ttl());
        } catch (IllegalArgumentException e) {
            return error(ErrorCode.BAD_ARGUMENTS);
        }
        if (mode.isEphemeral() && step.session() == 0) {
            return error(ErrorCode.EPHEMERAL_ON_LOCAL_SESSION);
        }
        String path = c.path();
        int slash = path.lastIndexOf('/');
        if (slash < 0 || path.indexOf('\0') >= 0) {
            return error(ErrorCode.BAD_ARGUMENTS);
        }
        List<ACL> acl = PrepRequestProcessor.fixupACL(path, ids(step.auth()), acls(c.acl()));
        DataNode parent = existing(path.substring(0, slash));
        checkAcl(parent, Perms.CREATE, step);
        int parentCversion = parent.stat.getCversion();
        String actual = mode.isSequential() ? path + String.format(Locale.ENGLISH, "%010d", parentCversion) : path;
        validated(actual);
        if (zk.getNode(actual) != null) {
            return error(ErrorCode.NODE_EXISTS);
        }
        if (EphemeralType.get(parent.stat.getEphemeralOwner()) == EphemeralType.NORMAL) {
            return error(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS);
        }
        int newCversion = parentCversion + 1;
        if (mode.isContainer()) {
            return commit(step, zxid, time, OpCode.createContainer, new CreateContainerTxn(actual, c.data(), acl, newCversion), actual);
        } else if (mode.isTTL()) {
            return commit(step, zxid, time, OpCode.createTTL, new CreateTTLTxn(actual, c.data(), acl, newCversion, c.ttl()), actual);
        }
        return commit(step, zxid, time, OpCode.create, new CreateTxn(actual, c.data(), acl, mode.isEphemeral(), newCversion), actual);
    }

    private Outcome commit(Step step, long zxid, long time, int type, Record record, String path) {
        TxnHeader header = new TxnHeader(step.session(), 0, zxid, time, type);
        org.apache.zookeeper.server.DataTree.ProcessTxnResult result = zk.processTxn(header, record);
        if (result.err != 0) {
            return error(ErrorCode.fromCode(result.err));
        }
        history.add(new Txn(header, record));
        return new Outcome(ErrorCode.OK, path);
    }

    private String validated(String path) throws KeeperException {
        try {
            PathUtils.validatePath(path);
            return path;
        } catch (IllegalArgumentException e) {
            throw new KeeperException.BadArgumentsException(path);
        }
    }

    private DataNode existing(String path) throws KeeperException {
        DataNode node = zk.getNode(path);
        if (node == null) {
            throw new KeeperException.NoNodeException(path);
        }
        return node;
    }

    private void checkAcl(DataNode node, int perm, Step step) throws KeeperException {
        ACL_CHECKER.checkACL(null, zk.getACL(node), perm, ids(step.auth()), null, null);
    }

    private static void checkVersion(int current, int expected) throws KeeperException {
        if (expected != -1 && expected != current) {
            throw new KeeperException.BadVersionException();
        }
    }

    private static Outcome error(ErrorCode code) {
        return new Outcome(code, null);
    }

    static List<org.apache.zookeeper.data.Id> ids(List<Id> ids) {
        List<org.apache.zookeeper.data.Id> converted = new ArrayList<>();
        for (Id id : ids) {
            converted.add(new org.apache.zookeeper.data.Id(id.scheme(), id.id()));
        }
        return converted;
    }

    static List<ACL> acls(List<Acl> acl) {
        List<ACL> converted = new ArrayList<>();
        for (Acl entry : acl) {
            converted.add(new ACL(entry.perms(), new org.apache.zookeeper.data.Id(entry.id().scheme(), entry.id().id())));
        }
        return converted;
    }
}
