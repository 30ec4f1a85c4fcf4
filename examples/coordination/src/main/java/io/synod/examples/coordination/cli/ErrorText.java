package io.synod.examples.coordination.cli;

import io.synod.examples.coordination.client.KeeperError;
import io.synod.examples.coordination.tree.ErrorCode;

/** What zkCli prints for an error the server answered (its CliWrapperException wording). */
final class ErrorText {

    private ErrorText() {
    }

    static String of(KeeperError e) {
        ErrorCode code = e.error();
        String path = e.path();
        if (code == null) {
            return "KeeperErrorCode = " + e.code() + (path == null ? "" : " for " + path);
        }
        return switch (code) {
            case NO_NODE -> "Node does not exist: " + path;
            case NO_CHILDREN_FOR_EPHEMERALS -> "Ephemerals cannot have children: " + path;
            case NODE_EXISTS -> "Node already exists: " + path;
            case NOT_EMPTY -> "Node not empty: " + path;
            case NOT_READ_ONLY -> "Not a read-only call: " + path;
            case INVALID_ACL -> "Acl is not valid : " + path;
            case NO_AUTH -> "Authentication is not valid : " + path;
            case BAD_ARGUMENTS -> "Arguments are not valid : " + path;
            case BAD_VERSION -> "version No is not valid : " + path;
            default -> "KeeperErrorCode = " + keeperName(code) + (path == null ? "" : " for " + path);
        };
    }

    /** KeeperException.Code's own words for the codes without a sentence of their own. */
    private static String keeperName(ErrorCode code) {
        return switch (code) {
            case CONNECTION_LOSS -> "ConnectionLoss";
            case SESSION_EXPIRED -> "Session expired";
            case SESSION_MOVED -> "Session moved";
            case UNIMPLEMENTED -> "Unimplemented";
            case AUTH_FAILED -> "AuthFailed";
            case OPERATION_TIMEOUT -> "OperationTimeout";
            case SYSTEM_ERROR -> "SystemError";
            case MARSHALLING_ERROR -> "MarshallingError";
            case QUOTA_EXCEEDED -> "QuotaExceeded";
            case THROTTLED_OP -> "Op throttled due to high load";
            default -> code.name();
        };
    }
}
