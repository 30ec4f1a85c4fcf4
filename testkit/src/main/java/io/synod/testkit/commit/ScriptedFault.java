package io.synod.testkit.commit;

import java.util.Arrays;

/**
 * One fault struck at a named protocol point: the {@code occurrence}-th time {@code node} is about
 * to send (or take) a message whose class is named {@code message} — "coordinator crashes after
 * recording its decision and before announcing it", "participant 3 crashes as PRECOMMIT arrives",
 * "the network splits as the coordinator sends PRECOMMIT". Points are message names, so the
 * harness needs to know nothing of a protocol.
 *
 * @param node         where it strikes
 * @param point        on sending or on receiving
 * @param message      the simple class name of the message (e.g. {@code "Decision"})
 * @param occurrence   which time the point is reached (1 = the first)
 * @param action       what happens
 * @param sentBefore   for {@link Action#CRASH} on a send: how many of the batch's matching messages
 *                     still leave before the crash (0: the batch is durable but nothing of it is sent)
 * @param side         for {@link Action#PARTITION}: the nodes cut off from all others
 * @param lastsTicks   a crashed node restarts, or a partition heals, after this many ticks;
 *                     {@link #FOREVER} until the run's quiet phase
 */
public record ScriptedFault(int node, Point point, String message, int occurrence, Action action, int sentBefore, int[] side,
                            long lastsTicks) {

    /** Until the run's horizon: the quiet phase restarts and heals everything. */
    public static final long FOREVER = Long.MAX_VALUE;

    /** Where in a node's handling the fault strikes. */
    public enum Point { SEND, RECEIVE }

    /** What the fault does. */
    public enum Action { CRASH, PARTITION }

    public ScriptedFault {
        if (occurrence < 1 || sentBefore < 0 || lastsTicks < 1 || message == null || message.isEmpty()) {
            throw new IllegalArgumentException("a scripted fault needs a message name, occurrence >= 1, sentBefore >= 0"
                + " and lastsTicks >= 1");
        }
        if (action == Action.PARTITION && (side == null || side.length == 0)) {
            throw new IllegalArgumentException("a partition names the nodes it cuts off");
        }
        side = side == null ? new int[0] : side.clone();
    }

    /** {@code node} crashes when about to send its {@code occurrence}-th {@code message}, after {@code sentBefore} of them left. */
    public static ScriptedFault crashOnSend(int node, String message, int occurrence, int sentBefore, long downTicks) {
        return new ScriptedFault(node, Point.SEND, message, occurrence, Action.CRASH, sentBefore, null, downTicks);
    }

    /** {@code node} crashes as its {@code occurrence}-th {@code message} arrives, before taking it. */
    public static ScriptedFault crashOnReceive(int node, String message, int occurrence, long downTicks) {
        return new ScriptedFault(node, Point.RECEIVE, message, occurrence, Action.CRASH, 0, null, downTicks);
    }

    /** The network cuts {@code side} off from every other node as {@code node} is about to send its first {@code message}. */
    public static ScriptedFault partitionOnSend(int node, String message, int[] side, long lastsTicks) {
        return new ScriptedFault(node, Point.SEND, message, 1, Action.PARTITION, 0, side, lastsTicks);
    }

    @Override
    public int[] side() {
        return side.clone();
    }

    @Override
    public String toString() {
        return (action == Action.CRASH ? "crash node " + node : "cut off " + Arrays.toString(side)) + " on "
            + point.name().toLowerCase(java.util.Locale.ROOT) + " of " + message + " #" + occurrence + " at node " + node
            + (action == Action.CRASH && point == Point.SEND ? " after " + sentBefore + " left" : "")
            + (lastsTicks == FOREVER ? " until the quiet phase" : " for " + lastsTicks + " ticks");
    }
}
