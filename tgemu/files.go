package tgemu

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/gif" // register decoders for photo dimensions
	_ "image/jpeg"
	_ "image/png"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/go-telegram/bot/models"
)

// maxDownload is the size of the biggest file getFile hands out.
const maxDownload = 20 << 20

// storedFile is a file known to the emulated Telegram servers.
type storedFile struct {
	id, uniqueID  string
	kind          string // photo, document, voice, sticker
	name, mime    string
	path          string // file_path for getFile and downloads
	data          []byte
	width, height int
	duration      int
	emoji         string
}

// fileIDPrefix mimics the type tag at the start of Telegram file ids.
func fileIDPrefix(kind string) string {
	switch kind {
	case "photo":
		return "AgAC"
	case "voice":
		return "AwAC"
	case "sticker":
		return "CAAC"
	}
	return "BQAC"
}

// newFile stores a file and gives it ids. Must hold s.mu.
func (s *Server) newFile(kind, name, mimeType string, data []byte) *storedFile {
	s.nextFile++
	n := s.nextFile
	f := &storedFile{
		id:       fmt.Sprintf("%sAgIAAxkBAAEmu%08d", fileIDPrefix(kind), n),
		uniqueID: fmt.Sprintf("AQAD%08d", n),
		kind:     kind,
		name:     name,
		mime:     mimeType,
		data:     data,
	}
	ext := path.Ext(name)
	switch kind {
	case "photo":
		ext = ".jpg"
	case "voice":
		ext = ".oga"
	case "sticker":
		ext = ".webp"
	}
	dir := map[string]string{"photo": "photos", "document": "documents", "voice": "voice", "sticker": "stickers"}[kind]
	f.path = fmt.Sprintf("%s/file_%d%s", dir, n, ext)
	s.files[f.id] = f
	s.filePaths[f.path] = f
	return f
}

// attach puts the file into a message as its media.
func (f *storedFile) attach(m *models.Message) {
	switch f.kind {
	case "photo":
		m.Photo = []models.PhotoSize{{FileID: f.id, FileUniqueID: f.uniqueID, Width: f.width, Height: f.height, FileSize: len(f.data)}}
	case "document":
		m.Document = &models.Document{FileID: f.id, FileUniqueID: f.uniqueID, FileName: f.name, MimeType: f.mime, FileSize: int64(len(f.data))}
	case "voice":
		m.Voice = &models.Voice{FileID: f.id, FileUniqueID: f.uniqueID, Duration: f.duration, MimeType: "audio/ogg", FileSize: int64(len(f.data))}
	case "audio":
		m.Audio = &models.Audio{FileID: f.id, FileUniqueID: f.uniqueID, Duration: f.duration, FileName: f.name, MimeType: f.mime, FileSize: int64(len(f.data))}
	case "video":
		m.Video = &models.Video{FileID: f.id, FileUniqueID: f.uniqueID, Duration: f.duration, Width: 640, Height: 360, FileName: f.name, MimeType: f.mime, FileSize: int64(len(f.data))}
	case "sticker":
		m.Sticker = &models.Sticker{FileID: f.id, FileUniqueID: f.uniqueID, Type: "regular", Width: 512, Height: 512, Emoji: f.emoji, FileSize: len(f.data)}
	}
}

// inputFile resolves an InputFile parameter: an uploaded part, a file_id or
// an HTTP URL. Must hold s.mu.
func (s *Server) inputFile(r *request, field, kind string) (*storedFile, *APIError) {
	up := r.files[field]
	v := r.str(field)
	if name, ok := strings.CutPrefix(v, "attach://"); ok {
		up = r.files[name]
	}
	if up != nil && (v == "" || strings.HasPrefix(v, "attach://")) {
		return s.uploadedFile(up, kind)
	}
	if strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
		s.warnf("%s: tgemu does not download %s; a placeholder file is used", r.method, v)
		name := path.Base(v)
		return s.newFile(kind, name, mime.TypeByExtension(path.Ext(name)), nil), nil
	}
	f := s.files[v]
	if f == nil {
		return nil, BadRequest("wrong file identifier/HTTP URL specified")
	}
	// Telegram sends a file_id again only with the method of its kind
	// ("can't use file of type Voice as Document").
	if f.kind != kind {
		return nil, BadRequest("type of file mismatch")
	}
	return f, nil
}

// uploadedFile stores a multipart upload. Must hold s.mu.
func (s *Server) uploadedFile(up *upload, kind string) (*storedFile, *APIError) {
	if len(up.data) == 0 {
		return nil, violation("Bad Request: file must be non-empty")
	}
	mimeType := detectMIME(up.filename, up.data)
	var w, h int
	if kind == "photo" {
		if len(up.data) > 10<<20 {
			return nil, violation("Bad Request: PHOTO_INVALID_DIMENSIONS: photos are limited to 10 MB")
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(up.data))
		switch {
		case err == nil:
			w, h = cfg.Width, cfg.Height
		case len(up.data) > 12 && string(up.data[0:4]) == "RIFF" && string(up.data[8:12]) == "WEBP":
		default:
			return nil, violation("Bad Request: IMAGE_PROCESS_FAILED")
		}
		if w+h > 10000 {
			return nil, violation("Bad Request: PHOTO_INVALID_DIMENSIONS")
		}
	}
	f := s.newFile(kind, up.filename, mimeType, up.data)
	f.width, f.height = w, h
	return f, nil
}

// detectMIME guesses a MIME type from a file name, else from the content.
func detectMIME(name string, data []byte) string {
	t := mime.TypeByExtension(path.Ext(name))
	if t == "" {
		t = http.DetectContentType(data)
	}
	t, _, _ = strings.Cut(t, ";")
	return t
}

// getFile answers the File of a file_id, with the path to download it from.
func (s *Server) getFile(_ context.Context, r *request) (any, *APIError) {
	f := s.files[r.str("file_id")]
	if f == nil {
		return nil, BadRequest("invalid file_id")
	}
	if len(f.data) > maxDownload {
		return nil, BadRequest("file is too big")
	}
	return models.File{FileID: f.id, FileUniqueID: f.uniqueID, FileSize: int64(len(f.data)), FilePath: f.path}, nil
}

// serveFile serves /file/bot{token}/{file_path}.
func (s *Server) serveFile(w http.ResponseWriter, _ *http.Request, rest string) {
	token, filePath, ok := strings.Cut(rest, "/")
	if !ok || !s.tokenOK(token) {
		writeAPI(w, nil, errUnauthorized())
		return
	}
	s.mu.Lock()
	f := s.filePaths[filePath]
	s.mu.Unlock()
	if f == nil {
		writeAPI(w, nil, errNotFound())
		return
	}
	ct := f.mime
	if ct == "" {
		ct = http.DetectContentType(f.data)
	}
	w.Header().Set("Content-Type", ct)
	_, _ = w.Write(f.data)
}

// FileData returns the bytes of a file by file_id, uploaded by the bot or a
// user.
func (s *Server) FileData(fileID string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[fileID]
	if f == nil {
		return nil, false
	}
	return f.data, true
}

// FileInfo is a stored file as a client would show it.
type FileInfo struct {
	ID       string
	Kind     string // photo, document, voice, sticker
	Name     string // the upload's file name; "" when the sender gave none
	MIMEType string
	Data     []byte
}

// File returns a file by file_id with its name and MIME type, for a client
// that lets people download what the bot sent (a web playground).
func (s *Server) File(fileID string) (FileInfo, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[fileID]
	if f == nil {
		return FileInfo{}, false
	}
	return FileInfo{ID: f.id, Kind: f.kind, Name: f.name, MIMEType: f.mime, Data: f.data}, true
}
