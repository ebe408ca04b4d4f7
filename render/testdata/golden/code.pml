<div data-format="PresentationML" data-version="2.0"><p>Inline <code>make deploy</code> and a block:</p><code data-language="go">func (s *Server) Reload(ctx context.Context) error {
	cfg, err := s.loader.Load(ctx) // load the new configuration
	if err != nil {
		return fmt.Errorf("reload %s: %w", s.name, err)
	}
	return nil
}</code><pre>plain pre
  keeps   its spacing and a very long line that goes past the width of the terminal for sure, does it not?</pre><code data-language="python">@dataclass
def breaks(df):
    """Count the breaks."""
    return len(df[df.qty_ours != df.qty_theirs])  # 3 breaks
</code><code data-language="json">{"name": "tutti", "version": 1.5, "ok": true, "tags": null}</code><code data-language="yaml">quotes:
  throttle: 500   # was 50
  - name: "x"
    enabled: yes</code><code data-language="xml">&lt;messageML&gt;&lt;b class="x"&gt;hi&lt;/b&gt; &amp;amp; &lt;!-- c --&gt;&lt;/messageML&gt;</code><code data-language="sql">SELECT id, qty FROM trades WHERE qty &lt;&gt; 0 -- non zero
ORDER BY id;</code><code data-language="shell">export PATH=$HOME/bin:$PATH # comment
echo "hello ${USER}" | grep -c hello</code><code><pre>pre inside code</pre></code><pre>a
 <b>b
c</b></pre><code data-language="java">// 日本語のコメント
String s = "漢字";</code></div>
