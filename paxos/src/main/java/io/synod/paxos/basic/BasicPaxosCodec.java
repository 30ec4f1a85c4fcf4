package io.synod.paxos.basic;

import io.synod.api.Message;
import io.synod.paxos.basic.BasicPaxosMessage.Accept;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.CatchUp;
import io.synod.paxos.basic.BasicPaxosMessage.Chosen;
import io.synod.paxos.basic.BasicPaxosMessage.Nack;
import io.synod.paxos.basic.BasicPaxosMessage.Prepare;
import io.synod.paxos.basic.BasicPaxosMessage.Promise;
import io.synod.protocol.FrameReader;
import io.synod.protocol.FrameWriter;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;


/**
 * The wire format of {@link BasicPaxosMessage}s. Little-endian; ballots travel packed
 * ({@link io.synod.protocol.Ballot#pack()}); byte strings as an int length then the bytes, a length of -1 meaning
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
 *  8 (retired: INSTALL_SNAPSHOT; snapshots are streamed by the runtime)
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

    @Override
    public int encode(Message message, MutableDirectBuffer buffer, int offset) {
        FrameWriter out = new FrameWriter(buffer, offset);
        if (message instanceof Prepare m) {
            out.putByte(PREPARE).putLong(m.slot()).putBallot(m.ballot());
        } else if (message instanceof Promise m) {
            out.putByte(PROMISE).putLong(m.slot()).putBallot(m.ballot()).putBallot(m.acceptedBallot()).putBytes(m.acceptedValue());
        } else if (message instanceof Nack m) {
            out.putByte(NACK).putLong(m.slot()).putBallot(m.ballot()).putBallot(m.promised());
        } else if (message instanceof Accept m) {
            out.putByte(ACCEPT).putLong(m.slot()).putBallot(m.ballot()).putBytes(m.value());
        } else if (message instanceof Accepted m) {
            out.putByte(ACCEPTED).putLong(m.slot()).putBallot(m.ballot()).putBytes(m.value());
        } else if (message instanceof Chosen m) {
            out.putByte(CHOSEN).putLong(m.slot()).putBallot(m.ballot()).putBytes(m.value());
        } else if (message instanceof CatchUp m) {
            out.putByte(CATCH_UP).putLong(m.fromSlot());
        } else {
            throw new IllegalArgumentException("not a Basic Paxos message: "
                + (message == null ? "null" : message.getClass().getName()));
        }
        return out.length();
    }

    @Override
    public Message decode(DirectBuffer buffer, int offset, int length) {
        FrameReader in = new FrameReader(buffer, offset, length);
        byte type = in.getByte();
        try {
            Message message = switch (type) {
                case PREPARE -> new Prepare(in.getLong(), in.getBallot());
                case PROMISE -> new Promise(in.getLong(), in.getBallot(), in.getBallot(), in.getBytesOrNull());
                case NACK -> new Nack(in.getLong(), in.getBallot(), in.getBallot());
                case ACCEPT -> new Accept(in.getLong(), in.getBallot(), in.getBytes());
                case ACCEPTED -> new Accepted(in.getLong(), in.getBallot(), in.getBytes());
                case CHOSEN -> new Chosen(in.getLong(), in.getBallot(), in.getBytes());
                case CATCH_UP -> new CatchUp(in.getLong());
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

}
