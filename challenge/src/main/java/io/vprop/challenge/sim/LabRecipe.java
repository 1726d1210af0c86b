package io.vprop.challenge.sim;

import java.io.Serializable;

/**
 * How another JVM (a Spark executor) builds the same {@link LabInput} as the driver: file paths and options as plain
 * values, compared with {@code equals} (make it a record) so a worker builds it once.
 */
public interface LabRecipe extends Serializable {
    LabInput create();
}
