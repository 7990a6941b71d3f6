package reports

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	qrcode "github.com/skip2/go-qrcode"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Poster is what a unit's join poster says: the unit, a one-line
// instruction, the QR code of the t.me link, the link itself and how long
// it is valid. It is printed for the branch's meeting room or shared in
// its group chats.
type Poster struct {
	Unit        string
	Link        string
	Instruction string
	Valid       string // "有效期至 2026年12月25日"
	Title       string // the line under the unit's name
	Note        string // the small print at the bottom
}

// PosterSize is a poster's size in pixels.
type PosterSize struct {
	Name string
	W, H int
}

// Poster sizes: A4 at 150 dpi (print-ready), and a phone screen.
var (
	PosterA4    = PosterSize{Name: "A4", W: 1240, H: 1754}
	PosterPhone = PosterSize{Name: "手机", W: 1080, H: 1920}
)

// posterRed is the band behind the unit's name.
var posterRed = color.RGBA{0xC8, 0x10, 0x2E, 0xFF}

// PosterPNG draws p at size: a red band with the unit's name, the title,
// the QR code of the link (error correction M, drawn module by module so
// it stays sharp in print), the instruction, the link and its validity,
// in the embedded WenQuanYi font.
func PosterPNG(p Poster, size PosterSize) ([]byte, error) {
	f, err := opentype.Parse(wqyMicroHei)
	if err != nil {
		return nil, fmt.Errorf("poster: parse embedded font: %w", err)
	}
	q, err := qrcode.New(p.Link, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("poster: qr code: %w", err)
	}
	w, h := size.W, size.H
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	band := h * 15 / 100
	draw.Draw(img, image.Rect(0, 0, w, band), image.NewUniform(posterRed), image.Point{}, draw.Src)
	pt := posterText{img: img, font: f, w: w}
	if err := pt.line(p.Unit, w/12, band*62/100, color.White); err != nil {
		return nil, err
	}
	if err := pt.line(p.Title, w/26, band+h*5/100, color.RGBA{0x33, 0x33, 0x33, 0xFF}); err != nil {
		return nil, err
	}
	side := drawQR(img, q.Bitmap(), w*62/100, band+h*8/100)
	y := band + h*8/100 + side + h*5/100
	for _, l := range []struct {
		text string
		px   int
		gap  int
		c    color.Color
	}{
		{p.Instruction, w / 24, h * 5 / 100, color.Black},
		{p.Link, w / 40, h * 4 / 100, color.RGBA{0x55, 0x55, 0x55, 0xFF}},
		{p.Valid, w / 40, h * 4 / 100, color.RGBA{0x55, 0x55, 0x55, 0xFF}},
		{p.Note, w / 48, 0, color.RGBA{0x88, 0x88, 0x88, 0xFF}},
	} {
		if err := pt.line(l.text, l.px, y, l.c); err != nil {
			return nil, err
		}
		y += l.gap
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("poster: png: %w", err)
	}
	return buf.Bytes(), nil
}

// drawQR draws the code's modules (its quiet zone included) as a square of
// about side pixels centred at top, and returns the side drawn.
func drawQR(img *image.RGBA, bits [][]bool, side, top int) int {
	n := len(bits)
	module := max(1, side/n)
	side = module * n
	left := (img.Bounds().Dx() - side) / 2
	for y, row := range bits {
		for x, black := range row {
			if black {
				r := image.Rect(left+x*module, top+y*module, left+(x+1)*module, top+(y+1)*module)
				draw.Draw(img, r, image.Black, image.Point{}, draw.Src)
			}
		}
	}
	return side
}

// posterText draws centred lines on a poster.
type posterText struct {
	img  *image.RGBA
	font *opentype.Font
	w    int
}

// line draws text centred with its baseline at y, at px pixels, smaller
// when it would not fit in 90% of the width.
func (pt posterText) line(text string, px, y int, c color.Color) error {
	if text == "" {
		return nil
	}
	for ; ; px = px * 9 / 10 {
		face, err := opentype.NewFace(pt.font, &opentype.FaceOptions{Size: float64(px), DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return fmt.Errorf("poster: font face: %w", err)
		}
		width := font.MeasureString(face, text).Ceil()
		if width > pt.w*9/10 && px > 12 {
			face.Close()
			continue
		}
		d := font.Drawer{Dst: pt.img, Src: image.NewUniform(c), Face: face, Dot: fixed.P((pt.w-width)/2, y)}
		d.DrawString(text)
		return face.Close()
	}
}
