class CFoo
  {
private:
   int               m_count = 0;
public:
   void Run(void) { int x = 1; }
  };
