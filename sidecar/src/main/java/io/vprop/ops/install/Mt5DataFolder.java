package io.vprop.ops.install;

import java.nio.file.Path;

/**
 * One MT5 data folder: the directory holding {@code MQL5/} (where experts, includes and libraries go).
 *
 * @param origin what origin.txt says (the terminal's install folder), or "" when there is none (portable mode)
 */
public record Mt5DataFolder(Path root, String origin, Layout layout) {

    /** Where the folder was found. */
    public enum Layout { WINDOWS_APPDATA, WINE_APPDATA, WINE_PORTABLE, GIVEN }

    public Path mql5() { return root.resolve("MQL5"); }
}
