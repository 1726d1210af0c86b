// a comment with std:: and -> and auto inside is fine
#include <VProp/Json.mqh>
#include <Trade\Trade.mqh>
string s = "a->b std::x auto";
void f(const uchar &buf[], double &out[]) { PrintFormat("%I64d %s", (long)1, "x"); int a = 2 * 3; }
