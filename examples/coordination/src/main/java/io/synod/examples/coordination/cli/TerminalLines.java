package io.synod.examples.coordination.cli;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;

/**
 * Lines from JLine's editor on the process's terminal: history recall with the arrow keys, Emacs line
 * editing, Ctrl-D to leave. JLine's JNI terminal provider is used (the FFM one needs Java 22).
 * Ctrl-C drops the line being typed, as zkCli's JLine shell does.
 */
final class TerminalLines implements Shell.LineSource, AutoCloseable {

    private final Terminal terminal;
    private final LineReader reader;

    TerminalLines() throws IOException {
        terminal = TerminalBuilder.builder().system(true).build();
        reader = LineReaderBuilder.builder().terminal(terminal).appName("synod-cli").build();
    }

    @Override
    public String readLine(String prompt) {
        while (true) {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                // Ctrl-C: a fresh line
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    /** Where the commands write, so that watch notifications and results share the terminal. */
    java.io.PrintWriter writer() {
        return terminal.writer();
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }
}
