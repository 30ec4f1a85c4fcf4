package io.synod.runtime;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import io.synod.runtime.session.SessionConfig;
import io.synod.runtime.session.SessionTable;
import io.synod.runtime.session.SystemCommand;

import java.util.List;

/** Writes a log as a leader would: entries in order, each batch stamped with a time and a term the test sets. */
final class LogBuilder {

    private long index;
    private long time = 1_000_000;
    private long term = 1;
    private long nonces;

    /** The next entry's batch is cut at {@code millis}. */
    LogBuilder at(long millis) {
        time = millis;
        return this;
    }

    /** The clock moves on by {@code millis}. */
    LogBuilder after(long millis) {
        time += millis;
        return this;
    }

    /** Batches are cut by a leader of {@code value} from now on. */
    LogBuilder term(long value) {
        term = value;
        return this;
    }

    long index() {
        return index;
    }

    long clock() {
        return time;
    }

    LogEntry next(Command... commands) {
        index++;
        return new LogEntry(index, term, CommandBatch.encode(time, term, List.of(commands)));
    }

    /** The id a session gets if the open is command {@code position} of the next entry. */
    long nextSessionId(int position) {
        return SessionTable.idAt(index + 1, position);
    }

    Command open(long timeoutMillis) {
        return new SystemCommand.Open(timeoutMillis, false).toCommand(++nonces);
    }

    Command openFifo(long timeoutMillis) {
        return new SystemCommand.Open(timeoutMillis, true).toCommand(++nonces);
    }

    Command renew(long... sessions) {
        return new SystemCommand.Renew(sessions).toCommand(++nonces);
    }

    Command close(long session) {
        return new SystemCommand.Close(session).toCommand(++nonces);
    }

    Command time() {
        return new SystemCommand.Time().toCommand(++nonces);
    }

    Command configure(SessionConfig config, boolean initial) {
        return new SystemCommand.Configure(config, initial).toCommand(++nonces);
    }

    static Command add(long session, long seq, long amount) {
        return new Command(session, seq, Counter.add(amount));
    }

    static Command add(long session, long seq, long ackedThrough, long amount) {
        return new Command(session, seq, ackedThrough, Counter.add(amount));
    }
}
