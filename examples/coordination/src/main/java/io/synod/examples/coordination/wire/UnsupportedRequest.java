package io.synod.examples.coordination.wire;

/**
 * A request of a type this server does not serve: an unknown number, or one a client must not send at
 * top level (notification 0, check 13 outside a multi, createSession, deleteContainer, error) or that
 * this server does not implement (reconfig 16). Its body is not read. ZooKeeper answers such a request
 * UNIMPLEMENTED with zxid -1 and closes the connection; so does this server.
 */
public record UnsupportedRequest(int type) implements Request {

    /** The op if ZooKeeper 3.9 gives {@link #type} a name, else {@code null}. */
    @Override
    public OpCode op() {
        return OpCode.fromCode(type);
    }

    @Override
    public void write(JuteWriter out) {
    }
}
