namespace vprop { int x; }
