package io.vprop.ops.backup;

/** A backup or restore that did not produce a verified copy; the message names the file and the reason. */
final class BackupException extends IllegalStateException {
    public BackupException(String message) { super(message); }

    public BackupException(String message, Throwable cause) { super(message, cause); }
}
