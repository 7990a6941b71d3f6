package reports

import (
	_ "embed"
	"fmt"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
)

// wqyMicroHei is WenQuanYi Micro Hei (Apache-2.0), face 0 of Debian's
// fonts-wqy-microhei TTC re-packed as a plain TTF by fonts/ttc2ttf.go. It
// holds Latin, digits and punctuation as well as CJK, which matters because
// gonum/plot draws each string with a single face and has no fallback.
//
//go:embed fonts/wqy-microhei.ttf
var wqyMicroHei []byte

// typeface names the embedded font in the font cache.
const typeface font.Typeface = "WenQuanYi Micro Hei"

// fonts is the embedded face loaded into a gonum/plot font cache, with the
// text handler that draws through it.
type fonts struct {
	face    *opentype.Font
	handler text.Plain
	regular font.Font
}

// loadFonts parses the embedded font. Parsing takes well under a
// millisecond (sfnt reads tables lazily), so every call gets its own cache
// and the package keeps no global state.
func loadFonts() (*fonts, error) {
	f, err := opentype.Parse(wqyMicroHei)
	if err != nil {
		return nil, fmt.Errorf("parse embedded font: %w", err)
	}
	regular := font.Font{Typeface: typeface}
	cache := font.NewCache(font.Collection{{Font: regular, Face: f}})
	return &fonts{face: f, handler: text.Plain{Fonts: cache}, regular: regular}, nil
}
