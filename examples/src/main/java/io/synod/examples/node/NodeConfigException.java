package io.synod.examples.node;

/**
 * A node's configuration refused: which key, and why. Nothing has been started when it is thrown.
 */
public final class NodeConfigException extends IllegalArgumentException {

    private final String key;

    public NodeConfigException(String key, String reason) {
        super("'" + key + "': " + reason);
        this.key = key;
    }

    public NodeConfigException(String key, String reason, Throwable cause) {
        super("'" + key + "': " + reason, cause);
        this.key = key;
    }

    /** The configuration key at fault. */
    public String key() {
        return key;
    }
}
