package messageml

import (
	"strings"
	"testing"
)

// benchMessage is a typical bot message: text, entities, a card and a form.
var benchMessage = mml(`<h2>Daily report</h2><p>Hello <mention uid="1"/>, here is <b>today's</b> summary for <cash tag="AAPL"/> ` +
	`<hash tag="markets"/> <emoji shortcode="chart_with_upwards_trend"/>.</p>` +
	`<card accent="tempo-bg-color--blue"><header>Positions</header><body><table><thead><tr><th>Ticker</th><th>Qty</th></tr></thead>` +
	`<tbody>` + strings.Repeat(`<tr><td>AAPL</td><td>100</td></tr>`, 20) + `</tbody></table></body></card>` +
	`<form id="ack"><text-field name="comment" label="Comment" placeholder="Anything to add?"/>` +
	`<select name="choice"><option value="a">A</option><option value="b">B</option></select>` +
	`<button name="ok" class="primary">Acknowledge</button></form>`)

func BenchmarkConvert(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchMessage)))
	for b.Loop() {
		if _, err := Convert(benchMessage, "", testUsers); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConvertPresentationML(b *testing.B) {
	res, err := Convert(benchMessage, "", testUsers)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(res.PresentationML)))
	for b.Loop() {
		if _, err := Convert(res.PresentationML, res.EntityJSON, testUsers); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBenchMessageConverts(t *testing.T) {
	res, err := Convert(benchMessage, "", testUsers)
	if err != nil {
		t.Fatal(err)
	}
	// Converting the agent's own output again changes nothing.
	again, err := Convert(res.PresentationML, res.EntityJSON, testUsers)
	if err != nil {
		t.Fatal(err)
	}
	if again != res {
		t.Errorf("PresentationML does not round-trip:\n%s\n%s", res.PresentationML, again.PresentationML)
	}
}
