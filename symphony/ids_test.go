package symphony

import "testing"

func TestCanonicalID(t *testing.T) {
	tests := []struct{ standard, urlSafe string }{
		// Real pairs from the BDK's IdUtilTest.
		{"RUkxW4x40aB74g0UWpaMw3///ozLPsapdA==", "RUkxW4x40aB74g0UWpaMw3___ozLPsapdA"},
		{"XlU3OH9eVMzq+yss7M/xyn///oxwgbtGbQ==", "XlU3OH9eVMzq-yss7M_xyn___oxwgbtGbQ"},
		// An id with no character that differs between the alphabets.
		{"lKtDZv7AsvD2qNbCqgLANX3M3Gz5Dzf1Wg==", "lKtDZv7AsvD2qNbCqgLANX3M3Gz5Dzf1Wg"},
	}
	for _, tc := range tests {
		if got := CanonicalID(tc.standard); got != tc.urlSafe {
			t.Errorf("CanonicalID(%q) = %q, want %q", tc.standard, got, tc.urlSafe)
		}
		if got := CanonicalID(tc.urlSafe); got != tc.urlSafe {
			t.Errorf("CanonicalID(%q) = %q, want it unchanged", tc.urlSafe, got)
		}
		if got := StandardID(tc.urlSafe); got != tc.standard {
			t.Errorf("StandardID(%q) = %q, want %q", tc.urlSafe, got, tc.standard)
		}
		if got := StandardID(tc.standard); got != tc.standard {
			t.Errorf("StandardID(%q) = %q, want it unchanged", tc.standard, got)
		}
	}
}

func TestCanonicalIDLenient(t *testing.T) {
	tests := map[string]string{
		"":                                   "",
		"  abc_-  ":                          "abc_-",
		"RUkxW4x40aB74g0UWpaMw3///ozLPsapdA": "RUkxW4x40aB74g0UWpaMw3___ozLPsapdA", // standard, padding lost
		"a+b/c=":                             "a-b_c",                              // not valid base64: alphabet mapped anyway
	}
	for in, want := range tests {
		if got := CanonicalID(in); got != want {
			t.Errorf("CanonicalID(%q) = %q, want %q", in, got, want)
		}
		if got := CanonicalID(CanonicalID(in)); got != want {
			t.Errorf("CanonicalID is not idempotent on %q: %q", in, got)
		}
	}
}

func FuzzCanonicalID(f *testing.F) {
	f.Add("RUkxW4x40aB74g0UWpaMw3///ozLPsapdA==")
	f.Add("XlU3OH9eVMzq-yss7M_xyn___oxwgbtGbQ")
	f.Fuzz(func(t *testing.T, id string) {
		c := CanonicalID(id)
		if CanonicalID(c) != c {
			t.Fatalf("not idempotent: %q → %q → %q", id, c, CanonicalID(c))
		}
		if CanonicalID(StandardID(c)) != c {
			t.Fatalf("StandardID does not round-trip: %q → %q → %q", c, StandardID(c), CanonicalID(StandardID(c)))
		}
	})
}
