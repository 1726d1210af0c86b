package io.vprop.research.spark;

import java.io.Serializable;

/**
 * What one Spark task sends back: its units' indices and their results as JSON text, in the checkpoint's spelling
 * (doubles round-trip exactly), so the driver decodes exactly what a local run or a resumed run would hold.
 */
record Chunk(int[] indices, String[] results) implements Serializable {
}
