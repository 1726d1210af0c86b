package io.vprop.research.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vprop.research.json.TradeJson;
import io.vprop.research.walkforward.WalkForwardResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a walk-forward's {@code result.json} and {@code report.html} into a folder. */
public final class ReportWriter {
    /** The ECharts build inlined into the report, from the org.webjars.npm:echarts jar on the class path. */
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private ReportWriter() {
    }

    /** The files written. */
    public record Written(Path json, Path html) {
    }

    public static Written write(WalkForwardResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            String json = TradeJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ReportJson.of(result));
            Path jsonFile = dir.resolve("result.json"), htmlFile = dir.resolve("report.html");
            Files.writeString(jsonFile, json + "\n", StandardCharsets.UTF_8);
            String compact = TradeJson.JSON.writeValueAsString(ReportJson.of(result));
            Files.writeString(htmlFile, ReportHtml.render(result, compact, echarts()), StandardCharsets.UTF_8);
            return new Written(jsonFile, htmlFile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    static String echarts() {
        try (InputStream in = ReportWriter.class.getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException("ECharts is not on the class path (" + ECHARTS
                        + "): the research module needs org.webjars.npm:echarts:5.3.1");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ECHARTS + ": " + e.getMessage(), e);
        }
    }
}
