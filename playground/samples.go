package playground

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"math"
)

// sampleVoice is the voice note 📎 sends when asked for the sample: about
// six seconds of Mandarin ("这是示例语音：本周走访了三户老人。"), mono
// OGG/Opus like the notes Telegram clients record. Made with
//
//	espeak-ng -v cmn -s 170 -w voice.wav "这是示例语音：本周走访了三户老人。"
//	opusenc --bitrate 12 --downmix-mono voice.wav samples/voice.ogg
//
//go:embed samples/voice.ogg
var sampleVoice []byte

// oggSeconds returns how long an OGG/Opus stream plays, in whole seconds
// rounded up: the last page's granule position (48 kHz samples) less the
// pre-skip of the OpusHead packet. It returns 0 for anything else.
func oggSeconds(data []byte) int {
	var last uint64
	for pos := 0; pos+27 <= len(data); {
		if !bytes.Equal(data[pos:pos+4], []byte("OggS")) {
			return 0
		}
		segs := int(data[pos+26])
		if pos+27+segs > len(data) {
			return 0
		}
		size := 27 + segs
		for _, n := range data[pos+27 : pos+27+segs] {
			size += int(n)
		}
		if g := binary.LittleEndian.Uint64(data[pos+6:]); g != math.MaxUint64 { // -1: no packet ends here
			last = g
		}
		pos += size
	}
	i := bytes.Index(data, []byte("OpusHead"))
	if i < 0 || i+12 > len(data) {
		return 0
	}
	samples := int64(last) - int64(binary.LittleEndian.Uint16(data[i+10:]))
	if samples <= 0 {
		return 0
	}
	return int((samples + 47999) / 48000)
}

// samplePhoto draws the photo 📎 sends when asked for the sample: a house
// with a red flag under a blue sky, as a 960×720 JPEG.
func samplePhoto() []byte {
	const w, h = 960, 720
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	mix := func(a, b color.RGBA, t float64) color.RGBA {
		f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t) }
		return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
	}
	horizon := h * 62 / 100
	for y := range h {
		for x := range w {
			c := mix(color.RGBA{110, 172, 224, 255}, color.RGBA{222, 239, 250, 255}, float64(y)/float64(horizon))
			if y >= horizon {
				c = mix(color.RGBA{124, 184, 90, 255}, color.RGBA{82, 140, 58, 255}, float64(y-horizon)/float64(h-horizon))
			}
			dx, dy := float64(x-790), float64(y-130)
			if dx*dx+dy*dy < 62*62 {
				c = color.RGBA{255, 211, 90, 255} // the sun
			}
			img.SetRGBA(x, y, c)
		}
	}
	fill := func(x0, y0, x1, y1 int, c color.RGBA) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.SetRGBA(x, y, c)
			}
		}
	}
	fill(300, 300, 620, 500, color.RGBA{244, 227, 193, 255}) // the wall
	for y := 170; y < 300; y++ {                             // the roof
		half := (y - 170) * 190 / 130
		fill(460-half, y, 460+half, y+1, color.RGBA{192, 57, 43, 255})
	}
	fill(430, 400, 490, 500, color.RGBA{138, 90, 43, 255})   // the door
	fill(335, 350, 395, 400, color.RGBA{159, 211, 245, 255}) // the windows
	fill(525, 350, 585, 400, color.RGBA{159, 211, 245, 255})
	fill(700, 250, 706, 520, color.RGBA{90, 90, 90, 255})  // the flagpole
	fill(706, 250, 800, 312, color.RGBA{222, 41, 16, 255}) // the flag
	fill(718, 260, 730, 272, color.RGBA{255, 222, 0, 255})
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	return buf.Bytes()
}
