package io.synod.examples.coordination.wire;

import java.util.List;

/**
 * A list of strings: the reply to getChildren (8), child names in no particular order, and to
 * getEphemerals (103), the session's ephemeral nodes as full paths. (ZooKeeper's GetChildrenResponse and
 * GetEphemeralsResponse; the same bytes.)
 */
public record PathsResponse(List<String> paths) implements Response {

    @Override
    public void write(JuteWriter out) {
        out.writeStrings(paths);
    }

    public static PathsResponse read(JuteReader in) {
        return new PathsResponse(in.readStrings("GetChildrenResponse.children"));
    }
}
