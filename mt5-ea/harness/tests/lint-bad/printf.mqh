void f(void) { printf("%d", 1); }
