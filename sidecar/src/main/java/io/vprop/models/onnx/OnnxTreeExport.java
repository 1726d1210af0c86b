package io.vprop.models.onnx;

import io.vprop.models.TreeEnsemble;
import io.vprop.models.train.IsotonicCalibration;

import java.util.ArrayList;
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

    // AttributeProto.AttributeType
    private static final int INT = 2, STRING = 3, FLOATS = 6, INTS = 7, STRINGS = 8;
    private static final int TENSOR_FLOAT = 1;

    private OnnxTreeExport() {
    }

    public static byte[] export(TreeEnsemble model, String graphName, Map<String, String> metadata) {
        ProtoWriter sigmoid = node("Sigmoid", "", "margin", OUTPUT, "sigmoid");
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
        float[] x = java.util.Arrays.copyOf(iso.knots(), k);
        ProtoWriter graph = new ProtoWriter()
                .message(1, treesNode(raw))
                .message(1, node2("Sub", "margin", "iso_knots", "iso_d", "iso_sub"))
                .message(1, node2("Min", "iso_d", "iso_widths", "iso_dmin", "iso_min"))
                .message(1, node2("Max", "iso_dmin", "iso_zero", "iso_clamped", "iso_max"))
                .message(1, node2("MatMul", "iso_clamped", "iso_slopes", "iso_sum", "iso_matmul"))
                .message(1, node2("Add", "iso_sum", "iso_p0", OUTPUT, "iso_add"))
                .message(5, tensor("iso_knots", new long[]{1, k}, x))
                .message(5, tensor("iso_widths", new long[]{1, k}, iso.widths()))
                .message(5, tensor("iso_zero", new long[]{1}, new float[]{0f}))
                .message(5, tensor("iso_slopes", new long[]{k, 1}, iso.slopes()))
                .message(5, tensor("iso_p0", new long[]{1}, new float[]{iso.p0()}));
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
        ProtoWriter trees = node("TreeEnsembleRegressor", "ai.onnx.ml", INPUT, "margin", "trees");
        trees.message(5, ints("nodes_treeids", treeIds));
        trees.message(5, ints("nodes_nodeids", nodeIds));
        trees.message(5, ints("nodes_featureids", featureIds));
        trees.message(5, floats("nodes_values", values));
        trees.message(5, strings("nodes_modes", modes));
        trees.message(5, ints("nodes_truenodeids", trueIds));
        trees.message(5, ints("nodes_falsenodeids", falseIds));
        trees.message(5, ints("target_treeids", tTree));
        trees.message(5, ints("target_nodeids", tNode));
        trees.message(5, ints("target_ids", tIds));
        trees.message(5, floats("target_weights", tWeights));
        trees.message(5, floats("base_values", List.of(model.base())));
        trees.message(5, intAttr("n_targets", 1));
        trees.message(5, stringAttr("aggregate_function", "SUM"));
        trees.message(5, stringAttr("post_transform", "NONE"));
        return trees;
    }

    private static byte[] model(ProtoWriter graph, int featureCount, String graphName, Map<String, String> metadata) {
        graph.string(2, graphName)
                .message(11, valueInfo(INPUT, featureCount))
                .message(12, valueInfo(OUTPUT, 1));

        ProtoWriter m = new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, "vprop")
                .string(3, "0.1")
                .string(4, "io.vprop.models")
                .varint(5, 1)
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET))
                .message(8, new ProtoWriter().string(1, "ai.onnx.ml").varint(2, ML_OPSET));
        metadata.forEach((k, v) -> m.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return m.toByteArray();
    }

    private static ProtoWriter node(String op, String domain, String in, String out, String name) {
        ProtoWriter n = new ProtoWriter().string(1, in).string(2, out).string(3, name).string(4, op);
        if (!domain.isEmpty()) n.string(7, domain);
        return n;
    }

    private static ProtoWriter node2(String op, String a, String b, String out, String name) {
        return new ProtoWriter().string(1, a).string(1, b).string(2, out).string(3, name).string(4, op);
    }

    /** A constant float TensorProto: dims (1), data_type FLOAT (2), raw_data little-endian (9), name (8). */
    private static ProtoWriter tensor(String name, long[] dims, float[] v) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) t.varint(1, d);
        t.varint(2, TENSOR_FLOAT);
        t.string(8, name);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return t.bytes(9, b.array());
    }

    /** A float tensor [N, width] with a symbolic batch dimension. */
    private static ProtoWriter valueInfo(String name, int width) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, "N"))
                .message(1, new ProtoWriter().varint(1, width));
        ProtoWriter tensor = new ProtoWriter().varint(1, TENSOR_FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }

    private static ProtoWriter ints(String name, List<Long> v) {
        ProtoWriter a = new ProtoWriter().string(1, name).varint(20, INTS);
        for (long x : v) a.varint(8, x);
        return a;
    }

    private static ProtoWriter floats(String name, List<Float> v) {
        ProtoWriter a = new ProtoWriter().string(1, name).varint(20, FLOATS);
        for (float x : v) a.float32(7, x);
        return a;
    }

    private static ProtoWriter strings(String name, List<String> v) {
        ProtoWriter a = new ProtoWriter().string(1, name).varint(20, STRINGS);
        for (String x : v) a.string(9, x);
        return a;
    }

    private static ProtoWriter intAttr(String name, long v) {
        return new ProtoWriter().string(1, name).varint(20, INT).varint(3, v);
    }

    private static ProtoWriter stringAttr(String name, String v) {
        return new ProtoWriter().string(1, name).varint(20, STRING).string(4, v);
    }
}
