void f(int (&values)[4]) { }
