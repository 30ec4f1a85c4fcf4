package io.synod.examples.coordination.cli;

import io.synod.examples.coordination.tree.Stat;

import java.io.PrintWriter;
import java.util.Date;

/** Prints a Stat as zkCli does: one {@code name = value} line per field, zxids in hex, times as {@link Date}. */
final class StatPrinter {

    private StatPrinter() {
    }

    static void print(PrintWriter out, Stat stat) {
        out.println("cZxid = 0x" + Long.toHexString(stat.czxid()));
        out.println("ctime = " + new Date(stat.ctime()));
        out.println("mZxid = 0x" + Long.toHexString(stat.mzxid()));
        out.println("mtime = " + new Date(stat.mtime()));
        out.println("pZxid = 0x" + Long.toHexString(stat.pzxid()));
        out.println("cversion = " + stat.cversion());
        out.println("dataVersion = " + stat.version());
        out.println("aclVersion = " + stat.aversion());
        out.println("ephemeralOwner = 0x" + Long.toHexString(stat.ephemeralOwner()));
        out.println("dataLength = " + stat.dataLength());
        out.println("numChildren = " + stat.numChildren());
    }
}
