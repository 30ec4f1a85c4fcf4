package io.synod.testkit.trace;

/**
 * One thing that happened in a simulated run.
 *
 * @param time   virtual time in microseconds
 * @param kind   what happened
 * @param node   the node it happened at (0 for cluster-wide events)
 * @param peer   the other node of a message, the client of a client event, else 0
 * @param sentAt for a delivery or a loss, when the message was sent; else equal to {@code time}
 * @param detail the message, operation or description involved (rendered deterministically)
 */
public record TraceEvent(long time, Kind kind, int node, int peer, long sentAt, Object detail) {

    /** The kinds of events. */
    public enum Kind {
        SEND, DELIVER, DROP, DUPLICATE, CLOG, UNCLOG, PARTITION, HEAL, CRASH, SUSPECT, RESTART, PAUSE, RESUME, DISK_FAULT,
        INVOKE, RESPOND, INDETERMINATE, COMMIT, SNAPSHOT, QUIET, VIOLATION;

        /** The lower-case name used in JSON lines. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The event as one JSON object on one line. */
    public String toJson() {
        return "{\"t\":" + time + ",\"kind\":\"" + kind.label() + "\",\"node\":" + node + ",\"peer\":" + peer
            + (sentAt != time ? ",\"sent\":" + sentAt : "")
            + ",\"detail\":\"" + escape(Describe.value(detail)) + "\"}";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
