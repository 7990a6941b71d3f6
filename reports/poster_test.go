package reports

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

// posterDoc is the poster the README shows (go test ./reports -update).
var posterDoc = filepath.Join("..", "docs", "join-poster.png")

// TestPosterDecodesToItsLink renders the poster at both sizes and reads its
// QR code back with a QR decoder (gozxing), as a phone's camera would.
func TestPosterDecodesToItsLink(t *testing.T) {
	p := Poster{Unit: "东城街道第一党支部", Link: "https://t.me/sibu_demo_bot?start=k3xq7vbm2ahd9w4p",
		Title: "「四步」工作助手 · 加入二维码", Instruction: "用手机扫码打开，点「开始」，再点「发送我的手机号」即可加入",
		Valid: "有效期至 2026年12月25日", Note: "手机号只用于核对名单，不会公开"}
	for _, size := range []PosterSize{PosterA4, PosterPhone} {
		t.Run(size.Name, func(t *testing.T) {
			data, err := PosterPNG(p, size)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != size.W || b.Dy() != size.H {
				t.Fatalf("size %v, want %dx%d", b, size.W, size.H)
			}
			if got := decodeQR(t, img); got != p.Link {
				t.Errorf("the QR code reads %q, want %q", got, p.Link)
			}
			if size == PosterA4 && *update {
				if err := os.WriteFile(posterDoc, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("no QR code found: %v", err)
	}
	return res.GetText()
}
