package io.synod.runtime;

/** A registered listener; {@link #close()} removes it (idempotent). */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    @Override
    void close();
}
