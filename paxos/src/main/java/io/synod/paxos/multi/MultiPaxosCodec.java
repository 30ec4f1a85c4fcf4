package io.synod.paxos.multi;

import io.synod.api.Command;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.SnapshotMeta;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Accepted;
import io.synod.paxos.multi.MultiPaxosMessage.ForwardCommand;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import io.synod.paxos.multi.MultiPaxosMessage.ReadIndexReply;
import io.synod.paxos.multi.MultiPaxosMessage.ReadIndexRequest;
import io.synod.paxos.multi.MultiPaxosMessage.Reject;
import io.synod.protocol.FrameReader;
import io.synod.protocol.FrameWriter;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of {@link MultiPaxosMessage}s, written with {@link FrameWriter}. Little-endian; a frame is one type byte
 * followed by the record's fields in declaration order:
 *
 * <pre>
 *  type  fields
 *  1     Prepare         ballot(8) fromSlot(8)
 *  2     Promise         ballot(8) fromSlot(8) count(4) {index(8) term(8) len(4) data}*count
 *                        hasSnapshot(1) [index(8) term(8)]
 *  3     Accept          ballot(8) horizon(8) fromSlot(8) leaderCommit(8) round(8) count(4) {len(4) data}*count
 *  4     Accepted        ballot(8) round(8) match(8) success(1)
 *  5     Reject          ballot(8) promised(8)
 *  6     (retired: InstallSnapshot, now streamed by the runtime)
 *  7     ForwardCommand  clientId(8) sequence(8) ackedThrough(8) len(4) payload
 *  8     ReadIndexRequest  readId(8)
 *  9     ReadIndexReply    readId(8) index(8)
 * </pre>
 * Accept entries carry only their data: slot and ballot follow from the header. Decoding checks
 * every length against the frame, requires the frame to be consumed exactly, and reports any
 * violation as {@link MessageCodec.MalformedMessageException}.
 */
public final class MultiPaxosCodec implements MessageCodec {

    private static final byte PREPARE = 1;
    private static final byte PROMISE = 2;
    private static final byte ACCEPT = 3;
    private static final byte ACCEPTED = 4;
    private static final byte REJECT = 5;
    private static final byte FORWARD_COMMAND = 7;
    private static final byte READ_INDEX_REQUEST = 8;
    private static final byte READ_INDEX_REPLY = 9;

    @Override
    public int encode(Message message, MutableDirectBuffer buffer, int offset) {
        FrameWriter w = new FrameWriter(buffer, offset);
        if (message instanceof Prepare m) {
            w.putByte(PREPARE).putLong(m.ballot()).putLong(m.fromSlot());
        } else if (message instanceof Promise m) {
            w.putByte(PROMISE).putLong(m.ballot()).putLong(m.fromSlot()).putInt(m.accepted().size());
            for (LogEntry e : m.accepted()) {
                w.putLong(e.index()).putLong(e.term()).putBytes(e.data());
            }
            w.putByte((byte) (m.snapshot() == null ? 0 : 1));
            if (m.snapshot() != null) {
                w.putLong(m.snapshot().index()).putLong(m.snapshot().term());
            }
        } else if (message instanceof Accept m) {
            w.putByte(ACCEPT).putLong(m.ballot()).putLong(m.horizon()).putLong(m.fromSlot())
                .putLong(m.leaderCommit()).putLong(m.round()).putInt(m.entries().size());
            for (LogEntry e : m.entries()) {
                w.putBytes(e.data());
            }
        } else if (message instanceof Accepted m) {
            w.putByte(ACCEPTED).putLong(m.ballot()).putLong(m.round()).putLong(m.match()).putFlag(m.success());
        } else if (message instanceof Reject m) {
            w.putByte(REJECT).putLong(m.ballot()).putLong(m.promised());
        } else if (message instanceof ForwardCommand m) {
            w.putByte(FORWARD_COMMAND).putLong(m.command().clientId()).putLong(m.command().sequence())
                .putLong(m.command().ackedThrough())
                .putBytes(m.command().payload());
        } else if (message instanceof ReadIndexRequest m) {
            w.putByte(READ_INDEX_REQUEST).putLong(m.readId());
        } else if (message instanceof ReadIndexReply m) {
            w.putByte(READ_INDEX_REPLY).putLong(m.readId()).putLong(m.index());
        } else {
            throw new IllegalArgumentException("not a Multi-Paxos message: " + (message == null ? "null" : message.getClass().getName()));
        }
        return w.length();
    }

    @Override
    public Message decode(DirectBuffer buffer, int offset, int length) {
        FrameReader r = new FrameReader(buffer, offset, length);
        byte type = r.getByte();
        Message message;
        try {
            message = switch (type) {
                case PREPARE -> new Prepare(r.getLong(), r.getLong());
                case PROMISE -> decodePromise(r);
                case ACCEPT -> decodeAccept(r);
                case ACCEPTED -> new Accepted(r.getLong(), r.getLong(), r.getLong(), r.getFlag());
                case REJECT -> new Reject(r.getLong(), r.getLong());
                case FORWARD_COMMAND -> new ForwardCommand(new Command(r.getLong(), r.getLong(), r.getLong(), r.getBytes()));
                case READ_INDEX_REQUEST -> new ReadIndexRequest(r.getLong());
                case READ_INDEX_REPLY -> new ReadIndexReply(r.getLong(), r.getLong());
                default -> throw new MalformedMessageException("unknown Multi-Paxos message type " + type + " at offset " + offset);
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid Multi-Paxos message of type " + type + ": " + e.getMessage(), e);
        }
        r.requireEnd("a message of type " + type);
        return message;
    }

    private static Promise decodePromise(FrameReader r) {
        long ballot = r.getLong();
        long fromSlot = r.getLong();
        int count = r.getCount(Long.BYTES * 2 + Integer.BYTES);
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new LogEntry(r.getLong(), r.getLong(), r.getBytes()));
        }
        SnapshotMeta snapshot = r.getFlag() ? new SnapshotMeta(r.getLong(), r.getLong()) : null;
        return new Promise(ballot, fromSlot, entries, snapshot);
    }

    private static Accept decodeAccept(FrameReader r) {
        long ballot = r.getLong();
        long horizon = r.getLong();
        long fromSlot = r.getLong();
        long leaderCommit = r.getLong();
        long round = r.getLong();
        int count = r.getCount(Integer.BYTES);
        if (fromSlot < 1 || fromSlot > Long.MAX_VALUE - count) {
            throw new MalformedMessageException("accept of " + count + " entries from slot " + fromSlot);
        }
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new LogEntry(fromSlot + i, ballot, r.getBytes()));
        }
        return new Accept(ballot, horizon, fromSlot, entries, leaderCommit, round);
    }

}
