// a comment with std:: and -> and auto inside is fine; so is enum class and enum X : int in a comment
#include <VProp/Json.mqh>
#include <Trade\Trade.mqh>
input group "Connection"
input string InpEndpoint = "tcp://127.0.0.1:5555"; // endpoint
string s = "a->b std::x auto enum class E : int";
void f(const uchar &buf[], double &out[]) { PrintFormat("%I64d %s", (long)1, "x"); int a = 2 * 3; }
enum ENUM_SIDE
  {
   SIDE_BUY  = 0,  // "buy"
   SIDE_SELL = 1
  };
enum ENUM_ONE_LINE { ONE_A = 0, ONE_B = 1 };
struct VPQuote
  {
   double            bid;
   ENUM_SIDE         side;
                     VPQuote(void) { bid = 0; side = SIDE_BUY; }
  };
class CQuoteBook
  {
   double            m_bid;
public:
                     CQuoteBook(double bid) { m_bid = bid; }
  };
