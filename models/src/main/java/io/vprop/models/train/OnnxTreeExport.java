package io.vprop.models.train;

import io.vprop.models.onnx.OnnxProto;
import io.vprop.models.onnx.ProtoWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link TreeEnsemble} as an ONNX model: {@code ai.onnx.ml.TreeEnsembleRegressor} (ai.onnx.ml opset 1,
 * so ≤ 3) producing the margin, then {@code Sigmoid} (default domain opset 13) producing the probability.
 * Input {@code features} float[N, F]; output {@code probability} float[N, 1] — tensor-only outputs (no ZipMap, no
 * sequence of maps), which is what MQL5's OnnxCreateFromBuffer/OnnxRun can bind.
 * Field numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, ValueInfoProto,
 * TensorProto). {@link #exportIsotonic} replaces the Sigmoid by the piecewise-linear isotonic map written with
 * plain tensor ops (Sub, Min, Max, MatMul, Add; opset 13, broadcasting) on constant initializers.
 */
public final class OnnxTreeExport {
    public static final String INPUT = "features";
    public static final String OUTPUT = "probability";
    static final long IR_VERSION = 7;
    static final long OPSET = 13;
    static final long ML_OPSET = 1;

    private OnnxTreeExport() {
    }

    public static byte[] export(TreeEnsemble model, String graphName, Map<String, String> metadata) {
        ProtoWriter sigmoid = OnnxProto.node("Sigmoid", "", "sigmoid", new String[]{"margin"}, OUTPUT);
        ProtoWriter graph = new ProtoWriter()
                .message(1, treesNode(model))
                .message(1, sigmoid);
        return model(graph, model.featureCount(), graphName, metadata);
    }

    /**
     * Trees (raw margin m, [N,1]) → p = p0 + Σ_i slope_i · max(0, min(m − x_i, w_i)):
     * {@code Sub(m, X[1,K]) → Min(·, W[1,K]) → Max(·, 0) → MatMul(·, S[K,1]) → Add(·, p0)}. K = segments.
     */
    public static byte[] exportIsotonic(TreeEnsemble raw, IsotonicCalibration iso, String graphName, Map<String, String> metadata) {
        int k = iso.segments();
        float[] x = Arrays.copyOf(iso.knots(), k);
        ProtoWriter graph = new ProtoWriter()
                .message(1, treesNode(raw))
                .message(1, OnnxProto.node("Sub", "", "iso_sub", new String[]{"margin", "iso_knots"}, "iso_d"))
                .message(1, OnnxProto.node("Min", "", "iso_min", new String[]{"iso_d", "iso_widths"}, "iso_dmin"))
                .message(1, OnnxProto.node("Max", "", "iso_max", new String[]{"iso_dmin", "iso_zero"}, "iso_clamped"))
                .message(1, OnnxProto.node("MatMul", "", "iso_matmul", new String[]{"iso_clamped", "iso_slopes"}, "iso_sum"))
                .message(1, OnnxProto.node("Add", "", "iso_add", new String[]{"iso_sum", "iso_p0"}, OUTPUT))
                .message(5, OnnxProto.floatTensor("iso_knots", x, 1, k))
                .message(5, OnnxProto.floatTensor("iso_widths", iso.widths(), 1, k))
                .message(5, OnnxProto.floatTensor("iso_zero", new float[]{0f}, 1))
                .message(5, OnnxProto.floatTensor("iso_slopes", iso.slopes(), k, 1))
                .message(5, OnnxProto.floatTensor("iso_p0", new float[]{iso.p0()}, 1));
        return model(graph, raw.featureCount(), graphName, metadata);
    }

    private static ProtoWriter treesNode(TreeEnsemble model) {
        List<Long> nodeIds = new ArrayList<>(), treeIds = new ArrayList<>(), featureIds = new ArrayList<>();
        List<Long> trueIds = new ArrayList<>(), falseIds = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<Long> tTree = new ArrayList<>(), tNode = new ArrayList<>(), tIds = new ArrayList<>();
        List<Float> tWeights = new ArrayList<>();
        for (int t = 0; t < model.trees().size(); t++) {
            TreeEnsemble.Tree tree = model.trees().get(t);
            for (int n = 0; n < tree.size(); n++) {
                treeIds.add((long) t);
                nodeIds.add((long) n);
                boolean leaf = tree.feature()[n] < 0;
                featureIds.add(leaf ? 0L : tree.feature()[n]);
                values.add(leaf ? 0f : tree.threshold()[n]);
                trueIds.add(leaf ? 0L : tree.left()[n]);
                falseIds.add(leaf ? 0L : tree.right()[n]);
                modes.add(leaf ? "LEAF" : "BRANCH_LEQ");
                if (leaf) {
                    tTree.add((long) t);
                    tNode.add((long) n);
                    tIds.add(0L);
                    tWeights.add(tree.value()[n]);
                }
            }
        }
        ProtoWriter trees = OnnxProto.node("TreeEnsembleRegressor", "ai.onnx.ml", "trees", new String[]{INPUT}, "margin");
        trees.message(5, OnnxProto.ints("nodes_treeids", treeIds));
        trees.message(5, OnnxProto.ints("nodes_nodeids", nodeIds));
        trees.message(5, OnnxProto.ints("nodes_featureids", featureIds));
        trees.message(5, OnnxProto.floats("nodes_values", values));
        trees.message(5, OnnxProto.strings("nodes_modes", modes));
        trees.message(5, OnnxProto.ints("nodes_truenodeids", trueIds));
        trees.message(5, OnnxProto.ints("nodes_falsenodeids", falseIds));
        trees.message(5, OnnxProto.ints("target_treeids", tTree));
        trees.message(5, OnnxProto.ints("target_nodeids", tNode));
        trees.message(5, OnnxProto.ints("target_ids", tIds));
        trees.message(5, OnnxProto.floats("target_weights", tWeights));
        trees.message(5, OnnxProto.floats("base_values", List.of(model.base())));
        trees.message(5, OnnxProto.intAttr("n_targets", 1));
        trees.message(5, OnnxProto.stringAttr("aggregate_function", "SUM"));
        trees.message(5, OnnxProto.stringAttr("post_transform", "NONE"));
        return trees;
    }

    private static byte[] model(ProtoWriter graph, int featureCount, String graphName, Map<String, String> metadata) {
        graph.string(2, graphName)
                .message(11, OnnxProto.batchedFloats(INPUT, featureCount))
                .message(12, OnnxProto.batchedFloats(OUTPUT, 1));

        Map<String, Long> opsets = new LinkedHashMap<>();
        opsets.put("", OPSET);
        opsets.put("ai.onnx.ml", ML_OPSET);
        return OnnxProto.model(graph, IR_VERSION, "io.vprop.models", opsets, metadata);
    }

}
