package scenario

// The vocabulary the messages are made of. Templates are MessageML fragments
// whose text is already escaped; {placeholders} are expanded by a composer
// (see expand for the list).

// instrument is something quoted on the desks, with a level around which its
// price or yield moves.
type instrument struct {
	ticker   string
	level    float64
	decimals int
}

var fxPairs = []instrument{
	{"EURUSD", 1.0850, 4}, {"GBPUSD", 1.2710, 4}, {"USDJPY", 149.40, 2}, {"AUDUSD", 0.6560, 4},
	{"USDCHF", 0.8840, 4}, {"EURGBP", 0.8545, 4}, {"USDCAD", 1.3620, 4}, {"USDCNH", 7.2410, 4},
	{"EURJPY", 162.15, 2}, {"NZDUSD", 0.6070, 4}, {"EURNOK", 11.520, 3}, {"USDSGD", 1.3440, 4},
}

var ratesInstruments = []instrument{
	{"UST2Y", 4.215, 3}, {"UST5Y", 4.030, 3}, {"UST10Y", 4.185, 3}, {"UST30Y", 4.395, 3},
	{"BUND10Y", 2.365, 3}, {"GILT10Y", 4.120, 3}, {"OAT10Y", 3.020, 3}, {"BTP10Y", 3.710, 3},
	{"JGB10Y", 0.985, 3}, {"SOFR5Y", 3.840, 3},
}

var equities = []string{"AAPL", "MSFT", "NVDA", "AMZN", "JPM", "GS", "TSLA", "META", "BARC", "HSBA"}

var tenors = []string{"2y", "3y", "5y", "7y", "10y", "20y", "30y"}

var curves = []string{"2s10s", "5s30s", "2s5s", "10s30s", "5s10s"}

var sizes = []string{"10m", "25m", "25m", "50m", "50m", "100m", "150m", "250m"}

var clients = []string{
	"a Nordic pension fund", "a real-money account", "a macro fund", "the SSA desk",
	"a central bank", "an insurer in Zurich", "a Japanese lifer", "a hedge fund in Mayfair",
	"a corporate treasury", "a regional bank",
}

var macroEvents = []string{
	"NFP", "CPI", "the FOMC", "the ECB", "the BoJ", "the BoE", "retail sales", "the refunding announcement",
	"Powell", "Lagarde", "PMIs",
}

var services = []string{
	"pricing-gateway", "fix-router", "risk-engine", "md-normaliser", "trade-capture",
	"settlement-bridge", "ref-data", "position-keeper", "auth-proxy", "quote-streamer",
}

var hostPrefixes = []string{"lon-prc", "lon-risk", "nyc-fix", "sgp-md", "dub-k8s", "lon-db"}

var batchJobs = []string{
	"positions-eod", "risk-var", "recon-cash", "ref-data-sync", "pnl-explain",
	"trade-archive", "swift-mt5xx", "margin-calls", "limits-refresh",
}

var foods = []string{
	"ramen", "the Thai place", "sushi", "burritos", "poke", "dim sum", "the salad bar",
	"pizza", "the Lebanese place", "pho", "the Greek place", "sandwiches from the market",
}

var venues = []string{"The Crown", "the rooftop bar", "Borough Market", "the usual place", "The Anchor", "the wine bar on the corner"}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}

// emojis are shortcodes known to messageml-utils.
var emojis = []string{
	"smiley", "thumbsup", "rocket", "fire", "white_check_mark", "warning", "tada", "coffee",
	"eyes", "pray", "joy", "100", "sweat_smile", "raised_hands", "muscle", "ok_hand", "clap", "thinking_face",
}

// hashtags are the tags each topic uses.
var hashtags = map[topic][]string{
	topicRates:    {"rates", "govies", "swaps", "curve", "auction", "fomc", "cpi", "ecb"},
	topicFX:       {"fx", "eur", "jpy", "boj", "nfp", "fixing", "fxoptions", "cnh"},
	topicOps:      {"incident", "oncall", "latency", "sre", "capacity"},
	topicRelease:  {"release", "deploy", "rollback", "changefreeze", "canary"},
	topicSocial:   {"lunch", "friday", "teamdrinks", "birthday", "coffee"},
	topicAnnounce: {"announcement", "office", "townhall"},
	topicExternal: {"axes", "govies", "repo"},
	topicHeads:    {"pnl", "budget", "headcount"},
	topicIM:       {"eod", "reports"},
	topicTraders:  {"rates", "curve"},
	topicBatch:    {"eod", "batch", "recon"},
	topicFXChat:   {"fx", "fxoptions"},
	topicWall:     {"macro", "rates", "strategy"},
	topicIncident: {"incident", "postmortem", "bridge"},
}

// lines are the everyday templates, by topic.
var lines = map[topic][]string{
	topicRates: {
		"{rt} {yld} bid, anyone want to lean on it before the auction?",
		"Paid {tenor} at {yld}, {sz} done {e:white_check_mark}",
		"{m} can you refresh the {tenor} swap spread? screen looks stale",
		"<b>Axe:</b> better seller of {rt} in {sz}, will show tight",
		"{rt} cheapening into supply, {bp}bp off the lows",
		"{curve} steepening again {e:chart_with_upwards_trend} {h}",
		"{event} in 20 minutes, keep it tight {e:warning}",
		"{m} {client} asking for a level in {sz} {rt}, can you show?",
		"Done {sz} {rt} at {yld} with {client}",
		"Auction tailed {bp}bp, not great {e:sweat_smile}",
		"<i>FYI</i> risk limits reset at {dt}",
		"{rt} {yld} / {yld2}, {sz} a side",
		"Switched out of {rt} into {tenor} SOFR, PV01 roughly flat",
		"Anyone else seeing the {event} headline? Bear flattening hard {e:eyes}",
		"Who's on the {tenor} sheet this afternoon? {m}?",
		"Marks are in {e:white_check_mark} {m} please sign off",
		"{rt} looks rich vs the curve, {bp}bp on the fly",
		"Position update: long {sz} {rt}, short {sz} {rt}",
		"Expect chop in {rt} with {event} all morning",
		"Took the {tenor} offer, sorry {m}, couldn't wait",
		"Careful in {rt}, liquidity is thin after the fix",
		"{h:rates} recap: bull steepener, front end +{bp}bp, long end flat",
		"{m} did you book the {rt} switch? not seeing it in the blotter",
		"<b>{rt}</b> {yld} mid, {client} still a buyer",
		"Who wants {sz} {rt}? I'm axed to go",
		"Repo on {rt} special again, {bp}bp through GC",
		"Heads up, {event} moved to {dt}",
		"Bid-to-cover 2.4x on the {tenor}, solid {e:ok_hand}",
		"{rt} futures roll is thin today, don't chase it",
		"Can someone check the {curve} box? P&amp;L says we're flat but I doubt it",
	},
	topicFX: {
		"{fx} {px} / {px2}, {sz} in the window",
		"{fx} through {px} {e:rocket}",
		"Fixing flows look heavy in {fx}, about {sz} to sell",
		"{m} your {fx} stop at {px} got triggered",
		"{client} wants {sz} {fx} 1m risk reversal, can you price? {m}",
		"Vol bid in {fx} ahead of {event}",
		"{fx} spot {px}, 1w ATM {vol}",
		"Anyone know why {fx} just dropped {pips} pips? {e:thinking_face}",
		"Filled {sz} {fx} at {px} {e:white_check_mark}",
		"Heads up: {h:boj} headlines hitting {fx}",
		"<b>{fx}</b> flows: real money buying, {sz} so far",
		"London fix in 10, we're net buyers of {sz} {fx}",
		"London fix in 10, we're net sellers of {sz} {fx}",
		"{m} can you cover {fx} while I'm in the meeting?",
		"Big {fx} strike at {px} rolling off at the 10am NY cut",
		"Pinged {client} on the {fx} axe, they'll come back",
		"{fx} 1m vols {vol}, 25d RR flipped to calls",
		"Liquidity in {fx} is awful this morning, spreads {pips} pips wide",
		"Took profit on half the {fx} long at {px} {e:muscle}",
		"{fx} <i>still</i> capped at {px}, third time today",
		"{m} are we still running the {fx} option book overnight?",
		"Sold {sz} {fx} topside at {px}, {h:fxoptions}",
		"Month-end rebalancing looks {fx} negative, per the model",
		"{eq} earnings after the close, watch USD risk on the open",
	},
	topicOps: {
		"Looking at {svc} on {host}, p99 at {ms}ms {e:eyes}",
		"{m} are you on call this week?",
		"Restarted {svc} on {host}, recovering",
		"Dashboard: <a href=\"https://grafana.larkspurcapital.com/d/{svc}\">{svc} overview</a>",
		"Acked {inc}, investigating {h:incident} {e:warning}",
		"Kafka consumer lag on {svc} back under 1k",
		"Disk on {host} at {pct}%, clearing old logs",
		"False alarm, synthetic check flapped {e:sweat_smile}",
		"Can someone on the desk confirm {fx} prices look sane? {m}",
		"{inc} resolved, root cause was a stale config on {host} {h:incident}",
		"Opened <a href=\"https://jira.larkspurcapital.com/browse/{tkt}\">{tkt}</a> to follow up",
		"{svc} GC pauses up to {ms}ms since this morning, raising heap",
		"Failing over {svc} to the DR pair, should be transparent",
		"Certificate on {svc} expires in {n} days, renewal is in the queue",
		"{m} can you check the FIX session to Kestrel? sequence gap reported",
		"{h:oncall} Paging {m}, {svc} is throwing 5xx on {host}",
		"Latency back to normal, {ms}ms p99 {e:white_check_mark}",
		"Postmortem draft for {inc} is up, comments welcome",
		"Silencing the {svc} disk alert for 2h while we resize",
		"Who owns {svc} these days? alert routing still points to the old team",
	},
	topicRelease: {
		"{svc} {ver} is on staging, please test before {dt}",
		"Cutting {svc} {ver} now",
		"{m} can you approve {chg}? it's the {svc} config change",
		"Rolling back {svc} {ver}, error rate up {e:x}",
		"Change freeze starts Friday 18:00 {e:warning}",
		"Release notes: <a href=\"https://git.larkspurcapital.com/platform/{svc}/releases/tag/{ver}\">{svc} {ver}</a>",
		"{svc} {ver} live in prod {e:tada}",
		"Canary looks healthy, {pct}% of traffic on {ver}",
		"Merged the retry fix into {svc}, goes out with {ver}",
		"Anyone object to moving the {svc} deploy to after the London close?",
		"{m} smoke tests on {svc} {ver} are green {e:white_check_mark}",
		"Skipping {svc} this week, the migration isn't ready",
		"Next train: {svc} and {svc2}, CAB at {dt}",
		"{h:changefreeze} reminder: no prod changes during month-end",
		"Feature flag <b>fast-reprice</b> is on for 10% of {fx} quotes",
	},
	topicSocial: {
		"{food} today? {e:bento}",
		"Anyone for coffee? {e:coffee}",
		"Happy birthday {m}! {e:tada}",
		"Drinks at {venue} Friday, who's in? {e:beers}",
		"Going to {food} at 12:30, {m} you coming?",
		"Cake in the kitchen {e:tada}",
		"Lost a blue umbrella near the lifts, anyone? {e:pray}",
		"Reminder: desk photo at 4pm, wear something that isn't grey {e:joy}",
		"{e:pizza} arrived, 5th floor",
		"Who's in the fantasy league this year?",
		"The coffee machine on 6 is fixed {e:raised_hands}",
		"Running to the market, want anything? {e:sandwich}",
		"{m} thanks for the cookies {e:pray}",
		"Quiz night at {venue} on {day}, we need a team name",
		"5-a-side on {day}, we're one short {e:soccer}",
		"It's sunny, lunch outside? {e:sunny}",
	},
	topicAnnounce: {
		"<b>Fire drill</b> tomorrow at 10:30, please leave by the stairs, not the lifts.",
		"Please welcome {M} who joins us from Monday {e:wave}",
		"The office is closed on {day} for the bank holiday. Trading floor cover as usual.",
		"New travel and expenses policy: <a href=\"https://intranet.larkspurcapital.com/policies/expenses\">read it here</a>",
		"Town hall at {dt} in the auditorium and on video. Questions in advance to {M}.",
		"Annual compliance attestations are due by {day}. <a href=\"https://intranet.larkspurcapital.com/compliance\">Start here</a>",
		"Building maintenance Saturday: badge readers offline 08:00 to 12:00.",
		"Congratulations to the rates desk on the auction league table result {e:trophy}",
	},
	topicExternal: {
		"Morning, any interest in {rt} today? We're axed to buy {sz}",
		"Can you show a level in {sz} {rt}?",
		"{yld} for {sz}, firm for 2 minutes",
		"Thanks, done {e:thumbsup}",
		"We'll pass for now, thanks",
		"Settlement instructions updated on our side, please check the SSIs",
		"Will revert after our credit check",
		"Interested in switching {rt} into {rt}, what's your level?",
		"Repo desk here, we can lend {rt} overnight if you need it",
		"Trade confirmed on our side, ref KB-{n4}",
		"Anything in the {tenor} sector this week?",
		"We've got {client} asking, could you do {sz} at {yld}?",
	},
	topicHeads: {
		"P&amp;L flash: FX up, rates flat, nothing unusual",
		"Budget review moved to {day}",
		"Need headcount numbers by Friday please",
		"{m} can we talk about the {svc} outage impact on the desk?",
		"Bonus pool timetable is out, calibration on {day}",
		"Risk wants the VaR limit increase in writing",
		"Interview panel for the swaps role: {m} and me, {day} afternoon",
	},
	topicIM: {
		"Can you send me the EOD risk report when it's out?",
		"Is the {svc} dashboard link still valid?",
		"Can you add {M} to the Rates Desk room?",
		"Any chance you can pull yesterday's {rt} fills?",
		"Morning! Did the overnight batch finish OK?",
		"What's the status of {inc}?",
		"Can you post the marks in the desk room at 4?",
		"Is the feed from {svc} back?",
		"Quick one: who approved {chg}?",
		"Thanks for sorting that {e:pray}",
		"Can you check why I'm not getting the {svc} alerts any more?",
		"Is there a way to get the {rt} fills as a CSV?",
		"Could you remind the desk about the {event} blackout window?",
		"Who do I ask about access to the Kestrel room?",
		"Did the {job} rerun finish?",
		"Any idea why my {fx} blotter is empty this morning?",
		"Can you share last week's release notes in Platform Releases?",
		"Ping me when {chg} is approved please",
	},
	topicTraders: {
		"did you see {rt}? someone's been hitting bids all morning",
		"lunch? I'm starving",
		"{curve} trade is killing me {e:sweat_smile}",
		"boss is in a mood, keep your head down",
		"can you watch my {rt} orders for 10 min?",
		"you still long {tenor}?",
		"{event} is going to be a mess",
		"I owe you a coffee for yesterday {e:coffee}",
	},
	topicBatch: {
		"EOD batch started {e:hourglass}",
		"Positions file from {svc} is late again",
		"Recon breaks: {n}, looking at them now",
		"All breaks explained, signing off {e:white_check_mark}",
		"{m} can you rerun {job}? it picked up the stale prices",
		"{job} done in {n}m, faster than yesterday",
		"SWIFT acks pending for {n} payments, chasing",
		"Rerun of {job} finished {e:white_check_mark}",
	},
	topicFXChat: {
		"{client} asking for {fx} vols again",
		"{m} can you take the {fx} call at 3?",
		"NDF fixing looks off in {fx}, checking",
		"Axes for tomorrow are in the sheet",
		"{fx} 3m straddle {vol}, worth showing?",
	},
	topicIncident: {
		"Joining. What do we know so far?",
		"p99 on {svc} is {ms}ms, normal is 40",
		"Desk reports stale {fx} quotes since 10:09",
		"{m} can you pull the {svc} logs from {host}?",
		"Looks like the config push at 10:05 is the trigger",
		"Rolling back the config on {host}",
		"Quotes are updating again {e:eyes}",
		"Error rate back to baseline {e:white_check_mark}",
		"Keeping the bridge open for 30 min to be safe",
		"Desk confirms prices look good now {e:thumbsup}",
		"Timeline so far is in the incident doc, please add what you saw",
		"{m} please hold any further deploys to {svc}",
		"Customer impact: {n} RFQs rejected, sales is calling them back",
	},
}

// accountLines are what the account's operator writes.
var accountLines = []string{
	"Done {e:white_check_mark}",
	"Report's in your inbox",
	"Will do, give me 5 minutes",
	"Added {e:thumbsup}",
	"Checking now",
	"Batch finished at 06:2{n}, all green",
	"Sent, let me know if anything looks off",
	"On it {e:eyes}",
	"Looks fine from here, {n} minutes behind at most",
	"Not that I know of, checking with {M}",
	"Yes, it's in the usual folder",
	"Done, you should have access now",
	"That one's with {M}, I've pinged them",
	"Rerun finished {e:white_check_mark}",
}

// replies are short answers to an earlier message.
var replies = []string{
	"Agreed", "On it {e:thumbsup}", "+1", "Thanks {m}", "{e:eyes} looking", "Makes sense",
	"Can you double check?", "Done", "Not sure that's right, checking", "{e:joy}", "Same here",
	"ok", "Good catch {e:ok_hand}", "Ha, yes", "Let's discuss after the close", "{e:100}",
	"Will do", "Noted, thanks", "Any update on this?", "Which one? {e:thinking_face}",
}

// wallTitles are the headings of wall posts, by the owner's role.
var wallTitles = map[role][]string{
	roleQuant:        {"Curve views for the week", "Why the front end is mispriced", "Term premium is back", "Notes from the ECB watchers' conference"},
	roleHeadRates:    {"Desk views for the week", "What we learned from the refunding", "Where we see value in the long end"},
	roleHeadPlatform: {"How we cut quote latency in half", "Our incident process, one year on", "Why we moved the FIX engines to Dublin"},
}
