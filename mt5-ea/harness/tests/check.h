// Minimal test reporting for the harness: every check prints PASS/FAIL with its name; the binary's last line is
// "tests: N passed, M failed" (run-tests.sh adds these up) and its exit code is non-zero when anything failed.
#ifndef VPROP_CHECK_H
#define VPROP_CHECK_H
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace check {
inline int &passed() { static int n = 0; return n; }
inline int &failed() { static int n = 0; return n; }
inline bool expect(bool ok, const std::string &name, const std::string &detail = "") {
    if (ok) {
        passed()++;
        printf("PASS %s\n", name.c_str());
    } else {
        failed()++;
        printf("FAIL %s%s%s\n", name.c_str(), detail.empty() ? "" : ": ", detail.c_str());
    }
    fflush(stdout);
    return ok;
}
inline int finish() {
    printf("tests: %d passed, %d failed\n", passed(), failed());
    return failed() == 0 ? 0 : 1;
}
inline bool read_file(const std::string &path, std::string &out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::stringstream b;
    b << in.rdbuf();
    out = b.str();
    return true;
}
}  // namespace check
#endif
