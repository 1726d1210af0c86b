package io.vprop.ops.install;

import io.vprop.testing.RepoPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Fake MT5 installations laid out as MT5 lays them out, and the EA sources to install. */
final class Mt5Fixture {
    private Mt5Fixture() { }

    static final String HASH_A = "D0E8209F77C8CF37AD8BF550E51FF075";
    static final String HASH_B = "73B7A2420D6397DFF9014A20F1201F97";

    /** A terminal data folder: origin.txt in UTF-16LE with BOM as MT5 writes it, the standard MQL5 folders. */
    static Path terminal(Path terminalRoot, String hash, String origin) throws IOException {
        Path d = terminalRoot.resolve(hash);
        for (String s : new String[]{"Experts", "Include", "Libraries", "Files", "Indicators"})
            Files.createDirectories(d.resolve("MQL5").resolve(s));
        byte[] text = origin.getBytes(StandardCharsets.UTF_16LE);
        byte[] b = new byte[text.length + 2];
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xfe;
        System.arraycopy(text, 0, b, 2, text.length);
        Files.write(d.resolve("origin.txt"), b);
        // the trader's own files, which nothing of ours may touch
        Files.writeString(d.resolve("MQL5/Experts/MyOwnEA.mq5"), "// trader's EA\n");
        Files.writeString(d.resolve("MQL5/Files/trader-notes.csv"), "a,b\n");
        return d;
    }

    /** %APPDATA% with two terminals and MT5's "Common" folder (no origin.txt, not a terminal). */
    static Path windowsAppData(Path root) throws IOException {
        Path appData = root.resolve("Users/trader/AppData/Roaming");
        Path t = appData.resolve("MetaQuotes/Terminal");
        terminal(t, HASH_A, "C:\\Program Files\\FTMO MetaTrader 5");
        terminal(t, HASH_B, "C:\\Program Files\\MetaTrader 5");
        Files.createDirectories(t.resolve("Common/Files"));
        return appData;
    }

    /** A Wine prefix: one terminal under the user's AppData, one portable install under Program Files. */
    static Path winePrefix(Path root) throws IOException {
        Path prefix = root.resolve("home/trader/.wine");
        terminal(prefix.resolve("drive_c/users/trader/AppData/Roaming/MetaQuotes/Terminal"), HASH_A,
                "C:\\Program Files\\MetaTrader 5");
        Path portable = prefix.resolve("drive_c/Program Files/MetaTrader 5");
        Files.createDirectories(portable.resolve("MQL5/Experts"));
        Files.writeString(portable.resolve("terminal64.exe"), "MZ");
        return prefix;
    }

    /** The governors' firm profiles when present in the repository, else two stand-ins. */
    static Path profiles(Path tmp) throws IOException {
        Path repo = RepoPaths.root().resolve("governors/src/main/resources/io/vprop/governors/profiles");
        if (Files.isRegularFile(repo.resolve("ftmo-2step.json")) && Files.isRegularFile(repo.resolve("ftmo-1step.json"))) return repo;
        Path d = Files.createDirectories(tmp.resolve("profiles"));
        Files.writeString(d.resolve("ftmo-2step.json"), "{\"id\":\"ftmo-2step\",\"daily_loss_pct\":5,\"max_loss_pct\":10}\n");
        Files.writeString(d.resolve("ftmo-1step.json"), "{\"id\":\"ftmo-1step\",\"daily_loss_pct\":3,\"max_loss_pct\":10}\n");
        return d;
    }

    /** The repository's EA sources when present (mt5-ea/MQL5 with an .mq5), else a small stand-in tree. */
    static Path eaSource(Path tmp) throws IOException {
        Path repo = RepoPaths.root().resolve("mt5-ea");
        if (Files.isDirectory(repo.resolve("MQL5"))) {
            try (Stream<Path> s = Files.walk(repo.resolve("MQL5"))) {
                if (s.anyMatch(p -> p.toString().endsWith(".mq5"))) return repo;
            }
        }
        Path ea = tmp.resolve("ea-src");
        Files.createDirectories(ea.resolve("MQL5/Experts/VProp"));
        Files.createDirectories(ea.resolve("MQL5/Include/VProp"));
        Files.writeString(ea.resolve("MQL5/Experts/VProp/VPropEA.mq5"), "#include <VProp/Protocol.mqh>\nint OnInit(){return INIT_SUCCEEDED;}\n");
        Files.writeString(ea.resolve("MQL5/Include/VProp/Protocol.mqh"), "// protocol v1\n");
        Files.writeString(ea.resolve("MQL5/Include/VProp/Zmq.mqh"), "#import \"libzmq.dll\"\n#import\n");
        return ea;
    }
}
