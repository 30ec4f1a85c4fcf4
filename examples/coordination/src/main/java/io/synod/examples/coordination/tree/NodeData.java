package io.synod.examples.coordination.tree;

/** getData's answer: the data (null if the node was created with none) and the stat. */
public record NodeData(byte[] data, Stat stat) implements ReadResult {
}
