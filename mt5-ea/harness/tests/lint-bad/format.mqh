void f(long v) { PrintFormat("%lld", v); }
