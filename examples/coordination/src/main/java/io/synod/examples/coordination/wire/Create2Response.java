package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.tree.Stat;

/**
 * The reply to create2 (15), createContainer (19) and createTTL (21): the path created and its Stat. The
 * Java client reads a createContainer reply as a {@link CreateResponse}, ignoring the Stat after it.
 */
public record Create2Response(String path, Stat stat) implements Response {

    @Override
    public void write(JuteWriter out) {
        out.writeString(path);
        DataRecords.writeStat(out, stat);
    }

    public static Create2Response read(JuteReader in) {
        return new Create2Response(in.readString("Create2Response.path"), DataRecords.readStat(in));
    }
}
