package io.synod.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the log opens the channel of a segment it reads and writes: the file system itself, or in
 * tests one that records every write and force, so that a test can rebuild each state a crash
 * could leave on disk. Asked once per segment opened, never per write: the hot path calls the
 * returned channel directly.
 */
@FunctionalInterface
interface FileIo {

    /** The file system, unchanged. */
    FileIo REAL = FileChannel::open;

    FileChannel open(Path file, OpenOption... options) throws IOException;
}
