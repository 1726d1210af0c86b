int f(void) { std::string s; return 0; }
