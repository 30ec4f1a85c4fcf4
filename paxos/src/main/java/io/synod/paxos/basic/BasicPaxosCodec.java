package io.synod.paxos.basic;

import io.synod.api.Message;
import io.synod.api.Snapshot;
import io.synod.paxos.Ballot;
import io.synod.paxos.basic.BasicPaxosMessage.Accept;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.CatchUp;
import io.synod.paxos.basic.BasicPaxosMessage.Chosen;
import io.synod.paxos.basic.BasicPaxosMessage.InstallSnapshot;
import io.synod.paxos.basic.BasicPaxosMessage.Nack;
import io.synod.paxos.basic.BasicPaxosMessage.Prepare;
import io.synod.paxos.basic.BasicPaxosMessage.Promise;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The wire format of {@link BasicPaxosMessage}s. Little-endian; ballots travel packed
 * ({@link Ballot#pack()}); byte strings as an int length then the bytes, a length of -1 meaning
 * "no value".
 *
 * <pre>
 *  type (1 byte) then, by type:
 *  1 PREPARE          slot (8) | ballot (8)
 *  2 PROMISE          slot (8) | ballot (8) | accepted ballot (8) | value length (4, -1 = none) | value
 *  3 NACK             slot (8) | ballot (8) | promised (8)
 *  4 ACCEPT           slot (8) | ballot (8) | value length (4) | value
 *  5 ACCEPTED         slot (8) | ballot (8) | value length (4) | value
 *  6 CHOSEN           slot (8) | ballot (8) | value length (4) | value
 *  7 CATCH_UP         from slot (8)
 *  8 INSTALL_SNAPSHOT index (8) | term (8) | data length (4) | data
 * </pre>
 *
 * Decoding reads exactly the given length: unknown types, lengths that run past the frame,
 * stray trailing bytes and field values the messages refuse all raise
 * {@link MessageCodec.MalformedMessageException}. Stateless and thread-safe.
 */
public final class BasicPaxosCodec implements MessageCodec {

    static final byte PREPARE = 1;
    static final byte PROMISE = 2;
    static final byte NACK = 3;
    static final byte ACCEPT = 4;
    static final byte ACCEPTED = 5;
    static final byte CHOSEN = 6;
    static final byte CATCH_UP = 7;
    static final byte INSTALL_SNAPSHOT = 8;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int NO_VALUE = -1;

    @Override
    public int encode(Message message, MutableDirectBuffer buffer, int offset) {
        Writer out = new Writer(buffer, offset);
        if (message instanceof Prepare m) {
            out.type(PREPARE).putLong(m.slot()).ballot(m.ballot());
        } else if (message instanceof Promise m) {
            out.type(PROMISE).putLong(m.slot()).ballot(m.ballot()).ballot(m.acceptedBallot()).bytes(m.acceptedValue());
        } else if (message instanceof Nack m) {
            out.type(NACK).putLong(m.slot()).ballot(m.ballot()).ballot(m.promised());
        } else if (message instanceof Accept m) {
            out.type(ACCEPT).putLong(m.slot()).ballot(m.ballot()).bytes(m.value());
        } else if (message instanceof Accepted m) {
            out.type(ACCEPTED).putLong(m.slot()).ballot(m.ballot()).bytes(m.value());
        } else if (message instanceof Chosen m) {
            out.type(CHOSEN).putLong(m.slot()).ballot(m.ballot()).bytes(m.value());
        } else if (message instanceof CatchUp m) {
            out.type(CATCH_UP).putLong(m.fromSlot());
        } else if (message instanceof InstallSnapshot m) {
            Snapshot s = m.snapshot();
            out.type(INSTALL_SNAPSHOT).putLong(s.index()).putLong(s.term()).bytes(s.data());
        } else {
            throw new IllegalArgumentException("not a Basic Paxos message: "
                + (message == null ? "null" : message.getClass().getName()));
        }
        return out.position - offset;
    }

    @Override
    public Message decode(DirectBuffer buffer, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > buffer.capacity()) {
            throw new MalformedMessageException("frame [" + offset + ", +" + length + ") lies outside a buffer of "
                + buffer.capacity() + " bytes");
        }
        Reader in = new Reader(buffer, offset, offset + length);
        byte type = in.type();
        try {
            Message message = switch (type) {
                case PREPARE -> new Prepare(in.getLong(), in.ballot());
                case PROMISE -> new Promise(in.getLong(), in.ballot(), in.ballot(), in.bytesOrNull());
                case NACK -> new Nack(in.getLong(), in.ballot(), in.ballot());
                case ACCEPT -> new Accept(in.getLong(), in.ballot(), in.bytes());
                case ACCEPTED -> new Accepted(in.getLong(), in.ballot(), in.bytes());
                case CHOSEN -> new Chosen(in.getLong(), in.ballot(), in.bytes());
                case CATCH_UP -> new CatchUp(in.getLong());
                case INSTALL_SNAPSHOT -> new InstallSnapshot(new Snapshot(in.getLong(), in.getLong(), in.bytes()));
                default -> throw new MalformedMessageException("unknown Basic Paxos message type " + type
                    + " at offset " + offset);
            };
            in.requireEnd(message);
            return message;
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("message type " + type + " at offset " + offset
                + " has an invalid field: " + e.getMessage(), e);
        }
    }

    private static final class Writer {
        private final MutableDirectBuffer buffer;
        private int position;

        Writer(MutableDirectBuffer buffer, int offset) {
            this.buffer = buffer;
            this.position = offset;
        }

        Writer type(byte type) {
            buffer.putByte(position, type);
            position += Byte.BYTES;
            return this;
        }

        Writer putLong(long value) {
            buffer.putLong(position, value, ORDER);
            position += Long.BYTES;
            return this;
        }

        Writer ballot(Ballot ballot) {
            return putLong(ballot.pack());
        }

        Writer bytes(byte[] value) {
            buffer.putInt(position, value == null ? NO_VALUE : value.length, ORDER);
            position += Integer.BYTES;
            if (value != null) {
                buffer.putBytes(position, value);
                position += value.length;
            }
            return this;
        }
    }

    private static final class Reader {
        private final DirectBuffer buffer;
        private final int start;
        private final int end;
        private int position;

        Reader(DirectBuffer buffer, int start, int end) {
            this.buffer = buffer;
            this.start = start;
            this.end = end;
            this.position = start;
        }

        private void need(int bytes, String what) {
            if (bytes > end - position) {
                throw new MalformedMessageException("truncated message: " + what + " needs " + bytes + " bytes at "
                    + (position - start) + ", only " + (end - position) + " remain");
            }
        }

        byte type() {
            need(Byte.BYTES, "the message type");
            return buffer.getByte(position++);
        }

        long getLong() {
            need(Long.BYTES, "a long field");
            long value = buffer.getLong(position, ORDER);
            position += Long.BYTES;
            return value;
        }

        Ballot ballot() {
            return Ballot.unpack(getLong());
        }

        byte[] bytesOrNull() {
            need(Integer.BYTES, "a length");
            int length = buffer.getInt(position, ORDER);
            position += Integer.BYTES;
            if (length == NO_VALUE) {
                return null;
            }
            if (length < 0) {
                throw new MalformedMessageException("negative length " + length + " at " + (position - start - Integer.BYTES));
            }
            need(length, "a value of " + length + " bytes");
            byte[] value = new byte[length];
            buffer.getBytes(position, value);
            position += length;
            return value;
        }

        byte[] bytes() {
            byte[] value = bytesOrNull();
            if (value == null) {
                throw new MalformedMessageException("a required value is missing at " + (position - start - Integer.BYTES));
            }
            return value;
        }

        void requireEnd(Message message) {
            if (position != end) {
                throw new MalformedMessageException((end - position) + " stray bytes after " + message);
            }
        }
    }
}
