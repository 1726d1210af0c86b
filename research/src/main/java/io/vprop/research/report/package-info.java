/** A walk-forward's result.json and self-contained HTML report (ECharts inlined). */
package io.vprop.research.report;
