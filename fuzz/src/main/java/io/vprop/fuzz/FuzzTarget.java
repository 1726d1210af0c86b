package io.vprop.fuzz;

import java.nio.file.Path;
import java.util.List;

/**
 * One parser under fuzz. {@link #run} feeds it an input and returns a short shape of the outcome (a parsed value's
 * kind, or the documented error's code and field); anything that escapes {@code run} breaks the target's contract and
 * is a finding. A documented error whose message does not name its field or line is re-thrown as a
 * {@link ContractBreak} by the target itself.
 */
interface FuzzTarget extends AutoCloseable {
    String name();

    /** What the target promises, for the report and docs/fuzzing.md. */
    String contract();

    /** Extension of reproducer files, so that they open in an editor as what they are. */
    String extension();

    /** Tokens the mutator splices in, on top of the words it finds in the corpus. */
    List<String> dictionary();

    /** Whether whole-input re-encodings (gzip, cut-off gzip, UTF-16 with a byte order mark) are meaningful. */
    default boolean fileEncodings() { return false; }

    String run(byte[] input) throws Exception;

    /** The temporary files' folder, for file-based targets. */
    default void open(Path scratch) throws Exception { }

    @Override
    default void close() { }

    /** A documented error that breaks its own promise (no field, no line): a finding like any exception. */
    final class ContractBreak extends RuntimeException {
        final String kind;

        ContractBreak(String kind, String detail, Throwable cause) {
            super(kind + ": " + detail, cause);
            this.kind = kind;
        }
    }
}
