package io.synod.examples.coordination.cli;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.client.ConnectionLostException;
import io.synod.examples.coordination.client.KeeperError;
import io.synod.examples.coordination.client.ZooKeeperClient;
import io.synod.examples.coordination.tree.CreateMode;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.Stat;
import io.synod.examples.coordination.wire.GetAclResponse;
import io.synod.examples.coordination.wire.GetChildren2Response;
import io.synod.examples.coordination.wire.GetDataResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * zkCli's commands over a {@link ZooKeeperClient}, one picocli subcommand each, with zkCli's options,
 * output and error wording: results on {@code out}; "Created /x" and every error on {@code err}, as
 * zkCli prints them. A command's exit code is 0, 1 when the server answered an error or the connection
 * broke, 2 for a command line that does not parse.
 */
@Command(name = "synod-cli", description = "ZooKeeper commands", synopsisSubcommandLabel = "COMMAND")
final class CliCommands {

    /** Thrown for arguments zkCli refuses before sending anything (its MalformedCommandException). */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private final ZooKeeperClient zk;
    private final PrintWriter out;
    private final PrintWriter err;

    CliCommands(ZooKeeperClient zk, PrintWriter out, PrintWriter err) {
        this.zk = zk;
        this.out = out;
        this.err = err;
    }

    /** A command line for these commands, writing to the same streams, reporting errors as zkCli does. */
    CommandLine commandLine() {
        CommandLine line = new CommandLine(this);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof KeeperError k) {
                err.println(ErrorText.of(k));
            } else if (e instanceof ConnectionLostException lost) {
                err.println("KeeperErrorCode = ConnectionLoss: " + lost.getMessage());
            } else if (e instanceof Malformed || e instanceof IllegalArgumentException) {
                err.println(e.getMessage());
            } else {
                throw e;
            }
            err.flush();
            return 1;
        });
        return line;
    }

    @Command(name = "ls", description = "lists a node's children (sorted); -R: the whole subtree, depth first")
    int ls(@Option(names = "-s", description = "print the node's Stat") boolean withStat,
           @Option(names = "-w", description = "leave a child watch") boolean watch,
           @Option(names = "-R", description = "recurse") boolean recursive,
           @Parameters(paramLabel = "path") String path) throws KeeperError, IOException {
        if (recursive) {
            visit(path, watch);
            return 0;
        }
        GetChildren2Response children = zk.getChildren(path, watch);
        List<String> names = new ArrayList<>(children.children());
        names.sort(null);
        out.println("[" + String.join(", ", names) + "]");
        if (withStat) {
            StatPrinter.print(out, children.stat());
        }
        return 0;
    }

    private void visit(String path, boolean watch) throws KeeperError, IOException {
        out.println(path);
        List<String> names = new ArrayList<>(zk.getChildren(path, watch).children());
        names.sort(null);
        for (String name : names) {
            visit(path.equals("/") ? "/" + name : path + "/" + name, watch);
        }
    }

    @Command(name = "get", description = "prints a node's data")
    int get(@Option(names = "-s", description = "print the Stat too") boolean withStat,
            @Option(names = "-w", description = "leave a data watch") boolean watch,
            @Parameters(paramLabel = "path") String path) throws KeeperError, IOException {
        GetDataResponse read = zk.getData(path, watch);
        out.println(read.data() == null ? "null" : new String(read.data(), StandardCharsets.UTF_8));
        if (withStat) {
            StatPrinter.print(out, read.stat());
        }
        return 0;
    }

    @Command(name = "set", description = "replaces a node's data")
    int set(@Option(names = "-s", description = "print the new Stat") boolean withStat,
            @Option(names = "-v", paramLabel = "version", defaultValue = "-1", description = "expected data version") int version,
            @Parameters(index = "0", paramLabel = "path") String path,
            @Parameters(index = "1", paramLabel = "data") String data) throws KeeperError, IOException {
        Stat stat = zk.setData(path, data.getBytes(StandardCharsets.UTF_8), version);
        if (withStat) {
            StatPrinter.print(out, stat);
        }
        return 0;
    }

    @Command(name = "create", description = "creates a node")
    int create(@Option(names = "-e", description = "ephemeral") boolean ephemeral,
               @Option(names = "-s", description = "sequential") boolean sequential,
               @Option(names = "-c", description = "container") boolean container,
               @Option(names = "-t", paramLabel = "ttl", description = "time to live, ms") String ttlText,
               @Parameters(index = "0", paramLabel = "path") String path,
               @Parameters(index = "1", paramLabel = "data", arity = "0..1") String data,
               @Parameters(index = "2", paramLabel = "acl", arity = "0..1") String acl)
        throws KeeperError, IOException, Malformed {
        boolean ttl = ttlText != null;
        if (container && (ephemeral || sequential)) {
            throw new Malformed("-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
        }
        long ttlMillis;
        try {
            ttlMillis = ttl ? Long.parseLong(ttlText) : 0;
        } catch (NumberFormatException e) {
            throw new Malformed("-t argument must be a long value");
        }
        if (ttl && ephemeral) {
            throw new Malformed("TTLs cannot be used with Ephemeral znodes");
        }
        if (ttl && container) {
            throw new Malformed("TTLs cannot be used with Container znodes");
        }
        if (ttl && (ttlMillis <= 0 || ttlMillis > 0xFF_FFFF_FFFFL)) {
            throw new Malformed("ttl must be positive and cannot be larger than: " + 0xFF_FFFF_FFFFL);
        }
        CreateMode mode;
        if (ephemeral) {
            mode = sequential ? CreateMode.EPHEMERAL_SEQUENTIAL : CreateMode.EPHEMERAL;
        } else if (sequential) {
            mode = ttl ? CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL : CreateMode.PERSISTENT_SEQUENTIAL;
        } else if (container) {
            mode = CreateMode.CONTAINER;
        } else {
            mode = ttl ? CreateMode.PERSISTENT_WITH_TTL : CreateMode.PERSISTENT;
        }
        List<Acl> acls = acl == null ? Acl.OPEN : AclText.parse(acl);
        byte[] bytes = data == null ? null : data.getBytes(StandardCharsets.UTF_8);
        err.println("Created " + zk.create(path, bytes, acls, mode, ttlMillis).path());
        return 0;
    }

    @Command(name = "delete", description = "deletes a childless node")
    int delete(@Option(names = "-v", paramLabel = "version", defaultValue = "-1", description = "expected data version") int version,
               @Parameters(paramLabel = "path") String path) throws KeeperError, IOException {
        zk.delete(path, version);
        return 0;
    }

    @Command(name = "deleteall", description = "deletes a node and everything under it")
    int deleteall(@Parameters(paramLabel = "path") String path) throws KeeperError, IOException {
        deleteTree(path);
        return 0;
    }

    private void deleteTree(String path) throws KeeperError, IOException {
        List<String> names;
        try {
            names = zk.getChildren(path, false).children();
        } catch (KeeperError e) {
            if (e.error() == ErrorCode.NO_NODE && !path.equals("/")) {
                return; // gone meanwhile, as ZooKeeper's deleteRecursive allows
            }
            throw e;
        }
        for (String name : names) {
            deleteTree(path.equals("/") ? "/" + name : path + "/" + name);
        }
        if (!path.equals("/")) {
            try {
                zk.delete(path, -1);
            } catch (KeeperError e) {
                if (e.error() != ErrorCode.NO_NODE) {
                    throw e;
                }
            }
        }
    }

    @Command(name = "stat", description = "prints a node's Stat")
    int stat(@Option(names = "-w", description = "leave a watch on the node") boolean watch,
             @Parameters(paramLabel = "path") String path) throws KeeperError, IOException {
        Stat stat = zk.exists(path, watch);
        if (stat == null) {
            throw new KeeperError(ErrorCode.NO_NODE.code(), path);
        }
        StatPrinter.print(out, stat);
        return 0;
    }

    @Command(name = "getAcl", description = "prints a node's ACL")
    int getAcl(@Option(names = "-s", description = "print the Stat too") boolean withStat,
               @Parameters(paramLabel = "path") String path) throws KeeperError, IOException {
        GetAclResponse acl = zk.getAcl(path);
        for (Acl entry : acl.acl()) {
            out.println(AclText.show(entry));
        }
        if (withStat) {
            StatPrinter.print(out, acl.stat());
        }
        return 0;
    }

    @Command(name = "setAcl", description = "replaces a node's ACL (scheme:id:perm,...)")
    int setAcl(@Option(names = "-s", description = "print the new Stat") boolean withStat,
               @Option(names = "-v", paramLabel = "version", defaultValue = "-1", description = "expected ACL version") int version,
               @Option(names = "-R", description = "the whole subtree") boolean recursive,
               @Parameters(index = "0", paramLabel = "path") String path,
               @Parameters(index = "1", paramLabel = "acl") String aclText) throws KeeperError, IOException {
        List<Acl> acl = AclText.parse(aclText);
        Stat stat = zk.setAcl(path, acl, version);
        if (recursive) {
            for (String name : zk.getChildren(path, false).children()) {
                setAclTree(path.equals("/") ? "/" + name : path + "/" + name, acl);
            }
        }
        if (withStat) {
            StatPrinter.print(out, stat);
        }
        return 0;
    }

    private void setAclTree(String path, List<Acl> acl) throws KeeperError, IOException {
        zk.setAcl(path, acl, -1);
        for (String name : zk.getChildren(path, false).children()) {
            setAclTree(path + "/" + name, acl);
        }
    }

    @Command(name = "addauth", description = "adds an identity to the connection, e.g. addauth digest user:password")
    int addauth(@Parameters(index = "0", paramLabel = "scheme") String scheme,
                @Parameters(index = "1", paramLabel = "auth", arity = "0..1") String auth) throws KeeperError, IOException {
        zk.addAuth(scheme, auth == null ? null : auth.getBytes(StandardCharsets.UTF_8));
        return 0;
    }

    @Command(name = "sync", description = "waits until the server has applied every write committed before")
    int sync(@Parameters(paramLabel = "path") String path) throws KeeperError, IOException {
        try {
            zk.sync(path);
        } catch (KeeperError e) {
            out.println("Sync has failed. rc=" + e.code());
            return 1;
        }
        out.println("Sync is OK");
        return 0;
    }
}
