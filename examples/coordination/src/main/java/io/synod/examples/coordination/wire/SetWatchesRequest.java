package io.synod.examples.coordination.wire;

import java.util.List;
import java.util.Objects;

/**
 * setWatches (101) and setWatches2 (105): a reconnecting client re-registers its watches. Each path is
 * checked against {@code relativeZxid} (the last zxid the client saw), and an event the client missed
 * meanwhile fires at once. setWatches carries no persistent watches: its two last lists are empty.
 */
public record SetWatchesRequest(OpCode op, long relativeZxid, List<String> dataWatches, List<String> existWatches,
                                List<String> childWatches, List<String> persistentWatches,
                                List<String> persistentRecursiveWatches) implements Request {

    public SetWatchesRequest {
        if (op != OpCode.SET_WATCHES && op != OpCode.SET_WATCHES2) {
            throw new IllegalArgumentException(op + " is not setWatches");
        }
        if (op == OpCode.SET_WATCHES && (!isEmpty(persistentWatches) || !isEmpty(persistentRecursiveWatches))) {
            throw new IllegalArgumentException("setWatches (101) cannot carry persistent watches: use setWatches2");
        }
        if (op == OpCode.SET_WATCHES) {
            persistentWatches = List.of();
            persistentRecursiveWatches = List.of();
        }
    }

    private static boolean isEmpty(List<String> paths) {
        return paths == null || paths.isEmpty();
    }

    @Override
    public void write(JuteWriter out) {
        out.writeLong(relativeZxid).writeStrings(dataWatches).writeStrings(existWatches).writeStrings(childWatches);
        if (op == OpCode.SET_WATCHES2) {
            out.writeStrings(persistentWatches).writeStrings(persistentRecursiveWatches);
        }
    }

    public static SetWatchesRequest read(OpCode op, JuteReader in) {
        String name = op == OpCode.SET_WATCHES ? "SetWatches" : "SetWatches2";
        long relativeZxid = in.readLong(name + ".relativeZxid");
        List<String> data = in.readStrings(name + ".dataWatches");
        List<String> exist = in.readStrings(name + ".existWatches");
        List<String> child = in.readStrings(name + ".childWatches");
        if (op == OpCode.SET_WATCHES) {
            return new SetWatchesRequest(op, relativeZxid, data, exist, child, List.of(), List.of());
        }
        return new SetWatchesRequest(op, relativeZxid, data, exist, child, in.readStrings(name + ".persistentWatches"),
            in.readStrings(name + ".persistentRecursiveWatches"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetWatchesRequest s && op == s.op && relativeZxid == s.relativeZxid
            && Objects.equals(dataWatches, s.dataWatches) && Objects.equals(existWatches, s.existWatches)
            && Objects.equals(childWatches, s.childWatches) && Objects.equals(persistentWatches, s.persistentWatches)
            && Objects.equals(persistentRecursiveWatches, s.persistentRecursiveWatches);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, relativeZxid, dataWatches, existWatches, childWatches);
    }
}
