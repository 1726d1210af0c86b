//+------------------------------------------------------------------+
//| Zones.mqh - the time zones firm rules are written in, without a   |
//| tz database (MQL5 has none): fixed offsets plus the EU and US     |
//| daylight-saving rules, and the two broker-server conventions      |
//| (GMT+2/+3 switching with New York or with Europe).                |
//| Times are epoch milliseconds; a "local" time is the wall clock    |
//| encoded as if it were UTC.                                        |
//+------------------------------------------------------------------+
#ifndef VPROP_ZONES_MQH
#define VPROP_ZONES_MQH

// When a zone switches to summer time.
enum ENUM_VPZ_DST_RULE
  {
   VPZ_RULE_NONE = 0,   // no summer time
   VPZ_RULE_EU   = 1,   // last Sunday of March and October, 01:00 UTC
   VPZ_RULE_US   = 2    // second Sunday of March, first Sunday of November, 02:00 local (anchor zone)
  };

#define VP_DAY_MS 86400000

struct VPZone
  {
   string            name;
   int               std_s;       // standard offset from UTC, seconds
   int               dst_s;       // extra offset in summer (0: no DST)
   ENUM_VPZ_DST_RULE rule;
   int               anchor_std_s;// US rule: standard offset of the zone whose 02:00 triggers the switch
  };

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
long VPDaysFromCivil(int y, int m, int d)
  {
   y -= m <= 2 ? 1 : 0;
   long era = (y >= 0 ? y : y - 399) / 400;
   long yoe = y - era * 400;
   long mp = (m + 9) % 12;
   long doy = (153 * mp + 2) / 5 + d - 1;
   long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
   return era * 146097 + doe - 719468;
  }

void VPCivilFromDays(long z, int &y, int &m, int &d)
  {
   z += 719468;
   long era = (z >= 0 ? z : z - 146096) / 146097;
   long doe = z - era * 146097;
   long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
   long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
   long mp = (5 * doy + 2) / 153;
   d = (int)(doy - (153 * mp + 2) / 5 + 1);
   m = (int)(mp < 10 ? mp + 3 : mp - 9);
   y = (int)(yoe + era * 400 + (m <= 2 ? 1 : 0));
  }

// 0 = Sunday .. 6 = Saturday
int VPWeekday(long days)
  {
   long w = (days + 4) % 7;
   return (int)(w < 0 ? w + 7 : w);
  }

long VPFloorDiv(long a, long b)
  {
   long q = a / b;
   if((a % b != 0) && ((a < 0) != (b < 0)))
      q--;
   return q;
  }

// Day of the n-th (1..) given weekday of a month; n = -1 for the last one.
long VPNthWeekday(int y, int m, int weekday, int n)
  {
   if(n > 0)
     {
      long first = VPDaysFromCivil(y, m, 1);
      int shift = (weekday - VPWeekday(first) + 7) % 7;
      return first + shift + 7 * (n - 1);
     }
   int ny = m == 12 ? y + 1 : y;
   int nm = m == 12 ? 1 : m + 1;
   long last = VPDaysFromCivil(ny, nm, 1) - 1;
   int back = (VPWeekday(last) - weekday + 7) % 7;
   return last - back;
  }

bool VPZoneParse(const string &name, VPZone &z)
  {
   z.name = name;
   z.std_s = 0;
   z.dst_s = 0;
   z.rule = VPZ_RULE_NONE;
   z.anchor_std_s = 0;
   if(name == "UTC" || name == "GMT" || name == "Etc/UTC" || name == "Z")
      return true;
   if((StringFind(name, "UTC+") == 0 || StringFind(name, "UTC-") == 0 || StringFind(name, "GMT+") == 0 ||
       StringFind(name, "GMT-") == 0) && StringLen(name) >= 5)
     {
      string rest = StringSubstr(name, 4);
      int sign = StringGetCharacter(name, 3) == '-' ? -1 : 1;
      string parts[];
      int n = StringSplit(rest, ':', parts);
      if(n < 1 || n > 2)
         return false;
      long h = StringToInteger(parts[0]);
      long mi = n == 2 ? StringToInteger(parts[1]) : 0;
      if(h < 0 || h > 14 || mi < 0 || mi > 59)
         return false;
      z.std_s = (int)(sign * (h * 3600 + mi * 60));
      return true;
     }
   if(name == "Broker/US-DST" || name == "Broker/EU-DST")
     {
      z.std_s = 7200;
      z.dst_s = 3600;
      z.rule = name == "Broker/US-DST" ? VPZ_RULE_US : VPZ_RULE_EU;
      z.anchor_std_s = -5 * 3600; // New York
      return true;
     }
   string eu1 = "|Europe/Prague|Europe/Berlin|Europe/Paris|Europe/Madrid|Europe/Rome|Europe/Amsterdam|Europe/Zurich|Europe/Vienna|Europe/Warsaw|Europe/Brussels|Europe/Budapest|Europe/Stockholm|Europe/Copenhagen|Europe/Oslo|Europe/Bratislava|Europe/Luxembourg|";
   string eu0 = "|Europe/London|Europe/Dublin|Europe/Lisbon|";
   string eu2 = "|Europe/Athens|Europe/Helsinki|Europe/Kiev|Europe/Kyiv|Europe/Bucharest|Europe/Sofia|Europe/Riga|Europe/Tallinn|Europe/Vilnius|Asia/Nicosia|";
   string key = "|" + name + "|";
   if(StringFind(eu1, key) >= 0 || StringFind(eu0, key) >= 0 || StringFind(eu2, key) >= 0)
     {
      z.std_s = StringFind(eu1, key) >= 0 ? 3600 : (StringFind(eu2, key) >= 0 ? 7200 : 0);
      z.dst_s = 3600;
      z.rule = VPZ_RULE_EU;
      return true;
     }
   if(name == "America/New_York" || name == "America/Chicago" || name == "America/Denver" || name == "America/Los_Angeles" ||
      name == "America/Toronto")
     {
      z.std_s = (name == "America/Chicago") ? -6 * 3600 : (name == "America/Denver" ? -7 * 3600 :
                (name == "America/Los_Angeles" ? -8 * 3600 : -5 * 3600));
      z.dst_s = 3600;
      z.rule = VPZ_RULE_US;
      z.anchor_std_s = z.std_s;
      return true;
     }
   string fixed_names[] = {"Asia/Dubai", "Asia/Tokyo", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Shanghai", "Europe/Moscow", "Europe/Istanbul", "Asia/Kolkata"};
   int fixed_offsets[] = {14400, 32400, 28800, 28800, 28800, 10800, 10800, 19800};
   for(int i = 0; i < ArraySize(fixed_names); i++)
      if(fixed_names[i] == name)
        {
         z.std_s = fixed_offsets[i];
         return true;
        }
   return false;
  }

// UTC instants (ms) at which summer time starts and ends in `year`.
void VPZoneTransitions(const VPZone &z, int year, long &start_ms, long &end_ms)
  {
   if(z.rule == VPZ_RULE_EU)
     {
      start_ms = VPNthWeekday(year, 3, 0, -1) * VP_DAY_MS + 3600000;
      end_ms = VPNthWeekday(year, 10, 0, -1) * VP_DAY_MS + 3600000;
      return;
     }
   start_ms = VPNthWeekday(year, 3, 0, 2) * VP_DAY_MS + 2 * 3600000 - (long)z.anchor_std_s * 1000;
   end_ms = VPNthWeekday(year, 11, 0, 1) * VP_DAY_MS + 2 * 3600000 - ((long)z.anchor_std_s + 3600) * 1000;
  }

int VPZoneOffset(const VPZone &z, long utc_ms)
  {
   if(z.rule == VPZ_RULE_NONE)
      return z.std_s;
   int y, m, d;
   VPCivilFromDays(VPFloorDiv(utc_ms, VP_DAY_MS), y, m, d);
   long s, e;
   VPZoneTransitions(z, y, s, e);
   return (utc_ms >= s && utc_ms < e) ? z.std_s + z.dst_s : z.std_s;
  }

long VPZoneLocal(const VPZone &z, long utc_ms) { return utc_ms + (long)VPZoneOffset(z, utc_ms) * 1000; }

// The UTC instant of a local wall time: in an overlap the earlier instant, in a gap the transition instant
// (java.time's rules, which the Java governors use).
long VPZoneToUtc(const VPZone &z, long local_ms)
  {
   long a = local_ms - (long)z.std_s * 1000;
   if(z.rule == VPZ_RULE_NONE)
      return a;
   long b = local_ms - (long)(z.std_s + z.dst_s) * 1000;
   bool a_ok = VPZoneOffset(z, a) == z.std_s;
   bool b_ok = VPZoneOffset(z, b) == z.std_s + z.dst_s;
   if(a_ok && b_ok)
      return a < b ? a : b;
   if(a_ok)
      return a;
   if(b_ok)
      return b;
   int y, m, d;
   VPCivilFromDays(VPFloorDiv(local_ms, VP_DAY_MS), y, m, d);
   long s, e;
   VPZoneTransitions(z, y, s, e);
   return s; // a spring-forward gap
  }

#endif
