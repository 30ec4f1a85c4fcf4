package io.synod.examples.coordination.client;

import io.synod.examples.coordination.tree.ErrorCode;

/**
 * A request the server answered with an error code: the result of the operation, not a broken
 * connection (that is a {@link ConnectionLostException}). {@code path} is the path the request named,
 * as ZooKeeper's {@code KeeperException} keeps it, so that a tool can say which node was missing.
 */
public final class KeeperError extends Exception {

    private final int code;
    private final String path;

    public KeeperError(int code, String path) {
        super(describe(code) + (path == null ? "" : " for " + path));
        this.code = code;
        this.path = path;
    }

    /** The raw code from the reply header. */
    public int code() {
        return code;
    }

    /** The code by name, or {@code null} if ZooKeeper 3.9 defines none for it. */
    public ErrorCode error() {
        return ErrorCode.fromCode(code);
    }

    public String path() {
        return path;
    }

    private static String describe(int code) {
        ErrorCode known = ErrorCode.fromCode(code);
        return known == null ? "error " + code : known.name() + " (" + code + ")";
    }
}
