// Shapes of the sidecar's JSON answers (docs/api.md). Absent numbers are null.

export type N = number | null;

export interface MetricSet {
  trades: number; wins: number; losses: number; net: number; gross_profit: number; gross_loss: number;
  win_rate: N; profit_factor: N; expectancy: N; avg_win: N; avg_loss: N; sharpe: N; sortino: N; calmar: N;
  max_drawdown: number; max_drawdown_pct: N; var95: N; es95: N;
}

export interface Summary {
  generated_ms: number; start_balance: N; closed_trades: number; open_trades: number; overall: MetricSet;
  by_alpha: Record<string, MetricSet>; by_regime: Record<string, MetricSet>; by_symbol: Record<string, MetricSet>;
  by_session: Record<string, MetricSet>;
}

export interface Trade {
  peer: string; position: number; symbol: string; side: string; alpha: string; regime: string; signal_id: string;
  reason: string; exit_reason: string; session: string; open_ms: number; close_ms: number; entry_price: number;
  exit_price: N; volume: number; closed_volume: number; profit: number; commission: number; swap: number; net: number;
  deals: number; closed: boolean;
}

export interface Terminal {
  id: string; terminal: string; account: string; chart: string; server: string; currency: string; welcomed: boolean;
  stale: boolean; lastHeardMs: number; messagesIn: number; fills: number; balance: N; equity: N; positions: number;
  governorMode: string | null;
}

export interface Status {
  ts_ms: number; session: string; terminals: Terminal[];
  symbols: { peer: string; symbol: string; bid: number; ask: number; timeMs: number }[];
  message_rates: Record<string, number>; signals_sent: number; fills_recorded: number;
}

export interface Digest {
  day: string; zone: string; start_ms: number; end_ms: number; hours: number; overall: MetricSet; trades: Trade[];
}
