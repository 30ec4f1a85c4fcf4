package io.synod.transport.tcp;

import io.synod.api.Message;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A hand-driven client on a blocking socket, for tests that must send what no well-behaved
 * transport would: frames before the handshake, lengths beyond the bound, bodies no codec reads.
 * It speaks the handshake through the same {@link Handshake} state machine, so it can pass it
 * (and then misbehave) or fail it on purpose.
 */
final class RawPeer implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawPeer(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, (int) Eventually.BOUND.toMillis());
        socket.setSoTimeout((int) Eventually.BOUND.toMillis());
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A frame with any length field, channel and body. */
    static byte[] frame(int lengthField, int channel, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(Frame.HEADER_LENGTH + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(lengthField).put((byte) channel).put(body);
        return b.array();
    }

    static byte[] frame(int channel, byte[] body) {
        return frame(Frame.HEADER_LENGTH + body.length, channel, body);
    }

    /** A well-formed note frame on the protocol channel. */
    static byte[] noteFrame(Message note) {
        ExpandableArrayBuffer body = new ExpandableArrayBuffer();
        int n = Note.CODEC.encode(note, body, 0);
        byte[] bytes = new byte[n];
        body.getBytes(0, bytes);
        return frame(CodecChannel.PROTOCOL, bytes);
    }

    /** Writes all the bytes, in one write call. */
    void write(byte[]... parts) throws IOException {
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        for (byte[] p : parts) {
            all.put(p);
        }
        out.write(all.array());
        out.flush();
    }

    /** The body of the next frame, which must be a handshake frame. */
    byte[] readControl() throws IOException {
        int length = Integer.reverseBytes(in.readInt());
        int channel = in.readUnsignedByte();
        if (channel != CodecChannel.CONTROL || length > HandshakeMessage.MAX_FRAME_LENGTH) {
            throw new IOException("expected a handshake frame, got channel " + channel + " length " + length);
        }
        byte[] body = new byte[length - Frame.HEADER_LENGTH];
        in.readFully(body);
        return body;
    }

    /**
     * Runs the dialer's side of the handshake up to and including its Proof.
     *
     * @param after bytes written in the same write as the Proof (frames pipelined behind it)
     * @return the dialer's verdict on the acceptor
     */
    Handshake.Step handshake(Handshake dialer, byte[]... after) throws IOException {
        write(frame(CodecChannel.CONTROL, dialer.hello()));
        byte[] welcome = readControl();
        Handshake.Step step = dialer.onMessage(new UnsafeBuffer(welcome), 0, welcome.length);
        byte[][] parts = new byte[after.length + 1][];
        parts[0] = step.reply() == null ? new byte[0] : frame(CodecChannel.CONTROL, step.reply());
        System.arraycopy(after, 0, parts, 1, after.length);
        write(parts);
        return step;
    }

    /** Whether the other side closed the connection (reads to the end, within the bound). */
    boolean closedByPeer() throws IOException {
        try {
            while (in.read() >= 0) {
                // Skip whatever came before the end (a Refuse frame, say).
            }
            return true;
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
