package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.tree.Stat;

/**
 * The reply to exists (3), setData (5) and setACL (7): the node's Stat. ZooKeeper names three records
 * (ExistsResponse, SetDataResponse, SetACLResponse) with this one field.
 */
public record StatResponse(Stat stat) implements Response {

    @Override
    public void write(JuteWriter out) {
        DataRecords.writeStat(out, stat);
    }

    public static StatResponse read(JuteReader in) {
        return new StatResponse(DataRecords.readStat(in));
    }
}
