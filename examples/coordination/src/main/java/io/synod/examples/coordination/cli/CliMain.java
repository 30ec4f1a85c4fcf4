package io.synod.examples.coordination.cli;

import io.synod.examples.coordination.client.WatchedEvent;
import io.synod.examples.coordination.client.ZooKeeperClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code synod-cli}: ZooKeeper's command-line client on this module's own protocol client, so it needs
 * no ZooKeeper jar. With a command it runs that one command and exits (0 on success, 1 when the server
 * answered an error, 2 for a bad command line, 3 when no server could be reached); without one it is an
 * interactive shell.
 *
 * <pre>
 * bin/synod-cli -server 127.0.0.1:2181 create /app hello
 * bin/synod-cli -server 127.0.0.1:2181            # the shell: ls, get, set, create, ..., history, quit
 * </pre>
 */
@Command(name = "synod-cli", mixinStandardHelpOptions = true,
    description = "A ZooKeeper command-line client (zkCli's commands and output).",
    footer = {"", "Commands: ls [-s] [-w] [-R] path | get [-s] [-w] path | set [-s] [-v version] path data",
        "  create [-e] [-s] [-c] [-t ttl] path [data] [acl] | delete [-v version] path | deleteall path",
        "  stat [-w] path | getAcl [-s] path | setAcl [-s] [-v version] [-R] path acl | addauth scheme auth",
        "  sync path | history | quit"})
public final class CliMain implements Callable<Integer> {

    static final int UNREACHABLE = 3;

    @Option(names = "-server", paramLabel = "host:port[,host:port...]", defaultValue = "localhost:2181",
        description = "the servers to try, in order (default: ${DEFAULT-VALUE})")
    String server;

    @Option(names = "-timeout", paramLabel = "ms", defaultValue = "30000", description = "the session timeout asked for")
    int timeoutMillis;

    @Parameters(paramLabel = "command", arity = "0..*", description = "a command and its arguments; none: the shell")
    List<String> command = new ArrayList<>();

    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;

    CliMain(BufferedReader in, PrintWriter out, PrintWriter err, boolean terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(run(args, in, out, err, System.console() != null));
    }

    /** Runs the tool as {@link #main} does, on the given streams; returns the exit code. */
    static int run(String[] args, BufferedReader in, PrintWriter out, PrintWriter err, boolean terminal) {
        CommandLine line = new CommandLine(new CliMain(in, out, err, terminal));
        line.setStopAtPositional(true);
        line.setOut(out);
        line.setErr(err);
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() throws IOException {
        if (command.isEmpty()) {
            return shell();
        }
        ZooKeeperClient zk = connect(event -> {
        });
        if (zk == null) {
            return UNREACHABLE;
        }
        try (zk) {
            return new CliCommands(zk, out, err).commandLine().execute(command.toArray(String[]::new));
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int shell() throws IOException {
        TerminalLines editor = terminal ? new TerminalLines() : null;
        PrintWriter shellOut = editor == null ? out : editor.writer();
        shellOut.println("Connecting to " + server);
        ZooKeeperClient zk = connect(event -> {
            // zkCli's watcher output: each message on a line of its own after a blank one.
            shellOut.println();
            shellOut.println("WATCHER::");
            shellOut.println();
            shellOut.println(event);
            shellOut.flush();
        });
        if (zk == null) {
            if (editor != null) {
                editor.close();
            }
            return UNREACHABLE;
        }
        try (zk) {
            Shell shell = new Shell(new CliCommands(zk, shellOut, editor == null ? err : shellOut), server, shellOut);
            shell.run(editor != null ? editor : Shell.plain(in, shellOut), zk::isConnected);
        } finally {
            if (editor != null) {
                editor.close();
            }
        }
        return 0;
    }

    /** The first server of the list that accepts a session, or {@code null} (said on err) if none does. */
    private ZooKeeperClient connect(Consumer<WatchedEvent> watcher) {
        List<String> failures = new ArrayList<>();
        for (String hostPort : server.split(",")) {
            InetSocketAddress address;
            try {
                address = address(hostPort.strip());
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return null;
            }
            try {
                return ZooKeeperClient.connect(address, timeoutMillis, watcher);
            } catch (IOException | RuntimeException e) {
                failures.add(hostPort.strip() + ": " + e.getMessage());
            }
        }
        err.println("Unable to connect to " + server + " (" + String.join("; ", failures) + ")");
        err.flush();
        return null;
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("a server is host:port, not " + hostPort);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port of " + hostPort + " is not a number from 1 to 65535");
        }
    }
}
