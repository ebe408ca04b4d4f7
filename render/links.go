package render

import (
	"net/url"
	"strings"

	"golang.org/x/net/html/atom"
	"golang.org/x/net/idna"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// maxLinks bounds the links of one message (the rest show as text).
const maxLinks = 1000

// linkInfo is a Link plus what the layout needs.
type linkInfo struct {
	Link
	osc     string // the URL as written in an OSC 8 hyperlink; "" when not hyperlinked
	scheme  string
	invalid bool // not a URL at all
}

// makeLink reads an href.
func makeLink(href string) linkInfo {
	raw := strings.TrimSpace(href)
	l := linkInfo{Link: Link{URL: sanitize.Line(raw)}}
	u, err := url.Parse(raw)
	if err != nil {
		l.invalid = true
		return l
	}
	l.scheme = strings.ToLower(u.Scheme)
	switch l.scheme {
	case "http", "https":
		l.Host = displayHost(u.Hostname())
		l.Safe = l.Host != ""
	case "mailto":
		addr := u.Opaque
		if addr == "" {
			addr = strings.TrimPrefix(u.Path, "/")
		}
		if j := strings.IndexByte(addr, '?'); j >= 0 {
			addr = addr[:j]
		}
		if a, err := url.PathUnescape(addr); err == nil {
			addr = a
		}
		l.Host = remoteLine(addr)
		l.Safe = true
	case "symphony":
		l.Safe = true
	}
	if l.Safe {
		l.osc = oscURL(u.String())
	}
	return l
}

// displayHost returns a host as it should be shown: lower case, and in
// its ASCII (punycode) form when it has non-ASCII characters, so that a
// look-alike domain cannot pass for the real one.
func displayHost(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for i := 0; i < len(host); i++ {
		if host[i] >= 0x80 {
			if a, err := idna.ToASCII(host); err == nil {
				host = a
			}
			break
		}
	}
	return remoteLine(host)
}

// oscURL makes a URL safe to write inside an OSC 8 sequence: every byte
// outside printable ASCII is percent-encoded, so the URL cannot end the
// sequence early or carry any control character.
func oscURL(u string) string {
	clean := true
	for i := 0; i < len(u); i++ {
		if u[i] <= ' ' || u[i] >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return u
	}
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7f {
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// addLink records a link and returns its 1-based index, 0 past maxLinks.
func (b *builder) addLink(l linkInfo) int16 {
	if len(b.doc.links) >= maxLinks {
		return 0
	}
	b.doc.links = append(b.doc.links, l.Link)
	b.doc.oscs = append(b.doc.oscs, l.osc)
	return int16(len(b.doc.links))
}

// anchor renders <a href>: its content as link text, the URL when it has
// none, and the real host after it when the text does not show it.
func (b *builder) anchor(i int32, c ictx) {
	n := &b.t.nodes[i]
	if strings.TrimSpace(b.t.attr(n, "href")) == "" {
		b.children(i, c) // an anchor, not a link
		return
	}
	l := makeLink(b.t.attr(n, "href"))
	text := remoteLine(b.textOf(i, 2048))
	idx := b.addLink(l)
	lc := c
	lc.link, lc.st.cls = idx, clsLink
	if text == "" && !b.hasDescendant(i, atom.Img) {
		text = l.URL
		if text == "" {
			text = "link"
		}
		lc.code = true
		b.words(remoteLine(text), lc.st, lc)
	} else {
		b.children(i, lc)
	}
	if idx > 0 {
		b.doc.links[idx-1].Text = text
	}
	if suffix := linkSuffix(l, text); suffix != "" {
		b.spaceNext()
		dc := ictx{st: style{cls: clsDim}, code: true}
		b.words("("+suffix+")", dc.st, dc)
	}
}

// linkSuffix returns what to show after a link's text: its host (or mail
// address) when the text does not contain it, the scheme of a link that
// is not a web, mail or Symphony link.
func linkSuffix(l linkInfo, text string) string {
	if l.Host != "" {
		host := strings.TrimPrefix(l.Host, "www.")
		if strings.Contains(strings.ToLower(text), host) {
			return ""
		}
		return l.Host
	}
	switch {
	case l.invalid:
		return "invalid link"
	case !l.Safe && l.scheme != "":
		return remoteLine(l.scheme) + ":"
	}
	return ""
}

// hasDescendant reports whether node i contains an element a.
func (b *builder) hasDescendant(i int32, a atom.Atom) bool {
	for ch := b.t.nodes[i].first; ch >= 0; ch = b.t.nodes[ch].next {
		if b.t.nodes[ch].is(a) || b.hasDescendant(ch, a) {
			return true
		}
	}
	return false
}

// image renders <img> as a placeholder: images are never fetched.
func (b *builder) image(src, alt, title string, c ictx) {
	if alt == "" {
		alt = title
	}
	b.media("image", src, alt, c)
}

// media renders an image or a video as "[image: alt · host]", linking to
// it when its URL is safe.
func (b *builder) media(kind, src, alt string, c ictx) {
	l := makeLink(src)
	l.Image = true
	label := kind
	if a := remoteLine(alt); a != "" {
		label += ": " + a
	}
	where := l.Host
	if strings.HasPrefix(strings.TrimSpace(strings.ToLower(src)), "data:") {
		where = "inline"
	}
	text := "[" + label
	if where != "" {
		text += " · " + where
	}
	text += "]"
	mc := ictx{st: style{cls: clsDim}, code: true}
	if l.Safe {
		l.Text = label
		mc.link = b.addLink(l)
	}
	b.words(text, mc.st, mc)
}
