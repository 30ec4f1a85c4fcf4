package io.synod.benchmarks.zookeeper;

import java.util.Arrays;
import java.util.function.Consumer;

/** A command line's values: a flag's value, a number, a system, each refused through the command's usage. */
final class Args {

    private final String[] args;
    private final Consumer<String> usage;

    /** {@code usage} prints the problem and the command's usage, and exits. */
    Args(String[] args, Consumer<String> usage) {
        this.args = args;
        this.usage = usage;
    }

    /** The value at {@code i}, which follows the flag at {@code i - 1}. */
    String value(int i) {
        if (i >= args.length) {
            usage.accept(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** The number at {@code i}; "1_000_000" and "1,000,000" are read as 1000000. */
    int number(int i) {
        String v = value(i);
        try {
            return Integer.parseInt(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            usage.accept(args[i - 1] + " needs a number, not " + v);
            return 0;
        }
    }

    /** The system labelled {@code label}. */
    SystemKind system(String label) {
        return Arrays.stream(SystemKind.values()).filter(k -> k.label().equals(label)).findFirst()
            .orElseGet(() -> {
                usage.accept("unknown system " + label + "; known: synod-zab, synod-multi-paxos, zookeeper");
                return null;
            });
    }
}
