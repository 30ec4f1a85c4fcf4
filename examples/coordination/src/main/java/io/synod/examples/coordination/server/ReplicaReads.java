package io.synod.examples.coordination.server;

import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.tree.ChildList;
import io.synod.examples.coordination.tree.DataTree;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.NodeAcl;
import io.synod.examples.coordination.tree.NodeData;
import io.synod.examples.coordination.tree.ReadOp;
import io.synod.examples.coordination.tree.ReadResult;
import io.synod.examples.coordination.tree.Stat;
import io.synod.examples.coordination.tree.TreeException;
import io.synod.examples.coordination.watch.AddWatchMode;
import io.synod.examples.coordination.watch.ChangeEvent;
import io.synod.examples.coordination.watch.NodeZxids;
import io.synod.examples.coordination.watch.WatchTable;
import io.synod.examples.coordination.watch.WatcherType;
import io.synod.examples.coordination.wire.AddWatchRequest;
import io.synod.examples.coordination.wire.GetAclResponse;
import io.synod.examples.coordination.wire.GetChildren2Response;
import io.synod.examples.coordination.wire.GetDataResponse;
import io.synod.examples.coordination.wire.IntResponse;
import io.synod.examples.coordination.wire.MultiRequest;
import io.synod.examples.coordination.wire.MultiResponse;
import io.synod.examples.coordination.wire.MultiResult;
import io.synod.examples.coordination.wire.OpCode;
import io.synod.examples.coordination.wire.PathRequest;
import io.synod.examples.coordination.wire.PathsResponse;
import io.synod.examples.coordination.wire.Request;
import io.synod.examples.coordination.wire.Response;
import io.synod.examples.coordination.wire.SetWatchesRequest;
import io.synod.examples.coordination.wire.StatResponse;
import io.synod.examples.coordination.wire.WatchRemovalRequest;
import io.synod.examples.coordination.wire.WatchableRequest;
import io.synod.examples.coordination.wire.WatcherEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * A read request answered from the tree, on the replica thread, as ZooKeeper's FinalRequestProcessor answers it;
 * the watches it sets go into this server's watch table.
 */
final class ReplicaReads {

    private final WatchTable<ClientSession> watches;

    ReplicaReads(WatchTable<ClientSession> watches) {
        this.watches = watches;
    }

    /** ZooKeeper looks a read's path up without validating it: an invalid path is a node that is not there. */
    static ErrorCode readError(ErrorCode code) {
        return code == ErrorCode.BAD_ARGUMENTS ? ErrorCode.NO_NODE : code;
    }

    static final class NoWatcher extends RuntimeException {
        NoWatcher() {
            super(null, null, false, false);
        }
    }

    /**
     * @throws TreeException as ZooKeeper's error for the reply
     * @throws NoWatcher     when a watch to check or remove is not there
     */
    Response read(ClientSession session, DataTree tree, Request request) {
        List<Id> auth = session.auth;
        switch (request.op()) {
            case EXISTS -> {
                WatchableRequest r = (WatchableRequest) request;
                Stat stat;
                try {
                    stat = tree.exists(r.path());
                } catch (TreeException e) {
                    stat = null;
                }
                if (r.watch()) {
                    watches.addDataWatch(r.path(), session);
                }
                if (stat == null) {
                    throw new TreeException(ErrorCode.NO_NODE, r.path());
                }
                return new StatResponse(stat);
            }
            case GET_DATA -> {
                WatchableRequest r = (WatchableRequest) request;
                NodeData data = tree.getData(r.path(), auth);
                if (r.watch()) {
                    watches.addDataWatch(r.path(), session);
                }
                return new GetDataResponse(data.data(), data.stat());
            }
            case GET_CHILDREN, GET_CHILDREN2 -> {
                WatchableRequest r = (WatchableRequest) request;
                ChildList children = tree.getChildren(r.path(), auth);
                if (r.watch()) {
                    watches.addChildWatch(r.path(), session);
                }
                return request.op() == OpCode.GET_CHILDREN ? new PathsResponse(children.children())
                    : new GetChildren2Response(children.children(), children.stat());
            }
            case GET_ACL -> {
                NodeAcl acl = tree.getAcl(((PathRequest) request).path(), auth);
                return new GetAclResponse(acl.acl(), acl.stat());
            }
            case GET_ALL_CHILDREN_NUMBER -> {
                return new IntResponse(tree.getAllChildrenNumber(((PathRequest) request).path(), auth));
            }
            case GET_EPHEMERALS -> {
                return new PathsResponse(tree.getEphemerals(session.sessionId, ((PathRequest) request).path()));
            }
            case MULTI_READ -> {
                return multiRead(tree, (MultiRequest) request, auth);
            }
            case ADD_WATCH -> {
                AddWatchRequest r = (AddWatchRequest) request;
                watches.addWatch(r.path(), session, AddWatchMode.fromCode(r.mode()));
                return IntResponse.OK;
            }
            case CHECK_WATCHES, REMOVE_WATCHES -> {
                WatchRemovalRequest r = (WatchRemovalRequest) request;
                WatcherType type = WatcherType.fromCode(r.type());
                boolean found = request.op() == OpCode.CHECK_WATCHES ? watches.contains(r.path(), session, type)
                    : watches.remove(r.path(), session, type);
                if (!found) {
                    throw new NoWatcher();
                }
                return Response.EMPTY;
            }
            case SET_WATCHES, SET_WATCHES2 -> {
                SetWatchesRequest r = (SetWatchesRequest) request;
                List<ChangeEvent> missed = watches.setWatches(r.relativeZxid(), r.dataWatches(), r.existWatches(),
                    r.childWatches(), r.persistentWatches(), r.persistentRecursiveWatches(), session,
                    path -> zxidsOf(tree, path));
                for (ChangeEvent event : missed) {
                    session.connection.sendEvent(event.zxid(), WatcherEvent.of(event.type().code(), event.path()));
                }
                return Response.EMPTY;
            }
            default -> throw new TreeException(ErrorCode.UNIMPLEMENTED, request.op().toString());
        }
    }

    private static NodeZxids zxidsOf(DataTree tree, String path) {
        try {
            Stat stat = tree.exists(path);
            return stat == null ? null : new NodeZxids(stat.mzxid(), stat.pzxid());
        } catch (TreeException e) {
            return null;
        }
    }

    private static MultiResponse multiRead(DataTree tree, MultiRequest request, List<Id> auth) {
        List<ReadOp> ops = new ArrayList<>();
        for (Request op : request.ops()) {
            String path = ((WatchableRequest) op).path();
            ops.add(op.op() == OpCode.GET_DATA ? new ReadOp.GetData(path) : new ReadOp.GetChildren(path));
        }
        List<MultiResult> out = new ArrayList<>();
        for (ReadResult result : tree.multiRead(ops, auth)) {
            if (result instanceof NodeData d) {
                out.add(MultiResult.ok(OpCode.GET_DATA, new GetDataResponse(d.data(), d.stat())));
            } else if (result instanceof ChildList c) {
                out.add(MultiResult.ok(OpCode.GET_CHILDREN, new PathsResponse(c.children())));
            } else {
                out.add(MultiResult.error(readError(((ReadResult.Error) result).code())));
            }
        }
        return new MultiResponse(out);
    }

}
