package io.vprop.models.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * The ONNX messages every exporter writes, on {@link ProtoWriter}. Field numbers are onnx.proto's: ModelProto
 * (ir_version 1, producer_name 2, producer_version 3, domain 4, model_version 5, graph 7, opset_import 8,
 * metadata_props 14), NodeProto (input 1, output 2, name 3, op_type 4, attribute 5, domain 7), AttributeProto
 * (name 1, i 3, s 4, floats 7, ints 8, strings 9, type 20), TensorProto (dims 1, data_type 2, name 8, raw_data 9),
 * ValueInfoProto (name 1, type 2), TypeProto.tensor_type 1 (elem_type 1, shape 2), TensorShapeProto.dim 1
 * (dim_value 1, dim_param 2).
 */
public final class OnnxProto {
    public static final int TENSOR_FLOAT = 1, TENSOR_INT64 = 7;
    // AttributeProto.AttributeType
    private static final int INT = 2, STRING = 3, FLOATS = 6, INTS = 7, STRINGS = 8;

    private OnnxProto() {
    }

    /** A ModelProto around {@code graph}; {@code opsets} maps a domain ("" = default) to its opset version. */
    public static byte[] model(ProtoWriter graph, long irVersion, String domain, Map<String, Long> opsets,
                               Map<String, String> metadata) {
        ProtoWriter m = new ProtoWriter()
                .varint(1, irVersion)
                .string(2, "vprop")
                .string(3, "0.1")
                .string(4, domain)
                .varint(5, 1)
                .message(7, graph);
        opsets.forEach((d, v) -> m.message(8, new ProtoWriter().string(1, d).varint(2, v)));
        metadata.forEach((k, v) -> m.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return m.toByteArray();
    }

    /** A NodeProto; {@code domain} "" is the default ai.onnx domain. */
    public static ProtoWriter node(String op, String domain, String name, String[] inputs, String... outputs) {
        ProtoWriter n = new ProtoWriter();
        for (String i : inputs) n.string(1, i);
        for (String o : outputs) n.string(2, o);
        n.string(3, name).string(4, op);
        if (!domain.isEmpty()) n.string(7, domain);
        return n;
    }

    /** A constant float tensor (little-endian raw data); the values must fill {@code dims} exactly. */
    public static ProtoWriter floatTensor(String name, float[] values, long... dims) {
        check(name, values.length, dims);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return tensor(name, TENSOR_FLOAT, b.array(), dims);
    }

    public static ProtoWriter int64Tensor(String name, long[] values, long... dims) {
        check(name, values.length, dims);
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) b.putLong(v);
        return tensor(name, TENSOR_INT64, b.array(), dims);
    }

    private static ProtoWriter tensor(String name, int type, byte[] raw, long[] dims) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) t.varint(1, d);
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    private static void check(String name, int count, long[] dims) {
        long n = 1;
        for (long d : dims) n *= d;
        if (n != count) throw new IllegalArgumentException(name + ": " + count + " values for dims of " + n);
    }

    /** A float tensor graph input/output [N, dims...] with a symbolic batch dimension N. */
    public static ProtoWriter batchedFloats(String name, int... dims) {
        ProtoWriter shape = new ProtoWriter().message(1, new ProtoWriter().string(2, "N"));
        for (int d : dims) shape.message(1, new ProtoWriter().varint(1, d));
        ProtoWriter tensor = new ProtoWriter().varint(1, TENSOR_FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }

    public static ProtoWriter intAttr(String name, long v) {
        return new ProtoWriter().string(1, name).varint(20, INT).varint(3, v);
    }

    public static ProtoWriter stringAttr(String name, String v) {
        return new ProtoWriter().string(1, name).varint(20, STRING).string(4, v);
    }

    public static ProtoWriter ints(String name, List<Long> v) {
        ProtoWriter a = new ProtoWriter().string(1, name).varint(20, INTS);
        for (long x : v) a.varint(8, x);
        return a;
    }

    public static ProtoWriter floats(String name, List<Float> v) {
        ProtoWriter a = new ProtoWriter().string(1, name).varint(20, FLOATS);
        for (float x : v) a.float32(7, x);
        return a;
    }

    public static ProtoWriter strings(String name, List<String> v) {
        ProtoWriter a = new ProtoWriter().string(1, name).varint(20, STRINGS);
        for (String x : v) a.string(9, x);
        return a;
    }
}
