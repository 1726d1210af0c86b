package io.vprop.models.drift;

import io.vprop.models.onnx.OnnxProto;
import io.vprop.models.onnx.ProtoWriter;

import java.util.List;
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

    private OnnxAutoencoderExport() {
    }

    public static byte[] export(Autoencoder model, String graphName, Map<String, String> metadata) {
        int f = model.width();
        ProtoWriter g = new ProtoWriter();
        g.message(1, OnnxProto.node("Sub", "", "standardize_sub", new String[]{INPUT, "mean"}, "centred"));
        g.message(1, OnnxProto.node("Div", "", "standardize_div", new String[]{"centred", "std"}, "z"));
        String a = "z";
        for (int l = 0; l < model.layers().size(); l++) {
            Autoencoder.Dense d = model.layers().get(l);
            boolean last = l == model.layers().size() - 1;
            g.message(1, OnnxProto.node("MatMul", "", "matmul" + l, new String[]{a, "W" + l}, "mm" + l));
            String sum = last ? RECONSTRUCTION : "pre" + l;
            g.message(1, OnnxProto.node("Add", "", "add" + l, new String[]{"mm" + l, "b" + l}, sum));
            if (d.tanh()) {
                g.message(1, OnnxProto.node("Tanh", "", "tanh" + l, new String[]{sum}, "h" + l));
                a = "h" + l;
            } else {
                a = sum;
            }
        }
        g.message(1, OnnxProto.node("Sub", "", "error_sub", new String[]{RECONSTRUCTION, "z"}, "diff"));
        g.message(1, OnnxProto.node("Mul", "", "error_square", new String[]{"diff", "diff"}, "squared"));
        ProtoWriter reduce = OnnxProto.node("ReduceMean", "", "error_mean", new String[]{"squared"}, ERROR);
        ProtoWriter axes = OnnxProto.ints("axes", List.of(1L));
        reduce.message(5, axes);
        reduce.message(5, OnnxProto.intAttr("keepdims", 1));
        g.message(1, reduce);
        g.string(2, graphName);
        g.message(5, OnnxProto.floatTensor("mean", model.mean(), f));
        g.message(5, OnnxProto.floatTensor("std", model.std(), f));
        for (int l = 0; l < model.layers().size(); l++) {
            Autoencoder.Dense d = model.layers().get(l);
            g.message(5, OnnxProto.floatTensor("W" + l, d.w(), d.in(), d.out()));
            g.message(5, OnnxProto.floatTensor("b" + l, d.b(), d.out()));
        }
        g.message(11, OnnxProto.batchedFloats(INPUT, f));
        g.message(12, OnnxProto.batchedFloats(ERROR, 1));
        g.message(12, OnnxProto.batchedFloats(RECONSTRUCTION, f));

        return OnnxProto.model(g, IR_VERSION, "io.vprop.models", Map.of("", OPSET), metadata);
    }

}
