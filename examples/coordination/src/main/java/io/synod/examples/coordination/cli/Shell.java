package io.synod.examples.coordination.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * zkCli's interactive loop: a prompt naming the server and the command number, the commands of
 * {@link CliCommands}, and two of the shell's own: {@code history} (the last eleven commands, numbered as
 * zkCli numbers them) and {@code quit}. Lines come from a {@link LineSource}: JLine's editor on a terminal,
 * a plain reader otherwise (a pipe, a test).
 */
final class Shell {

    /** Where command lines come from; {@code null} at the end of input. */
    interface LineSource {
        String readLine(String prompt) throws IOException;
    }

    private final CliCommands commands;
    private final String server;
    private final PrintWriter out;
    private final List<String> history = new ArrayList<>();

    Shell(CliCommands commands, String server, PrintWriter out) {
        this.commands = commands;
        this.server = server;
        this.out = out;
    }

    /** Reads and runs commands until {@code quit} or the end of input. */
    void run(LineSource lines, java.util.function.BooleanSupplier connected) throws IOException {
        while (true) {
            String prompt = "[zk: " + server + "(" + (connected.getAsBoolean() ? "CONNECTED" : "CLOSED") + ") "
                + history.size() + "] ";
            String line = lines.readLine(prompt);
            if (line == null) {
                return;
            }
            List<String> words = Words.split(line);
            if (words.isEmpty()) {
                continue;
            }
            history.add(line.strip());
            String command = words.get(0);
            if (command.equals("quit")) {
                return;
            }
            if (command.equals("history")) {
                for (int i = Math.max(0, history.size() - 11); i < history.size(); i++) {
                    out.println(i + " - " + history.get(i));
                }
            } else {
                commands.commandLine().execute(words.toArray(String[]::new));
            }
            out.flush();
        }
    }

    /** Lines from a plain reader, the prompt written to {@code out} (no editing, no recall). */
    static LineSource plain(BufferedReader in, PrintWriter out) {
        return prompt -> {
            out.print(prompt);
            out.flush();
            return in.readLine();
        };
    }
}
