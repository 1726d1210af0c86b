/** Online, integrity-checked backup and restore of the SQLite stores with SQLite's backup API. */
package io.vprop.ops.backup;
