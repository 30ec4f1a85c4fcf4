package io.synod.testkit;

import io.synod.api.LogEntry;

/** A read-only view of a simulated cluster, for {@link Invariant}s. */
public interface ClusterView {

    /** Virtual time in microseconds. */
    long now();

    /** The number of nodes, observers included; they are numbered 1 to {@code size()}. */
    int size();

    /** The number of voting nodes: 1 to {@code voters()} vote, the rest (up to {@link #size()}) are observers. */
    int voters();

    /** Node {@code id}, from 1. */
    NodeView node(int id);

    /** The entry some node committed at {@code index}, or {@code null} if none has (all agree on it). */
    LogEntry chosen(long index);

    /** The highest index any node committed. */
    long highestChosen();
}
