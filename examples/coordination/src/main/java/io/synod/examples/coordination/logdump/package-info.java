/**
 * {@code synod-log dump}: a coordination server's write-ahead log, read offline, printed one line per
 * transaction as ZooKeeper's LogFormatter prints its transaction log.
 *
 * <p>The storage module reads the files ({@link io.synod.storage.OfflineLog}: no lock, no recovery,
 * nothing written; its checks name file and offset of any damage); this package unpacks each entry's
 * command batch, the runtime's session commands and the tree's commands, and formats them
 * ({@code TxnFormatter}).
 *
 * <pre>
 * bin/synod-log dump /var/lib/synod --snapshot
 * </pre>
 */
package io.synod.examples.coordination.logdump;
