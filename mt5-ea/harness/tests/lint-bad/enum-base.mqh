enum ENUM_SIDE : int { SIDE_BUY = 0, SIDE_SELL = 1 };
