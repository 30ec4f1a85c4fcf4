package io.synod.examples.coordination.wire;

/**
 * The body of a client request, after its {@link RequestHeader}; {@link #op()} is the header's type, so
 * that a record shared by several ops (create, create2 and createContainer) still says which was sent.
 */
public interface Request extends JuteRecord {

    OpCode op();
}
