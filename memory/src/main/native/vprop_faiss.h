// Small inline helpers for the JavaCPP FAISS binding (io.vprop.memory.faiss.FaissNative):
// nested-field access and deletion through the base class, which JavaCPP cannot express directly.
#pragma once
#include <omp.h>
#include <faiss/Index.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>

inline void vprop_hnsw_set_ef_search(faiss::IndexHNSWFlat* index, int ef) { index->hnsw.efSearch = ef; }
inline int vprop_hnsw_get_ef_search(faiss::IndexHNSWFlat* index) { return index->hnsw.efSearch; }
inline void vprop_hnsw_set_ef_construction(faiss::IndexHNSWFlat* index, int ef) { index->hnsw.efConstruction = ef; }
// The IDMap then deletes the wrapped index in its destructor (a single owner on the C++ side).
inline void vprop_idmap_own_inner(faiss::IndexIDMap* map) { map->own_fields = true; }
// Indexes returned by read_index are owned by the caller; deleted through the virtual destructor.
inline void vprop_delete_index(faiss::Index* index) { delete index; }
inline void vprop_set_omp_threads(int n) { omp_set_num_threads(n); }
// The index wrapped by an IndexIDMap (to tune efSearch after read_index).
inline faiss::Index* vprop_idmap_inner(faiss::IndexIDMap* map) { return map->index; }
// Type checks before re-typing a pointer returned by read_index (never trust a file's content blindly).
inline bool vprop_is_idmap(faiss::Index* index) { return dynamic_cast<faiss::IndexIDMap*>(index) != nullptr; }
inline bool vprop_is_hnsw_flat(faiss::Index* index) { return dynamic_cast<faiss::IndexHNSWFlat*>(index) != nullptr; }
inline bool vprop_is_flat_l2(faiss::Index* index) {
    auto* flat = dynamic_cast<faiss::IndexFlat*>(index);
    return flat != nullptr && flat->metric_type == faiss::METRIC_L2;
}
