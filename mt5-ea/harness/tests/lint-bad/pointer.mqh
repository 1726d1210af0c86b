void f(double *values) { }
