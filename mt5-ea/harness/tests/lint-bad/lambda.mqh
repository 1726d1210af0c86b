void f(void) { int g = [&](int a) { return a; }(1); }
