package io.vprop.models.seq;

import io.vprop.models.onnx.OnnxProto;
import io.vprop.models.onnx.ProtoWriter;

import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link GruNetwork} as an ONNX model in standard operators (default domain, opset 14):
 * <pre>
 *   bars float[B, N, F] ─Transpose(1,0,2)→ [N, B, F] ─GRU(hidden_size=H, linear_before_reset=0)→ Y_h [1, B, H]
 *     ─Reshape(-1, H)→ [B, H] ─MatMul+Add→ volatility [B, 1]
 *                             ─MatMul+Add─Sigmoid→ direction [B, 1]
 * </pre>
 * ONNX's GRU takes time-major input unless layout=1, hence the Transpose (layout=1 is newer and less uniformly
 * supported by runtimes). Its weight tensors are W [1, 3H, F], R [1, 3H, H], B [1, 6H] = [Wb; Rb] with gates in
 * z, r, h order — the same layout {@link GruNetwork} keeps, so the export copies arrays as they are.
 * The GRU's full output sequence Y is not requested (empty output name).
 */
public final class OnnxSequenceExport {
    public static final String INPUT = "bars";
    public static final String VOLATILITY = "volatility";
    public static final String DIRECTION = "direction";
    static final long IR_VERSION = 8;
    static final long OPSET = 14;

    private OnnxSequenceExport() {
    }

    public static byte[] export(GruNetwork net, int window, String graphName, Map<String, String> metadata) {
        if (window < 1) throw new IllegalArgumentException("window must be >= 1, got " + window);
        int h = net.hidden(), f = net.inputs();
        float[] bias = new float[6 * h];
        System.arraycopy(net.wb(), 0, bias, 0, 3 * h);
        System.arraycopy(net.rb(), 0, bias, 3 * h, 3 * h);

        ProtoWriter transpose = OnnxProto.node("Transpose", "", "transpose", new String[]{INPUT}, new String[]{"time_major"});
        transpose.message(5, OnnxProto.ints("perm", List.of(1L, 0L, 2L)));
        ProtoWriter gru = OnnxProto.node("GRU", "", "gru", new String[]{"time_major", "gru_W", "gru_R", "gru_B"}, new String[]{"", "gru_h"});
        gru.message(5, OnnxProto.intAttr("hidden_size", h));
        gru.message(5, OnnxProto.intAttr("linear_before_reset", 0));
        ProtoWriter reshape = OnnxProto.node("Reshape", "", "last_hidden", new String[]{"gru_h", "hidden_shape"}, new String[]{"hidden"});
        ProtoWriter volMul = OnnxProto.node("MatMul", "", "vol_matmul", new String[]{"hidden", "vol_W"}, new String[]{"vol_mm"});
        ProtoWriter volAdd = OnnxProto.node("Add", "", "vol_add", new String[]{"vol_mm", "vol_B"}, new String[]{VOLATILITY});
        ProtoWriter dirMul = OnnxProto.node("MatMul", "", "dir_matmul", new String[]{"hidden", "dir_W"}, new String[]{"dir_mm"});
        ProtoWriter dirAdd = OnnxProto.node("Add", "", "dir_add", new String[]{"dir_mm", "dir_B"}, new String[]{"dir_logit"});
        ProtoWriter sigmoid = OnnxProto.node("Sigmoid", "", "dir_sigmoid", new String[]{"dir_logit"}, new String[]{DIRECTION});

        ProtoWriter graph = new ProtoWriter();
        for (ProtoWriter n : new ProtoWriter[]{transpose, gru, reshape, volMul, volAdd, dirMul, dirAdd, sigmoid}) {
            graph.message(1, n);
        }
        graph.string(2, graphName);
        graph.message(5, OnnxProto.floatTensor("gru_W", net.w(), 1, 3L * h, f));
        graph.message(5, OnnxProto.floatTensor("gru_R", net.r(), 1, 3L * h, h));
        graph.message(5, OnnxProto.floatTensor("gru_B", bias, 1, 6L * h));
        graph.message(5, OnnxProto.int64Tensor("hidden_shape", new long[]{-1, h}, 2));
        graph.message(5, OnnxProto.floatTensor("vol_W", net.volW(), h, 1));
        graph.message(5, OnnxProto.floatTensor("vol_B", new float[]{net.volB()}, 1));
        graph.message(5, OnnxProto.floatTensor("dir_W", net.dirW(), h, 1));
        graph.message(5, OnnxProto.floatTensor("dir_B", new float[]{net.dirB()}, 1));
        graph.message(11, OnnxProto.batchedFloats(INPUT, window, f));
        graph.message(12, OnnxProto.batchedFloats(VOLATILITY, 1));
        graph.message(12, OnnxProto.batchedFloats(DIRECTION, 1));

        return OnnxProto.model(graph, IR_VERSION, "io.vprop.models.seq", Map.of("", OPSET), metadata);
    }

}
