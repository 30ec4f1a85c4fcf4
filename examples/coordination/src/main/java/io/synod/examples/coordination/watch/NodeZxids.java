package io.synod.examples.coordination.watch;

/** What SetWatches needs to know of a node: when its data and its children last changed. */
public record NodeZxids(long mzxid, long pzxid) {
}
