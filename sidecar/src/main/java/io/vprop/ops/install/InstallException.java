package io.vprop.ops.install;

/** An installation step that cannot proceed; the message names the path, value or option at fault. */
public final class InstallException extends IllegalStateException {
    public InstallException(String message) { super(message); }

    public InstallException(String message, Throwable cause) { super(message, cause); }
}
