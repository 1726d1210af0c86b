package io.vprop.challenge.history;

/** The trade-history formats {@link HistoryImport} recognises, detected from the file's content. */
public enum HistoryFormat {
    MT5_HISTORY_HTML("MT5 account history report, HTML", "Toolbox > History > Report > HTML"),
    MT5_HISTORY_XLSX("MT5 account history report, Excel", "Toolbox > History > Report > Open XML"),
    MT5_TESTER_HTML("MT5 Strategy Tester report, HTML", "Strategy Tester > Backtest > Report > HTML"),
    MT5_TESTER_XLSX("MT5 Strategy Tester report, Excel", "Strategy Tester > Backtest > Report > Open XML"),
    DEALS_CSV("CSV of deals", "columns Time, Symbol, Type, Direction, Volume, Price, Profit, ..."),
    POSITIONS_CSV("CSV of closed positions", "columns Open Time, Symbol, Type, Volume, Open Price, Close Time, "
            + "Close Price, Profit, ..."),
    VPROP_WALKFORWARD("VProp walk-forward result", "result.json of vprop walkforward --out DIR; out-of-sample trades"),
    VPROP_BACKTEST("VProp backtest result", "the JSON of vprop backtest --out FILE");

    private final String title;
    private final String description;

    HistoryFormat(String title, String where) {
        this.title = title;
        this.description = title + " (" + where + ")";
    }

    /** A short name: "MT5 account history report, HTML". */
    public String title() {
        return title;
    }

    /**
     * Whether the file's times are the broker's server time, so the import needs {@link ImportOptions#serverZone()}:
     * every MT5 and CSV format. VProp's research results write UTC epoch milliseconds.
     */
    public boolean needsServerZone() {
        return this != VPROP_WALKFORWARD && this != VPROP_BACKTEST;
    }

    /** What the format is and where a trader gets it. */
    public String description() {
        return description;
    }

    static String listing() {
        StringBuilder b = new StringBuilder();
        for (HistoryFormat f : values()) b.append("\n  - ").append(f.description);
        return b.toString();
    }
}
