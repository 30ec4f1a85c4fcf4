package io.synod.examples.coordination.wire;

/** The reply to sync (9): the path echoed, whether or not it exists (ZooKeeper's SyncResponse). */
public record PathResponse(String path) implements Response {

    @Override
    public void write(JuteWriter out) {
        out.writeString(path);
    }

    public static PathResponse read(JuteReader in) {
        return new PathResponse(in.readString("SyncResponse.path"));
    }
}
