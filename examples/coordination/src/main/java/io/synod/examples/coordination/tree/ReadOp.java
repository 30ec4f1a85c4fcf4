package io.synod.examples.coordination.tree;

import java.util.Objects;

/** A read inside ZooKeeper's multiRead: getData or getChildren. */
public sealed interface ReadOp {
    String path();

    record GetData(String path) implements ReadOp {
        public GetData {
            Objects.requireNonNull(path, "path");
        }
    }

    record GetChildren(String path) implements ReadOp {
        public GetChildren {
            Objects.requireNonNull(path, "path");
        }
    }
}
