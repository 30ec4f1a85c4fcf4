package io.synod.examples.coordination.tree;

/** One answer of a multiRead: each read succeeds or fails on its own, as in ZooKeeper. */
public sealed interface ReadResult permits NodeData, ChildList, ReadResult.Error {

    record Error(ErrorCode code) implements ReadResult {
    }
}
