package io.synod.examples.coordination.wire;

import java.util.EnumSet;
import java.util.List;

/**
 * multi (14): writes applied all or nothing, at one zxid — create, create2, createContainer, createTTL,
 * delete, setData and check. multiRead (22): reads each answered on its own — getData and getChildren
 * (their watch flags ignored). Each op is written as a {@link MultiHeader}(op, false, -1) and its record,
 * then {@link MultiHeader#END}. An op of the wrong kind for the request is a malformed frame, answered
 * MarshallingError by ZooKeeper.
 */
public record MultiRequest(OpCode op, List<Request> ops) implements Request {

    /** The ops a multi may hold. */
    public static final EnumSet<OpCode> WRITE_OPS = EnumSet.of(OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER,
        OpCode.CREATE_TTL, OpCode.DELETE, OpCode.SET_DATA, OpCode.CHECK);
    /** The ops a multiRead may hold. */
    public static final EnumSet<OpCode> READ_OPS = EnumSet.of(OpCode.GET_DATA, OpCode.GET_CHILDREN);

    public MultiRequest {
        if (op != OpCode.MULTI && op != OpCode.MULTI_READ) {
            throw new IllegalArgumentException(op + " is not multi");
        }
        ops = List.copyOf(ops);
        for (Request request : ops) {
            if (!allowed(op).contains(request.op())) {
                throw new IllegalArgumentException(request.op() + " cannot be part of " + op);
            }
        }
    }

    static EnumSet<OpCode> allowed(OpCode op) {
        return op == OpCode.MULTI ? WRITE_OPS : READ_OPS;
    }

    @Override
    public void write(JuteWriter out) {
        for (Request request : ops) {
            new MultiHeader(request.op().code(), false, -1).write(out);
            request.write(out);
        }
        MultiHeader.END.write(out);
    }

    public static MultiRequest read(OpCode op, JuteReader in) {
        EnumSet<OpCode> allowed = allowed(op);
        List<Request> ops = new java.util.ArrayList<>();
        while (true) {
            int at = in.offset();
            MultiHeader header = MultiHeader.read(in);
            if (header.done()) {
                return new MultiRequest(op, ops);
            }
            OpCode sub = OpCode.fromCode(header.type());
            if (sub == null || !allowed.contains(sub)) {
                throw new MalformedFrameException("MultiHeader.type", at, "op " + header.type() + " cannot be part of " + op);
            }
            ops.add(RequestDecoder.body(sub, in));
        }
    }
}
