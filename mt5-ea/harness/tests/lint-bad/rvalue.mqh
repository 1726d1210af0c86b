void f(string &&s) { }
