package io.vprop.journal;

/** The journal could not read or write: the message in question was not journaled and must not be acted on. */
final class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
