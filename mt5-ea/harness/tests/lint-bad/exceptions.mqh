void f(void) { try { g(); } catch (int e) { } }
