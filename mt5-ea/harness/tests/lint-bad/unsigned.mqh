unsigned int x;
