package io.vprop.memory.index;

/**
 * One search hit: the stored vector's id and its squared L2 distance to the query (FAISS convention:
 * squared, not rooted, so both index families report the same number).
 */
public record Neighbor(long id, float distance) {}
