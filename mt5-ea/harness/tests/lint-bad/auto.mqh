void f(void) { auto x = 1; }
