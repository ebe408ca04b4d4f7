<div data-format="PresentationML" data-version="2.0"><h1>Heading one</h1><h2>Heading two</h2><h3>Heading three</h3><h4>Four</h4><h5>Five</h5><h6 class="x">Six</h6>
<p>Plain text with <b>bold</b>, <strong>strong</strong>, <i>italic</i>, <em>emphasis</em>, <u>underline</u>, <s>struck</s>, x<sub>2</sub> and E=mc<sup>2</sup>, H<sub>max value</sub>.</p>
<p class="tempo-text-color--red">A red paragraph with <span class="tempo-text-color--green">green</span>, <span class="tempo-text-color--blue">blue</span>, <span class="tempo-text-color--secondary">secondary</span> and <span class="tempo-bg-color--yellow">a yellow background</span>.</p>
<p>First line<br/>second line after a break<br/><br/>after an empty line</p><hr/>
<p><span class="label">Label</span> <span class="info">Old value =&gt; New value</span> <span class="tempo-token">token</span></p>
<div>A div with a rather long sentence that will need to wrap at forty columns and probably also at eighty columns when it goes on and on.</div>
<div class="barStyle"><span>span inside a div</span></div></div>
