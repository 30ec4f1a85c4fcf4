package io.synod.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A segment's channel that tells a {@link RecordingFileIo} of every positional write and every
 * force before it returns, and passes reads and writes on to the real file. Whether a force also
 * reaches the real disk is the recorder's choice: the crash model does not need it.
 */
final class RecordingChannel extends FileChannel {

    private final Path file;
    private final FileChannel real;
    private final RecordingFileIo recorder;

    RecordingChannel(Path file, FileChannel real, RecordingFileIo recorder) {
        this.file = file;
        this.real = real;
        this.recorder = recorder;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        ByteBuffer copy = src.duplicate();
        int written = real.write(src, position);
        byte[] bytes = new byte[written];
        copy.get(bytes);
        recorder.wrote(file, position, bytes);
        return written;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        recorder.forced(file);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return real.read(dst, position);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return real.read(dsts, offset, length);
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException("the log writes at explicit positions only");
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new UnsupportedOperationException("the log writes at explicit positions only");
    }

    @Override
    public FileChannel truncate(long size) {
        throw new UnsupportedOperationException("the log never shortens a segment");
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("a mapped write would escape the recording");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
