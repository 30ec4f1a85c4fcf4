package io.synod.zab.codec;

import io.synod.api.Command;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.SnapshotMeta;
import io.synod.protocol.FrameReader;
import io.synod.protocol.FrameWriter;
import io.synod.spi.MessageCodec;
import io.synod.zab.message.PeerState;
import io.synod.zab.message.ZabMessage;
import io.synod.zab.message.ZabMessage.Ack;
import io.synod.zab.message.ZabMessage.AckEpoch;
import io.synod.zab.message.ZabMessage.AckNewLeader;
import io.synod.zab.message.ZabMessage.Commit;
import io.synod.zab.message.ZabMessage.EpochStart;
import io.synod.zab.message.ZabMessage.FollowerInfo;
import io.synod.zab.message.ZabMessage.Inform;
import io.synod.zab.message.ZabMessage.LeaderInfo;
import io.synod.zab.message.ZabMessage.NewLeader;
import io.synod.zab.message.ZabMessage.Notification;
import io.synod.zab.message.ZabMessage.Ping;
import io.synod.zab.message.ZabMessage.PingReply;
import io.synod.zab.message.ZabMessage.Proposal;
import io.synod.zab.message.ZabMessage.Request;
import io.synod.zab.message.ZabMessage.SyncReply;
import io.synod.zab.message.ZabMessage.SyncRequest;
import io.synod.zab.message.ZabMessage.UpToDate;
import io.synod.zab.message.Zxid;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of {@link ZabMessage}s. Little-endian; a frame is one type byte followed by the
 * record's fields in declaration order. A zxid is epoch(8) index(8); an entry is index(8) term(8)
 * len(4) data; a list is count(4) and its items; a snapshot (where it ends: its bytes are streamed
 * by the driver) is a presence flag(1) and then index(8) term(8).
 *
 * <pre>
 *  type  fields
 *  1     Notification  leader(4) zxid peerEpoch(8) round(8) state(1)
 *  2     FollowerInfo  session(8) acceptedEpoch(8) lastZxid voting(1)
 *  3     LeaderInfo    session(8) epoch(8)
 *  4     AckEpoch      session(8) epoch(8) currentEpoch(8) lastZxid base count(4) {epoch(8) firstIndex(8)}*
 *  5     NewLeader     session(8) epoch(8) snapshot truncateAfter(8) entries commitIndex(8)
 *  6     AckNewLeader  session(8) epoch(8) lastIndex(8)
 *  7     UpToDate      epoch(8) commitIndex(8)
 *  8     Proposal      epoch(8) entries commitIndex(8)
 *  9     Ack           session(8) epoch(8) lastIndex(8)
 *  10    Commit        epoch(8) commitIndex(8)
 *  11    Inform        epoch(8) entries commitIndex(8)
 *  12    Ping          epoch(8) commitIndex(8) round(8)
 *  13    PingReply     session(8) epoch(8) round(8) lastIndex(8)
 *  14    Request       clientId(8) sequence(8) len(4) payload
 *  15    SyncRequest   readId(8)
 *  16    SyncReply     readId(8) index(8)
 * </pre>
 * Decoding checks every length and count against the frame, requires the frame to be consumed
 * exactly, and reports any violation — including field values a record refuses — as
 * {@link MessageCodec.MalformedMessageException}.
 */
public final class ZabCodec implements MessageCodec {

    private static final byte NOTIFICATION = 1;
    private static final byte FOLLOWER_INFO = 2;
    private static final byte LEADER_INFO = 3;
    private static final byte ACK_EPOCH = 4;
    private static final byte NEW_LEADER = 5;
    private static final byte ACK_NEW_LEADER = 6;
    private static final byte UP_TO_DATE = 7;
    private static final byte PROPOSAL = 8;
    private static final byte ACK = 9;
    private static final byte COMMIT = 10;
    private static final byte INFORM = 11;
    private static final byte PING = 12;
    private static final byte PING_REPLY = 13;
    private static final byte REQUEST = 14;
    private static final byte SYNC_REQUEST = 15;
    private static final byte SYNC_REPLY = 16;

    private static final int ENTRY_MIN = 2 * Long.BYTES + Integer.BYTES;
    private static final PeerState[] STATES = PeerState.values();

    @Override
    public int encode(Message message, MutableDirectBuffer buffer, int offset) {
        FrameWriter w = new FrameWriter(buffer, offset);
        if (message instanceof Notification m) {
            w.putByte(NOTIFICATION).putInt(m.leader());
            zxid(w, m.zxid()).putLong(m.peerEpoch()).putLong(m.round()).putByte((byte) m.state().ordinal());
        } else if (message instanceof FollowerInfo m) {
            w.putByte(FOLLOWER_INFO).putLong(m.session()).putLong(m.acceptedEpoch());
            zxid(w, m.lastZxid()).putFlag(m.voting());
        } else if (message instanceof LeaderInfo m) {
            w.putByte(LEADER_INFO).putLong(m.session()).putLong(m.epoch());
        } else if (message instanceof AckEpoch m) {
            w.putByte(ACK_EPOCH).putLong(m.session()).putLong(m.epoch()).putLong(m.currentEpoch());
            zxid(zxid(w, m.lastZxid()), m.base()).putInt(m.starts().size());
            for (EpochStart s : m.starts()) {
                w.putLong(s.epoch()).putLong(s.firstIndex());
            }
        } else if (message instanceof NewLeader m) {
            w.putByte(NEW_LEADER).putLong(m.session()).putLong(m.epoch()).putFlag(m.snapshot() != null);
            if (m.snapshot() != null) {
                w.putLong(m.snapshot().index()).putLong(m.snapshot().term());
            }
            entries(w.putLong(m.truncateAfter()), m.entries()).putLong(m.commitIndex());
        } else if (message instanceof AckNewLeader m) {
            w.putByte(ACK_NEW_LEADER).putLong(m.session()).putLong(m.epoch()).putLong(m.lastIndex());
        } else if (message instanceof UpToDate m) {
            w.putByte(UP_TO_DATE).putLong(m.epoch()).putLong(m.commitIndex());
        } else if (message instanceof Proposal m) {
            entries(w.putByte(PROPOSAL).putLong(m.epoch()), m.entries()).putLong(m.commitIndex());
        } else if (message instanceof Ack m) {
            w.putByte(ACK).putLong(m.session()).putLong(m.epoch()).putLong(m.lastIndex());
        } else if (message instanceof Commit m) {
            w.putByte(COMMIT).putLong(m.epoch()).putLong(m.commitIndex());
        } else if (message instanceof Inform m) {
            entries(w.putByte(INFORM).putLong(m.epoch()), m.entries()).putLong(m.commitIndex());
        } else if (message instanceof Ping m) {
            w.putByte(PING).putLong(m.epoch()).putLong(m.commitIndex()).putLong(m.round());
        } else if (message instanceof PingReply m) {
            w.putByte(PING_REPLY).putLong(m.session()).putLong(m.epoch()).putLong(m.round()).putLong(m.lastIndex());
        } else if (message instanceof Request m) {
            w.putByte(REQUEST).putLong(m.command().clientId()).putLong(m.command().sequence()).putBytes(m.command().payload());
        } else if (message instanceof SyncRequest m) {
            w.putByte(SYNC_REQUEST).putLong(m.readId());
        } else if (message instanceof SyncReply m) {
            w.putByte(SYNC_REPLY).putLong(m.readId()).putLong(m.index());
        } else {
            throw new IllegalArgumentException("not a ZAB message: " + (message == null ? "null" : message.getClass().getName()));
        }
        return w.length();
    }

    private static FrameWriter zxid(FrameWriter w, Zxid z) {
        return w.putLong(z.epoch()).putLong(z.index());
    }

    private static FrameWriter entries(FrameWriter w, List<LogEntry> entries) {
        w.putInt(entries.size());
        for (LogEntry e : entries) {
            w.putLong(e.index()).putLong(e.term()).putBytes(e.data());
        }
        return w;
    }

    @Override
    public Message decode(DirectBuffer buffer, int offset, int length) {
        FrameReader r = new FrameReader(buffer, offset, length);
        byte type = r.getByte();
        Message message;
        try {
            message = switch (type) {
                case NOTIFICATION -> new Notification(r.getInt(), zxid(r), r.getLong(), r.getLong(), state(r));
                case FOLLOWER_INFO -> new FollowerInfo(r.getLong(), r.getLong(), zxid(r), r.getFlag());
                case LEADER_INFO -> new LeaderInfo(r.getLong(), r.getLong());
                case ACK_EPOCH -> ackEpoch(r);
                case NEW_LEADER -> newLeader(r);
                case ACK_NEW_LEADER -> new AckNewLeader(r.getLong(), r.getLong(), r.getLong());
                case UP_TO_DATE -> new UpToDate(r.getLong(), r.getLong());
                case PROPOSAL -> new Proposal(r.getLong(), entries(r), r.getLong());
                case ACK -> new Ack(r.getLong(), r.getLong(), r.getLong());
                case COMMIT -> new Commit(r.getLong(), r.getLong());
                case INFORM -> new Inform(r.getLong(), entries(r), r.getLong());
                case PING -> new Ping(r.getLong(), r.getLong(), r.getLong());
                case PING_REPLY -> new PingReply(r.getLong(), r.getLong(), r.getLong(), r.getLong());
                case REQUEST -> new Request(new Command(r.getLong(), r.getLong(), r.getBytes()));
                case SYNC_REQUEST -> new SyncRequest(r.getLong());
                case SYNC_REPLY -> new SyncReply(r.getLong(), r.getLong());
                default -> throw new MalformedMessageException("unknown ZAB message type " + type + " at offset " + offset);
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid ZAB message of type " + type + ": " + e.getMessage(), e);
        }
        r.requireEnd("a ZAB message of type " + type);
        return message;
    }

    private static Zxid zxid(FrameReader r) {
        return new Zxid(r.getLong(), r.getLong());
    }

    private static PeerState state(FrameReader r) {
        byte b = r.getByte();
        if (b < 0 || b >= STATES.length) {
            throw new MalformedMessageException("peer state " + b + " is not one of " + STATES.length);
        }
        return STATES[b];
    }

    private static AckEpoch ackEpoch(FrameReader r) {
        long session = r.getLong();
        long epoch = r.getLong();
        long currentEpoch = r.getLong();
        Zxid last = zxid(r);
        Zxid base = zxid(r);
        int count = r.getCount(2 * Long.BYTES);
        List<EpochStart> starts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            starts.add(new EpochStart(r.getLong(), r.getLong()));
        }
        return new AckEpoch(session, epoch, currentEpoch, last, base, starts);
    }

    private static NewLeader newLeader(FrameReader r) {
        long session = r.getLong();
        long epoch = r.getLong();
        SnapshotMeta snapshot = r.getFlag() ? new SnapshotMeta(r.getLong(), r.getLong()) : null;
        long truncateAfter = r.getLong();
        List<LogEntry> entries = entries(r);
        return new NewLeader(session, epoch, snapshot, truncateAfter, entries, r.getLong());
    }

    private static List<LogEntry> entries(FrameReader r) {
        int count = r.getCount(ENTRY_MIN);
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new LogEntry(r.getLong(), r.getLong(), r.getBytes()));
        }
        return entries;
    }
}
