package io.synod.examples.coordination.watch;

import java.util.Objects;

/**
 * One change the tree made while applying a command: the path, what happened to it, and the zxid
 * of the command. A create yields NodeCreated for the node and NodeChildrenChanged for its parent;
 * a delete NodeDeleted and the parent's NodeChildrenChanged; a setData NodeDataChanged; a setACL
 * nothing (ZooKeeper fires no watch for it).
 */
public record ChangeEvent(EventType type, String path, long zxid) {

    public ChangeEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
    }
}
