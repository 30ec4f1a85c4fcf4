package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.tree.Stat;

import java.util.List;

/**
 * The Jute encoding of the value types the tree and ACL packages own (ZooKeeper's {@code data} module):
 * {@link Stat} (68 bytes), {@link Id} (scheme, id) and {@link Acl} (perms, id).
 */
public final class DataRecords {

    /** The encoded size of a Stat. */
    public static final int STAT_BYTES = 68;
    /** The smallest encoded ACL: perms and two empty strings. */
    public static final int MIN_ACL_BYTES = 12;

    private DataRecords() {
    }

    public static void writeStat(JuteWriter out, Stat stat) {
        out.writeLong(stat.czxid()).writeLong(stat.mzxid()).writeLong(stat.ctime()).writeLong(stat.mtime())
            .writeInt(stat.version()).writeInt(stat.cversion()).writeInt(stat.aversion())
            .writeLong(stat.ephemeralOwner()).writeInt(stat.dataLength()).writeInt(stat.numChildren())
            .writeLong(stat.pzxid());
    }

    public static Stat readStat(JuteReader in) {
        return new Stat(in.readLong("Stat.czxid"), in.readLong("Stat.mzxid"), in.readLong("Stat.ctime"),
            in.readLong("Stat.mtime"), in.readInt("Stat.version"), in.readInt("Stat.cversion"),
            in.readInt("Stat.aversion"), in.readLong("Stat.ephemeralOwner"), in.readInt("Stat.dataLength"),
            in.readInt("Stat.numChildren"), in.readLong("Stat.pzxid"));
    }

    /** A null scheme or id cannot be represented by {@link Id}; it is refused as malformed. */
    public static Id readId(JuteReader in) {
        int at = in.offset();
        String scheme = in.readString("Id.scheme");
        String id = in.readString("Id.id");
        if (scheme == null || id == null) {
            throw new MalformedFrameException("Id", at, "null " + (scheme == null ? "scheme" : "id"));
        }
        return new Id(scheme, id);
    }

    public static void writeId(JuteWriter out, Id id) {
        out.writeString(id.scheme()).writeString(id.id());
    }

    public static Acl readAcl(JuteReader in) {
        int perms = in.readInt("ACL.perms");
        return new Acl(perms, readId(in));
    }

    public static void writeAcl(JuteWriter out, Acl acl) {
        out.writeInt(acl.perms());
        writeId(out, acl.id());
    }

    public static List<Acl> readAcls(JuteReader in, String field) {
        return in.readVector(field, MIN_ACL_BYTES, DataRecords::readAcl);
    }

    public static void writeAcls(JuteWriter out, List<Acl> acls) {
        out.writeVector(acls, DataRecords::writeAcl);
    }
}
