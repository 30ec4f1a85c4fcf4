package io.synod.examples.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file that holds a running node's process id, for scripts and supervisors that stop it by
 * that id. Written whole (a temporary file renamed into place) once the node runs; removed when
 * the node stops cleanly, and only if it still holds this process's id. After a kill it stays
 * behind, stale: a supervisor checks that the process it names is alive before trusting it, and
 * the next start overwrites it (the data directory's lock, not this file, keeps two nodes apart).
 */
final class PidFile {

    private final Path path;
    private final String content;

    private PidFile(Path path, long pid) {
        this.path = path;
        this.content = pid + "\n";
    }

    /**
     * Writes this process's id to {@code path}.
     *
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    static PidFile write(Path path) {
        PidFile file = new PidFile(path, ProcessHandle.current().pid());
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, path.getFileName().toString(), ".tmp");
            Files.writeString(temp, file.content, StandardCharsets.US_ASCII);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PID file " + path + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Removes the file if it still names this process; false if it did not. */
    boolean delete() {
        try {
            if (Files.exists(path) && Files.readString(path, StandardCharsets.US_ASCII).equals(content)) {
                Files.delete(path);
                return true;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
