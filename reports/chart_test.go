package reports

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"sibu/flows/survey"
)

var update = flag.Bool("update", false, "rewrite testdata/sample.png")

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("png.Decode: %v", err)
	}
	return img
}

// inked counts pixels in r that are clearly darker than the white
// background.
func inked(img image.Image, r image.Rectangle) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			if g.Y < 200 {
				n++
			}
		}
	}
	return n
}

func TestChartPNG(t *testing.T) {
	tests := []struct {
		name           string
		qs             []survey.QuestionStats
		opt            ChartOptions
		wantW          int
		minH, maxH     int
		wantNoDataText bool
	}{
		{name: "sample", qs: testStats(), opt: ChartOptions{Subtitle: "回收 5500/5600 份（98.2%）· 满意率 98.0%"},
			wantW: 1080, minH: 1200, maxH: 4000},
		{name: "empty", qs: nil, wantW: 1080, minH: 200, maxH: 600, wantNoDataText: true},
		{name: "no answers yet", qs: []survey.QuestionStats{{Name: "q", Title: "题", Type: survey.QRadio}},
			wantW: 1080, minH: 200, maxH: 600, wantNoDataText: true},
		{name: "narrow", qs: testStats()[:1], opt: ChartOptions{Width: 720}, wantW: 720, minH: 200, maxH: 900},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := ChartPNG("换届工作满意度调查", tt.qs, tt.opt)
			if err != nil {
				t.Fatalf("ChartPNG: %v", err)
			}
			img := decodePNG(t, b)
			w, h := img.Bounds().Dx(), img.Bounds().Dy()
			if w != tt.wantW || h < tt.minH || h > tt.maxH {
				t.Errorf("size = %d×%d, want width %d and height in [%d, %d]", w, h, tt.wantW, tt.minH, tt.maxH)
			}
			title := image.Rect(0, 0, w, w/12) // the title line sits in the top band
			if n := inked(img, title); n < 500 {
				t.Errorf("title area has %d inked pixels, want the title drawn", n)
			}
			if tt.name == "sample" {
				if n := inked(img, image.Rect(0, h/3, w, 2*h/3)); n < 5000 {
					t.Errorf("middle of the chart has %d inked pixels, want bars and labels", n)
				}
				if *update {
					if err := os.WriteFile(filepath.Join("testdata", "sample.png"), b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			if dir := os.Getenv("REPORTS_PNG_DIR"); dir != "" { // to look at them
				_ = os.WriteFile(filepath.Join(dir, filepath.Base(t.Name())+".png"), b, 0o644)
			}
		})
	}
}

func TestPaginate(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	l := newLayout(fs, ChartOptions{})
	var qs []survey.QuestionStats
	for range 8 {
		qs = append(qs, testStats()...)
	}
	huge := survey.QuestionStats{Name: "big", Title: "很多选项", Type: survey.QRadio, Answered: 1}
	for i := range 60 {
		huge.Options = append(huge.Options, oc(fmt.Sprintf("选项%d", i+1), 1))
	}
	tests := []struct {
		name      string
		qs        []survey.QuestionStats
		maxPx     int
		wantPages int // 0: more than one, count not pinned
	}{
		{name: "fits one page", qs: testStats(), maxPx: defaultMaxHeight, wantPages: 1},
		{name: "telegram limit splits", qs: qs, maxPx: defaultMaxHeight},
		{name: "small limit", qs: qs, maxPx: 1200},
		{name: "oversized question alone", qs: []survey.QuestionStats{testStats()[0], huge, testStats()[1]}, maxPx: 1000, wantPages: 3},
		{name: "no answers", qs: nil, maxPx: 1000, wantPages: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secs := l.sections(tt.qs)
			pages := l.paginate("换届工作满意度调查", "回收 5500 份", secs, tt.maxPx)
			if tt.wantPages > 0 && len(pages) != tt.wantPages || tt.wantPages == 0 && len(pages) < 2 {
				t.Fatalf("got %d pages, want %d (0: several)", len(pages), tt.wantPages)
			}
			n := 0
			for i, p := range pages {
				n += len(p)
				h := l.pixels(l.pageHeight(pageTitle("换届工作满意度调查", i+1, len(pages)), "回收 5500 份", p))
				if h > tt.maxPx && len(p) > 1 {
					t.Errorf("page %d is %d px with %d questions, over %d", i+1, h, len(p), tt.maxPx)
				}
				if h+l.px > 10000 && len(p) > 1 {
					t.Errorf("page %d is %d×%d, over Telegram's width + height ≤ 10000", i+1, l.px, h)
				}
			}
			if n != len(secs) {
				t.Errorf("pages hold %d questions, want %d", n, len(secs))
			}
		})
	}
}

func TestChartPages(t *testing.T) {
	qs := append(testStats(), testStats()...)
	const maxPx = 700
	pages, err := ChartPages("换届工作满意度调查", qs, ChartOptions{Width: 540, MaxHeight: maxPx})
	if err != nil {
		t.Fatalf("ChartPages: %v", err)
	}
	if len(pages) < 3 {
		t.Errorf("got %d pages, want at least 3", len(pages))
	}
	for i, p := range pages {
		b := decodePNG(t, p).Bounds()
		if b.Dx() != 540 || b.Dy() > maxPx {
			t.Errorf("page %d is %d×%d, want 540 wide and at most %d tall", i+1, b.Dx(), b.Dy(), maxPx)
		}
	}
}

// TestFontRendersChinese checks that the embedded font maps CJK text to
// real glyphs and that they are drawn as shapes, not as the .notdef box
// ("tofu") a font without them would show.
func TestFontRendersChinese(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, r := range "满意率暂无答卷0123456789%…—（）：、ABCxyz" {
		if g, err := fs.face.GlyphIndex(&buf, r); err != nil || g == 0 {
			t.Errorf("glyph for %q = %d, %v; want a real glyph", r, g, err)
		}
	}

	face, err := opentype.NewFace(fs.face, &opentype.FaceOptions{Size: 48, DPI: 72, Hinting: xfont.HintingNone})
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	render := func(s string) *image.Gray {
		img := image.NewGray(image.Rect(0, 0, 120, 64))
		draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
		d := xfont.Drawer{Dst: img, Src: image.Black, Face: face, Dot: fixed.P(4, 52)}
		d.DrawString(s)
		return img
	}
	tofu := render("\U0010FFFD") // private use: no font has it, so .notdef
	tests := []struct{ name, s string }{{"man", "满"}, {"yi", "意"}, {"lv", "率"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := render(tt.s)
			if n := inked(img, img.Bounds()); n < 100 {
				t.Errorf("%s drew %d inked pixels, want a glyph", tt.s, n)
			}
			if bytes.Equal(img.Pix, tofu.Pix) {
				t.Errorf("%s renders the same as a missing glyph", tt.s)
			}
		})
	}
	if a, b := render("满"), render("意"); bytes.Equal(a.Pix, b.Pix) {
		t.Error("满 and 意 render identically; glyphs are not distinct")
	}
}

func TestWrapAndTruncate(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	l := newLayout(fs, ChartOptions{})
	st := l.style(labelSize, colInk)
	long := "党员干部现代远程教育终端站点及乡镇（街道）党校集中培训"
	tests := []struct {
		name      string
		in        string
		width     float64
		wantLines int // for wrap; 0 means at least 2
		wantCut   bool
	}{
		{name: "short fits", in: "满意", width: 300, wantLines: 1},
		{name: "long wraps", in: long, width: 120},
		{name: "newline kept", in: "一\n二", width: 300, wantLines: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := wrap(st, tt.in, tt.width)
			if tt.wantLines > 0 && len(lines) != tt.wantLines || tt.wantLines == 0 && len(lines) < 2 {
				t.Errorf("wrap(%q) = %q", tt.in, lines)
			}
			for _, ln := range lines {
				if w := float64(st.Width(ln)); w > tt.width {
					t.Errorf("line %q is %.0f pt wide, over %.0f", ln, w, tt.width)
				}
			}
		})
	}
	if got := truncate(st, long, 120); float64(st.Width(got)) > 120 || []rune(got)[len([]rune(got))-1] != '…' {
		t.Errorf("truncate = %q (%.0f pt), want ≤ 120 pt ending in …", got, float64(st.Width(got)))
	}
	if got := truncate(st, "满意", 120); got != "满意" {
		t.Errorf("truncate(满意) = %q, want it unchanged", got)
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{{0, "0%"}, {100, "100%"}, {98.0, "98.0%"}, {97.99, "98.0%"}, {99.96, "100.0%"}, {33.333, "33.3%"}}
	for _, tt := range tests {
		if got := percent(tt.in); got != tt.want {
			t.Errorf("percent(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
