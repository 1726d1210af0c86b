package io.vprop.challenge.sim;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs the lab's path blocks somewhere else than this JVM's threads (the Spark executor of research-spark). Each
 * worker builds the input from the recipe, runs blocks with a {@link LabWorker}, and the driver gets every block's
 * outcome once.
 */
public interface PathExecutor {
    String description();

    /** Calls {@code done.accept(i, outcome)} exactly once per block index; throws naming a block that failed. */
    void runBlocks(List<PathBlock> blocks, LabRecipe recipe, BiConsumer<Integer, BlockOutcome> done);
}
