package io.vprop.research.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.challenge.sim.BlockOutcome;
import io.vprop.challenge.sim.LabRecipe;
import io.vprop.challenge.sim.LabWorker;
import io.vprop.challenge.sim.PathBlock;
import io.vprop.research.sweep.SweepTask;
import io.vprop.research.sweep.TaskRecipe;
import io.vprop.research.sweep.WorkerCache;

/**
 * The challenge lab's path blocks as a sweep's units, so they run on the same Spark machinery as the walk-forward:
 * the worker (books, block lengths) is built once per executor JVM from the lab's recipe.
 */
record LabTask(LabRecipe lab) implements SweepTask<PathBlock, BlockOutcome> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id(PathBlock b) {
        return "challenge/" + b.firm() + "/" + b.method() + (b.point() < 0 ? "" : "@" + b.point()) + "/" + b.from() + "-" + b.to();
    }

    @Override
    public String inputs(PathBlock b) {
        return id(b) + "|" + lab;
    }

    @Override
    public BlockOutcome compute(PathBlock b) {
        return WorkerCache.get(lab, () -> new LabWorker(lab.create())).run(b);
    }

    @Override
    public JsonNode encode(BlockOutcome r) {
        return JSON.valueToTree(r);
    }

    @Override
    public BlockOutcome decode(JsonNode json) {
        try {
            return JSON.treeToValue(json, BlockOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a path block's outcome does not decode: " + e.getOriginalMessage(), e);
        }
    }

    record Recipe(LabRecipe lab) implements TaskRecipe<PathBlock, BlockOutcome> {
        @Override
        public SweepTask<PathBlock, BlockOutcome> create() {
            return new LabTask(lab);
        }
    }
}
