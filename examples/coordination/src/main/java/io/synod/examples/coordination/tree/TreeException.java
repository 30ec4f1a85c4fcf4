package io.synod.examples.coordination.tree;

/** A read that ZooKeeper answers with an error code (NoNode, NoAuth, BadArguments). */
public final class TreeException extends RuntimeException {
    private final ErrorCode code;

    public TreeException(ErrorCode code, String path) {
        super(code + " " + path, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
