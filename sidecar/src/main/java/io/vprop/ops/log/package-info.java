/** Rotating log files (text or JSON lines) configured from {@code log.dir} and {@code log.json}. */
package io.vprop.ops.log;
