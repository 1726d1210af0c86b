class A { int m; void f(void) { this->m = 1; } };
