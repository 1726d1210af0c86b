package io.vprop.market.instrument;

/** A bad instrument table or override file: names the file, the line (1 = the header) and what is wrong. */
public final class InstrumentFileException extends IllegalArgumentException {
    private final String file;
    private final int line;

    InstrumentFileException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() { return file; }

    public int line() { return line; }
}
