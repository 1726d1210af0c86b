package io.vprop.models.onnx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the parts of an ONNX ModelProto that decide where it can run — IR version, opset imports, the operators its
 * graph uses, whether every graph output is a plain tensor — with a minimal protobuf wire-format reader (field
 * numbers from onnx.proto), and checks them against MetaTrader 5's ONNX support ({@link #mql5Problems}).
 */
public final class OnnxInspector {
    /** What a model file declares. */
    public record Summary(long irVersion, Map<String, Long> opsets, Set<String> operators, Map<String, String> outputKinds) {
    }

    /**
     * MetaTrader 5 runs ONNX through its bundled ONNX Runtime 1.14 (ONNX 1.13: IR ≤ 8, default opset ≤ 18,
     * ai.onnx.ml ≤ 3) and binds tensors only — no sequence or map outputs (../shared/design/mql5-notes.md).
     */
    public static final long MQL5_MAX_IR = 8, MQL5_MAX_OPSET = 18, MQL5_MAX_ML_OPSET = 3;

    private OnnxInspector() {
    }

    public static Summary inspect(byte[] model) {
        long ir = -1;
        Map<String, Long> opsets = new LinkedHashMap<>();
        Set<String> ops = new LinkedHashSet<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        Reader m = new Reader(model, 0, model.length);
        while (m.more()) {
            int tag = m.tag();
            int field = tag >>> 3;
            if (field == 1 && (tag & 7) == 0) {
                ir = m.varint();
            } else if (field == 8 && (tag & 7) == 2) {
                Reader o = m.sub();
                String domain = "";
                long version = -1;
                while (o.more()) {
                    int t = o.tag();
                    if (t >>> 3 == 1 && (t & 7) == 2) domain = o.string();
                    else if (t >>> 3 == 2 && (t & 7) == 0) version = o.varint();
                    else o.skip(t);
                }
                opsets.put(domain.isEmpty() ? "ai.onnx" : domain, version);
            } else if (field == 7 && (tag & 7) == 2) {
                graph(m.sub(), ops, outputs);
            } else {
                m.skip(tag);
            }
        }
        if (ir < 0) throw new IllegalArgumentException("not an ONNX model: no ir_version field");
        return new Summary(ir, opsets, ops, outputs);
    }

    private static void graph(Reader g, Set<String> ops, Map<String, String> outputs) {
        while (g.more()) {
            int t = g.tag();
            if (t >>> 3 == 1 && (t & 7) == 2) { // NodeProto
                Reader n = g.sub();
                String op = "", domain = "";
                while (n.more()) {
                    int u = n.tag();
                    if (u >>> 3 == 4 && (u & 7) == 2) op = n.string();
                    else if (u >>> 3 == 7 && (u & 7) == 2) domain = n.string();
                    else n.skip(u);
                }
                ops.add(domain.isEmpty() ? op : domain + "." + op);
            } else if (t >>> 3 == 12 && (t & 7) == 2) { // output ValueInfoProto
                Reader v = g.sub();
                String name = "", kind = "unknown";
                while (v.more()) {
                    int u = v.tag();
                    if (u >>> 3 == 1 && (u & 7) == 2) name = v.string();
                    else if (u >>> 3 == 2 && (u & 7) == 2) kind = typeKind(v.sub());
                    else v.skip(u);
                }
                outputs.put(name, kind);
            } else {
                g.skip(t);
            }
        }
    }

    /** TypeProto's oneof: tensor_type 1, sequence_type 4, map_type 5, sparse_tensor_type 8, optional_type 9. */
    private static String typeKind(Reader t) {
        String kind = "unknown";
        while (t.more()) {
            int u = t.tag();
            switch (u >>> 3) {
                case 1 -> kind = "tensor";
                case 4 -> kind = "sequence";
                case 5 -> kind = "map";
                case 8 -> kind = "sparse_tensor";
                case 9 -> kind = "optional";
                default -> { }
            }
            t.skip(u);
        }
        return kind;
    }

    /** Why MetaTrader 5 could not load or bind this model; empty when it can. */
    public static List<String> mql5Problems(byte[] model) {
        List<String> p = new ArrayList<>();
        Summary s;
        try {
            s = inspect(model);
        } catch (RuntimeException e) {
            return List.of("unreadable ONNX file: " + e.getMessage());
        }
        if (s.irVersion() > MQL5_MAX_IR) p.add("IR version " + s.irVersion() + " > " + MQL5_MAX_IR + " (ONNX Runtime 1.14)");
        s.opsets().forEach((d, v) -> {
            if (d.equals("ai.onnx") && v > MQL5_MAX_OPSET) p.add("opset " + v + " > " + MQL5_MAX_OPSET);
            else if (d.equals("ai.onnx.ml") && v > MQL5_MAX_ML_OPSET) p.add("ai.onnx.ml opset " + v + " > " + MQL5_MAX_ML_OPSET);
            else if (!d.equals("ai.onnx") && !d.equals("ai.onnx.ml")) p.add("custom operator domain '" + d + "'");
        });
        s.outputKinds().forEach((name, kind) -> {
            if (!kind.equals("tensor")) p.add("output '" + name + "' is a " + kind + ", MQL5 binds tensors only");
        });
        if (s.operators().contains("ai.onnx.ml.ZipMap")) p.add("ZipMap produces maps; export with zipmap off");
        return p;
    }

    /** Length-delimited view into a byte array. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int from, int to) {
            this.b = b;
            this.pos = from;
            this.end = to;
        }

        boolean more() {
            return pos < end;
        }

        int tag() {
            return (int) varint();
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) throw new IllegalArgumentException("truncated varint at byte " + pos);
                int x = b[pos++] & 0xff;
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) return v;
            }
            throw new IllegalArgumentException("varint longer than 10 bytes at byte " + pos);
        }

        Reader sub() {
            long len = varint();
            if (len < 0 || pos + len > end) throw new IllegalArgumentException("field length " + len + " runs past the end at byte " + pos);
            Reader r = new Reader(b, pos, pos + (int) len);
            pos += (int) len;
            return r;
        }

        String string() {
            Reader r = sub();
            return new String(b, r.pos, r.end - r.pos, StandardCharsets.UTF_8);
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> sub();
                case 5 -> advance(4);
                default -> throw new IllegalArgumentException("unsupported wire type " + (tag & 7) + " at byte " + pos);
            }
        }

        private void advance(int n) {
            if (pos + n > end) throw new IllegalArgumentException("truncated field at byte " + pos);
            pos += n;
        }
    }
}
