package io.vprop.models.onnx;

import io.vprop.models.TrainedFixture;
import io.vprop.models.train.OnnxTreeExport;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OnnxInspectorTest {
    @Test
    void theExportedClassifierIsWhatMetaTrader5CanLoad() {
        byte[] onnx = OnnxTreeExport.export(TrainedFixture.result().model(), "tpsl", Map.of());
        OnnxInspector.Summary s = OnnxInspector.inspect(onnx);
        assertThat(s.irVersion()).isEqualTo(7);
        assertThat(s.opsets()).containsEntry("ai.onnx", 13L).containsEntry("ai.onnx.ml", 1L);
        assertThat(s.operators()).containsExactly("ai.onnx.ml.TreeEnsembleRegressor", "Sigmoid");
        assertThat(s.outputKinds()).containsExactly(Map.entry("probability", "tensor"));
        assertThat(OnnxInspector.mql5Problems(onnx)).isEmpty();
    }

    @Test
    void namesEveryReasonAModelCannotRunInMetaTrader5() {
        ProtoWriter seqType = new ProtoWriter().message(4, new ProtoWriter());
        ProtoWriter graph = new ProtoWriter()
                .message(1, new ProtoWriter().string(4, "ZipMap").string(7, "ai.onnx.ml"))
                .message(12, new ProtoWriter().string(1, "label_probs").message(2, seqType))
                .message(12, new ProtoWriter().string(1, "label").message(2, new ProtoWriter().message(1, new ProtoWriter())));
        byte[] bad = new ProtoWriter().varint(1, 9)
                .message(8, new ProtoWriter().string(1, "").varint(2, 19))
                .message(8, new ProtoWriter().string(1, "ai.onnx.ml").varint(2, 4))
                .message(8, new ProtoWriter().string(1, "com.microsoft").varint(2, 1))
                .message(7, graph).toByteArray();
        assertThat(OnnxInspector.mql5Problems(bad)).containsExactlyInAnyOrder(
                "IR version 9 > 8 (ONNX Runtime 1.14)", "opset 19 > 18", "ai.onnx.ml opset 4 > 3",
                "custom operator domain 'com.microsoft'", "output 'label_probs' is a sequence, MQL5 binds tensors only",
                "ZipMap produces maps; export with zipmap off");
        assertThat(OnnxInspector.mql5Problems(new byte[]{1, 2, 3})).singleElement().asString().startsWith("unreadable ONNX file");
    }
}
