package io.vprop.models.onnx;

import io.vprop.models.seq.GruNetwork;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    private static final int INT = 2, INTS = 7;
    private static final int TENSOR_FLOAT = 1, TENSOR_INT64 = 7;

    private OnnxSequenceExport() {
    }

    public static byte[] export(GruNetwork net, int window, String graphName, Map<String, String> metadata) {
        if (window < 1) throw new IllegalArgumentException("window must be >= 1, got " + window);
        int h = net.hidden(), f = net.inputs();
        float[] bias = new float[6 * h];
        System.arraycopy(net.wb(), 0, bias, 0, 3 * h);
        System.arraycopy(net.rb(), 0, bias, 3 * h, 3 * h);

        ProtoWriter transpose = node("Transpose", "transpose", new String[]{INPUT}, new String[]{"time_major"});
        transpose.message(5, new ProtoWriter().string(1, "perm").varint(20, INTS).varint(8, 1).varint(8, 0).varint(8, 2));
        ProtoWriter gru = node("GRU", "gru", new String[]{"time_major", "gru_W", "gru_R", "gru_B"}, new String[]{"", "gru_h"});
        gru.message(5, intAttr("hidden_size", h));
        gru.message(5, intAttr("linear_before_reset", 0));
        ProtoWriter reshape = node("Reshape", "last_hidden", new String[]{"gru_h", "hidden_shape"}, new String[]{"hidden"});
        ProtoWriter volMul = node("MatMul", "vol_matmul", new String[]{"hidden", "vol_W"}, new String[]{"vol_mm"});
        ProtoWriter volAdd = node("Add", "vol_add", new String[]{"vol_mm", "vol_B"}, new String[]{VOLATILITY});
        ProtoWriter dirMul = node("MatMul", "dir_matmul", new String[]{"hidden", "dir_W"}, new String[]{"dir_mm"});
        ProtoWriter dirAdd = node("Add", "dir_add", new String[]{"dir_mm", "dir_B"}, new String[]{"dir_logit"});
        ProtoWriter sigmoid = node("Sigmoid", "dir_sigmoid", new String[]{"dir_logit"}, new String[]{DIRECTION});

        ProtoWriter graph = new ProtoWriter();
        for (ProtoWriter n : new ProtoWriter[]{transpose, gru, reshape, volMul, volAdd, dirMul, dirAdd, sigmoid}) {
            graph.message(1, n);
        }
        graph.string(2, graphName);
        graph.message(5, floatTensor("gru_W", net.w(), 1, 3L * h, f));
        graph.message(5, floatTensor("gru_R", net.r(), 1, 3L * h, h));
        graph.message(5, floatTensor("gru_B", bias, 1, 6L * h));
        graph.message(5, int64Tensor("hidden_shape", new long[]{-1, h}, 2));
        graph.message(5, floatTensor("vol_W", net.volW(), h, 1));
        graph.message(5, floatTensor("vol_B", new float[]{net.volB()}, 1));
        graph.message(5, floatTensor("dir_W", net.dirW(), h, 1));
        graph.message(5, floatTensor("dir_B", new float[]{net.dirB()}, 1));
        graph.message(11, valueInfo(INPUT, window, f));
        graph.message(12, valueInfo(VOLATILITY, 1));
        graph.message(12, valueInfo(DIRECTION, 1));

        ProtoWriter m = new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, "vprop")
                .string(3, "0.1")
                .string(4, "io.vprop.models.seq")
                .varint(5, 1)
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
        metadata.forEach((k, v) -> m.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return m.toByteArray();
    }

    private static ProtoWriter node(String op, String name, String[] in, String[] out) {
        ProtoWriter n = new ProtoWriter();
        for (String i : in) n.string(1, i);
        for (String o : out) n.string(2, o);
        return n.string(3, name).string(4, op);
    }

    private static ProtoWriter intAttr(String name, long v) {
        return new ProtoWriter().string(1, name).varint(20, INT).varint(3, v);
    }

    /** TensorProto with dims (1), data_type (2), name (8) and little-endian raw_data (9). */
    private static ProtoWriter floatTensor(String name, float[] values, long... dims) {
        long count = 1;
        for (long d : dims) count *= d;
        if (count != values.length) throw new IllegalArgumentException(name + ": " + values.length + " values for dims of " + count);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) t.varint(1, d);
        return t.varint(2, TENSOR_FLOAT).string(8, name).bytes(9, b.array());
    }

    private static ProtoWriter int64Tensor(String name, long[] values, long dim) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) b.putLong(v);
        return new ProtoWriter().varint(1, dim).varint(2, TENSOR_INT64).string(8, name).bytes(9, b.array());
    }

    /** A float tensor with a symbolic leading batch dimension "B" and the given fixed dimensions. */
    private static ProtoWriter valueInfo(String name, int... dims) {
        ProtoWriter shape = new ProtoWriter().message(1, new ProtoWriter().string(2, "B"));
        for (int d : dims) shape.message(1, new ProtoWriter().varint(1, d));
        ProtoWriter tensor = new ProtoWriter().varint(1, TENSOR_FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }
}
