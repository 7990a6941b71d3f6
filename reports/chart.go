package reports

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"sibu/flows/survey"
)

// ChartOptions tunes ChartPNG and ChartPages. The zero value is ready to use.
type ChartOptions struct {
	// Width is the image width in pixels, rounded to a multiple of 10.
	// Zero means 1080, which stays sharp after Telegram recompresses a
	// photo and is readable on a phone. Values below 540 are raised to 540.
	Width int
	// Subtitle is an optional grey line under the title, e.g.
	// "回收 5390/5500 份（98.0%）· 满意率 98.2%".
	Subtitle string
	// MaxHeight caps the height in pixels of each image made by ChartPages.
	// Zero means 8000, which keeps a 1080-wide image inside Telegram's
	// sendPhoto limits (width + height ≤ 10000, ratio ≤ 20).
	MaxHeight int
}

// Layout is computed in points on a page 720 points wide; the DPI scales it
// to the requested pixel width (720 pt at 108 dpi is 1080 px).
const (
	pageWidth   = 720.0
	margin      = 32.0
	titleSize   = 21.0
	subSize     = 12.5
	headSize    = 15.0
	metaSize    = 11.5
	labelSize   = 13.0
	valueSize   = 12.0
	lineFactor  = 1.45 // line height / font size
	rowHeight   = 32.0 // one option
	barWidth    = 17.0
	sectionGap  = 26.0
	maxLabelPct = 0.42 // widest option label, as a share of the content width

	defaultWidth     = 1080
	minWidth         = 540
	defaultMaxHeight = 8000
)

// Colours of the chart.
var (
	colInk   = color.RGBA{0x1f, 0x23, 0x28, 0xff}
	colGrey  = color.RGBA{0x6a, 0x73, 0x7d, 0xff}
	colRule  = color.RGBA{0xd0, 0xd7, 0xde, 0xff}
	colTrack = color.RGBA{0xee, 0xf1, 0xf4, 0xff}
	colBar   = color.RGBA{0x2f, 0x6f, 0xd6, 0xff}
	colParty = color.RGBA{0xc8, 0x10, 0x2e, 0xff} // title rule
)

// typeName is the question kind shown under each question title.
func typeName(typ string) string {
	switch typ {
	case survey.QRadio:
		return "单选题"
	case survey.QCheckbox:
		return "多选题"
	case survey.QDropdown:
		return "下拉题"
	case survey.QBoolean:
		return "是非题"
	case survey.QRating:
		return "评分题"
	case survey.QText:
		return "填空题"
	case survey.QComment:
		return "简答题"
	case qRanking:
		return "排序题"
	case qMatrix:
		return "矩阵题"
	}
	return "题目"
}

// Question types of the SurveyJS subset that flows does not name yet.
const (
	qRanking = "ranking"
	qMatrix  = "matrix"
)

// ChartPNG draws the results of one questionnaire as a single PNG: the
// title, then for every question its title and a horizontal bar per option
// with the count and the percentage of those who answered that question
// (so a multiple-choice question may add up to more than 100%). The image
// grows taller with the number of questions and options; use ChartPages to
// keep each image within Telegram's photo limits. When no question has an
// answer the image says "暂无答卷".
func ChartPNG(title string, qs []survey.QuestionStats, opt ChartOptions) ([]byte, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	l := newLayout(fs, opt)
	return l.render(title, opt.Subtitle, l.sections(qs))
}

// ChartPages is ChartPNG split into several images, each at most
// opt.MaxHeight pixels tall, for /stats to send as an album. Questions are
// never cut in half (a question taller than the limit gets an image of its
// own); page titles carry "（1/3）" when there is more than one page.
func ChartPages(title string, qs []survey.QuestionStats, opt ChartOptions) ([][]byte, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	l := newLayout(fs, opt)
	maxH := opt.MaxHeight
	if maxH <= 0 {
		maxH = defaultMaxHeight
	}
	pages := l.paginate(title, opt.Subtitle, l.sections(qs), maxH)
	out := make([][]byte, 0, len(pages))
	for i, p := range pages {
		img, err := l.render(pageTitle(title, i+1, len(pages)), opt.Subtitle, p)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		out = append(out, img)
	}
	return out, nil
}

func pageTitle(title string, page, pages int) string {
	if pages <= 1 {
		return title
	}
	return fmt.Sprintf("%s（%d/%d）", title, page, pages)
}

// paginate fills pages with whole sections while the page stays within
// maxPx pixels. It measures with the longest page title the split could
// produce, so the real titles never make a page taller.
func (l *layout) paginate(title, subtitle string, secs []section, maxPx int) [][]section {
	worst := pageTitle(title, len(secs), len(secs))
	var pages [][]section
	var cur []section
	for _, s := range secs {
		if len(cur) > 0 && l.pixels(l.pageHeight(worst, subtitle, append(cur, s))) > maxPx {
			pages = append(pages, cur)
			cur = nil
		}
		cur = append(cur, s)
	}
	return append(pages, cur)
}

// layout measures and draws; it holds the fonts of one call.
type layout struct {
	fs  *fonts
	dpi float64
	px  int // width in pixels
}

func newLayout(fs *fonts, opt ChartOptions) *layout {
	w := opt.Width
	if w == 0 {
		w = defaultWidth
	}
	w = max(w, minWidth)
	dpi := (w + 5) / 10 // 720 pt × dpi/72 = 10 px per dpi
	return &layout{fs: fs, dpi: float64(dpi), px: dpi * 10}
}

func (l *layout) style(size float64, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(l.fs.regular, vg.Length(size)),
		XAlign:  draw.XLeft,
		YAlign:  draw.YTop,
		Handler: l.fs.handler,
	}
}

// section is one question's block, measured before drawing.
type section struct {
	q      survey.QuestionStats
	head   []string // wrapped "n. title" lines
	meta   string
	labels []string // option labels, truncated to fit
	noBars bool     // nothing to draw but the note in meta
	height float64  // points, including the gap below
	noData bool     // the "暂无答卷" placeholder of an empty questionnaire
	// of, when set, is each bar's own denominator (a target, those
	// issued, those due): the bar reads count/of and is full at 100%.
	of []int64
}

const contentWidth = pageWidth - 2*margin

func (l *layout) sections(qs []survey.QuestionStats) []section {
	var answered int64
	for _, q := range qs {
		answered += q.Answered
	}
	if answered == 0 {
		return []section{{noData: true, height: 120}}
	}
	head := l.style(headSize, colInk)
	lab := l.style(labelSize, colInk)
	out := make([]section, 0, len(qs))
	for i, q := range qs {
		s := section{q: q}
		t := q.Title
		if t == "" {
			t = q.Name
		}
		s.head = wrap(head, fmt.Sprintf("%d. %s", i+1, t), contentWidth)
		kind := typeName(q.Type)
		switch {
		case q.Answered == 0:
			s.meta, s.noBars = kind+" · 暂无作答", true
		case len(q.Options) == 0:
			s.meta, s.noBars = fmt.Sprintf("%s · 有效作答 %d 人（内容见导出表格）", kind, q.Answered), true
		default:
			s.meta = fmt.Sprintf("%s · 有效作答 %d 人", kind, q.Answered)
			for _, o := range q.Options {
				s.labels = append(s.labels, truncate(lab, o.Label, contentWidth*maxLabelPct))
			}
		}
		s.height = float64(len(s.head))*headSize*lineFactor + metaSize*lineFactor + sectionGap
		if !s.noBars {
			s.height += float64(len(s.labels))*rowHeight + 6
		}
		out = append(out, s)
	}
	return out
}

func (l *layout) headerHeight(title, subtitle string) float64 {
	h := margin + float64(len(wrap(l.style(titleSize, colInk), title, contentWidth)))*titleSize*lineFactor
	if subtitle != "" {
		h += float64(len(wrap(l.style(subSize, colGrey), subtitle, contentWidth))) * subSize * lineFactor
	}
	return h + 22 // rule and space below it
}

// pageHeight is the height in points of a page holding secs.
func (l *layout) pageHeight(title, subtitle string, secs []section) float64 {
	h := l.headerHeight(title, subtitle) + margin - sectionGap
	for _, s := range secs {
		h += s.height
	}
	return h
}

// pixels converts a height in points to whole pixels.
func (l *layout) pixels(pt float64) int { return int(math.Ceil(pt * l.dpi / 72)) }

func (l *layout) render(title, subtitle string, secs []section) ([]byte, error) {
	hpt := float64(l.pixels(l.pageHeight(title, subtitle, secs))) * 72 / l.dpi // whole pixels
	c := vgimg.NewWith(
		vgimg.UseWH(vg.Length(pageWidth), vg.Length(hpt)),
		vgimg.UseDPI(int(l.dpi)),
		vgimg.UseBackgroundColor(color.White),
	)
	dc := draw.New(c)
	labelCol := l.labelColumn(secs)

	y := hpt - margin // drawing cursor, from the top; vg's origin is bottom left
	y = l.lines(dc, l.style(titleSize, colInk), title, y)
	if subtitle != "" {
		y = l.lines(dc, l.style(subSize, colGrey), subtitle, y)
	}
	y -= 8
	dc.StrokeLine2(draw.LineStyle{Color: colParty, Width: 2}, margin, vg.Length(y), margin+contentWidth, vg.Length(y))
	y -= 14

	for i, s := range secs {
		if s.noData {
			st := l.style(18, colGrey)
			st.XAlign = draw.XCenter
			dc.FillText(st, vg.Point{X: pageWidth / 2, Y: vg.Length(y - 40)}, "暂无答卷")
			continue
		}
		if i > 0 {
			dc.StrokeLine2(draw.LineStyle{Color: colRule, Width: 0.6}, margin, vg.Length(y+sectionGap/2), margin+contentWidth, vg.Length(y+sectionGap/2))
		}
		for _, ln := range s.head {
			dc.FillText(l.style(headSize, colInk), vg.Point{X: margin, Y: vg.Length(y)}, ln)
			y -= headSize * lineFactor
		}
		dc.FillText(l.style(metaSize, colGrey), vg.Point{X: margin, Y: vg.Length(y)}, s.meta)
		y -= metaSize * lineFactor
		if !s.noBars {
			h := float64(len(s.labels))*rowHeight + 6
			if err := l.bars(dc, s, y-h, y, labelCol); err != nil {
				return nil, fmt.Errorf("question %s: %w", s.q.Name, err)
			}
			y -= h
		}
		y -= sectionGap
	}

	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}

// lines draws txt wrapped to the content width from top y and returns the
// y below it.
func (l *layout) lines(dc draw.Canvas, st text.Style, txt string, y float64) float64 {
	for _, ln := range wrap(st, txt, contentWidth) {
		dc.FillText(st, vg.Point{X: margin, Y: vg.Length(y)}, ln)
		y -= float64(st.Font.Size) * lineFactor
	}
	return y
}

// labelColumn is the width of the option label column shared by all
// questions, so that every bar starts at the same x.
func (l *layout) labelColumn(secs []section) float64 {
	st := l.style(labelSize, colInk)
	w := 0.0
	for _, s := range secs {
		for _, lb := range s.labels {
			w = max(w, float64(st.Width(lb)))
		}
	}
	return w
}

// bars draws one question's bar chart with gonum/plot into the band
// between bottom and top: a grey track for 100%, the bar for the share of
// respondents, and "count  percent" after the bar. The option labels are
// drawn left of the plot in a column of width labelCol, at the rows the
// plot's own transform puts the bars on.
func (l *layout) bars(dc draw.Canvas, s section, bottom, top, labelCol float64) error {
	const gap = 12.0 // between label and bar
	n := len(s.labels)
	pcts := make(plotter.Values, n)
	track := make(plotter.Values, n)
	xys := make(plotter.XYs, n)
	vals := make([]string, n)
	for i, o := range s.q.Options {
		p := 0.0
		if s.q.Answered > 0 {
			p = 100 * float64(o.Count) / float64(s.q.Answered)
		}
		vals[i] = fmt.Sprintf("%d  %s", o.Count, percent(p))
		if len(s.of) == n {
			p, vals[i] = ofBar(o.Count, s.of[i])
		}
		pcts[i], track[i] = p, 100
		xys[i] = plotter.XY{X: 100, Y: float64(i)}
	}

	p := plot.New()
	p.BackgroundColor = nil
	// Every text style must name the embedded face: the cache falls back
	// to its default only by typeface, and plot.New picks Liberation Serif.
	p.TextHandler = l.fs.handler
	for _, st := range []*text.Style{&p.Title.TextStyle, &p.Legend.TextStyle,
		&p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label} {
		st.Handler, st.Font = l.fs.handler, font.From(l.fs.regular, st.Font.Size)
	}
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0

	bg, err := plotter.NewBarChart(track, barWidth)
	if err != nil {
		return err
	}
	bg.Horizontal, bg.Color, bg.LineStyle.Width = true, colTrack, 0
	fg, err := plotter.NewBarChart(pcts, barWidth)
	if err != nil {
		return err
	}
	fg.Horizontal, fg.Color, fg.LineStyle.Width = true, colBar, 0
	lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: vals})
	if err != nil {
		return err
	}
	for i := range lbl.TextStyle {
		st := l.style(valueSize, colGrey)
		st.YAlign = draw.YCenter
		lbl.TextStyle[i] = st
	}
	lbl.Offset = vg.Point{X: 8}
	p.Add(bg, fg, lbl)
	p.X.Min, p.X.Max = 0, 100
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.Y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}} // first option on top

	area := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: vg.Length(margin + labelCol + gap), Y: vg.Length(bottom)},
		Max: vg.Point{X: margin + contentWidth, Y: vg.Length(top)},
	}}
	p.Draw(area)

	data := p.DataCanvas(area)
	_, trY := p.Transforms(&data)
	st := l.style(labelSize, colInk)
	st.XAlign, st.YAlign = draw.XRight, draw.YCenter
	for i, lb := range s.labels {
		dc.FillText(st, vg.Point{X: data.Min.X - gap, Y: trY(float64(i))}, lb)
	}
	return nil
}

// ofBar is a bar against its own denominator: its length (at most full)
// and its label "count/of  pct" ("count/—" without a denominator).
func ofBar(count, of int64) (float64, string) {
	if of <= 0 {
		return 0, fmt.Sprintf("%d/—", count)
	}
	p := 100 * float64(count) / float64(of)
	return min(p, 100), fmt.Sprintf("%d/%d  %s", count, of, percent(p))
}

// percent formats p (0..100) with one decimal; 0 and 100 stay whole.
func percent(p float64) string {
	if p == 0 || p == 100 {
		return fmt.Sprintf("%.0f%%", p)
	}
	return fmt.Sprintf("%.1f%%", p)
}

// wrap breaks txt into lines no wider than w points, preferring to break
// after a space or CJK punctuation but breaking anywhere when it must
// (Chinese has no spaces). Existing newlines are kept.
func wrap(st text.Style, txt string, w float64) []string {
	var out []string
	for _, para := range strings.Split(txt, "\n") {
		rs := []rune(para)
		for len(rs) > 0 {
			n := fitRunes(st, rs, w)
			if n < len(rs) {
				for k := n; k > n*2/3; k-- { // a nicer break near the end
					if breakAfter(rs[k-1]) {
						n = k
						break
					}
				}
			}
			out = append(out, strings.TrimRight(string(rs[:n]), " "))
			rs = rs[n:]
			for len(rs) > 0 && rs[0] == ' ' {
				rs = rs[1:]
			}
		}
		if len(para) == 0 {
			out = append(out, "")
		}
	}
	return out
}

// fitRunes returns how many leading runes of rs fit in w points (at least
// one, so wrapping always progresses).
func fitRunes(st text.Style, rs []rune, w float64) int {
	if float64(st.Width(string(rs))) <= w {
		return len(rs)
	}
	lo, hi := 1, len(rs) // rs[:lo] fits or lo==1; rs[:hi] does not fit
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if float64(st.Width(string(rs[:mid]))) <= w {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

func breakAfter(r rune) bool {
	return strings.ContainsRune(" ，。、；：？！）,.;:?!)/-", r)
}

// truncate shortens s to fit w points, ending it with "…" when cut.
func truncate(st text.Style, s string, w float64) string {
	s = strings.Join(strings.Fields(s), " ") // one line
	if float64(st.Width(s)) <= w {
		return s
	}
	rs := []rune(s)
	n := fitRunes(st, rs, w-float64(st.Width("…")))
	return strings.TrimRight(string(rs[:n]), " ") + "…"
}
