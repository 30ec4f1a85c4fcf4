package io.synod.api.commit;

import io.synod.api.ProtocolContext;

/**
 * Names one distributed transaction, unique in the cluster without coordination: the node that
 * coordinates it and a number that node never uses twice (a coordinator numbers from what its
 * records show, so a restart does not reuse a number).
 *
 * @param coordinator the coordinating node's id
 * @param number      from 1, increasing per coordinator
 */
public record TransactionId(int coordinator, long number) implements Comparable<TransactionId> {

    public TransactionId {
        if (coordinator < 0 || coordinator > ProtocolContext.MAX_NODE_ID) {
            throw new IllegalArgumentException("coordinator id " + coordinator + " is outside 0.." + ProtocolContext.MAX_NODE_ID);
        }
        if (number < 1) {
            throw new IllegalArgumentException("a transaction number must be >= 1, was " + number);
        }
    }

    @Override
    public int compareTo(TransactionId other) {
        int byCoordinator = Integer.compare(coordinator, other.coordinator);
        return byCoordinator != 0 ? byCoordinator : Long.compare(number, other.number);
    }

    @Override
    public String toString() {
        return "t" + coordinator + "." + number;
    }
}
