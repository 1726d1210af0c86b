package io.vprop.ops.install;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds MT5 data folders, the directories whose {@code MQL5/} receives the EA:
 * <ul>
 *   <li>Windows: {@code %APPDATA%\MetaQuotes\Terminal\<id>\} with an {@code origin.txt} naming the terminal's
 *       install folder (one folder per installed terminal);</li>
 *   <li>Wine: the same tree inside a prefix, {@code drive_c/users/<user>/AppData/Roaming/...} (or
 *       {@code Application Data} on old prefixes), and terminals installed in portable mode under
 *       {@code drive_c/Program Files/MetaTrader 5/} whose data folder is the install folder itself;</li>
 *   <li>a folder the trader names, which must contain {@code MQL5/}.</li>
 * </ul>
 * Pure file-system reads under the given roots: nothing here looks at the real system unless told to.
 */
final class Mt5Locator {
    private Mt5Locator() { }

    /** Data folders under a Windows {@code %APPDATA%}. */
    public static List<Mt5DataFolder> windows(Path appData) {
        return terminalsUnder(appData.resolve("MetaQuotes").resolve("Terminal"), Mt5DataFolder.Layout.WINDOWS_APPDATA);
    }

    /** Data folders inside a Wine prefix (e.g. ~/.wine). */
    public static List<Mt5DataFolder> wine(Path prefix) {
        List<Mt5DataFolder> out = new ArrayList<>();
        Path users = prefix.resolve("drive_c").resolve("users");
        for (Path user : children(users)) {
            for (String roaming : List.of("AppData/Roaming", "Application Data"))
                out.addAll(terminalsUnder(user.resolve(roaming).resolve("MetaQuotes").resolve("Terminal"),
                        Mt5DataFolder.Layout.WINE_APPDATA));
        }
        for (String pf : List.of("Program Files", "Program Files (x86)")) {
            for (Path install : children(prefix.resolve("drive_c").resolve(pf))) {
                if (Files.isRegularFile(install.resolve("terminal64.exe")) && Files.isDirectory(install.resolve("MQL5"))
                        || Files.isDirectory(install.resolve("MQL5")) && Files.isRegularFile(install.resolve("portable.ini")))
                    out.add(new Mt5DataFolder(install, "", Mt5DataFolder.Layout.WINE_PORTABLE));
            }
        }
        return out;
    }

    /** A folder named by the trader: it must be a data folder (contain MQL5/). */
    public static Mt5DataFolder given(Path folder) {
        if (!Files.isDirectory(folder))
            throw new InstallException("--mt5-data " + folder + ": no such directory");
        if (!Files.isDirectory(folder.resolve("MQL5")))
            throw new InstallException("--mt5-data " + folder + ": not an MT5 data folder (it has no MQL5 directory;"
                    + " in MT5 use File > Open Data Folder to find the right one)");
        Path origin = folder.resolve("origin.txt");
        return new Mt5DataFolder(folder, Files.isRegularFile(origin) ? readOrigin(origin) : "", Mt5DataFolder.Layout.GIVEN);
    }

    private static List<Mt5DataFolder> terminalsUnder(Path terminalDir, Mt5DataFolder.Layout layout) {
        List<Mt5DataFolder> out = new ArrayList<>();
        for (Path d : children(terminalDir)) {
            // "Common" and "Community" sit beside the per-terminal folders and hold no terminal.
            Path origin = d.resolve("origin.txt");
            if (Files.isRegularFile(origin) && Files.isDirectory(d.resolve("MQL5")))
                out.add(new Mt5DataFolder(d, readOrigin(origin), layout));
        }
        return out;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new InstallException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** origin.txt is written by MT5 in UTF-16LE with a byte-order mark; accept UTF-8 too. */
    static String readOrigin(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            Charset cs = StandardCharsets.UTF_8;
            int skip = 0;
            if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) { cs = StandardCharsets.UTF_16LE; skip = 2; }
            else if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) { cs = StandardCharsets.UTF_16BE; skip = 2; }
            else if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) skip = 3;
            else if (b.length >= 2 && b[1] == 0) cs = StandardCharsets.UTF_16LE;
            return new String(b, skip, b.length - skip, cs).trim();
        } catch (IOException e) {
            throw new InstallException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
