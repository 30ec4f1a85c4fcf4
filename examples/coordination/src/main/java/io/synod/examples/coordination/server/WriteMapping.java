package io.synod.examples.coordination.server;

import io.synod.examples.coordination.tree.CreateMode;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.Op;
import io.synod.examples.coordination.tree.OpResult;
import io.synod.examples.coordination.wire.CheckVersionRequest;
import io.synod.examples.coordination.wire.ClientRequest;
import io.synod.examples.coordination.wire.Create2Response;
import io.synod.examples.coordination.wire.CreateRequest;
import io.synod.examples.coordination.wire.CreateResponse;
import io.synod.examples.coordination.wire.CreateTtlRequest;
import io.synod.examples.coordination.wire.DeleteRequest;
import io.synod.examples.coordination.wire.MultiRequest;
import io.synod.examples.coordination.wire.MultiResponse;
import io.synod.examples.coordination.wire.MultiResult;
import io.synod.examples.coordination.wire.OpCode;
import io.synod.examples.coordination.wire.Request;
import io.synod.examples.coordination.wire.Response;
import io.synod.examples.coordination.wire.SetAclRequest;
import io.synod.examples.coordination.wire.SetDataRequest;
import io.synod.examples.coordination.wire.StatResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * ZooKeeper's write requests as tree {@link Op}s, and the tree's {@link OpResult}s as ZooKeeper's
 * responses. A request ZooKeeper refuses before logging it (an unknown create flag, a container
 * create without the container flag, a TTL create without a TTL mode) is a {@link Refused}.
 */
final class WriteMapping {

    /** A request refused with a code before it reaches the log. */
    static final class Refused extends Exception {
        final ErrorCode code;

        Refused(ErrorCode code) {
            super(code.toString(), null, false, false);
            this.code = code;
        }
    }

    private WriteMapping() {
    }

    /** True for the requests that change the tree (closeSession excepted: it ends the session). */
    static boolean isWrite(Request request) {
        return request instanceof CreateRequest || request instanceof CreateTtlRequest || request instanceof DeleteRequest
            || request instanceof SetDataRequest || request instanceof SetAclRequest
            || (request instanceof MultiRequest m && m.op() == OpCode.MULTI);
    }

    /** The znode data a write carries, all of a multi's ops together. */
    static long dataBytes(Request request) {
        if (request instanceof CreateRequest c) {
            return c.data() == null ? 0 : c.data().length;
        }
        if (request instanceof CreateTtlRequest c) {
            return c.data() == null ? 0 : c.data().length;
        }
        if (request instanceof SetDataRequest s) {
            return s.data() == null ? 0 : s.data().length;
        }
        if (request instanceof MultiRequest m) {
            long sum = 0;
            for (Request op : m.ops()) {
                sum += dataBytes(op);
            }
            return sum;
        }
        return 0;
    }

    /**
     * Whether the request's frame (its length prefix excepted) is longer than {@code max}, jute.maxbuffer,
     * ZooKeeper's bound. Only a write with nearly that much data can be: only then is its frame measured,
     * by encoding it again.
     */
    static boolean overJuteMaxBuffer(ClientRequest request, int max) {
        if (dataBytes(request.request()) <= max - ClientPortConfig.FRAME_OVERHEAD_BYTES) {
            return false;
        }
        return request.toFrame().length - Integer.BYTES > max;
    }

    static Op toOp(Request request) throws Refused {
        if (request instanceof CreateRequest c) {
            CreateMode mode = CreateMode.fromFlag(c.flags());
            if (mode == null || mode.isTtl() || (c.op() == OpCode.CREATE_CONTAINER) != mode.isContainer()) {
                throw new Refused(ErrorCode.BAD_ARGUMENTS);
            }
            return new Op.Create(c.path(), c.data(), c.acl(), mode, Op.NO_TTL);
        }
        if (request instanceof CreateTtlRequest c) {
            CreateMode mode = CreateMode.fromFlag(c.flags());
            if (mode == null || !mode.isTtl()) {
                throw new Refused(ErrorCode.BAD_ARGUMENTS);
            }
            return new Op.Create(c.path(), c.data(), c.acl(), mode, c.ttl());
        }
        if (request instanceof DeleteRequest d) {
            return new Op.Delete(d.path(), d.version());
        }
        if (request instanceof SetDataRequest s) {
            return new Op.SetData(s.path(), s.data(), s.version());
        }
        if (request instanceof SetAclRequest s) {
            return new Op.SetAcl(s.path(), s.acl(), s.version());
        }
        if (request instanceof CheckVersionRequest c) {
            return new Op.Check(c.path(), c.version());
        }
        if (request instanceof MultiRequest m) {
            List<Op> ops = new ArrayList<>(m.ops().size());
            for (Request op : m.ops()) {
                ops.add(toOp(op));
            }
            return new Op.Multi(ops);
        }
        throw new IllegalArgumentException("not a write: " + request);
    }

    /** The response to a successful write (an {@link OpResult.Error} is answered by the caller). */
    static Response toResponse(Request request, OpResult result) {
        if (request instanceof MultiRequest m) {
            List<OpResult> results = ((OpResult.MultiResult) result).results();
            boolean failed = result.code() != ErrorCode.OK;
            List<MultiResult> out = new ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i++) {
                OpResult r = results.get(i);
                if (failed || r instanceof OpResult.Error) {
                    out.add(MultiResult.error(r.code()));
                } else {
                    OpCode op = m.ops().get(i).op();
                    out.add(MultiResult.ok(op, toResponse(m.ops().get(i), r)));
                }
            }
            return new MultiResponse(out);
        }
        if (result instanceof OpResult.Created c) {
            return request.op() == OpCode.CREATE ? new CreateResponse(c.path()) : new Create2Response(c.path(), c.stat());
        }
        if (result instanceof OpResult.DataSet d) {
            return new StatResponse(d.stat());
        }
        if (result instanceof OpResult.AclSet a) {
            return new StatResponse(a.stat());
        }
        return Response.EMPTY;
    }
}
