/**
 * {@code synod-cli}: zkCli's commands, options, output and error wording over the {@code client}
 * package's protocol client, so that it runs without a ZooKeeper jar.
 *
 * <p>{@link io.synod.examples.coordination.cli.CliMain} parses {@code -server} and either runs one
 * command or starts the shell; the commands are picocli subcommands of {@code CliCommands}; the shell
 * reads lines through JLine on a terminal and a plain reader otherwise, and keeps zkCli's numbered
 * history. Watch notifications are printed as zkCli prints them ({@code WATCHER::} then the event).
 *
 * <pre>
 * bin/synod-cli -server 127.0.0.1:2181 create -e /lock owner-1     # prints "Created /lock" on stderr
 * bin/synod-cli -server 127.0.0.1:2181 get -s /lock
 * </pre>
 */
package io.synod.examples.coordination.cli;
