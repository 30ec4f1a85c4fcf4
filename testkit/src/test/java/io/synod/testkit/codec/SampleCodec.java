package io.synod.testkit.codec;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A small strict codec for the fuzz calibration: it has what protocol codecs have (a type byte, a
 * long, a count, length-prefixed strings) and checks each against the frame before trusting it.
 * {@code Ping}: type 0, term (8). {@code Note}: type 1, term (8), count (4), then per word a
 * length (4) and that many lowercase ASCII letters. Nothing may follow the last field.
 */
final class SampleCodec implements MessageCodec {

    static final int TYPES = 2;

    sealed interface Sample extends Message permits Ping, Note {
    }

    record Ping(long term) implements Sample {
    }

    record Note(long term, List<String> words) implements Sample {
        Note {
            words = List.copyOf(words);
        }
    }

    @Override
    public int encode(Message message, MutableDirectBuffer buffer, int offset) {
        int at = offset;
        if (message instanceof Ping p) {
            buffer.putByte(at, (byte) 0);
            buffer.putLong(at + 1, p.term());
            return 9;
        }
        Note n = (Note) message;
        buffer.putByte(at++, (byte) 1);
        buffer.putLong(at, n.term());
        at += 8;
        buffer.putInt(at, n.words().size());
        at += 4;
        for (String word : n.words()) {
            buffer.putInt(at, word.length());
            at += 4;
            for (int i = 0; i < word.length(); i++) {
                buffer.putByte(at++, (byte) word.charAt(i));
            }
        }
        return at - offset;
    }

    @Override
    public Message decode(DirectBuffer buffer, int offset, int length) {
        if (length < 9) {
            throw new MalformedMessageException("a frame of " + length + " bytes is shorter than a type and a term");
        }
        int type = buffer.getByte(offset);
        long term = buffer.getLong(offset + 1);
        if (type == 0) {
            requireEnd(9, length);
            return new Ping(term);
        }
        if (type != 1) {
            throw new MalformedMessageException("unknown type " + type);
        }
        if (length < 13) {
            throw new MalformedMessageException("a note of " + length + " bytes has no word count");
        }
        int count = buffer.getInt(offset + 9);
        int at = 13;
        if (count < 0 || count > (length - at) / 4) {
            throw new MalformedMessageException("word count " + count + " does not fit " + (length - at) + " bytes");
        }
        List<String> words = new ArrayList<>(count);
        for (int w = 0; w < count; w++) {
            if (length - at < 4) {
                throw new MalformedMessageException("word " + w + " has no length at byte " + at);
            }
            int size = buffer.getInt(offset + at);
            at += 4;
            if (size < 0 || size > length - at) {
                throw new MalformedMessageException("word " + w + " of " + size + " bytes does not fit " + (length - at));
            }
            char[] letters = new char[size];
            for (int i = 0; i < size; i++) {
                byte b = buffer.getByte(offset + at + i);
                if (b < 'a' || b > 'z') {
                    throw new MalformedMessageException("byte " + (at + i) + " is not a lowercase letter");
                }
                letters[i] = (char) b;
            }
            at += size;
            words.add(new String(letters));
        }
        requireEnd(at, length);
        return new Note(term, words);
    }

    private static void requireEnd(int end, int length) {
        if (end != length) {
            throw new MalformedMessageException((length - end) + " stray bytes after the message's " + end);
        }
    }
}
