package io.vprop.challenge.history;

/**
 * A trade history that cannot be read. The message says where (file, line or sheet row, column) and what was
 * expected, e.g. {@code report.html line 57, column Volume: '0,1 0' is not a number}.
 */
public final class HistoryImportException extends RuntimeException {
    HistoryImportException(String message) {
        super(message);
    }

    HistoryImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
