package scenario

import "strconv"

// Signal is a Symphony signal of the pod as the scenario starts: a query
// over the messages ("field:value" terms of author, hashtag and cashtag,
// joined by AND and OR), its creator subscribed to it.
type Signal struct {
	Name, Query string
	Creator     int64
	Public      bool // visible on the creator's profile
	CompanyWide bool // a push signal: every user of the pod subscribed
}

// signals are the company's signals: the service account's own, of the
// on-call rota and the rates desk, the SRE's updates during incidents, and
// the platform's push signal about releases, which everyone gets.
func (c *cast) signals() []Signal {
	return []Signal{
		{Name: "On call: incidents", Query: "hashtag:incident OR hashtag:oncall", Creator: c.id(roleAccount)},
		{Name: "Treasuries", Query: "cashtag:UST2Y OR cashtag:UST10Y OR cashtag:UST30Y", Creator: c.id(roleAccount)},
		{Name: "SRE updates", Query: "hashtag:incident AND author:" + strconv.FormatInt(c.id(roleSRE), 10), Creator: c.id(roleSRE), Public: true},
		{Name: "Releases", Query: "hashtag:release OR hashtag:deploy", Creator: c.id(roleHeadPlatform), Public: true, CompanyWide: true},
	}
}
