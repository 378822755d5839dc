package main

import (
	"fmt"
	"math/rand"
	"strings"
)

// Suite dates: Sprig's date.go on Go's time package — layouts (Format and
// ParseInLocation), zones loaded from /usr/share/zoneinfo (transitions and
// the POSIX TZ footer), Duration formatting, ParseDuration errors, the
// time.Time values templates handle.  regen runs with TZ=UTC; now/ago are
// only shape-checked.
func init() {
	register("dates", func() []string {
		layouts := []string{
			"2006-01-02", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.999999999Z07:00",
			"Mon Jan _2 15:04:05 MST 2006", "Monday, 02-Jan-06 15:04:05 MST", "02 Jan 06 15:04 -0700",
			"3:04PM", "3:04pm", "03:04:05.000 PM", "15:04:05.000000", "15:04:05,999", ".0 .00 .999 ,9",
			"January 2, 2006", "Jan _2", "__2 002", "Z07 Z0700 Z07:00 Z070000 Z07:00:00",
			"-07 -0700 -07:00 -070000 -07:00:00", "MST", "06 2006 _2006", "1 01 2 02 _2 3 03 4 04 5 05",
			"Mon Monday Mond Monx Janx Janu", "no std chunks", "", "2006-01-02 15:04:05.999999999 -0700 MST",
			"YYYY-MM-DD", "%Y-%m-%d", "15h04m", "2006.01.02 .000 .999999999 .9", "05.000000000 05.9999",
			"1504", "20060102150405", "pm PM", "0002", "Jan January Mon Monday",
		}
		times := []string{
			`(toDate "2006-01-02 15:04:05" "2024-03-05 14:07:09")`,
			`(toDate "2006-01-02T15:04:05.999999999Z07:00" "2019-12-31T23:59:59.123456789+05:30")`,
			`(toDate "2006-01-02" "2000-02-29")`, `0`, `1700000000`, `(int64 1234567890)`, `-1`,
			`(toDate "2006-01-02 15:04" "1900-07-01 00:07")`, `(toDate "2006" "0001")`,
			`(toDate "2006-01-02 15:04:05" "2038-01-19 03:14:08")`, `(toDate "2006-01-02" "2100-06-15")`,
			`(toDate "2006-01-02 15:04:05.000" "1999-12-31 12:00:00.050")`,
		}
		zones := []string{"UTC", "Local", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe",
			"Pacific/Chatham", "Asia/Kathmandu", "America/St_Johns", "Nope/Zone", "", "EST", "Etc/GMT+5",
			"Africa/Casablanca", "America/Sao_Paulo", "Europe/Dublin", "utc", "../etc/passwd", "/etc/localtime",
			"America", "Europe/London", "Asia/Tokyo", "America/Los_Angeles"}
		var s []string
		for _, l := range layouts {
			for _, t := range times[:4] {
				s = append(s, fmt.Sprintf("{{ date %q %s }}", l, t))
			}
		}
		for _, t := range times {
			for _, z := range zones {
				s = append(s, fmt.Sprintf("{{ dateInZone \"2006-01-02 15:04:05.999 Z07:00 MST Mon\" %s %q }}", t, z))
			}
			s = append(s, fmt.Sprintf("{{ htmlDate %s }}", t), fmt.Sprintf("{{ htmlDateInZone %s \"Asia/Tokyo\" }}", t),
				fmt.Sprintf("{{ %s }}", t), fmt.Sprintf("{{ date_in_zone \"Jan 2 15:04\" %s \"Europe/Berlin\" }}", t))
			if strings.HasPrefix(t, "(toDate") {
				// a non-time argument is the executor's type error (host
				// parameter types are not in src/tmpl yet)
				s = append(s, fmt.Sprintf("{{ unixEpoch %s }}", t))
			}
		}
		// DST edges, far past (LMT) and far future (the POSIX TZ footer)
		for _, z := range []string{"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Africa/Casablanca",
			"America/Sao_Paulo", "Europe/Dublin", "Asia/Tehran", "America/Santiago", "Pacific/Apia", "Antarctica/Troll"} {
			for _, u := range []string{"-5000000000", "-2208988800", "0", "1710054000", "1710057600", "1730613600",
				"1730617200", "2000000000", "4102444800", "4118000000", "7258118400", "32503680000", "253402300799"} {
				s = append(s, fmt.Sprintf("{{ dateInZone \"2006-01-02 15:04:05 -07:00:00 MST\" (int64 %s) %q }}", u, z))
			}
		}
		// toDate / mustToDate: ParseInLocation(layout, value, Local)
		parses := [][2]string{
			{"2006-01-02", "2024-03-05"}, {"2006-01-02", "2024-3-5"}, {"2006-1-2", "2024-3-5"}, {"2006-01-02", "2023-02-29"},
			{"2006-01-02", "2024-13-01"}, {"2006-01-02", "2024-00-10"}, {"2006-01-02", "x"}, {"2006-01-02", ""},
			{"2006-01-02", "2024-03-05 extra"}, {"2006-01-02 15:04", "2024-03-05 24:00"}, {"15:04:05", "23:59:60"},
			{"15:04", "12:60"}, {"3:04PM", "12:30AM"}, {"3:04PM", "12:30PM"}, {"3:04PM", "1:30pm"}, {"3:04pm", "1:30pm"},
			{"3:04PM", "13:30PM"}, {"Jan 2 2006", "feb 3 2020"}, {"January 2 2006", "FEBRUARY 3 2020"},
			{"Mon Jan 2 2006", "Tue Feb 3 2020"}, {"Mon Jan 2 2006", "Xyz Feb 3 2020"}, {"Monday", "tuesday"},
			{"2006-01-02T15:04:05Z07:00", "2024-03-05T14:07:09Z"}, {"2006-01-02T15:04:05Z07:00", "2024-03-05T14:07:09+01:00"},
			{"2006-01-02T15:04:05Z07:00", "2024-03-05T14:07:09.5+01:00"}, {"2006-01-02T15:04:05Z07:00", "2024-03-05T14:07:09+0100"},
			{"2006-01-02T15:04:05Z07:00", "2024-03-05T14:07:09+25:00"}, {"2006-01-02T15:04:05.999999999Z07:00", "2024-03-05T14:07:09.123456789123Z"},
			{"2006-01-02 15:04:05 MST", "2024-03-05 14:07:09 UTC"}, {"2006-01-02 15:04:05 MST", "2024-03-05 14:07:09 EST"},
			{"2006-01-02 15:04:05 MST", "2024-03-05 14:07:09 GMT+3"}, {"2006-01-02 15:04:05 MST", "2024-03-05 14:07:09 GMT-11"},
			{"2006-01-02 15:04:05 MST", "2024-03-05 14:07:09 ChST"}, {"2006-01-02 15:04:05 MST", "2024-03-05 14:07:09 WITA"},
			{"2006-01-02 15:04:05 MST", "2024-03-05 14:07:09 +03"}, {"2006-01-02 15:04:05 MST", "2024-03-05 14:07:09 ABCDT"},
			{"2006-01-02 15:04:05 MST", "2024-03-05 14:07:09 AB"}, {"2006-01-02 15:04:05 MST", "2024-03-05 14:07:09 ABCDEF"},
			{"2006-01-02 15:04:05 -0700", "2024-03-05 14:07:09 -0330"}, {"2006-01-02 15:04:05 -07:00:00", "2024-03-05 14:07:09 +01:02:03"},
			{"2006-01-02 15:04:05 -07", "2024-03-05 14:07:09 +05"}, {"2006-01-02 15:04:05 Z07", "2024-03-05 14:07:09 Z"},
			{"2006-01-02 15:04:05 -0700 MST", "2024-03-05 14:07:09 +0000 UTC"}, {"2006-01-02 15:04:05 -0700 MST", "2024-03-05 14:07:09 +0100 CET"},
			{"2006-01-02 15:04:05.000", "2024-03-05 14:07:09.12"}, {"2006-01-02 15:04:05.000", "2024-03-05 14:07:09.123"},
			{"2006-01-02 15:04:05", "2024-03-05 14:07:09.123456"}, {"2006-01-02 15:04:05", "2024-03-05 14:07:09,5"},
			{"15:04:05.9", "14:07:09"}, {"15:04:05.9", "14:07:09.987654321"}, {"15:04:05,000", "14:07:09,123"},
			{"06-01-02", "69-01-02"}, {"06-01-02", "68-01-02"}, {"06-01-02", "5-01-02"}, {"2006 002", "2024 060"},
			{"2006 002", "2023 060"}, {"2006 __2", "2024  60"}, {"2006 002", "2024 366"}, {"2006 002", "2023 366"},
			{"2006-01 002", "2024-02 060"}, {"2006-01 002", "2024-03 060"}, {"2006-01-02 002", "2024-02-28 060"},
			{"_2 Jan 2006", " 5 Mar 2024"}, {"02 Jan 2006", "5 Mar 2024"}, {"2 Jan 2006", "05 Mar 2024"},
			{"2006-01-02", "+2024-03-05"}, {"2006-01-02", "-024-03-05"}, {"2006", "12345"}, {"2006", "999"},
			{"", ""}, {"", "x"}, {"literal", "literal"}, {"literal", "Literal"}, {"a  b", "a b"}, {"a b", "a   b"},
			{"2006-01-02", "2024-03-05\xff"}, {"2006-01-02", "2024-03-0\u00e9"}, {"Jan", "Ja"}, {"15", "7"},
			{"2006-01-02 3PM", "2024-03-05 0PM"}, {"2006-01-02T15:04:05Z", "2024-03-05T14:07:09Z"},
			{"Mon, 02 Jan 2006 15:04:05 MST", "Tue, 05 Mar 2024 14:07:09 PST"}, {"2006-01-02 MST", "2024-07-05 EDT"},
			{"2006-01-02 15:04:05.000000000", "2024-03-05 14:07:09.-12345678"}, {".000", ".123"},
		}
		for _, p := range parses {
			s = append(s, fmt.Sprintf("{{ toDate %q %q }}", p[0], p[1]), fmt.Sprintf("{{ mustToDate %q %q }}", p[0], p[1]))
		}
		s = append(s, `{{ toDate "2006-01-02" "2024-03-05" | date "Jan 2, 2006 MST" }}`,
			`{{ (toDate "2006-01-02" "2024-03-05").Unix }}`, `{{ toDate "2006-01-02" "x" | unixEpoch }}`,
			`{{ mustToDate "2006-01-02" "2024-03-05" | date "02/01/2006" }}`, `{{ toDate "2006-01-02" .Values.date }}`,
			`{{ toDate "2006-01-02T15:04:05Z07:00" .Values.date }}`, `{{ toDate "2006-01-02T15:04:05Z07:00" .Values.date | date "15:04 MST" }}`,
			`{{ toDate 1 "x" }}`, `{{ toDate "x" }}`, `{{ toDate .Values.missing "x" }}`, `{{ mustToDate "x" 2 }}`,
			`{{ (toDate "2006" "2024").Year | printf "%T" }}`,
		)
		// dateModify: time.ParseDuration syntax and errors
		durs := []string{"1h", "-1h", "+1h", "1h30m", "1.5h", ".5h", "1.h", "90s", "1000ms", "1us", "1µs", "1μs", "1ns",
			"2h45m30.5s", "0", "-0", "+0", "", "h", "1", "1x", "1hh", "1h-5m", "-1.5s", "1e3s", "..5s", "1.5.5s",
			"9223372036854775807ns", "9223372036854775808ns", "2562047h", "2562048h", "-9223372036854775808ns",
			"0.000000001s", "0.0000000001s", "1.00000000000000000000001s", "100000000000000000000s", "1\xffs", "3 h",
			"1H", "1d", "1w", "5m5m", "1h\"", "\x01"}
		for _, d := range durs {
			s = append(s, fmt.Sprintf("{{ dateModify %q (toDate \"2006-01-02 15:04\" \"2024-03-05 14:07\") }}", d),
				fmt.Sprintf("{{ mustDateModify %q (toDate \"2006-01-02 15:04\" \"2024-03-05 14:07\") }}", d),
				fmt.Sprintf("{{ durationRound %q }}", d), fmt.Sprintf("{{ duration %q }}", d))
		}
		s = append(s, `{{ toDate "2006-01-02" "2024-03-05" | dateModify "-24h" | date "2006-01-02" }}`,
			`{{ date_modify "1h" (toDate "2006" "2024") }}`, `{{ must_date_modify "1h" (toDate "2006" "2024") }}`,
			`{{ must_date_modify "x" (toDate "2006" "2024") }}`, `{{ dateModify "1h" (toDate "2006" "2024") | unixEpoch }}`,
			`{{ dateModify "2562047h" (toDate "2006" "2024") }}`, `{{ dateModify "-2562047h" (toDate "2006" "2024") }}`,
			`{{ dateModify "1h" (toDate "2006-01-02" "0001-01-01") }}`, `{{ dateModify "-1ns" (toDate "2006" "2024") }}`,
		)
		// duration: string parsed base 10, int64 taken, anything else 0
		for _, v := range []string{"0", "1", "59", "60", "61", "3599", "3600", "3661", "86400", "-1", "-3661", "1e3", "0x10",
			"9223372036854775807", "9223372036854775808", "-9223372036854775808", "9223372036", "9223372037", "x", ""} {
			s = append(s, fmt.Sprintf("{{ duration %q }}", v), fmt.Sprintf("{{ duration (int64 %q) }}", v))
		}
		s = append(s, "{{ duration 60 }}", "{{ duration .Values.big }}", "{{ duration nil }}", "{{ duration true }}",
			"{{ duration (int64 90) | printf \"%T\" }}")
		// durationRound: string ParseDuration, int64 nanoseconds, time.Time since (non-deterministic: not here)
		for _, v := range []int64{0, 1, 999999999, 1000000000, 1000000001, 59999999999, 60000000000, 60000000001,
			3600000000000, 3600000000001, 86400000000000, 86400000000001, 2592000000000000, 2592000000000001,
			31536000000000000, 31536000000000001, 315360000000000000, -1, -86400000000001, -9223372036854775808,
			9223372036854775807} {
			s = append(s, fmt.Sprintf("{{ durationRound (int64 %d) }}", v))
		}
		s = append(s, "{{ durationRound \"2h30m\" }}", "{{ durationRound \"-2h30m\" }}", "{{ durationRound \"8760h1s\" }}",
			"{{ durationRound \"721h\" }}", "{{ durationRound \"720h\" }}", "{{ durationRound 5 }}", "{{ durationRound nil }}",
			"{{ durationRound .Values.big }}", "{{ durationRound (toDate \"2006\" \"1990\") | len | lt 1 }}")
		// now, ago and non-time arguments: shape only
		s = append(s, "{{ (now).Year | lt 2023 }}", "{{ gt (now | unixEpoch | atoi) 1700000000 }}",
			"{{ ago .Values.name }}", "{{ ago nil }}", "{{ ago now }}", "{{ ago (toDate \"2006\" \"2999\") | len | lt 4 }}",
			"{{ date \"2006\" .Values.name | atoi | lt 2023 }}", "{{ htmlDate \"x\" | len }}", "{{ dateInZone \"2006\" 1.5 \"UTC\" | len }}",
			"{{ now | date \"2006-01-02\" | len }}", "{{ now | htmlDate | len }}", "{{ now.Unix | printf \"%T\" }}",
			"{{ eq (now | date \"2006\") (htmlDate now | trunc 4) }}", "{{ now | unixEpoch | len }}",
			"{{ $t := now }}{{ eq (dateModify \"1h\" $t | unixEpoch | atoi) (add 3600 ($t | unixEpoch | atoi)) }}",
		)
		// time.Time methods templates reach
		t := `(toDate "2006-01-02 15:04:05.000" "2024-03-05 14:07:09.123")`
		for _, m := range []string{"Year", "Month", "Day", "Hour", "Minute", "Second", "Nanosecond", "YearDay", "Weekday",
			"Unix", "UnixMilli", "UnixMicro", "UnixNano", "UTC", "Local", "String", "IsZero", "Location", "IsDST"} {
			s = append(s, fmt.Sprintf("{{ %s.%s }}", t, m))
			switch m {
			case "Month", "Weekday", "UTC", "Local", "Location":
				// host types: %T needs fmt to know them (not yet in gofmt.c)
			default:
				s = append(s, fmt.Sprintf("{{ %s.%s | printf \"%%T\" }}", t, m))
			}
		}
		s = append(s, fmt.Sprintf("{{ %s.Format \"Jan 2 2006\" }}", t), fmt.Sprintf("{{ %s.AddDate 1 2 3 }}", t),
			fmt.Sprintf("{{ %s.AddDate 0 -3 -5 }}", t), fmt.Sprintf("{{ %s.Add 3600000000000 }}", t),
			fmt.Sprintf("{{ %s.Equal %s }}", t, t), fmt.Sprintf("{{ %s.Before (toDate \"2006\" \"2025\") }}", t),
			fmt.Sprintf("{{ %s.After (toDate \"2006\" \"2025\") }}", t), fmt.Sprintf("{{ %s.Sub (toDate \"2006\" \"2024\") }}", t),
			fmt.Sprintf("{{ (toDate \"2006\" \"2024\").Sub %s }}", t), `{{ (toDate "2006" "x").IsZero }}`,
			`{{ (toDate "2006-01-02" "2024-01-31").AddDate 0 1 0 }}`, `{{ (toDate "2006" "2024").Month | printf "%d" }}`,
		)
		// seeded random instants and zones through several layouts
		r := rand.New(rand.NewSource(42))
		rz := []string{"UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham",
			"America/Santiago", "Africa/Casablanca", "Europe/Dublin", "Asia/Tehran", "America/Sao_Paulo", "Local"}
		for i := 0; i < 400; i++ {
			u := r.Int63n(8000000000) - 3000000000
			if i%10 == 0 {
				u = r.Int63n(200000000000) - 100000000000
			}
			l := layouts[r.Intn(len(layouts))]
			s = append(s, fmt.Sprintf("{{ dateInZone %q (int64 %d) %q }}", l+" Z07:00 MST", u, rz[r.Intn(len(rz))]))
		}
		for i := 0; i < 150; i++ {
			y, mo, d := 1900+r.Intn(250), 1+r.Intn(12), 1+r.Intn(31)
			h, mi, se := r.Intn(25), r.Intn(61), r.Intn(61)
			v := fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, se)
			s = append(s, fmt.Sprintf("{{ mustToDate \"2006-01-02 15:04:05\" %q | unixEpoch }}", v))
		}
		return s
	})
}
