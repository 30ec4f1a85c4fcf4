package io.synod.testkit;

import io.synod.testkit.lin.LogOrder;

import java.util.HashMap;

/**
 * Where each client command took effect: the simulator notes which history operation a client's
 * command number stands for, and each node reports the commands it applies with their place in
 * the log. Every replica applies the same log the same way, so the first report of a command is
 * where it took effect (a retry answered from the session table later keeps the earlier place).
 * The result, a {@link LogOrder}, is what the sequential consistency check orders updates by.
 */
final class EffectLedger {

    private final HashMap<Long, HashMap<Long, Integer>> operationOf = new HashMap<>();
    private final LogOrder order = new LogOrder();

    /** Client {@code clientId}'s command {@code sequence} is history operation {@code operation}. */
    void issued(long clientId, long sequence, int operation) {
        operationOf.computeIfAbsent(clientId, c -> new HashMap<>()).put(sequence, operation);
    }

    /** A node applied (or answered from its session table) a command at {@code index}, {@code position}. */
    void applied(long clientId, long sequence, long index, int position) {
        HashMap<Long, Integer> ofClient = operationOf.get(clientId);
        Integer operation = ofClient == null ? null : ofClient.get(sequence);
        if (operation != null) {
            order.tookEffect(operation, index, position);
        }
    }

    LogOrder order() {
        return order;
    }
}
