struct VPQuote
  {
   double            bid;
                     VPQuote(double b) { bid = b; }
  };
