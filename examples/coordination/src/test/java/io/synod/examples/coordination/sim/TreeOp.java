package io.synod.examples.coordination.sim;

import io.synod.examples.coordination.tree.Step;

/**
 * What a simulated coordination client asks: an update of the tree (a {@link Step}: the issuing
 * session and the op, as the log carries it), a read served through the runtime's read mode, or,
 * recorded by the simulator itself, the expiry of a session at its place in the log.
 */
sealed interface TreeOp {

    /** The top-level name a path lies under ({@code a} for {@code /a/x}): the unit of partitioning. */
    static String topLevel(String path) {
        int end = path.indexOf('/', 1);
        return end < 0 ? path.substring(1) : path.substring(1, end);
    }

    /** A write; its session is bound when the client sends it ({@code 0} until then). */
    record Update(Step step) implements TreeOp {
        @Override
        public String toString() {
            return step.op() + (step.session() != 0 ? " in session " + step.session() : "");
        }
    }

    /** What a read asks for: ZooKeeper's getData, exists and getChildren2. */
    enum ReadKind { GET_DATA, EXISTS, GET_CHILDREN }

    record Read(ReadKind kind, String path) implements TreeOp {
        @Override
        public String toString() {
            return kind + " " + path;
        }
    }

    /** Session {@code session} expired at zxid {@code zxid} and leader time {@code time}. */
    record Expiry(long session, long zxid, long time) implements TreeOp {
    }
}
