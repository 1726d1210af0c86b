package io.vprop.governors.profile;

/** A profile value is missing, out of range or contradicts another one. The message starts with the field path. */
public final class ProfileException extends IllegalArgumentException {
    private final String field;

    public ProfileException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** Dotted path of the offending field, e.g. {@code dailyLoss.limitPct}. */
    public String field() {
        return field;
    }
}
