enum ENUM_SIDE
  {
   SIDE_BUY = 0,
   SIDE_SELL
  };
