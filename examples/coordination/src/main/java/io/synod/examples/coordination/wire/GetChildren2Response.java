package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.tree.Stat;

import java.util.List;

/** The reply to getChildren2 (12): the child names and the parent's Stat. */
public record GetChildren2Response(List<String> children, Stat stat) implements Response {

    @Override
    public void write(JuteWriter out) {
        out.writeStrings(children);
        DataRecords.writeStat(out, stat);
    }

    public static GetChildren2Response read(JuteReader in) {
        return new GetChildren2Response(in.readStrings("GetChildren2Response.children"), DataRecords.readStat(in));
    }
}
