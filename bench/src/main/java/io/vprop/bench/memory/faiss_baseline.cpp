// Native FAISS baseline for the memory benchmark (compiled by MemoryBench with g++ -O2 against the
// system libfaiss). Reads the index the Java harness wrote and the same query file, runs the same
// one-query-at-a-time k-NN searches on one OpenMP thread, and prints per-efSearch latency percentiles,
// so JavaCPP overhead is measured side by side on identical work.
//
// usage: faiss_baseline <index-file> <queries-file (float32 LE)> <nq> <d> <k> <efs comma-separated|0> <repeats>
// output: one line per ef: "ef <ef> p50_us <x> p99_us <y> mean_us <z>"
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/index_io.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 8) {
        std::fprintf(stderr, "usage: %s index queries nq d k efs repeats\n", argv[0]);
        return 2;
    }
    omp_set_num_threads(1);
    std::unique_ptr<faiss::Index> index(faiss::read_index(argv[1]));
    long nq = std::atol(argv[3]);
    int d = std::atoi(argv[4]);
    long k = std::atol(argv[5]);
    int repeats = std::atoi(argv[7]);
    std::vector<float> q(nq * d);
    FILE* f = std::fopen(argv[2], "rb");
    if (!f || std::fread(q.data(), sizeof(float), q.size(), f) != q.size()) {
        std::fprintf(stderr, "cannot read %ld queries of dimension %d from %s\n", nq, d, argv[2]);
        return 2;
    }
    std::fclose(f);
    faiss::IndexHNSW* hnsw = nullptr;
    if (auto* map = dynamic_cast<faiss::IndexIDMap*>(index.get())) {
        hnsw = dynamic_cast<faiss::IndexHNSW*>(map->index);
    }
    std::vector<float> dist(k);
    std::vector<faiss::Index::idx_t> labels(k);
    std::stringstream efs(argv[6]);
    std::string tok;
    while (std::getline(efs, tok, ',')) {
        int ef = std::atoi(tok.c_str());
        if (hnsw && ef > 0) hnsw->hnsw.efSearch = ef;
        for (long i = 0; i < std::min(nq, 200L); i++) index->search(1, &q[i * d], k, dist.data(), labels.data());  // warm-up
        std::vector<double> us;
        us.reserve(nq * repeats);
        for (int r = 0; r < repeats; r++) {
            for (long i = 0; i < nq; i++) {
                auto t0 = std::chrono::steady_clock::now();
                index->search(1, &q[i * d], k, dist.data(), labels.data());
                auto t1 = std::chrono::steady_clock::now();
                us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
            }
        }
        std::vector<double> sorted = us;
        std::sort(sorted.begin(), sorted.end());
        double mean = 0;
        for (double u : us) mean += u;
        mean /= us.size();
        auto pct = [&](double p) { return sorted[std::min(sorted.size() - 1, (size_t)(p * sorted.size()))]; };
        std::printf("ef %d p50_us %.3f p99_us %.3f mean_us %.3f\n", ef, pct(0.50), pct(0.99), mean);
    }
    return 0;
}
