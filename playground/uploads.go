package playground

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/gif" // photos people pick: JPEG, PNG, GIF, WebP
	"image/jpeg"
	_ "image/png"
	"io"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	xdraw "golang.org/x/image/draw"
	_ "golang.org/x/image/webp"

	"github.com/go-telegram/bot/models"
)

// Limits on what a person sends with 📎.
const (
	// maxUpload: the Bot API hands bots files of up to 20 MB (getFile), so a
	// bigger one would be of no use to the bot.
	maxUpload = 20 << 20
	// maxCaption is Telegram's limit on a caption a person sends.
	maxCaption = 1024
	// maxPhotoSide is the longer side of the photo Telegram keeps.
	maxPhotoSide = 1280
	// maxPhotoPixels refuses images that would take too much memory to decode.
	maxPhotoPixels = 50_000_000
)

// attach serves POST /api/chats/{id}/files: the person sends a photo, a
// file or a voice note (📎). The multipart form has kind (photo, document
// or voice), an optional caption (not for voice) and file; without a file,
// a photo or voice note is the sample (samplePhoto, sampleVoice). A photo
// is kept as Telegram keeps one: a JPEG at most 1280 pixels on its longer
// side; a voice note must be OGG/Opus, as Telegram clients record them.
func (s *Server) attach(w http.ResponseWriter, r *http.Request) {
	p, ok := s.person(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			httpError(w, http.StatusRequestEntityTooLarge, "文件超过 20 MB")
			return
		}
		httpError(w, http.StatusBadRequest, "bad multipart form")
		return
	}
	defer r.MultipartForm.RemoveAll()
	caption := strings.TrimSpace(r.FormValue("caption"))
	if utf8.RuneCountInString(caption) > maxCaption {
		httpError(w, http.StatusBadRequest, "说明文字超过 1024 字")
		return
	}
	name, data, err := formFile(r)
	if err != nil {
		httpError(w, http.StatusBadRequest, "bad file")
		return
	}
	var upd models.Update
	switch r.FormValue("kind") {
	case "photo":
		if data == nil {
			data = samplePhoto()
		} else if data, err = asPhoto(data); err != nil {
			httpError(w, http.StatusBadRequest, "这不是图片（"+err.Error()+"），请用「文件」发送")
			return
		}
		upd = s.opt.Emulator.SendPhoto(p.User(), data, caption)
	case "document":
		if data == nil {
			httpError(w, http.StatusBadRequest, "没有选择文件")
			return
		}
		upd = s.opt.Emulator.SendDocument(p.User(), name, data, caption)
	case "voice":
		if data == nil {
			data = sampleVoice
		}
		secs := oggSeconds(data)
		if secs == 0 {
			httpError(w, http.StatusBadRequest, "语音须为 OGG/Opus 格式")
			return
		}
		upd = s.opt.Emulator.SendVoice(p.User(), data, secs)
	default:
		httpError(w, http.StatusBadRequest, `kind must be "photo", "document" or "voice"`)
		return
	}
	writeJSON(w, map[string]any{"message_id": upd.Message.ID})
}

// formFile returns the form's file, with its name as a file name (no
// directories); data is nil when no file was sent.
func formFile(r *http.Request) (string, []byte, error) {
	f, hdr, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return "", nil, err
	}
	name := path.Base(strings.ReplaceAll(hdr.Filename, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		name = "file"
	}
	if data == nil {
		data = []byte{}
	}
	return name, data, nil
}

// asPhoto returns an image as Telegram keeps a photo: a JPEG whose longer
// side is at most maxPhotoSide pixels, transparency over white.
func asPhoto(data []byte) ([]byte, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, errors.New("无法识别的图片格式")
	}
	if cfg.Width*cfg.Height > maxPhotoPixels {
		return nil, fmt.Errorf("%d×%d 像素，太大", cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, errors.New("图片已损坏")
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if long := max(w, h); long > maxPhotoSide {
		w, h = max(1, w*maxPhotoSide/long), max(1, h*maxPhotoSide/long)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Over)
	} else {
		xdraw.BiLinear.Scale(dst, dst.Bounds(), img, b, xdraw.Over, nil)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 87}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
