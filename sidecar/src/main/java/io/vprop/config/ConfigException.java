package io.vprop.config;

/** A configuration that cannot be used; the message names every wrong key and value, one per line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
