package io.vprop.config;

import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's per-model switches default to the verdict written in docs/research/models-oos (issue 16 item 3). */
class ModelsVerdictConfigTest {

    @Test
    void eachModelsDefaultIsTheDocumentedVerdict() throws Exception {
        String doc = Files.readString(RepoPaths.root().resolve("docs/research/models-oos/README.md"));
        for (String key : new String[]{"models.use.tpsl", "models.use.meta", "models.use.seq"}) {
            Matcher m = Pattern.compile("`" + Pattern.quote(key) + "` = \\*\\*(true|false)\\*\\*").matcher(doc);
            assertThat(m.find()).as("docs/research/models-oos/README.md states the verdict for " + key).isTrue();
            assertThat(VpropConfig.KEYS.get(key)[0]).as(key + " defaults to the verdict").isEqualTo(m.group(1));
            assertThat(m.find()).as("one verdict per key").isFalse();
        }
    }
}
