void f(void) { int x = static_cast<int>(1.5); }
