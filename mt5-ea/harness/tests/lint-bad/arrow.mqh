void f(CFoo *p) { p->Run(); }
