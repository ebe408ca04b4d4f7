package simulator

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// shareArticleType is the only type of content the agent shares.
const shareArticleType = "com.symphony.sharing.article"

// shareArticleEntity is the id of the article in the EntityJSON of a shared
// article's message.
const shareArticleEntity = "article"

// shareContent is the body of POST /agent/v3/stream/{sid}/share
// (ShareContent).
type shareContent struct {
	Type    string        `json:"type"`
	Content *shareArticle `json:"content"`
}

// shareArticle is the article shared (ShareArticle).
type shareArticle struct {
	ArticleID    string `json:"articleId,omitempty"`
	Title        string `json:"title"`
	SubTitle     string `json:"subTitle,omitempty"`
	Message      string `json:"message,omitempty"`
	Publisher    string `json:"publisher"`
	PublishDate  int64  `json:"publishDate,omitempty"`
	ThumbnailURL string `json:"thumbnailUrl,omitempty"`
	Author       string `json:"author"`
	ArticleURL   string `json:"articleUrl,omitempty"`
	Summary      string `json:"summary,omitempty"`
	AppID        string `json:"appId"`
	AppName      string `json:"appName,omitempty"`
	AppIconURL   string `json:"appIconUrl,omitempty"`
}

// articleEntity is the article as the message's EntityJSON holds it: the
// fields of Symphony's standard Article entity, with the sharing app.
type articleEntity struct {
	Type       string `json:"type"`
	Version    string `json:"version"`
	ID         string `json:"id,omitempty"`
	Href       string `json:"href,omitempty"`
	Title      string `json:"title"`
	SubTitle   string `json:"subTitle,omitempty"`
	Blurb      string `json:"blurb,omitempty"`
	Date       int64  `json:"date,omitempty"`
	Publisher  string `json:"publisher"`
	Author     string `json:"author"`
	Thumbnail  string `json:"thumbnail,omitempty"`
	AppID      string `json:"appId"`
	AppName    string `json:"appName,omitempty"`
	AppIconURL string `json:"appIconUrl,omitempty"`
}

// v2Message is the answer of a share (V2Message): the message the article
// became, in the form of the v2 API.
type v2Message struct {
	ID            string     `json:"id"`
	Timestamp     string     `json:"timestamp"`
	V2MessageType string     `json:"v2messageType"`
	StreamID      string     `json:"streamId"`
	Message       string     `json:"message"`
	FromUserID    int64      `json:"fromUserId"`
	Attachments   []struct{} `json:"attachments"`
}

// check refuses a share the agent refuses: another type than an article,
// an article without its required fields or without an id or a URL, a URL
// that is not http(s).
func (sc *shareContent) check() error {
	a := sc.Content
	switch {
	case sc.Type != shareArticleType:
		return badRequest("Unsupported share type %q: only %s is supported", sc.Type, shareArticleType)
	case a == nil:
		return badRequest("The content to share is required")
	}
	for _, f := range []struct{ name, value string }{
		{"title", a.Title}, {"publisher", a.Publisher}, {"author", a.Author}, {"appId", a.AppID},
	} {
		if strings.TrimSpace(f.value) == "" {
			return badRequest("The article's %s is required", f.name)
		}
	}
	if strings.TrimSpace(a.ArticleID) == "" && strings.TrimSpace(a.ArticleURL) == "" {
		return badRequest("The article needs an articleId or an articleUrl")
	}
	for _, f := range []struct{ name, value string }{
		{"articleUrl", a.ArticleURL}, {"thumbnailUrl", a.ThumbnailURL}, {"appIconUrl", a.AppIconURL},
	} {
		if f.value == "" {
			continue
		}
		if u, err := url.Parse(f.value); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return badRequest("The article's %s must be an http or https URL", f.name)
		}
	}
	return nil
}

// content returns the message a shared article becomes: PresentationML
// with the text sent along and an entity of the article (its title,
// subtitle, summary, publisher and author, a link to it) whose EntityJSON
// holds the article as Symphony's standard Article entity.
func (a *shareArticle) content() (content, error) {
	var b strings.Builder
	b.WriteString(`<div data-format="PresentationML" data-version="2.0">`)
	if t := strings.TrimSpace(a.Message); t != "" {
		b.WriteString("<p>" + html.EscapeString(t) + "</p>")
	}
	b.WriteString(`<div class="entity" data-entity-id="` + shareArticleEntity + `">`)
	b.WriteString("<p><b>" + html.EscapeString(a.Title) + "</b>")
	if a.SubTitle != "" {
		b.WriteString("<br/>" + html.EscapeString(a.SubTitle))
	}
	b.WriteString("</p>")
	if a.Summary != "" {
		b.WriteString("<p>" + html.EscapeString(a.Summary) + "</p>")
	}
	b.WriteString("<p><i>" + html.EscapeString(a.Publisher) + ", " + html.EscapeString(a.Author) + "</i></p>")
	if a.ArticleURL != "" {
		u := html.EscapeString(a.ArticleURL)
		b.WriteString(`<p><a href="` + u + `">` + u + "</a></p>")
	}
	b.WriteString("</div></div>")
	data, err := json.Marshal(map[string]articleEntity{shareArticleEntity: {
		Type: shareArticleType, Version: "1.0", ID: a.ArticleID, Href: a.ArticleURL, Title: a.Title,
		SubTitle: a.SubTitle, Blurb: a.Summary, Date: a.PublishDate, Publisher: a.Publisher, Author: a.Author,
		Thumbnail: a.ThumbnailURL, AppID: a.AppID, AppName: a.AppName, AppIconURL: a.AppIconURL,
	}})
	if err != nil {
		return content{}, errorf(http.StatusInternalServerError, "share: encode the article: %v", err)
	}
	return content{pml: b.String(), data: string(data)}, nil
}

// handleShare answers POST /agent/v3/stream/{sid}/share: the caller shares
// an article into a room, an IM or a MIM they may post in. It becomes a
// message of the caller (content), and every member of the stream gets
// its MESSAGESENT, as for a message created; the answer is the message in
// the form of the v2 API.
func (s *Server) handleShare(w http.ResponseWriter, r *http.Request, c caller) {
	var body shareContent
	if err := decodeJSON(w, r, &body, false); err != nil {
		writeErr(w, err)
		return
	}
	if err := body.check(); err != nil {
		writeErr(w, err)
		return
	}
	cont, err := body.Content.content()
	if err != nil {
		writeErr(w, err)
		return
	}
	sid := symphony.CanonicalID(r.PathValue("sid"))
	now := s.now()
	answerLocked(s, w, func(st *state) (v2Message, error) {
		target := st.stream(sid)
		switch {
		case target == nil:
			return v2Message{}, badRequest("The stream %s does not exist", sid)
		case target.kind == symphony.StreamPost:
			return v2Message{}, badRequest("The stream %s is a wall: an article is shared into a room, an IM or a MIM", sid)
		}
		if err := canPost(target, c.user); err != nil {
			return v2Message{}, err
		}
		m := st.sendMessage(target, c.user, cont, now, messageOpts{})
		return v2Message{
			ID: m.msg.MessageID, Timestamp: strconv.FormatInt(m.msg.Timestamp, 10), V2MessageType: "V2Message",
			StreamID: target.id, Message: m.msg.Message, FromUserID: c.id, Attachments: []struct{}{},
		}, nil
	})
}
