package io.vprop.memory.longterm;

import java.util.List;

/** One schema step: applied once, in version order, inside a transaction, recorded in schema_version. */
record Migration(int version, String description, List<String> statements) {}
