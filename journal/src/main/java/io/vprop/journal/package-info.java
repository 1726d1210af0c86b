/**
 * The SQLite journal and every query on its tables (journal/README.md): {@link io.vprop.journal.Journal} writes
 * (one connection, the owner's thread), {@link io.vprop.journal.JournalReader} reads on its own read-only
 * connection, {@link io.vprop.journal.JournalFiles} copies, restores and checks whole files.
 */
package io.vprop.journal;
