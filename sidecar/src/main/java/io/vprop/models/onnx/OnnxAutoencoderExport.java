package io.vprop.models.onnx;

import io.vprop.models.drift.Autoencoder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Encodes an {@link Autoencoder} as a standard-ops ONNX graph (default domain, opset 13, IR version 7):
 * <pre>
 *   features[N,F] → Sub(mean) → Div(std) = z
 *   z → (MatMul W + Add b → Tanh)* → MatMul W + Add b = reconstruction[N,F]          (standardized units)
 *   Sub(reconstruction, z) → Mul(d, d) → ReduceMean(axes=[1], keepdims=1) = reconstruction_error[N,1]
 * </pre>
 * ReduceMean takes {@code axes} as an attribute up to opset 17 (an input from opset 18), so the opset is pinned at
 * 13 to keep the attribute form valid. Weights are float initializers in raw little-endian bytes. Tensor-only
 * inputs/outputs, like the tree export, so MQL5's OnnxRun could bind it.
 */
public final class OnnxAutoencoderExport {
    public static final String INPUT = "features";
    public static final String ERROR = "reconstruction_error";
    public static final String RECONSTRUCTION = "reconstruction";
    static final long IR_VERSION = 7;
    static final long OPSET = 13;

    private static final int TENSOR_FLOAT = 1;
    private static final int ATTR_INT = 2, ATTR_INTS = 7;

    private OnnxAutoencoderExport() {
    }

    public static byte[] export(Autoencoder model, String graphName, Map<String, String> metadata) {
        int f = model.width();
        ProtoWriter g = new ProtoWriter();
        g.message(1, node("Sub", new String[]{INPUT, "mean"}, "centred", "standardize_sub"));
        g.message(1, node("Div", new String[]{"centred", "std"}, "z", "standardize_div"));
        String a = "z";
        for (int l = 0; l < model.layers().size(); l++) {
            Autoencoder.Dense d = model.layers().get(l);
            boolean last = l == model.layers().size() - 1;
            g.message(1, node("MatMul", new String[]{a, "W" + l}, "mm" + l, "matmul" + l));
            String sum = last ? RECONSTRUCTION : "pre" + l;
            g.message(1, node("Add", new String[]{"mm" + l, "b" + l}, sum, "add" + l));
            if (d.tanh()) {
                g.message(1, node("Tanh", new String[]{sum}, "h" + l, "tanh" + l));
                a = "h" + l;
            } else {
                a = sum;
            }
        }
        g.message(1, node("Sub", new String[]{RECONSTRUCTION, "z"}, "diff", "error_sub"));
        g.message(1, node("Mul", new String[]{"diff", "diff"}, "squared", "error_square"));
        ProtoWriter reduce = node("ReduceMean", new String[]{"squared"}, ERROR, "error_mean");
        ProtoWriter axes = new ProtoWriter().string(1, "axes").varint(20, ATTR_INTS).varint(8, 1);
        reduce.message(5, axes);
        reduce.message(5, new ProtoWriter().string(1, "keepdims").varint(20, ATTR_INT).varint(3, 1));
        g.message(1, reduce);
        g.string(2, graphName);
        g.message(5, floatTensor("mean", new long[]{f}, model.mean()));
        g.message(5, floatTensor("std", new long[]{f}, model.std()));
        for (int l = 0; l < model.layers().size(); l++) {
            Autoencoder.Dense d = model.layers().get(l);
            g.message(5, floatTensor("W" + l, new long[]{d.in(), d.out()}, d.w()));
            g.message(5, floatTensor("b" + l, new long[]{d.out()}, d.b()));
        }
        g.message(11, valueInfo(INPUT, f));
        g.message(12, valueInfo(ERROR, 1));
        g.message(12, valueInfo(RECONSTRUCTION, f));

        ProtoWriter m = new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, "vprop")
                .string(3, "0.1")
                .string(4, "io.vprop.models")
                .varint(5, 1)
                .message(7, g)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
        metadata.forEach((k, v) -> m.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return m.toByteArray();
    }

    /** NodeProto: input = 1, output = 2, name = 3, op_type = 4 (default domain). */
    private static ProtoWriter node(String op, String[] in, String out, String name) {
        ProtoWriter n = new ProtoWriter();
        for (String i : in) n.string(1, i);
        return n.string(2, out).string(3, name).string(4, op);
    }

    /** TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian). */
    private static ProtoWriter floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) raw.putFloat(v);
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) t.varint(1, d);
        return t.varint(2, TENSOR_FLOAT).string(8, name).bytes(9, raw.array());
    }

    /** A float tensor [N, width] with a symbolic batch dimension. */
    private static ProtoWriter valueInfo(String name, int width) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, "N"))
                .message(1, new ProtoWriter().varint(1, width));
        ProtoWriter tensor = new ProtoWriter().varint(1, TENSOR_FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }
}
