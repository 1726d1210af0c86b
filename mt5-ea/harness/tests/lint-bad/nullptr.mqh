void f(void) { int x = nullptr; }
